"""Reads behind the charts of results (issue #17, point 6): the points of each report by
top-level criterion group, and a unit's finalised points and ranks across the years, its
predecessors' included. A fixed number of queries, whatever the number of units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.models import Criterion
from cluster.models import Unit
from cluster.text import vi_sort_key
from results.models import ReportingPeriod, UnitReport
from results.selectors.results import _period_score_rows, period_points


@dataclass
class GroupTotals:
    groups: list[Criterion]  # the top-level criteria, in the tree's order
    #: ``{report_id: {group_pk: points after review}}`` (the chair's adjustment where set)
    totals: dict[int, dict[int, Decimal]]


def group_totals(*, period: ReportingPeriod) -> GroupTotals:
    """Each report's points per top-level criterion group: the ranking's final points split
    by group. Three queries (two once the period is final)."""
    from campaigns.selectors import criteria_tree

    tree = criteria_tree(cluster=period.cluster, year=period.year)
    by_pk = {row.pk: row for row in tree.rows}
    top: dict[int, int] = {}
    for row in tree.rows:  # parents come before their children
        top[row.pk] = top.get(row.parent_id, row.pk) if row.parent_id in by_pk else row.pk
    groups = [row for row in tree.rows if row.depth == 0]
    rows = _period_score_rows(period)
    own = period_points(period=period, rows=rows)
    totals: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        criterion_id = row["criterion_id"]
        if criterion_id not in top or by_pk[criterion_id].kind == Criterion.Kind.GROUP:
            continue
        value = row["adjusted_points"]
        if value is None:
            value = own.get(row["report_id"], {}).get(criterion_id, Decimal(0))
        report = totals.setdefault(row["report_id"], dict.fromkeys(
            (g.pk for g in groups), Decimal(0)))
        report[top[criterion_id]] += value
    return GroupTotals(groups, totals)


@dataclass
class HistoryPoint:
    """One finalised period of one unit of the lineage: its points after review, its rank
    among the period's ranked units, and the band when one is known (issue #17, point 4)."""

    year: int
    kind: str
    unit_id: int
    final_total: Decimal
    rank: int
    ranked: int  # how many units the period ranked
    band: str | None = None


@dataclass
class ResultsHistory:
    unit: Unit
    units: list[Unit]  # the unit, then its predecessors
    periods: list[tuple[int, str]]  # (year, kind), oldest first
    points: list[HistoryPoint] = field(default_factory=list)
    # periods reviewed but not yet finalised (the units are explaining): their points may move
    provisional: set[tuple[int, str]] = field(default_factory=set)

    def point(self, unit_id: int, period: tuple[int, str]) -> HistoryPoint | None:
        return next((p for p in self.points
                     if p.unit_id == unit_id and (p.year, p.kind) == period), None)


def _ranks(reports: list[dict], tie_break: str) -> dict[int, int]:
    """``{unit_id: rank}`` of one period's submitted reports, as ``ranking`` ranks them."""
    def key(row):
        secondary = {
            ReportingPeriod.TieBreak.SELF_TOTAL: -row["self_total"],
            ReportingPeriod.TieBreak.EARLIER: row["submitted_at"].timestamp(),
        }.get(tie_break, 0)
        return (-row["final_total"], secondary)

    ordered = sorted(reports, key=key)
    ranks: dict[int, int] = {}
    for position, row in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[row["unit_id"]] = (ranks[previous["unit_id"]]
                                 if previous is not None and key(previous) == key(row)
                                 else position)
    return ranks


def unit_results_history(*, unit: Unit, predecessors: list[Unit],
                         cluster_ids=None) -> ResultsHistory:
    """The finalised results of ``unit`` and of the units that merged into it, period by
    period: points after review (stored when the period was finalised: they never move) and
    rank. ``cluster_ids`` limits them to the clusters the viewer may see. One query."""
    units = [unit, *predecessors]
    lineage = [u.pk for u in units]
    periods = ReportingPeriod.objects.filter(phase__in=[ReportingPeriod.Phase.EXPLAINING,
                                                        ReportingPeriod.Phase.FINAL],
                                             reports__unit_id__in=lineage,
                                             reports__submitted_at__isnull=False)
    if cluster_ids is not None:
        periods = periods.filter(cluster_id__in=cluster_ids)
    rows = list(UnitReport.objects.filter(period__in=periods.values("pk"),
                                          submitted_at__isnull=False)
                .values("period_id", "period__year", "period__kind", "period__tie_break",
                        "period__phase", "unit_id", "self_total", "final_total", "submitted_at",
                        "band"))
    by_period: dict[int, list[dict]] = {}
    for row in rows:
        row["final_total"] = row["final_total"] or Decimal(0)
        by_period.setdefault(row["period_id"], []).append(row)
    history = ResultsHistory(unit=unit, units=units, periods=[])
    seen = set()
    for reports in by_period.values():
        first = reports[0]
        ranks = _ranks(reports, first["period__tie_break"])
        for row in reports:
            if row["unit_id"] in lineage:
                period = (first["period__year"], first["period__kind"])
                seen.add(period)
                if first["period__phase"] != ReportingPeriod.Phase.FINAL:
                    history.provisional.add(period)
                history.points.append(HistoryPoint(
                    period[0], period[1], row["unit_id"], row["final_total"],
                    ranks[row["unit_id"]], len(reports), band=row["band"] or None))
    order = {ReportingPeriod.Kind.MID_YEAR: 0, ReportingPeriod.Kind.YEAR_END: 1}
    history.periods = sorted(seen, key=lambda p: (p[0], order.get(p[1], 2)))
    history.units = [unit, *sorted(predecessors, key=lambda u: vi_sort_key(u.short_name))]
    return history


__all__ = ["GroupTotals", "HistoryPoint", "ResultsHistory", "group_totals",
           "unit_results_history"]
