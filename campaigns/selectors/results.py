"""Reads of unit results: the points each report earns, the progress board and the ranking."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from campaigns import scoring
from campaigns.models import (
    AreaNarrative,
    Criterion,
    CriterionScore,
    EvidenceFile,
    GoodPractice,
    ReportingPeriod,
    UnitReport,
)
from cluster import selectors as cluster_selectors
from cluster.models import Cluster, Unit
from cluster.text import vi_sort_key

State = UnitReport.State


def period_list(*, cluster: Cluster, year: int) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(cluster=cluster, year=year).order_by("kind"))


def period_get(*, cluster: Cluster, year: int, kind: str) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(cluster=cluster, year=year, kind=kind).first()


def period_points(*, period: ReportingPeriod) -> dict[int, dict[int, Decimal]]:
    """``{report_id: {criterion_id: self-points}}`` for every report of the period, computed
    from what each unit entered. Quantitative criteria are scored across the cluster (the
    leader is the highest actual among the units that entered one). Two queries."""
    leaves = {c.pk: c for c in Criterion.objects.filter(cluster=period.cluster, year=period.year)
              if c.kind != Criterion.Kind.GROUP}
    rows = list(CriterionScore.objects.filter(report__period=period)
                .values("report_id", "criterion_id", "actual", "achieved", "count"))
    result: dict[int, dict[int, Decimal]] = {}
    by_criterion: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row["report_id"], {})
        if row["criterion_id"] in leaves:
            by_criterion.setdefault(row["criterion_id"], []).append(row)
    for criterion_id, entries in by_criterion.items():
        criterion = leaves[criterion_id]
        try:
            rule = criterion.to_rule()
        except scoring.ScoringRuleError:
            continue  # reported on the criteria page; scores nothing until fixed
        kind = criterion.kind
        if kind == Criterion.Kind.QUANTITATIVE:
            actuals = {e["report_id"]: e["actual"] for e in entries if e["actual"] is not None}
            points = scoring.quantitative_points_for_cluster(rule, actuals) if actuals else {}
            for entry in entries:
                result[entry["report_id"]][criterion_id] = points.get(entry["report_id"],
                                                                      Decimal(0))
            continue
        for entry in entries:
            if kind == Criterion.Kind.QUALITATIVE:
                value = rule.points(bool(entry["achieved"]))
            else:
                value = rule.points(entry["count"] or 0)
            result[entry["report_id"]][criterion_id] = value
    return result


def report_for_unit(*, period: ReportingPeriod, unit: Unit) -> UnitReport | None:
    return UnitReport.objects.filter(period=period, unit=unit).first()


@dataclass
class ScoreLine:
    criterion: Criterion
    depth: int
    score: CriterionScore | None
    evidence: list[EvidenceFile]
    subtotal_self: Decimal | None = None  # for group rows
    subtotal_final: Decimal | None = None


def report_detail(*, report: UnitReport) -> dict:
    """Everything the report page shows, in a fixed number of queries."""
    from campaigns.selectors import criteria_tree

    tree = criteria_tree(cluster=report.period.cluster, year=report.period.year)
    scores = {s.criterion_id: s for s in report.scores.all()}
    evidence: dict[int | None, list[EvidenceFile]] = {}
    for item in report.evidence.select_related("uploaded_by").order_by("uploaded_at"):
        evidence.setdefault(item.criterion_id, []).append(item)
    children: dict[int | None, list[int]] = {}
    for row in tree.rows:
        children.setdefault(row.parent_id, []).append(row.pk)

    def subtotal(pk: int, final: bool) -> Decimal:
        score = scores.get(pk)
        if score is not None:
            return score.points if final else score.self_points
        return sum((subtotal(child, final) for child in children.get(pk, [])), Decimal(0))

    lines = []
    for row in tree.rows:
        score = scores.get(row.pk)
        line = ScoreLine(row, row.depth, score, evidence.get(row.pk, []))
        if score is None:
            line.subtotal_self = subtotal(row.pk, False)
            line.subtotal_final = subtotal(row.pk, True)
        lines.append(line)
    narratives = list(AreaNarrative.objects.filter(report=report).select_related("area")
                      .order_by("area__order", "area__pk"))
    return {
        "lines": lines,
        "narratives": narratives,
        "general_evidence": evidence.get(None, []),
        "events": list(report.events.select_related("actor")),
        "tree_problems": tree.problems,
        "total_max": tree.total_max,
    }


@dataclass
class ProgressRow:
    unit: Unit
    report: UnitReport | None
    status: str  # not_started, draft, submitted, late, returned, reviewed, explained, final
    label: str


STATUS_LABELS = {
    "not_started": "Chưa bắt đầu",
    "draft": "Đang soạn",
    "overdue": "Quá hạn, chưa nộp",
    "submitted": "Đã nộp",
    "late": "Nộp muộn",
    "returned": "Trả lại bổ sung",
    "reviewed": "Đã thẩm định",
    "explained": "Đã giải trình",
    "final": "Đã chốt",
}


def progress_board(*, period: ReportingPeriod) -> list[ProgressRow]:
    members = cluster_selectors.cluster_member_units(cluster=period.cluster, year=period.year)
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period)}
    overdue = timezone.now() > period.deadline
    rows = []
    for unit in members:
        report = reports.get(unit.pk)
        if report is None or (report.state == State.DRAFT and report.version == 0):
            status = "overdue" if overdue else "not_started"
        elif report.state == State.DRAFT:
            status = "overdue" if overdue else "draft"
        elif report.state == State.SUBMITTED:
            status = "late" if report.is_late else "submitted"
        elif report.state == State.RETURNED:
            status = "returned"
        elif report.state in (State.REVIEWED, State.SECOND_REVIEWED):
            status = "reviewed"
        elif report.state == State.EXPLAINED:
            status = "explained"
        else:
            status = "final"
        rows.append(ProgressRow(unit, report, status, STATUS_LABELS[status]))
    return rows


@dataclass
class RankRow:
    rank: int
    unit: Unit
    report: UnitReport
    self_total: Decimal
    final_total: Decimal


def ranking(*, period: ReportingPeriod) -> list[RankRow]:
    """Units with a submitted (or later) report, by final points (the chair's adjustment where
    there is one), ties broken by the period's rule; equal units share a rank."""
    points = period_points(period=period)
    adjusted = {}
    for report_id, criterion_id, value in CriterionScore.objects.filter(
            report__period=period, adjusted_points__isnull=False).values_list(
            "report_id", "criterion_id", "adjusted_points"):
        adjusted.setdefault(report_id, {})[criterion_id] = value
    reports = UnitReport.objects.filter(period=period).exclude(
        state__in=[State.DRAFT]).select_related("unit")
    if period.phase == ReportingPeriod.Phase.FINAL:
        reports = reports.exclude(submitted_at__isnull=True)
    rows = []
    for report in reports:
        own = points.get(report.pk, {})
        self_total = sum(own.values(), Decimal(0))
        final = {**own, **adjusted.get(report.pk, {})}
        rows.append(RankRow(0, report.unit, report, self_total, sum(final.values(), Decimal(0))))
    tie = period.tie_break

    def key(row: RankRow):
        secondary = {
            ReportingPeriod.TieBreak.SELF_TOTAL: -row.self_total,
            ReportingPeriod.TieBreak.EARLIER: row.report.submitted_at.timestamp()
            if row.report.submitted_at else float("inf"),
        }.get(tie, 0)
        return (-row.final_total, secondary, vi_sort_key(row.unit.short_name))

    rows.sort(key=key)
    previous = None
    for position, row in enumerate(rows, start=1):
        current = key(row)[:2]
        row.rank = rows[position - 2].rank if previous == current else position
        previous = current
    return rows


def good_practice_list(*, cluster: Cluster, year: int | None = None, unit_id: int | None = None,
                       area_id: int | None = None, query: str = "", limit: int | None = None
                       ) -> list[GoodPractice]:
    practices = GoodPractice.objects.filter(cluster=cluster).select_related("unit", "area")
    if year:
        practices = practices.filter(year=year)
    if unit_id:
        practices = practices.filter(unit_id=unit_id)
    if area_id:
        practices = practices.filter(area_id=area_id)
    if query:
        for word in query.split()[:8]:
            practices = practices.filter(
                Q(title__icontains=word) | Q(description__icontains=word)
                | Q(results__icontains=word) | Q(unit__short_name__icontains=word))
    practices = practices.order_by("-year", "-created_at", "-pk")
    return list(practices[:limit] if limit else practices)


__all__ = [
    "ProgressRow", "RankRow", "ScoreLine", "good_practice_list",
    "period_get", "period_list", "period_points", "progress_board", "ranking",
    "report_detail", "report_for_unit",
]
