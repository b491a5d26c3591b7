"""The unit's side of a report: its officers write and save it (optimistic locking: a save
based on an old version is refused and the form comes back with everything typed), its
leader submits it, and its staff explain the chair's adjustments."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from cluster.mixins import add_service_errors
from results.forms.results import ExplainForm, ReportForm, SubmitForm, reoffer_files
from results.models import AreaNarrative, UnitReport
from results.selectors import results as selectors
from results.services import results as result_services
from results.services.results import ConcurrentEditError
from results.views.results import ReportMixin, report_url

State = UnitReport.State


class KeepFilesMixin:
    """A form with file inputs that comes back unsaved names each file chosen on it, to be
    chosen again (results.forms.results.reoffer_files): nothing is dropped without a word."""

    def form_invalid(self, form):
        reoffer_files(form)
        return super().form_invalid(form)


class GuardMixin:
    """After the permission check: a report whose state or phase forbids this page sends the
    user back to the report with the reason (or, for a form just sent, shows it again)."""

    def refusal(self) -> str | None:
        return None

    def service_refusal(self, check) -> str | None:
        """The text of a service's refusal (``result_services.report_*_refusal``): the page
        refuses what the service would, in its words."""
        error = check(report=self.report, user=self.request.user, period=self.period)
        return " ".join(error.messages) if error is not None else None

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.report_page())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """A refusal that arises while the user was typing (the report was submitted, the
        phase closed) shows the form again with the reason: nothing typed is lost."""
        refusal = self.refusal()
        if refusal and self.report is None:
            messages.error(request, refusal)
            return redirect(self.report_page())
        if refusal:
            form = self.get_form()
            form.is_valid()
            form.add_error(None, refusal + " " + _(
                "Nội dung trên biểu mẫu chưa được lưu; bạn có thể sao chép lại để dùng sau."))
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)


def _shown(field, value) -> str:
    """A saved value as the form would show it, for "what the other person saved"."""
    if value in (None, ""):
        return _("(để trống)")
    choices = dict(getattr(field, "choices", []) or [])
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


class ReportEditView(KeepFilesMixin, GuardMixin, ReportMixin, FormView):
    template_name = "results/report_form.html"
    form_class = ReportForm
    permission_required = "results.edit_report"
    strict = True

    def refusal(self):
        return result_services.editing_refusal(self.report, self.period)

    def table(self):
        if not hasattr(self, "_table"):
            self._table = selectors.score_lines(period=self.period, report=self.report)
        return self._table

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["areas"] = selectors.state_areas(cluster=self.cluster, year=self.year)
        kwargs["leaves"] = [line.criterion for line in self.table().lines if not line.is_group]
        return kwargs

    def get_initial(self):
        narratives = (list(AreaNarrative.objects.filter(report=self.report))
                      if self.report is not None else [])
        return ReportForm.initial_for(self.report, narratives, self.table().lines)

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.get_form())
        theirs = getattr(self, "theirs", {})
        rows = []
        for line in self.table().lines:
            pk = line.criterion.pk
            rows.append({"line": line, "group": line.is_group} if line.is_group else {
                "line": line, "group": False, "input": form[f"score_{pk}"],
                "note": form[f"note_{pk}"], "file": form[f"file_{pk}"],
                "theirs": theirs.get(f"score_{pk}"), "theirs_note": theirs.get(f"note_{pk}"),
            })
        return super().get_context_data(
            rows=rows, general_evidence=self.table().general_evidence,
            area_fields=[(f, theirs.get(f.name)) for f in form.area_fields()],
            text_fields=[(f, theirs.get(f.name)) for f in form.text_fields()],
            deadline_passed=timezone.now() > self.period.deadline, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            with transaction.atomic():
                report = self.report or result_services.report_get_or_create(
                    period=self.period, unit=self.unit, acting_user=user)
                report = result_services.report_save(
                    report=report, expected_version=form.cleaned_data["version"],
                    acting_user=user, **form.service_data())
                for criterion, uploaded in form.files_data():
                    result_services.evidence_add(report=report, uploaded_file=uploaded,
                                                 acting_user=user, criterion=criterion)
        except ConcurrentEditError as error:
            return self.conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu báo cáo (phiên bản %(version)s).")
                         % {"version": report.version})
        if "tiep-tuc" in self.request.POST:
            return redirect(report_url(self.period, self.unit.pk, "edit"))
        return redirect(self.report_page())

    def conflict(self, form, error):
        """Someone saved first: show this user's form again, untouched, on top of the latest
        version, with what the other person saved wherever it differs from what was typed."""
        self.report = selectors.report_for_unit(period=self.period, unit=self.unit)
        self.report.period, self.report.unit = self.period, self.unit
        del self._table
        latest = self.get_initial()
        data = form.data.copy()
        data["version"] = str(self.report.version)
        fresh = self.get_form_class()(data=data, **{
            k: v for k, v in self.get_form_kwargs().items() if k not in ("data", "files")})
        fresh.is_valid()
        self.theirs = {}
        for name, saved in latest.items():
            if name == "version" or name not in fresh.fields:
                continue
            field = fresh.fields[name]
            try:
                saved_clean = field.clean(saved if saved is not None else "")
            except ValidationError:
                saved_clean = saved
            typed = fresh.cleaned_data.get(name, fresh.data.get(name))
            if (saved_clean or None) != (typed or None):
                self.theirs[name] = _shown(field, saved)
        fresh.add_error(None, " ".join(error.messages) + " " + _(
            "Nội dung bạn đã nhập vẫn còn nguyên trên biểu mẫu dưới đây; những mục người kia "
            "vừa lưu khác với bạn được ghi “Bản vừa lưu”. Hãy đối chiếu rồi bấm “Lưu” lần nữa "
            "để lưu nội dung trên biểu mẫu."))
        reoffer_files(fresh, form.files)
        return self.render_to_response(self.get_context_data(form=fresh, conflict=True))


class SubmitView(GuardMixin, ReportMixin, FormView):
    """The leader reads the report as it stands and submits it for the unit."""

    template_name = "results/report_submit.html"
    form_class = SubmitForm
    permission_required = "results.submit_report"
    strict = True

    def refusal(self):
        return self.service_refusal(result_services.report_submit_refusal)

    def post(self, request, *args, **kwargs):
        """A repeated submit (a double click, a second tab) changes nothing and is answered
        with the first one's result."""
        if self.already_submitted():
            return self.repeated()
        return super().post(request, *args, **kwargs)

    def already_submitted(self) -> bool:
        return (self.report is not None and self.report.state == State.SUBMITTED
                and self.report.submitted_at is not None)

    def repeated(self):
        messages.info(self.request, _("Báo cáo đã được nộp lúc %(time)s; không nộp lại.") % {
            "time": timezone.localtime(self.report.submitted_at).strftime("%H:%M %d/%m/%Y")})
        return redirect(self.report_page())

    def get_initial(self):
        return {"version": self.report.version}

    def get_context_data(self, **kwargs):
        detail = selectors.report_detail(report=self.report)
        missing = [line for line in detail.leaves if line.criterion.evidence_required
                   and line.self_points and not line.self_files]
        first = self.report.submitted_at is None
        return super().get_context_data(
            detail=detail, lines=detail.lines, missing=missing,
            will_be_late=first and timezone.now() > self.period.deadline, **kwargs)

    def form_valid(self, form):
        try:
            report = result_services.report_transition(
                report=self.report, to_state=State.SUBMITTED, acting_user=self.request.user,
                expected_version=form.cleaned_data["version"])
        except ConcurrentEditError as error:
            self.report = selectors.report_for_unit(period=self.period, unit=self.unit)
            self.report.period, self.report.unit = self.period, self.unit
            if self.already_submitted():  # submitted by the first of two requests
                return self.repeated()
            data = form.data.copy()
            data["version"] = str(self.report.version)
            fresh = SubmitForm(data=data)
            fresh.is_valid()
            fresh.add_error(None, " ".join(error.messages) + " " + _(
                "Nội dung dưới đây là bản mới nhất; hãy xem lại trước khi nộp."))
            return self.render_to_response(self.get_context_data(form=fresh))
        except ValidationError as error:
            self.report.refresh_from_db(fields=["state", "submitted_at"])
            if self.already_submitted():
                return self.repeated()
            add_service_errors(form, error)
            return self.form_invalid(form)
        text = _("%(unit)s đã nộp %(period)s.") % {
            "unit": self.unit.name, "period": str(self.period).lower()}
        if report.is_late:
            text += " " + _("Báo cáo được ghi nhận nộp muộn (sau hạn %(deadline)s).") % {
                "deadline": timezone.localtime(self.period.deadline).strftime("%H:%M %d/%m/%Y")}
        messages.success(self.request, text)
        return redirect(self.report_page())


class ExplainView(KeepFilesMixin, GuardMixin, ReportMixin, FormView):
    """The unit answers the chair's adjustments, criterion by criterion."""

    template_name = "results/report_explain.html"
    form_class = ExplainForm
    permission_required = "results.explain_report"
    strict = True

    def refusal(self):
        return self.service_refusal(result_services.report_explain_refusal)

    def detail(self):
        if not hasattr(self, "_detail"):
            self._detail = selectors.report_detail(report=self.report)
        return self._detail

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "leaves": [line.criterion for line in self.detail().adjusted]}

    def get_initial(self):
        return ExplainForm.initial_for(self.detail().adjusted)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        rows = [{"line": line, "explain": form[f"explain_{line.criterion.pk}"],
                 "file": form[f"file_{line.criterion.pk}"]} for line in self.detail().adjusted]
        return super().get_context_data(rows=rows, detail=self.detail(), **kwargs)

    def form_valid(self, form):
        try:
            result_services.report_explain(report=self.report,
                                           explanations=form.explanations(),
                                           files=form.uploaded(), acting_user=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gửi giải trình tới Cụm trưởng."))
        return redirect(self.report_page())
