"""The home page's panels of the results app (registered in ``ResultsConfig.ready`` with
``cluster.dashboard.register_panel``):

- ``results_panel``: for a member unit's staff, their report's state and the next step
  waiting for them (also among the home page's "Việc cần làm"); for the secretariat and
  observers, the progress board's counts and how many reports wait for review;
- ``practices_panel``: the good-practice library's search box, newest practices and the way
  to add one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cluster.converters import period_slug
from cluster.dashboard import ChecklistItem, TodoItem
from cluster.models import User
from cluster.rules import YearScope
from results.models import ReportingPeriod, UnitReport
from results.selectors import practices as practice_selectors
from results.selectors import results as selectors
from results.services.results import EDITABLE_STATES
from results.views.practices import ALL_YEARS, list_url

State = UnitReport.State


def _next_step(user: User, report: UnitReport | None, period: ReportingPeriod) -> str:
    phase = period.phase
    if report is None or report.state in EDITABLE_STATES:
        if phase in (ReportingPeriod.Phase.SUBMITTING, ReportingPeriod.Phase.VERIFYING) or (
                report is not None and report.state == State.RETURNED
                and phase == ReportingPeriod.Phase.EXPLAINING):
            if report is not None and report.version and user.role == User.Role.LEADER:
                return _("Xem và nộp báo cáo")
            return _("Soạn báo cáo")
        return ""
    if report.state == State.REVIEWED and phase == ReportingPeriod.Phase.EXPLAINING:
        return _("Giải trình")
    return ""


def _todo(period: ReportingPeriod, report: UnitReport | None, item: dict, now) -> TodoItem:
    """The unit's report among the home page's "Việc cần làm": its next step, with the
    period's deadline while the report is still to be submitted (a returned report, or one
    to explain, has none)."""
    returned = report is not None and report.state == State.RETURNED
    explaining = period.phase == ReportingPeriod.Phase.EXPLAINING
    label = (_("Bổ sung báo cáo bị trả lại") if returned and explaining
             else item["next_step"])
    deadline = None if explaining else period.deadline
    return TodoItem(key=f"report-{item['slug']}", label=label, url=item["my_url"],
                    detail=_("Báo cáo %(period)s") % {"period": period},
                    deadline=deadline, overdue=bool(deadline and deadline < now))


def results_panel(*, request, cluster, year) -> dict | None:
    from results.views.results import is_member_staff, report_url

    user = request.user
    scope = YearScope(cluster, year)
    if not user.has_perm("campaigns.view_year", scope):
        return None
    can_manage = user.has_perm("campaigns.manage_year", scope)
    periods = selectors.period_list(cluster=cluster, year=year)
    if not periods and not can_manage:
        return None
    member = is_member_staff(user, cluster, year)
    items, todos = [], []
    now = timezone.now()
    for period in periods:
        period.cluster = cluster
        item = {"period": period, "slug": period_slug(period.kind)}
        rows = None
        if user.has_perm("results.view_board", period):
            rows = selectors.progress_board(period=period)
            item.update(summary=selectors.progress_summary(rows), to_review=sum(
                1 for r in rows if r.report is not None
                and r.report.state in (State.SUBMITTED, State.EXPLAINED))
                if user.has_perm("results.read_submitted_reports", period) else 0)
        if member:
            # The board, when read, already holds the unit's report (its state is all the
            # panel shows); otherwise one query.
            mine = [r for r in rows if r.unit.pk == user.unit_id] if rows is not None else []
            report = mine[0].report if mine else selectors.report_for_unit(
                period=period, unit=user.unit)
            item.update(mine=report, my_url=report_url(period, user.unit_id),
                        next_step=_next_step(user, report, period))
            if item["next_step"]:
                todos.append(_todo(period, report, item, now))
        items.append(item)
    return {
        "template": "results/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "items": items,
        "member": member,
        "todos": todos,
        "can_manage": can_manage,
        "periods_url": reverse("results:periods",
                               kwargs={"slug": cluster.slug, "year": year}),
    }


def practices_panel(*, request, cluster, year) -> dict | None:
    """The home page's panel: a search box, the newest practices, and the way to add one."""
    scope = YearScope(cluster, year)
    if not request.user.has_perm("campaigns.view_year", scope):
        return None
    return {
        "template": "results/practices/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "practices": practice_selectors.practice_latest(cluster=cluster, year=year, limit=5),
        "can_add": request.user.has_perm("results.add_practice", scope),
        "list_url": list_url(cluster, year),
        "create_url": reverse("results:practice-create",
                              kwargs={"slug": cluster.slug, "year": year}),
        "all_years": ALL_YEARS,
    }


def results_checklist(*, cluster, year) -> list[ChecklistItem]:
    """The year's checklist (cluster.dashboard): the reporting periods."""
    done = selectors.checklist_conditions(cluster=cluster, year=year)
    return [ChecklistItem(
        key="periods", label=_("Kỳ báo cáo (6 tháng, cả năm)"),
        url=reverse("results:periods", kwargs={"slug": cluster.slug, "year": year}),
        done=done["periods"],
        hint=_("Mở kỳ báo cáo với hạn nộp để các đơn vị báo cáo và tự chấm điểm."))]
