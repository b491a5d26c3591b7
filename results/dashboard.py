"""The home page's panels of the results app (registered in ``ResultsConfig.ready`` with
``cluster.dashboard.register_panel``):

- ``results_panel``: for a member unit's staff, their report's state and the next step
  waiting for them (also among the home page's "Việc cần làm"); for the secretariat and
  observers, the progress board's counts and how many reports wait for review;
- ``practices_panel``: the good-practice library's search box, newest practices and the way
  to add one.

The results panel also draws two charts (issue #17, point 6; ``results.charts``): the progress
of each period's reports (from the board it already read) and, for whoever may see the
ranking, the points by unit of the current period (the newest one with a submitted report).

``unit_results_section`` is not a home-page panel but the unit page's section of results
(``cluster.unit_page``): the unit's points and rank across the years, its predecessors'
lines included."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cluster.converters import period_slug
from cluster.dashboard import ChecklistItem, TodoItem
from cluster.models import User
from cluster.rules import YearScope
from cluster.text import vi_sort_key
from results import charts
from results.models import ReportingPeriod, UnitReport
from results.selectors import practices as practice_selectors
from results.selectors import results as selectors
from results.selectors.charts import unit_results_history
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
        if rows is not None:
            item["rows"] = rows
            item["progress_chart"] = charts.progress_chart(
                key=f"tien-do-{item['slug']}",
                title=_("Tiến độ nộp báo cáo %(period)s") % {"period": period},
                summary=item["summary"])
        items.append(item)
    return {
        "template": "results/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "items": items,
        "member": member,
        "todos": todos,
        "points_chart": _points_chart(user, items),
        "can_manage": can_manage,
        "periods_url": reverse("results:periods",
                               kwargs={"slug": cluster.slug, "year": year}),
    }


def _points_chart(user, items: list[dict]):
    """The points by unit of the newest period with a submitted report on the board, for
    whoever may see its ranking. From the board's rows, already read: each report's stored
    totals (kept by ``period_recompute`` and ``report_recompute``, the only writers), ordered
    as the ranking orders them; no query."""
    order = {ReportingPeriod.Kind.MID_YEAR: 0, ReportingPeriod.Kind.YEAR_END: 1}
    for item in sorted(items, key=lambda i: order.get(i["period"].kind, 2), reverse=True):
        period, rows = item["period"], item.get("rows")
        if rows is None or not user.has_perm("results.view_ranking", period):
            continue
        ranked = [row for row in rows
                  if row.report is not None and row.report.submitted_at is not None]
        if not ranked:
            continue
        ranked.sort(key=lambda row: (-(row.report.final_total or 0), -row.report.self_total,
                                     vi_sort_key(row.unit.short_name)))
        return charts.points_by_unit(
            key="diem-don-vi",
            title=_("Điểm thi đua của các đơn vị, %(period)s") % {"period": period},
            units=[row.unit.short_name for row in ranked],
            values=[row.report.final_total for row in ranked])
    return None


def unit_results_section(*, request, unit, history, clusters) -> dict | None:
    """The unit page's results: the unit's points and rank in every finalised period, with
    the lines of the units that merged into it. One query; nothing when there is none."""
    result = unit_results_history(
        unit=unit, predecessors=history.predecessors,
        cluster_ids=None if clusters is None else [c.pk for c in clusters])
    if not result.points:
        return None
    points_chart, rank_chart = charts.unit_history_charts(result)
    return {"template": "results/_unit_history.html", "history": result,
            "points_chart": points_chart, "rank_chart": rank_chart}


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
