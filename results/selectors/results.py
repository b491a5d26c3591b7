"""Reads of unit results: the points each report earns, the progress board and the ranking."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Exists, ExpressionWrapper, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import scoring
from campaigns.models import Criterion, Milestone
from cluster import selectors as cluster_selectors
from cluster.models import Cluster, Unit
from cluster.text import vi_sort_key
from results.models import (
    AreaNarrative,
    CriterionScore,
    EvidenceFile,
    GoodPractice,
    ReportEvent,
    ReportingPeriod,
    StateArea,
    UnitReport,
)
from results.selectors import scoring as scoring_rules

State = UnitReport.State


def period_list(*, cluster: Cluster, year: int) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(cluster=cluster, year=year).order_by("kind"))


#: The milestone that shows each period's deadline (a period's deadline is one date).
DEADLINE_MILESTONES = {
    ReportingPeriod.Kind.MID_YEAR: Milestone.Kind.MIDYEAR_DEADLINE,
    ReportingPeriod.Kind.YEAR_END: Milestone.Kind.YEAREND_DEADLINE,
}


def period_deadline_dates(cluster: Cluster, year: int) -> dict[str, datetime.date]:
    """``{milestone kind: local date of the deadline}`` of the year's periods: registered
    with ``campaigns.selectors.on_deadline_dates`` (``ResultsConfig.ready``), so a campaign's
    deadline milestones show the periods' deadlines and cannot be set apart from them."""
    rows = ReportingPeriod.objects.filter(cluster=cluster, year=year).values_list(
        "kind", "deadline")
    return {DEADLINE_MILESTONES[kind]: timezone.localtime(deadline).date()
            for kind, deadline in rows if kind in DEADLINE_MILESTONES}


def period_get(*, cluster: Cluster, year: int, kind: str) -> ReportingPeriod | None:
    return (ReportingPeriod.objects.select_related("cluster", "finalised_by")
            .filter(cluster=cluster, year=year, kind=kind).first())


def _leaf_criteria(period: ReportingPeriod) -> dict[int, Criterion]:
    return {c.pk: c for c in Criterion.objects.filter(cluster=period.cluster, year=period.year)
            .exclude(kind=Criterion.Kind.GROUP)}


def _points(criterion: Criterion, rule, actual, achieved, count, leader) -> Decimal:
    """What one criterion earns from what a unit entered; ``leader`` is the highest actual of
    the submitted reports (None when none has one). A misconfigured rule scores nothing."""
    if rule is None:
        return Decimal("0.00")
    kind = criterion.kind
    if kind == Criterion.Kind.QUANTITATIVE:
        if actual is None:
            return Decimal("0.00")
        return rule.points(actual, [] if leader is None else [leader])
    if kind == Criterion.Kind.QUALITATIVE:
        return rule.points(bool(achieved))
    return rule.points(count or 0)


def _rule(criterion: Criterion):
    try:
        return criterion.to_rule()
    except scoring.ScoringRuleError:
        return None  # reported on the criteria page; scores nothing until fixed


def _unit_rule(rule, target: Decimal | None):
    """The criterion's rule with the unit's own target (issue #17), when it has one."""
    if target is None or not isinstance(rule, scoring.QuantitativeRule):
        return rule
    try:
        return dataclasses.replace(rule, target=target)
    except scoring.ScoringRuleError:
        return None  # the service refuses such a target; never scores it


_SCORE_FIELDS = ("report_id", "criterion_id", "actual", "achieved", "count", "self_points",
                 "adjusted_points", "report__unit_id")
# Whether the score's report was submitted, not when: 45 units × 64 leaves of timestamps to
# parse and convert made a third of the voting session page (docs/performance.md).
_SUBMITTED = {"submitted": ExpressionWrapper(Q(report__submitted_at__isnull=False),
                                             output_field=BooleanField())}


def _period_score_rows(period: ReportingPeriod) -> list[dict]:
    """Every criterion score of the period with what ``period_points`` and
    ``period_totals`` read: one query for both."""
    return list(CriterionScore.objects.filter(report__period=period)
                .values(*_SCORE_FIELDS, **_SUBMITTED))


