"""The secretariat's side of a period: review a report (adjusted points, comment and file per
criterion), return it for more information, the ranking, moving the phase, the period's
settings, and finalising (which locks every report)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from campaigns.views.base import ServiceFormView
from cluster.mixins import add_service_errors
from results import charts
from results.forms.results import FinaliseForm, PeriodSettingsForm, ReturnForm, ReviewForm
from results.models import ReportingPeriod, UnitReport
from results.selectors import results as selectors
from results.selectors.charts import group_totals
from results.services import results as result_services
from results.views.results import PeriodMixin, ReportMixin, results_url
from results.views.results_edit import GuardMixin, KeepFilesMixin
from results.views.results_review_criterion import reviewed_by

State = UnitReport.State
Phase = ReportingPeriod.Phase

PHASE_HELP = {
    Phase.NOT_OPEN: gettext_lazy("Kỳ báo cáo đã tạo; đơn vị chưa nộp được báo cáo."),
    Phase.SUBMITTING: gettext_lazy("Đơn vị soạn và nộp báo cáo; Cụm trưởng có thể thẩm định "
                                   "báo cáo đã nộp."),
    Phase.VERIFYING: gettext_lazy("Cụm trưởng thẩm định; đơn vị chưa nộp vẫn nộp được nhưng "
                                  "bị ghi nhận nộp muộn khi đã quá hạn."),
    Phase.EXPLAINING: gettext_lazy("Đơn vị giải trình các tiêu chí bị điều chỉnh; Cụm trưởng "
                                   "thẩm định lại."),
    Phase.FINAL: gettext_lazy("Kết quả đã chốt; mọi báo cáo bị khóa."),
}


class ReviewView(KeepFilesMixin, GuardMixin, ReportMixin, FormView):
    """The chair's review (or second review, after the unit's explanation)."""

    template_name = "results/report_review.html"
    form_class = ReviewForm
    permission_required = "results.open_review"  # the refusal says who reviews (issue #17)

    def refusal(self):
        return self.service_refusal(result_services.report_review_refusal)

    def detail(self):
        if not hasattr(self, "_detail"):
            self._detail = selectors.report_detail(report=self.report)
        return self._detail

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "leaves": [line.criterion for line in self.detail().leaves]}

    def get_initial(self):
        return ReviewForm.initial_for(self.detail().leaves)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        rows = []
        for line in self.detail().lines:
            pk = line.criterion.pk
            rows.append({"line": line, "group": True} if line.is_group else {
                "line": line, "group": False, "adjust": form[f"adjust_{pk}"],
                "comment": form[f"comment_{pk}"], "file": form[f"file_{pk}"]})
        return super().get_context_data(
            rows=rows, detail=self.detail(),
            second=self.report.state == State.EXPLAINED, **kwargs)

    def form_valid(self, form):
        try:
            report = result_services.report_review(
                report=self.report, adjustments=form.adjustments(), files=form.uploaded(),
                note=form.cleaned_data["note"], acting_user=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thẩm định báo cáo của %(unit)s: %(state)s.") % {
            "unit": self.unit.name, "state": report.get_state_display().lower()})
        return redirect(self.report_page())


class ReturnView(GuardMixin, ReportMixin, FormView):
    """Send a submitted report back to the unit for more information, with a note."""

    template_name = "results/report_return.html"
    form_class = ReturnForm
    permission_required = "results.open_review"

    def refusal(self):
        return self.service_refusal(result_services.report_return_refusal)

    def form_valid(self, form):
        try:
            result_services.report_transition(
                report=self.report, to_state=State.RETURNED, acting_user=self.request.user,
                note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã trả lại báo cáo của %(unit)s để bổ sung.")
                         % {"unit": self.unit.name})
        return redirect(self.report_page())


class RankingView(PeriodMixin, TemplateView):
    template_name = "results/ranking.html"
    permission_required = "results.view_ranking"

    def get_period_permission_object(self, scope):
        return self.period

    def get_context_data(self, **kwargs):
        rows = selectors.ranking(period=self.period)
        reviewed_by(self.period, rows)  # issue #17: who reviewed each report
        return super().get_context_data(rows=rows, ranking_rule=rows.rule,
                                        groups_chart=self.groups_chart(rows), **kwargs)

    def groups_chart(self, rows):
        """The ranked units' points by top-level criterion group (issue #17, point 6)."""
        split = group_totals(period=self.period)
        return charts.groups_by_unit(
            key="diem-nhom-tieu-chi",
            title=_("Điểm của các đơn vị theo nhóm tiêu chí, %(period)s")
            % {"period": self.period},
            units=[row.unit.short_name for row in rows],
            groups=[f"{group.code}. {group.name}" if group.code else group.name
                    for group in split.groups],
            values=[[split.totals.get(row.report.pk, {}).get(group.pk) for group in split.groups]
                    for row in rows])


