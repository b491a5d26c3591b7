"""Reviewer independence and the review by criterion (issue #17, parts 3 and 5).

- ``CriterionReviewView``: one criterion (or a group) across every unit's submitted report of
  a period; the reviewer adjusts there with the required comment, through the same service
  core and locks as the per-report review (``results.services.reviewers.criterion_adjust``).
  A row whose report changed since the page was read is refused alone, with what the reviewer
  typed kept in the form. Rows the user may not adjust are shown read-only with the reason.
- ``RecusalView``: the report's reviewer declares a conflict of interest with the reason.
- ``ReviewSettingView``: the secretariat names the year's alternate reviewer unit.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from campaigns.forms._common import helper, textarea
from campaigns.views.base import ServiceFormView
from cluster import selectors as cluster_selectors
from cluster.fields import UserTextFormField
from cluster.mixins import add_service_errors
from cluster.text import NOTE_MAX, PARAGRAPH_MAX
from results.selectors import criterion_review as review_selectors
from results.selectors import reviewers
from results.services import reviewers as reviewer_services
from results.views.results import PeriodMixin, ReportMixin, results_url


def criterion_url(period, criterion_pk: int | None = None) -> str:
    if criterion_pk is None:
        return results_url("criterion-review", period)
    return results_url("criterion-review-one", period, criterion_pk=criterion_pk)


def _typed_points(raw: str) -> Decimal | None | str:
    """What the reviewer typed as points (a Decimal, None when empty, the raw text when it is
    not a number: the service then says why)."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw.replace(" ", "").replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return raw


def reviewed_by(period, rows) -> None:
    """Set ``reviewed_by`` (the last reviewer, or None) and ``reviewer`` (who reviews it now)
    on each ranking row: the ranking states who reviewed each report."""
    lines = reviewers.period_reviewed_by(period=period)
    for row in rows:
        row.reviewed_by = lines.get(row.report.pk)
        row.reviewer = reviewers.assignment(period=period, unit_id=row.report.unit_id,
                                            report_id=row.report.pk)


