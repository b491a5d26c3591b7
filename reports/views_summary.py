"""The secretariat's draft of a period's report
(/cum/<cụm>/<năm>/van-ban/bao-cao/<kỳ>/soan/): the sections as composed from the data or as
edited, one section's edit page, putting a section back to the composed text, and its
history. Only the secretariat of the year (``reports.prepare_documents``); 404 otherwise."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from cluster.converters import period_slug
from cluster.mixins import add_service_errors

from . import selectors, services_summary
from .forms import SummarySectionForm
from .kinds import synthesis
from .kinds.summary import composed_sections, section_title, subject_of
from .models import SummarySection
from .views import PeriodMixin, YearMixin


class SummaryMixin(PeriodMixin, YearMixin):
    permission_required = "reports.prepare_documents"

    def load_objects(self) -> None:
        self.period = self.get_target()
        if self.period is None:
            raise Http404("Không tìm thấy kỳ báo cáo.")

    def section_key(self) -> str:
        key = self.kwargs.get("section", "")
        if key not in SummarySection.Key.values:
            raise Http404("Không có mục này trong báo cáo.")
        return key

    def title_of(self, key: str) -> str:
        return section_title(key, self.period.kind, self.period.year)

    def url(self, name: str, *args) -> str:
        return reverse(f"reports:{name}", args=[self.cluster.slug, self.year,
                                                period_slug(self.period.kind), *args])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = subject_of(self.period.kind, self.period.year)
        context.update(cluster=self.cluster, year=self.year, period=self.period,
                       slug=period_slug(self.period.kind),
                       report_title=f"Báo cáo {subject[:1].lower()}{subject[1:]}")
        return context


class SummaryDraftView(SummaryMixin, TemplateView):
    """Every section of the draft as it will print, whether edited or composed from today's
    data, with links to edit each; the draft's files and the issue form."""

    template_name = "reports/summary_draft.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.summary_sections(period=self.period)
        composed = (composed_sections(self.period, day=timezone.localdate())
                    if len(rows) < len(SummarySection.Key.values) else {})
        sections = []
        for key in SummarySection.Key.values:
            row = rows.get(key)
            text = row.text if row is not None else composed[key]
            sections.append({"key": key, "title": self.title_of(key), "row": row,
                             "blocks": synthesis.text_blocks(text)})
        context.update(sections=sections, started=bool(rows))
        return context

    def post(self, request, *args, **kwargs):
        try:
            services_summary.summary_draft_start(period=self.period, acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Đã bắt đầu soạn dự thảo: nội dung tổng hợp từ số liệu "
                                        "hôm nay được giữ lại để chỉnh sửa."))
        return redirect(self.url("summary-draft"))


class SummarySectionView(SummaryMixin, TemplateView):
    """Edit one section. A save refused because someone saved meanwhile keeps the text typed
    in the box, shows the newest saved text beside it, and takes the newest version, so that
    the next save is a deliberate one."""

    template_name = "reports/summary_section.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.section_key()
        row = selectors.summary_sections(period=self.period).get(key)
        form = kwargs.get("form")
        if form is None:
            text = row.text if row is not None else composed_sections(
                self.period, day=timezone.localdate())[key]
            form = SummarySectionForm(initial={"text": text,
                                               "version": row.version if row else 0})
        context.update(key=key, title=self.title_of(key), row=row, form=form,
                       latest=kwargs.get("latest"))
        return context

    def post(self, request, *args, **kwargs):
        key = self.section_key()
        form = SummarySectionForm(request.POST)
        if form.is_valid():
            try:
                services_summary.summary_section_save(
                    period=self.period, key=key, text=form.cleaned_data["text"],
                    expected_version=form.cleaned_data["version"], acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
                latest = selectors.summary_sections(period=self.period).get(key)
                if latest is not None:  # the next save overwrites knowingly
                    data = form.data.copy()
                    data["version"] = str(latest.version)
                    form.data = data
                return self.render_to_response(
                    self.get_context_data(form=form, latest=latest), status=400)
            messages.success(request, _("Đã lưu mục “%(title)s”.") % {"title": self.title_of(key)})
            return redirect(self.url("summary-draft") + f"#muc-{key}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SummarySectionResetView(SummaryMixin, View):
    """Put the section back to the text composed from today's data (the edits stay in the
    history)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        key = self.section_key()
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            services_summary.summary_section_reset(period=self.period, key=key,
                                                   expected_version=version,
                                                   acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Đã đặt lại mục “%(title)s” theo nội dung tổng hợp từ "
                                        "số liệu.") % {"title": self.title_of(key)})
        return redirect(self.url("summary-section", key))


class SummarySectionHistoryView(SummaryMixin, TemplateView):
    template_name = "reports/summary_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.section_key()
        versions = [{"row": row, "blocks": synthesis.text_blocks(row.text)}
                    for row in selectors.summary_section_history(period=self.period, key=key)]
        context.update(key=key, title=self.title_of(key), versions=versions)
        return context