class PhaseView(PeriodMixin, TemplateView):
    """The period's phases: open the next one or step back one; finalise is separate."""

    template_name = "results/phase.html"
    permission_required = "campaigns.manage_year"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        order = result_services.PHASE_ORDER
        phase = self.period.phase
        position = order.index(phase) if phase in order else None
        return super().get_context_data(
            phases=[(value, label, PHASE_HELP[value]) for value, label in Phase.choices],
            next_phase=Phase(order[position + 1]) if position is not None
            and position + 1 < len(order) else None,
            previous_phase=Phase(order[position - 1]) if position else None,
            can_finalise=phase not in (Phase.NOT_OPEN, Phase.FINAL),
            **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            period = result_services.period_set_phase(
                period=self.period, phase=request.POST.get("phase", ""), acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Kỳ báo cáo chuyển sang giai đoạn “%(phase)s”.")
                             % {"phase": period.get_phase_display()})
        return redirect(results_url("phase", self.period))


class PeriodSettingsView(PeriodMixin, ServiceFormView):
    form_class = PeriodSettingsForm
    permission_required = "campaigns.manage_year"

    def get_title(self):
        return _("Hạn nộp và cách xếp hạng: %(period)s") % {"period": self.period}

    def get_initial(self):
        return {"deadline": self.period.deadline, "tie_break": self.period.tie_break}

    def perform(self, form):
        return result_services.period_update(period=self.period, acting_user=self.request.user,
                                             **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu hạn nộp và cách xếp hạng của kỳ báo cáo.")

    def get_success_url(self):
        return results_url("phase", self.period)


class FinaliseView(PeriodMixin, FormView):
    template_name = "results/finalise.html"
    form_class = FinaliseForm
    permission_required = "campaigns.manage_year"

    def get_context_data(self, **kwargs):
        rows = selectors.progress_board(period=self.period)
        pending = [r for r in rows if r.report is not None
                   and r.report.state in (State.SUBMITTED, State.EXPLAINED, State.RETURNED)]
        return super().get_context_data(summary=selectors.progress_summary(rows),
                                        pending=pending, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.period.phase == Phase.FINAL:
            messages.info(request, _("Kỳ báo cáo đã chốt kết quả."))
            return redirect(results_url("ranking", self.period))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """A repeated finalise (a double click, a second tab) changes nothing and is answered
        with the first one's result."""
        if self.period.phase == Phase.FINAL:
            return self.repeated()
        return super().post(request, *args, **kwargs)

    def repeated(self):
        messages.info(self.request, _("Kỳ báo cáo đã được chốt kết quả; không chốt lại."))
        return redirect(results_url("ranking", self.period))

    def form_valid(self, form):
        try:
            result_services.period_finalise(period=self.period, acting_user=self.request.user)
        except ValidationError as error:
            self.period.refresh_from_db(fields=["phase"])
            if self.period.phase == Phase.FINAL:  # finalised by the first of two requests
                return self.repeated()
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã chốt kết quả %(period)s; mọi báo cáo đã bị khóa.")
                         % {"period": str(self.period).lower()})
        return redirect(results_url("ranking", self.period))