class CriterionReviewView(PeriodMixin, TemplateView):
    template_name = "results/criterion_review.html"
    permission_required = "results.review_by_criterion"
    http_method_names = ["get", "post"]

    def get_period_permission_object(self, scope):
        return self.period

    def setup_tree(self):
        self.tree = review_selectors.criterion_choices(period=self.period)
        pk = self.kwargs.get("criterion_pk")
        self.criterion = None
        if pk is not None:
            self.criterion = next((c for c in self.tree if c.pk == pk), None)
            if self.criterion is None:
                raise Http404("Không tìm thấy trang.")

    def review(self):
        return review_selectors.criterion_review(period=self.period, criterion=self.criterion,
                                                 user=self.request.user, tree=self.tree)

    def get(self, request, *args, **kwargs):
        self.setup_tree()
        if self.criterion is None and request.GET.get("tieu_chi", "").isdigit():
            return redirect(criterion_url(self.period, int(request.GET["tieu_chi"])))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, typed=None, outcomes=None, **kwargs):
        review = self.review() if self.criterion is not None else None
        rows = []
        for row in (review.rows if review else []):
            outcome = (outcomes or {}).get(row.report.pk)
            cells = []
            for cell in row.cells:
                key = f"{row.report.pk}_{cell.criterion.pk}"
                score = cell.score
                adjust = (typed or {}).get(f"adjust_{key}")
                comment = (typed or {}).get(f"comment_{key}")
                cells.append({
                    "cell": cell, "key": key,
                    "adjust": adjust if adjust is not None else (
                        "" if score is None or score.adjusted_points is None
                        else f"{score.adjusted_points:f}".replace(".", ",")),
                    "comment": comment if comment is not None else (
                        score.review_comment if score else ""),
                    "errors": [msg for name, msgs in ((outcome.errors or {}).items()
                                                      if outcome else [])
                               for msg in msgs if name in (f"adjust_{cell.criterion.pk}",
                                                           f"comment_{cell.criterion.pk}")],
                })
            general = [] if outcome is None or not outcome.errors else [
                m for name, msgs in outcome.errors.items() if not name.startswith(
                    ("adjust_", "comment_")) for m in msgs]
            rows.append({"row": row, "cells": cells, "outcome": outcome, "errors": general,
                         "version": (typed or {}).get(f"version_{row.report.pk}",
                                                      row.report.version)})
        return super().get_context_data(
            roles=reviewers.year_reviewers(cluster=self.cluster, year=self.year),
            tree=self.tree, criterion=self.criterion, review=review, rows=rows,
            editable=any(r["row"].editable for r in rows), **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_tree()
        if self.criterion is None:
            raise Http404("Không tìm thấy trang.")
        review = self.review()
        data = request.POST
        wanted = {}
        for row in review.rows:
            if not row.editable:
                continue
            version = data.get(f"version_{row.report.pk}", "")
            adjustments = {}
            for cell in row.cells:
                key = f"{row.report.pk}_{cell.criterion.pk}"
                if f"adjust_{key}" not in data:
                    continue
                raw, comment = data.get(f"adjust_{key}", ""), data.get(f"comment_{key}", "")
                score = cell.score
                now = (None if score is None else score.adjusted_points,
                       score.review_comment if score else "")
                if (_typed_points(raw), comment.strip()) != now:
                    adjustments[cell.criterion.pk] = (raw.strip(), comment)
            if adjustments:
                wanted[row.report.pk] = (int(version) if version.isdigit() else None,
                                         adjustments)
        if not wanted:
            messages.info(request, _("Không có điểm nào thay đổi."))
            return redirect(criterion_url(self.period, self.criterion.pk))
        outcomes = reviewer_services.criterion_adjust(reports=wanted, acting_user=request.user)
        saved = [o for o in outcomes.values() if o.saved]
        failed = {pk: o for pk, o in outcomes.items() if not o.saved}
        if not failed:
            messages.success(request, _("Đã lưu điểm thẩm định của %(n)s báo cáo.")
                             % {"n": len(saved)})
            return redirect(criterion_url(self.period, self.criterion.pk))
        if saved:
            messages.success(request, _("Đã lưu điểm thẩm định của %(n)s báo cáo.")
                             % {"n": len(saved)})
        messages.error(request, _("%(n)s báo cáo chưa được lưu: xem lý do ở từng đơn vị bên "
                                  "dưới; nội dung bạn nhập vẫn còn trên biểu mẫu.")
                       % {"n": len(failed)})
        typed = {k: v for k, v in data.items() if k.startswith(("adjust_", "comment_"))
                 and int(k.split("_")[1]) in failed}
        # A stale row keeps what was typed, with the version just read, so saving again
        # overwrites knowingly; an invalid row keeps the version it was read with.
        for pk, outcome in failed.items():
            if not outcome.stale:
                typed[f"version_{pk}"] = data.get(f"version_{pk}", "")
        return self.render_to_response(self.get_context_data(typed=typed, outcomes=failed))


class RecusalForm(forms.Form):
    reason = UserTextFormField(label=gettext_lazy("Lý do xung đột lợi ích"), widget=textarea(3),
                               max_length=NOTE_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(gettext_lazy("Khai báo xung đột lợi ích"))


class RecusalView(ReportMixin, FormView):
    """The report's reviewer declares a conflict of interest: the report passes on."""

    template_name = "results/recusal.html"
    form_class = RecusalForm
    permission_required = "results.declare_conflict"

    def get_context_data(self, **kwargs):
        chosen = reviewers.assignment(period=self.period, unit_id=self.unit.pk,
                                      report_id=self.report.pk)
        return super().get_context_data(assignment=chosen, **kwargs)

    def form_valid(self, form):
        try:
            reviewer_services.report_recuse(report=self.report, acting_user=self.request.user,
                                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        chosen = reviewers.assignment(period=self.period, unit_id=self.unit.pk,
                                      report_id=self.report.pk)
        messages.success(self.request, _("Đã ghi nhận xung đột lợi ích; báo cáo của %(unit)s "
                                         "chuyển cho %(who)s thẩm định.")
                         % {"unit": self.unit.name, "who": chosen.label})
        return redirect(self.report_page())


class ReviewSettingForm(forms.Form):
    alternate_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị thẩm định thay thế"), queryset=None, required=False,
        empty_label=gettext_lazy("— chưa chỉ định —"),
        help_text=gettext_lazy("Thẩm định báo cáo khi cả thư ký cụm và Cụm phó đều không được "
                               "thẩm định (báo cáo của đơn vị mình, hoặc đã khai báo xung đột "
                               "lợi ích)."))
    note = UserTextFormField(label=gettext_lazy("Ghi chú"), required=False, widget=textarea(2),
                             max_length=PARAGRAPH_MAX)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        from cluster.models import Unit
        self.fields["alternate_unit"].queryset = Unit.objects.filter(
            pk__in=[u.pk for u in units])
        self.helper = helper()


class ReviewSettingView(ServiceFormView):
    """The secretariat names the year's alternate reviewer unit (issue #17)."""

    form_class = ReviewSettingForm
    permission_required = "campaigns.manage_year"
    section = "results"

    def get_title(self):
        return _("Đơn vị thẩm định thay thế năm %(year)s") % {"year": self.year}

    def get_form_kwargs(self):
        roles = reviewers.year_reviewers(cluster=self.cluster, year=self.year)
        busy = {u.pk for u in (roles.chair, roles.vice_chair) if u}
        units = [u for u in cluster_selectors.cluster_member_units(cluster=self.cluster,
                                                                   year=self.year)
                 if u.pk not in busy]
        return {**super().get_form_kwargs(), "units": units}

    def get_initial(self):
        setting = reviewers.review_setting_get(cluster=self.cluster, year=self.year)
        return {"alternate_unit": setting.alternate_unit if setting else None,
                "note": setting.note if setting else ""}

    def perform(self, form):
        return reviewer_services.review_setting_set(
            cluster=self.cluster, year=self.year, acting_user=self.request.user,
            alternate_unit=form.cleaned_data["alternate_unit"], note=form.cleaned_data["note"])

    def get_success_message(self):
        return _("Đã lưu đơn vị thẩm định thay thế.")

    def get_success_url(self):
        from django.urls import reverse
        return reverse("results:periods", kwargs={"slug": self.cluster.slug,
                                                  "year": self.year})


__all__ = ["CriterionReviewView", "RecusalView", "ReviewSettingView", "reviewed_by"]
