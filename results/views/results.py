"""Unit results (issue #4): the periods of a year, the progress board, a unit's report page
and its evidence downloads. Editing, submitting and explaining are in ``results_edit.py``;
the secretariat's review, return, ranking, phases and finalising in ``results_review.py``.

Every page resolves the period from the URL (``ket-qua/<kind>/``) and, for a report, the
unit; the permission is then checked on a ``ReportScope`` (results.rules), so anyone
outside it is told the page does not exist (404)."""

from __future__ import annotations

import rules
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from campaigns.views.base import ServiceFormView, YearMixin, YearPage
from cluster import selectors as cluster_selectors
from cluster.converters import period_slug
from cluster.mixins import PermissionOr404Mixin
from cluster.models import User
from cluster.rules import YearScope, is_member_staff_of
from cluster.uploads import content_disposition
from results.forms.results import PeriodForm
from results.models import EvidenceFile, ReportingPeriod, UnitReport
from results.rules import ReportScope
from results.selectors import results as selectors
from results.services import results as result_services

STATUS_CLASSES = {
    "not_started": "bg-secondary", "draft": "bg-info text-dark", "overdue": "bg-danger",
    "submitted": "bg-primary", "late": "bg-warning text-dark", "returned": "bg-warning text-dark",
    "reviewed": "bg-success", "explained": "bg-primary", "final": "bg-dark",
    "not_submitted": "bg-danger",
}


def results_url(name: str, period: ReportingPeriod, unit_pk: int | None = None, **kwargs) -> str:
    args = {"slug": period.cluster.slug, "year": period.year, "kind": period.kind,
            **kwargs}
    if unit_pk is not None:
        args["unit_pk"] = unit_pk
    return reverse(f"results:{name}", kwargs=args)


def report_url(period: ReportingPeriod, unit_pk: int, name: str = "report") -> str:
    return results_url(name, period, unit_pk)


def is_member_staff(user: User, cluster, year: int) -> bool:
    return is_member_staff_of(user, YearScope(cluster, year))


class PeriodMixin(YearMixin):
    """Resolves the period from ``kind`` in the URL (404 when the year has none)."""

    section = "results"

    def get_permission_object(self):
        scope = super().get_permission_object()
        self.period = selectors.period_get(cluster=self.cluster, year=self.year,
                                           kind=self.kwargs["kind"])
        if self.period is None:
            raise Http404("Không tìm thấy trang.")
        return self.get_period_permission_object(scope)

    def get_period_permission_object(self, scope: YearScope):
        return scope

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            period=self.period, kind_slug=period_slug(self.kwargs["kind"]),
            can_see_board=user.has_perm("results.view_board", self.period),
            can_see_ranking=user.has_perm("results.view_ranking", self.period),
            **kwargs)


class ReportMixin(PeriodMixin):
    """Resolves the unit (a member of the cluster that year) and its report; checks
    ``permission_required`` on the ``ReportScope``. ``strict`` permissions are checked
    without Django's superuser shortcut: every permission on a unit's report is, since a draft
    is the unit's own until it is submitted, even for a superuser (docs/architecture.md)."""

    permission_required = "results.view_report"
    strict = True

    def get_period_permission_object(self, scope):
        self.unit = cluster_selectors.cluster_member_get(cluster=self.cluster, year=self.year,
                                                         unit_id=self.kwargs["unit_pk"])
        if self.unit is None:
            raise Http404("Không tìm thấy trang.")
        user = self.request.user
        if user.is_authenticated and user.unit_id == self.unit.pk:  # known now (rules' cache)
            cluster_selectors.remember_unit_membership(user=user, cluster=self.cluster,
                                                       year=self.year)
        self.report = selectors.report_for_unit(period=self.period, unit=self.unit)
        if self.report is not None:
            self.report.period = self.period
            self.report.unit = self.unit
        self.report_scope = ReportScope(self.period, self.unit, self.report)
        return self.report_scope

    def dispatch(self, request, *args, **kwargs):
        if not self.strict:
            return super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.permission_object = self.get_permission_object()
        if not rules.has_perm(self.permission_required, request.user, self.permission_object):
            raise Http404("Không tìm thấy trang.")
        return super(PermissionOr404Mixin, self).dispatch(request, *args, **kwargs)

    def report_page(self) -> str:
        return report_url(self.period, self.unit.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, report=self.report,
                                        report_url=self.report_page(), **kwargs)


# --- pages ------------------------------------------------------------------------------------


class PeriodListView(YearPage):
    """The year's reporting periods; the link to one's own unit's report; for the
    secretariat, creating a period and the boards."""

    template_name = "results/period_list.html"
    section = "results"

    def get_context_data(self, **kwargs):
        user = self.request.user
        periods = selectors.period_list(cluster=self.cluster, year=self.year)
        member = is_member_staff(user, self.cluster, self.year)
        rows = []
        for period in periods:
            period.cluster = self.cluster
            mine = selectors.report_for_unit(period=period, unit=user.unit) if member else None
            rows.append({
                "period": period,
                "slug": period_slug(period.kind),
                "mine": mine,
                "my_url": report_url(period, user.unit_id) if member else "",
                "can_see_board": user.has_perm("results.view_board", period),
                "can_see_ranking": user.has_perm("results.view_ranking", period),
            })
        missing = [k for k in ReportingPeriod.Kind.values if k not in {p.kind for p in periods}]
        return super().get_context_data(rows=rows, member=member, can_create=bool(missing)
                                        and self.can_manage, **kwargs)