def period_points(*, period: ReportingPeriod, rows: list[dict] | None = None,
                  unit_rules: scoring_rules.UnitRules | None = None
                  ) -> dict[int, dict[int, Decimal]]:
    """``{report_id: {criterion_id: self-points}}`` for every report of the period, computed
    from what each unit entered. Two queries.

    A quantitative criterion's leader is the highest actual among the reports that have been
    submitted, and the report's own: a draft sees what it would earn, and no unit's
    unsubmitted draft (or typo) changes another unit's points.

    Once the period is final, the points stored when it was finalised: a later change to the
    year's criteria (which the year-end period shares) never moves a finalised result.

    Issue #17: a unit's own target replaces the criterion's; a criterion not applicable to
    the unit is left out (no points, its adjustment ignored, its actual not a leader)."""
    rules = unit_rules if unit_rules is not None else scoring_rules.unit_rules(period=period)
    if period.phase == ReportingPeriod.Phase.FINAL:
        result: dict[int, dict[int, Decimal]] = {}
        if rows is None:
            rows = list(CriterionScore.objects.filter(report__period=period).values(
                "report_id", "criterion_id", "self_points", "report__unit_id"))
        for row in rows:
            mine = result.setdefault(row["report_id"], {})
            if not rules.is_excluded(row["report__unit_id"], row["criterion_id"]):
                mine[row["criterion_id"]] = row["self_points"]
        return result
    leaves = _leaf_criteria(period)
    if rows is None:
        rows = list(CriterionScore.objects.filter(report__period=period).values(
            "report_id", "criterion_id", "actual", "achieved", "count", "report__unit_id",
            **_SUBMITTED))
    result: dict[int, dict[int, Decimal]] = {}
    by_criterion: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row["report_id"], {})
        if row["criterion_id"] in leaves and not rules.is_excluded(row["report__unit_id"],
                                                                   row["criterion_id"]):
            by_criterion.setdefault(row["criterion_id"], []).append(row)
    for criterion_id, entries in by_criterion.items():
        criterion = leaves[criterion_id]
        rule = _rule(criterion)
        counted = [e["actual"] for e in entries
                   if e["actual"] is not None and e["submitted"]]
        leader = max(counted) if counted else None
        for entry in entries:
            own = _unit_rule(rule, rules.target(entry["report__unit_id"], criterion_id))
            result[entry["report_id"]][criterion_id] = _points(
                criterion, own, entry["actual"], entry["achieved"], entry["count"], leader)
    return result


def quantitative_leaders(*, period: ReportingPeriod,
                         unit_rules: scoring_rules.UnitRules | None = None
                         ) -> dict[int, Decimal]:
    """``{criterion_id: highest actual}`` among the period's submitted reports, per
    quantitative criterion, leaving out the units a criterion does not apply to (all
    units' exclusions: ``unit_rules`` of the whole period); one aggregate query (two
    without ``unit_rules``)."""
    rules = unit_rules if unit_rules is not None else scoring_rules.unit_rules(period=period)
    scores = CriterionScore.objects.filter(
        report__period=period, report__submitted_at__isnull=False, actual__isnull=False,
        criterion__kind=Criterion.Kind.QUANTITATIVE)
    excluded = rules.excluded_q()
    if excluded is not None:
        scores = scores.exclude(excluded)
    return dict(scores.order_by().values("criterion_id").annotate(top=Max("actual"))
                .values_list("criterion_id", "top"))


def report_points(*, period: ReportingPeriod, report: UnitReport,
                  criteria: dict[int, Criterion] | None = None,
                  scores: list[CriterionScore] | None = None,
                  unit_rules: scoring_rules.UnitRules | None = None) -> dict[int, Decimal]:
    """``{criterion_id: self-points}`` of one report: the same as
    ``period_points(period=period)[report.pk]``, without reading the other reports' rows (the
    quantitative leaders come aggregated). Three queries, one when ``criteria`` (the leaf
    criteria by pk) and ``scores`` (the report's rows) are given; a final period's stored
    points, as ``period_points``."""
    if scores is None:
        scores = list(CriterionScore.objects.filter(report=report))
    rules = unit_rules if unit_rules is not None else scoring_rules.unit_rules(period=period)
    unit_id = report.unit_id
    if period.phase == ReportingPeriod.Phase.FINAL:
        return {score.criterion_id: score.self_points for score in scores
                if not rules.is_excluded(unit_id, score.criterion_id)}
    leaves = criteria if criteria is not None else _leaf_criteria(period)
    # The leaders matter to quantitative criteria only: none, no query.
    leaders = quantitative_leaders(period=period, unit_rules=rules) if any(
        c.kind == Criterion.Kind.QUANTITATIVE for c in leaves.values()) else {}
    result: dict[int, Decimal] = {}
    for score in scores:
        criterion = leaves.get(score.criterion_id)
        if criterion is None or criterion.kind == Criterion.Kind.GROUP or rules.is_excluded(
                unit_id, score.criterion_id):
            continue
        rule = _unit_rule(_rule(criterion), rules.target(unit_id, score.criterion_id))
        result[score.criterion_id] = _points(criterion, rule, score.actual, score.achieved,
                                             score.count, leaders.get(score.criterion_id))
    return result


