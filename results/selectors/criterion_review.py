"""The review by criterion (issue #17, part 5): one criterion (or a group and its leaves)
across every unit's submitted report of a period, each unit's inputs, evidence, self-points
and current points, and whether the user may adjust that unit's row. A fixed number of queries
whatever the number of units (tests/results/test_review_permissions.py counts them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.models import Criterion
from cluster.models import User
from cluster.text import vi_sort_key
from results.models import CriterionScore, EvidenceFile, ReportingPeriod, UnitReport
from results.selectors import reviewers

__all__ = ["CriterionCell", "CriterionReview", "CriterionRow", "criterion_choices",
           "criterion_review"]

AWAITING = (UnitReport.State.SUBMITTED, UnitReport.State.EXPLAINED)


@dataclass
class CriterionCell:
    """One leaf criterion of one unit's report."""

    criterion: Criterion
    score: CriterionScore | None
    files: list[EvidenceFile] = field(default_factory=list)

    @property
    def current(self) -> Decimal | None:
        return None if self.score is None else self.score.points


@dataclass
class CriterionRow:
    """One unit's report: its cells, who reviews it, and why the user may not adjust it."""

    report: UnitReport
    cells: list[CriterionCell]
    reviewer: reviewers.Assignment
    refusal: str = ""  # empty: the user may adjust this row

    @property
    def editable(self) -> bool:
        return not self.refusal


@dataclass
class CriterionReview:
    criterion: Criterion
    leaves: list[Criterion]
    rows: list[CriterionRow]


def criterion_choices(*, period: ReportingPeriod) -> list[Criterion]:
    """The period's criteria in tree order, each with ``depth`` (one query)."""
    from campaigns.selectors import criteria_tree

    return list(criteria_tree(cluster=period.cluster, year=period.year).rows)


def _leaves_under(criterion: Criterion, tree: list[Criterion]) -> list[Criterion]:
    if criterion.kind != Criterion.Kind.GROUP:
        return [criterion]
    inside, leaves = {criterion.pk}, []
    for row in tree:  # parents come before their children
        if row.parent_id in inside:
            inside.add(row.pk)
            if row.kind != Criterion.Kind.GROUP:
                leaves.append(row)
    return leaves


def _row_refusal(user: User, period: ReportingPeriod, report: UnitReport,
                 chosen: reviewers.Assignment, parties: set[str]) -> str:
    if period.phase == ReportingPeriod.Phase.FINAL:
        return "Kết quả đã chốt."
    if report.state not in AWAITING:
        return f"Báo cáo đang ở trạng thái “{report.get_state_display()}”."
    if user.is_superuser:
        return ""
    if user.unit_id == report.unit_id or chosen.party not in parties:
        return reviewers.review_refusal_text(user, period=period, unit_id=report.unit_id,
                                             report_id=report.pk) or \
            "Bạn không thẩm định báo cáo này."
    return ""


def criterion_review(*, period: ReportingPeriod, criterion: Criterion, user: User,
                     tree: list[Criterion] | None = None) -> CriterionReview:
    """Every submitted report of the period with the cells of ``criterion``'s leaves. The
    secretariat and admins see every report (the ones they may not adjust read-only, with the
    reason); another reviewer (the vice-chair or the alternate unit) sees only the reports
    it reviews, since no unit reads another unit's report otherwise."""
    tree = criterion_choices(period=period) if tree is None else tree
    leaves = _leaves_under(criterion, tree)
    leaf_ids = [leaf.pk for leaf in leaves]
    reports = list(UnitReport.objects.filter(period=period, submitted_at__isnull=False)
                   .select_related("unit"))
    reports.sort(key=lambda r: vi_sort_key(r.unit.short_name))
    parties = reviewers.user_parties(user, period=period)
    sees_all = user.is_superuser or reviewers.ReviewParty.SECRETARIAT in parties
    scores = {(s.report_id, s.criterion_id): s for s in CriterionScore.objects.filter(
        report__period=period, report__submitted_at__isnull=False, criterion_id__in=leaf_ids)}
    files: dict[tuple[int, int], list[EvidenceFile]] = {}
    for item in (EvidenceFile.objects.filter(report__period=period, criterion_id__in=leaf_ids,
                                             stage=EvidenceFile.Stage.SELF)
                 .order_by("uploaded_at", "pk")):
        files.setdefault((item.report_id, item.criterion_id), []).append(item)
    rows = []
    for report in reports:
        report.period = period
        chosen = reviewers.assignment(period=period, unit_id=report.unit_id,
                                      report_id=report.pk)
        mine = chosen.party in parties and user.unit_id != report.unit_id
        if not (sees_all or mine):
            continue
        cells = [CriterionCell(leaf, scores.get((report.pk, leaf.pk)),
                               files.get((report.pk, leaf.pk), [])) for leaf in leaves]
        rows.append(CriterionRow(report, cells, chosen,
                                 _row_refusal(user, period, report, chosen, parties)))
    return CriterionReview(criterion, leaves, rows)