class PeriodCreateView(ServiceFormView):
    form_class = PeriodForm
    section = "results"
    title = gettext_lazy("Tạo kỳ báo cáo")

    def existing(self) -> set[str]:
        return {p.kind for p in selectors.period_list(cluster=self.cluster, year=self.year)}

    def get_form_kwargs(self):
        kinds = [k for k in ReportingPeriod.Kind.values if k not in self.existing()]
        return {**super().get_form_kwargs(), "kinds": kinds}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=_("Kỳ báo cáo mở ở giai đoạn “Chưa mở”; mở giai đoạn nộp báo cáo khi sẵn "
                    "sàng. Hạn nộp không tự dời: đơn vị nộp sau hạn được ghi nhận nộp muộn."),
            **kwargs)

    def perform(self, form):
        return result_services.period_create(cluster=self.cluster, year=self.year,
                                             acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã tạo kỳ báo cáo: %(period)s.") % {"period": self.result}

    def get_success_url(self):
        return reverse("results:periods",
                       kwargs={"slug": self.cluster.slug, "year": self.year})


class BoardView(PeriodMixin, YearPage):
    """The progress board: who has submitted, who is late. The secretariat and observers
    also open the submitted reports and see their points; a member unit's staff see every
    unit's state and only their own report and points."""

    template_name = "results/board.html"

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("results.view_board", self.period):
            raise Http404("Không tìm thấy trang.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        reader = user.has_perm("results.read_submitted_reports", self.period)
        rows = selectors.progress_board(period=self.period)
        ranked = {}
        if reader:
            # The ranking's totals are the same (issue #17: with its rank and band).
            ranked = {r.report.pk: r for r in selectors.ranking(period=self.period)}
            totals = {pk: (r.self_total, r.final_total) for pk, r in ranked.items()}
        else:  # a member sees only its own points: no need to score the whole cluster
            mine = next((row.report for row in rows
                         if row.unit.pk == user.unit_id and row.report is not None), None)
            totals = {mine.pk: selectors.report_totals(period=self.period, report=mine)
                      } if mine is not None else {}
        for row in rows:
            row.css = STATUS_CLASSES[row.status]
            own = row.unit.pk == user.unit_id
            submitted = row.report is not None and row.report.submitted_at is not None
            row.link = own or (reader and submitted)
            row.show_points = (own and row.report is not None) or (reader and submitted)
            row.self_total, row.final_total = totals.get(getattr(row.report, "pk", None),
                                                         (None, None))
            place = ranked.get(getattr(row.report, "pk", None))
            row.rank, row.band = (place.rank, place.band) if place else (None, "")
            if row.report is None or row.report.state not in selectors.REVIEWED_STATES:
                row.final_total = None  # no points "after review" before a review
            if row.report is not None:
                row.report.unit, row.report.period = row.unit, self.period
        return super().get_context_data(rows=rows, summary=selectors.progress_summary(rows),
                                        reader=reader, **kwargs)


class ReportDetailView(ReportMixin, YearPage):
    template_name = "results/report_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        report = self.report
        if report is None:
            table = selectors.score_lines(period=self.period, report=None)
            context.update(detail=None, lines=table.lines, status_css="bg-secondary")
        else:
            detail = selectors.report_detail(report=report)
            context.update(detail=detail, lines=detail.lines)
        scope = self.report_scope
        editable = result_services.editing_refusal(report, self.period) is None
        # What the page offers is what the services would accept: the transition table with
        # its permissions and phases (``report_transition_refusal``).
        offered = result_services.allowed_transitions(report=report, user=user,
                                                      period=self.period)
        State = UnitReport.State
        context.update(
            can_edit=rules.has_perm("results.edit_report", user, scope) and editable,
            can_submit=State.SUBMITTED in offered and result_services.report_submit_refusal(
                report=report, user=user, period=self.period) is None,
            can_explain=State.EXPLAINED in offered,
            can_review=bool(offered & {State.REVIEWED, State.SECOND_REVIEWED}),
            can_return=State.RETURNED in offered,
            returned_note=self._returned_note(context.get("detail")),
        )
        return context

    @staticmethod
    def _returned_note(detail) -> str:
        if detail is None:
            return ""
        returns = [e for e in detail.events if e.to_state == UnitReport.State.RETURNED]
        return returns[-1].note if returns else ""


class EvidenceDownloadView(ReportMixin, View):
    """An evidence file, to those who may see the report; always as an attachment."""

    def get(self, request, *args, **kwargs):
        if self.report is None:
            raise Http404("Không tìm thấy trang.")
        evidence = get_object_or_404(EvidenceFile, pk=self.kwargs["pk"], report=self.report)
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404("Không tìm thấy trang.") from None
        response = FileResponse(handle, as_attachment=True, content_type=evidence.mime)
        response["Content-Disposition"] = content_disposition(evidence.original_name)
        return response