def report_for_unit(*, period: ReportingPeriod, unit: Unit) -> UnitReport | None:
    return (UnitReport.objects.select_related("submitted_by", "last_saved_by")
            .filter(period=period, unit=unit).first())


def state_areas(*, cluster: Cluster, year: int) -> list[StateArea]:
    return list(StateArea.objects.filter(cluster=cluster, year=year).order_by("order", "pk"))


@dataclass
class ScoreLine:
    """One row of the score table: a group (subtotals of its leaves) or a leaf criterion with
    what the unit entered, its points now, the chair's adjustment and the files."""

    criterion: Criterion
    depth: int
    score: CriterionScore | None
    evidence: list[EvidenceFile]
    self_points: Decimal = Decimal(0)
    final_points: Decimal = Decimal(0)
    not_applicable: str = ""  # issue #17: why the criterion does not apply to the unit
    target: Decimal | None = None  # the unit's own target, when it differs from the criterion's

    @property
    def is_group(self) -> bool:
        return self.criterion.kind == Criterion.Kind.GROUP

    @property
    def is_adjusted(self) -> bool:
        return (not self.not_applicable and self.score is not None
                and self.score.adjusted_points is not None
                and self.score.adjusted_points != self.self_points)

    def files(self, stage: str) -> list[EvidenceFile]:
        return [e for e in self.evidence if e.stage == stage]

    @property
    def self_files(self):
        return self.files(EvidenceFile.Stage.SELF)

    @property
    def review_files(self):
        return self.files(EvidenceFile.Stage.REVIEW)

    @property
    def explanation_files(self):
        return self.files(EvidenceFile.Stage.EXPLANATION)


#: The states of a report that the chair has reviewed: only then has it points "after
#: review" (a draft or a report just submitted has only its self-score).
REVIEWED_STATES = (UnitReport.State.REVIEWED, UnitReport.State.EXPLAINED,
                   UnitReport.State.SECOND_REVIEWED, UnitReport.State.FINAL)
_REVIEW_STATES = (UnitReport.State.REVIEWED, UnitReport.State.SECOND_REVIEWED)


@dataclass
class ReportDetail:
    lines: list[ScoreLine]
    narratives: list[AreaNarrative]
    general_evidence: list[EvidenceFile]
    events: list[ReportEvent]
    saves: list
    tree_problems: list[str]
    total_max: Decimal | None
    self_total: Decimal
    final_total: Decimal
    practices: list[GoodPractice]
    reviewed: bool = False  # a review exists: the points after review mean something
    tree_max: Decimal | None = None  # the tree's maximum, before leaving out what does not apply
    percentage: Decimal | None = None  # final points / applicable maximum, when it applies

    @property
    def leaves(self) -> list[ScoreLine]:
        return [line for line in self.lines if not line.is_group]

    @property
    def adjusted(self) -> list[ScoreLine]:
        return [line for line in self.leaves if line.is_adjusted
                or (line.score is not None and line.score.review_comment)]


@dataclass
class ScoreTable:
    lines: list[ScoreLine]
    tree: object  # campaigns.selectors.CriteriaTree
    general_evidence: list[EvidenceFile]
    applicable_max: Decimal | None = None  # the tree's maximum less what does not apply


def score_lines(*, period: ReportingPeriod, report: UnitReport | None,
                points: dict[int, Decimal] | None = None) -> ScoreTable:
    """The criteria tree of the period with the report's scores (none for a report not yet
    started), group subtotals computed from the leaves. Three queries."""
    from campaigns.selectors import criteria_tree

    tree = criteria_tree(cluster=period.cluster, year=period.year)
    scores: dict[int, CriterionScore] = {}
    evidence: dict[int | None, list[EvidenceFile]] = {}
    rules = scoring_rules.unit_rules(period=period)
    if report is not None:
        rows = list(CriterionScore.objects.filter(report=report))
        scores = {s.criterion_id: s for s in rows}
        for item in (EvidenceFile.objects.filter(report=report).select_related("uploaded_by")
                     .order_by("uploaded_at", "pk")):
            evidence.setdefault(item.criterion_id, []).append(item)
        if points is None:
            points = report_points(period=period, report=report, scores=rows, criteria={
                row.pk: row for row in tree.rows if row.kind != Criterion.Kind.GROUP},
                unit_rules=rules)
    points = points or {}
    unit_id = report.unit_id if report is not None else None
    excluded = rules.excluded.get(unit_id, {})
    marked = rules.marked.get(unit_id, {})
    children: dict[int | None, list[int]] = {}
    for row in tree.rows:
        children.setdefault(row.parent_id, []).append(row.pk)
    by_pk = {row.pk: row for row in tree.rows}

    def value(pk: int, final: bool) -> Decimal:
        if by_pk[pk].kind != Criterion.Kind.GROUP:
            if pk in excluded:
                return Decimal(0)
            own = points.get(pk, Decimal(0))
            score = scores.get(pk)
            if final and score is not None and score.adjusted_points is not None:
                return score.adjusted_points
            return own
        return sum((value(child, final) for child in children.get(pk, [])), Decimal(0))

    lines = [ScoreLine(row, row.depth, scores.get(row.pk), evidence.get(row.pk, []),
                       value(row.pk, False), value(row.pk, True),
                       marked.get(row.pk) or excluded.get(row.pk, ""),
                       rules.target(unit_id, row.pk)) for row in tree.rows]
    maxima = {row.pk: row.max_points for row in tree.rows
              if row.kind not in (Criterion.Kind.GROUP, Criterion.Kind.BONUS_PENALTY)
              and row.max_points}
    return ScoreTable(lines, tree, evidence.get(None, []), scoring_rules.applicable_max(
        Decimal(tree.total_max or 0), maxima, excluded) if excluded else tree.total_max)


def report_detail(*, report: UnitReport) -> ReportDetail:
    """Everything the report page shows, in a fixed number of queries."""
    period = report.period
    table = score_lines(period=period, report=report)
    lines, tree = table.lines, table.tree
    narratives = list(AreaNarrative.objects.filter(report=report).select_related("area")
                      .order_by("area__order", "area__pk"))
    leaves = [line for line in lines if not line.is_group]
    events = list(report.events.select_related("actor").order_by("at", "pk"))
    final_total = sum((line.final_points for line in leaves), Decimal(0))
    return ReportDetail(
        lines=lines,
        narratives=narratives,
        general_evidence=table.general_evidence,
        events=events,
        saves=list(report.history.select_related("history_user")
                   .order_by("-history_date")[:HISTORY_SHOWN]),
        tree_problems=tree.problems,
        total_max=table.applicable_max,
        tree_max=tree.total_max,
        percentage=scoring_rules.percentage(final_total, table.applicable_max),
        self_total=sum((line.self_points for line in leaves), Decimal(0)),
        final_total=final_total,
        practices=list(GoodPractice.objects.filter(report=report).order_by("pk")),
        # Reviewed, or returned after a review, or final: a draft has no points after review.
        reviewed=report.state in REVIEWED_STATES
        or any(event.to_state in _REVIEW_STATES for event in events),
    )


HISTORY_SHOWN = 30


@dataclass
class ProgressRow:
    unit: Unit
    report: UnitReport | None
    status: str  # a key of STATUS_LABELS
    label: str


STATUS_LABELS = {
    "not_started": _("Chưa bắt đầu"),
    "draft": _("Đang soạn"),
    "overdue": _("Quá hạn, chưa nộp"),
    "submitted": _("Đã nộp"),
    "late": _("Nộp muộn"),
    "returned": _("Trả lại bổ sung"),
    "reviewed": _("Đã thẩm định"),
    "explained": _("Đã giải trình"),
    "final": _("Đã chốt"),
    "not_submitted": _("Không nộp"),
}


def progress_board(*, period: ReportingPeriod) -> list[ProgressRow]:
    """Every member unit of the year with the status of its report. Two queries."""
    members = cluster_selectors.cluster_member_units(cluster=period.cluster, year=period.year)
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period).defer(
        "key_figures", "highlights", "shortcomings", "proposals")}  # the board shows states
    overdue = timezone.now() > period.deadline
    rows = []
    for unit in members:
        report = reports.get(unit.pk)
        if period.phase == ReportingPeriod.Phase.FINAL and (
                report is None or report.submitted_at is None):
            status = "not_submitted"
        elif report is not None and report.state == State.FINAL:
            status = "final"
        elif report is None or (report.state == State.DRAFT and report.version == 0):
            status = "overdue" if overdue else "not_started"
        elif report.state == State.DRAFT:
            status = "overdue" if overdue else "draft"
        elif report.state == State.SUBMITTED:
            status = "late" if report.is_late else "submitted"
        elif report.state == State.RETURNED:
            status = "returned"
        elif report.state in (State.REVIEWED, State.SECOND_REVIEWED):
            status = "reviewed"
        else:
            status = "explained"
        rows.append(ProgressRow(unit, report, status, STATUS_LABELS[status]))
    return rows


def progress_summary(rows: list[ProgressRow]) -> list[tuple[str, str, int]]:
    """``[(status, label, count)]`` for the statuses present, in the board's order."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return [(key, label, counts[key]) for key, label in STATUS_LABELS.items() if key in counts]


@dataclass
class RankRow:
    rank: int
    unit: Unit
    report: UnitReport
    self_total: Decimal
    final_total: Decimal
    shared: bool = False  # the rank is shared with another unit
    maximum: Decimal | None = None  # the applicable maximum (issue #17)
    percentage: Decimal | None = None  # final points / applicable maximum
    band: str = ""  # the classification (xếp loại), "" when the year has no bands


def period_totals(*, period: ReportingPeriod,
                  unit_rules: scoring_rules.UnitRules | None = None
                  ) -> dict[int, tuple[Decimal, Decimal]]:
    """``{report_id: (self-total, final total)}``, the final total counting the chair's
    adjustment where there is one. Two queries."""
    rows = _period_score_rows(period)
    points = period_points(period=period, rows=rows, unit_rules=unit_rules)
    adjusted: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        if row["adjusted_points"] is not None:
            adjusted.setdefault(row["report_id"], {})[row["criterion_id"]] = \
                row["adjusted_points"]
    return {report_id: _totals(own, adjusted.get(report_id, {}))
            for report_id, own in points.items()}


def _totals(own: dict[int, Decimal], adjusted: dict[int, Decimal]) -> tuple[Decimal, Decimal]:
    """Self-total and final total: the chair's adjustment replaces a criterion's own points."""
    final = {**own, **{k: v for k, v in adjusted.items() if k in own}}
    return sum(own.values(), Decimal(0)), sum(final.values(), Decimal(0))


def report_totals(*, period: ReportingPeriod, report: UnitReport) -> tuple[Decimal, Decimal]:
    """``(self-total, final total)`` of one report, as ``period_totals`` gives it, without
    the other reports (a member's own line on the board). Three queries."""
    scores = list(CriterionScore.objects.filter(report=report))
    return _totals(report_points(period=period, report=report, scores=scores),
                   {s.criterion_id: s.adjusted_points for s in scores
                    if s.adjusted_points is not None})


def period_maxima(*, period: ReportingPeriod, reports: list[UnitReport],
                  unit_rules: scoring_rules.UnitRules) -> dict[int, Decimal]:
    """``{report_id: applicable maximum}``: stored on the report once the period is final,
    else the tree's maximum less what does not apply to the unit. One query while open."""
    if period.phase == ReportingPeriod.Phase.FINAL and all(
            r.applicable_max is not None for r in reports):
        return {r.pk: r.applicable_max for r in reports}
    total, leaves = scoring_rules.leaf_maxima(period=period)
    return {r.pk: scoring_rules.applicable_max(total, leaves,
                                               unit_rules.excluded.get(r.unit_id, {}))
            for r in reports}


def classify(*, period: ReportingPeriod, rows: list[RankRow], band_basis: str,
             year_bands: list | None = None) -> None:
    """Each row's band: stored on the report once the period is final (what it was
    finalised with), else from the year's bands (read unless given)."""
    if period.phase == ReportingPeriod.Phase.FINAL and period.ranking_basis:
        for row in rows:
            row.band = row.report.band
        return
    if year_bands is None:
        year_bands = scoring_rules.bands(cluster=period.cluster, year=period.year)
    for row in rows:
        row.band = scoring_rules.band_for(row.final_total, row.maximum, year_bands, band_basis)


class Ranking(list):
    """The ranked rows, with the sentence stating the rule they were ranked by (``rule``)."""

    rule: str = ""


def ranking_rule(*, period: ReportingPeriod, rules: tuple | None = None) -> str:
    """The period's ranking rule and bands in one sentence (issue #17): what the ranking
    page and the documents state. One or two queries while open (none given ``rules``,
    ``scoring.period_rules``)."""
    ranking_basis, band_basis, year_bands = rules or scoring_rules.period_rules(period)
    if period.phase == ReportingPeriod.Phase.FINAL and period.ranking_basis:
        year_bands = []  # the bands of the year may have changed since: the stored band counts
        text = scoring_rules.rule_sentence(ranking_basis, band_basis, year_bands)
        return text + " " + str(_("Xếp loại của từng đơn vị là xếp loại khi chốt kết quả."))
    return scoring_rules.rule_sentence(ranking_basis, band_basis, year_bands)


def ranking(*, period: ReportingPeriod) -> Ranking:
    """Units whose report has been submitted, by final points (the chair's adjustment where
    there is one) or, where the year's rule says so, by their percentage of the applicable
    maximum (issue #17); ties broken by the period's rule; units still equal share a rank.
    Each row carries its applicable maximum, percentage and band. A fixed number of
    queries."""
    rules = scoring_rules.unit_rules(period=period)
    totals = period_totals(period=period, unit_rules=rules)
    reports = list(UnitReport.objects.filter(period=period, submitted_at__isnull=False)
                   .select_related("unit"))
    zero = (Decimal(0), Decimal(0))
    rows = Ranking(RankRow(0, report.unit, report, *totals.get(report.pk, zero))
                   for report in reports)
    maxima = period_maxima(period=period, reports=reports, unit_rules=rules)
    year_rules = scoring_rules.period_rules(period)
    ranking_basis, band_basis, year_bands = year_rules
    rows.rule = ranking_rule(period=period, rules=year_rules)
    for row in rows:
        row.maximum = maxima.get(row.report.pk)
        row.percentage = scoring_rules.percentage(row.final_total, row.maximum)
    classify(period=period, rows=rows, band_basis=band_basis, year_bands=year_bands)
    tie = period.tie_break

    def key(row: RankRow):
        secondary = {
            ReportingPeriod.TieBreak.SELF_TOTAL: -row.self_total,
            ReportingPeriod.TieBreak.EARLIER: row.report.submitted_at.timestamp(),
        }.get(tie, 0)
        value = scoring_rules.ranking_value(row.final_total, row.maximum, ranking_basis)
        return ((-value[0], -value[1]), secondary, vi_sort_key(row.unit.short_name))

    rows.sort(key=key)
    for position, row in enumerate(rows, start=1):
        previous = rows[position - 2] if position > 1 else None
        if previous is not None and key(previous)[:2] == key(row)[:2]:
            row.rank = previous.rank
            row.shared = previous.shared = True
        else:
            row.rank = position
    return rows


def checklist_conditions(*, cluster: Cluster, year: int) -> dict[str, Exists]:
    """Whether the year has a reporting period: an expression the checklist's one query reads
    (cluster.dashboard.checklist_for)."""
    return {"periods": Exists(ReportingPeriod.objects.filter(cluster=cluster, year=year))}


__all__ = [
    "DEADLINE_MILESTONES", "REVIEWED_STATES", "ProgressRow", "RankRow", "ReportDetail",
    "ScoreLine", "ScoreTable", "checklist_conditions", "classify", "period_deadline_dates",
    "period_get", "period_maxima", "Ranking", "ranking_rule",
    "period_list", "period_points", "period_totals", "progress_board",
    "progress_summary", "quantitative_leaders", "ranking", "report_detail", "report_for_unit",
    "report_points", "report_totals", "score_lines", "state_areas",
]
