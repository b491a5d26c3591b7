"""Reads of issue #17's scoring rules: each unit's own targets and the criteria not applicable
to it in a period, the year's ranking rule and classification bands, the unit's applicable
maximum, percentage and band, and the target grid of the secretariat's page.

Every function reads a fixed number of rows sets, whatever the number of units or criteria.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import CharField, DecimalField, F, OuterRef, Q, Subquery, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Criterion
from cluster import selectors as cluster_selectors
from cluster.models import Cluster, Unit
from results.models import (
    Basis,
    NotApplicable,
    ReportingPeriod,
    ScoreBand,
    UnitTarget,
    YearScoring,
)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass
class UnitRules:
    """What is particular to each unit in a period: ``targets[(unit_id, criterion_id)]`` (the
    unit's own target of a quantitative criterion) and ``excluded[unit_id][leaf_id]`` (the
    reason a leaf criterion, or the group above it, does not apply to the unit)."""

    targets: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    excluded: dict[int, dict[int, str]] = field(default_factory=dict)
    #: ``{unit_id: {criterion_id: reason}}`` as set (groups not expanded): what the pages list.
    marked: dict[int, dict[int, str]] = field(default_factory=dict)

    def target(self, unit_id: int, criterion_id: int) -> Decimal | None:
        return self.targets.get((unit_id, criterion_id))

    def is_excluded(self, unit_id: int, criterion_id: int) -> bool:
        return criterion_id in self.excluded.get(unit_id, {})

    def excluded_q(self) -> Q | None:
        """A filter matching the criterion scores that do not count (None when none)."""
        q = None
        for unit_id, leaves in self.excluded.items():
            part = Q(report__unit_id=unit_id, criterion_id__in=list(leaves))
            q = part if q is None else q | part
        return q


def _leaves_under(rows: list[tuple[int, int | None, str]]) -> dict[int, list[int]]:
    """``{criterion_id: [leaf ids under it (itself for a leaf)]}`` from (pk, parent, kind)."""
    children: dict[int | None, list[int]] = {}
    kinds = {}
    for pk, parent, kind in rows:
        children.setdefault(parent, []).append(pk)
        kinds[pk] = kind
    result: dict[int, list[int]] = {}

    def leaves(pk: int, seen: frozenset = frozenset()) -> list[int]:
        if pk in result:
            return result[pk]
        if pk in seen:  # a cycle: reported by the criteria page, counts nothing here
            return []
        if kinds[pk] != Criterion.Kind.GROUP:
            found = [pk]
        else:
            found = [leaf for child in children.get(pk, []) for leaf in leaves(
                child, seen | {pk})]
        result[pk] = found
        return found

    for pk in kinds:
        leaves(pk)
    return result


def unit_rules(*, period: ReportingPeriod, unit_id: int | None = None) -> UnitRules:
    """The period's per-unit targets and exclusions (one unit's only, with ``unit_id``).
    One query (targets and marks together), two when a group is marked not applicable."""
    targets = UnitTarget.objects.filter(period=period)
    marks = NotApplicable.objects.filter(period=period)
    if unit_id is not None:
        targets, marks = targets.filter(unit_id=unit_id), marks.filter(unit_id=unit_id)
    text = CharField()
    both = targets.annotate(
        value=F("target"), why=Value("", output_field=text),
        ckind=Value("", output_field=text)).values_list(
        "unit_id", "criterion_id", "value", "why", "ckind").union(marks.annotate(
            value=Value(None, output_field=DecimalField(max_digits=14, decimal_places=2)),
            why=F("reason"), ckind=F("criterion__kind")).values_list(
            "unit_id", "criterion_id", "value", "why", "ckind"), all=True)
    rules, rows = UnitRules(), []
    for unit, criterion, target, reason, kind in both:
        if target is not None:  # a target (always above 0); a mark has none
            rules.targets[(unit, criterion)] = target
        else:
            rows.append((unit, criterion, kind, reason))
    if not rows:
        return rules
    expand: dict[int, list[int]] = {}
    if any(kind == Criterion.Kind.GROUP for _u, _c, kind, _r in rows):
        expand = _leaves_under(list(Criterion.objects.filter(
            cluster_id=period.cluster_id, year=period.year).values_list("pk", "parent_id",
                                                                          "kind")))
    for unit, criterion, _kind, reason in rows:
        rules.marked.setdefault(unit, {})[criterion] = reason
        for leaf in expand.get(criterion, [criterion]):
            rules.excluded.setdefault(unit, {}).setdefault(leaf, reason)
    return rules


def leaf_maxima(*, period: ReportingPeriod) -> tuple[Decimal, dict[int, Decimal]]:
    """The criteria tree's maximum (the sum of its top-level maxima, as the criteria page
    shows it) and each leaf's maximum. One query."""
    total, leaves = Decimal(0), {}
    for pk, parent, kind, top in Criterion.objects.filter(
            cluster_id=period.cluster_id, year=period.year).values_list(
            "pk", "parent_id", "kind", "max_points"):
        if parent is None and top:
            total += top
        if kind != Criterion.Kind.GROUP and kind != Criterion.Kind.BONUS_PENALTY and top:
            leaves[pk] = top
    return total, leaves


def applicable_max(total: Decimal, leaves: dict[int, Decimal], excluded: dict[int, str]
                   ) -> Decimal:
    """The tree's maximum less the maxima of the unit's leaves that do not apply (never
    below zero)."""
    return max(total - sum((leaves.get(pk, Decimal(0)) for pk in excluded), Decimal(0)),
               Decimal(0))


def percentage(points: Decimal, maximum: Decimal | None) -> Decimal | None:
    """``points`` as a percentage of ``maximum``, 2 decimals; None when nothing applies."""
    if not maximum:
        return None
    return (points * HUNDRED / maximum).quantize(CENT)


def year_scoring(*, cluster: Cluster, year: int) -> YearScoring:
    """The year's rule (an unsaved default, by points, when none was set)."""
    return (YearScoring.objects.filter(cluster=cluster, year=year).first()
            or YearScoring(cluster=cluster, year=year))


def period_bases(period: ReportingPeriod) -> tuple[str, str]:
    """``(ranking basis, band basis)`` of the period: stored when it was finalised, else the
    year's rule. One query while open."""
    if period.phase == ReportingPeriod.Phase.FINAL and period.ranking_basis:
        return period.ranking_basis, period.band_basis or Basis.POINTS
    rule = year_scoring(cluster=period.cluster, year=period.year)
    return rule.ranking_basis, rule.band_basis


def period_rules(period: ReportingPeriod) -> tuple[str, str, list[ScoreBand]]:
    """``(ranking basis, band basis, the year's bands)`` in one query when the year has
    bands (the year's rule read alongside them), two when it has none."""
    rule = YearScoring.objects.filter(cluster_id=OuterRef("cluster_id"), year=OuterRef("year"))
    year_bands = list(ScoreBand.objects.filter(
        cluster_id=period.cluster_id, year=period.year).annotate(
        ranking_basis=Subquery(rule.values("ranking_basis")[:1]),
        band_basis=Subquery(rule.values("band_basis")[:1])).order_by("-lower_bound"))
    if period.phase == ReportingPeriod.Phase.FINAL and period.ranking_basis:
        return period.ranking_basis, period.band_basis or Basis.POINTS, year_bands
    if year_bands:
        first = year_bands[0]
        return (first.ranking_basis or Basis.POINTS, first.band_basis or Basis.POINTS,
                year_bands)
    ranking_basis, band_basis = period_bases(period)
    return ranking_basis, band_basis, year_bands


def bands(*, cluster: Cluster, year: int) -> list[ScoreBand]:
    """The year's bands, highest first."""
    return list(ScoreBand.objects.filter(cluster=cluster, year=year).order_by("-lower_bound"))


def band_for(points: Decimal, maximum: Decimal | None, year_bands: list[ScoreBand],
             basis: str) -> str:
    """The name of the highest band whose lower bound (inclusive) ``points`` reach; on a
    percentage basis compared exactly (``points × 100 ≥ bound × maximum``), so a boundary
    hit exactly lands in the higher band. Empty when none (or nothing applies)."""
    for band in sorted(year_bands, key=lambda b: b.lower_bound, reverse=True):
        if basis == Basis.PERCENT:
            if maximum and points * HUNDRED >= band.lower_bound * maximum:
                return band.name
        elif points >= band.lower_bound:
            return band.name
    return ""


def ranking_value(points: Decimal, maximum: Decimal | None, basis: str):
    """What the ranking compares, higher first: the points, or the exact fraction of the
    applicable maximum (a unit to which nothing applies comes last)."""
    if basis == Basis.PERCENT:
        return (1, Fraction(points) / Fraction(maximum)) if maximum else (0, Fraction(0))
    return (1, Fraction(points))


RULE_TEXT = {
    Basis.POINTS: gettext_lazy("Xếp hạng theo tổng điểm sau thẩm định."),
    Basis.PERCENT: gettext_lazy(
        "Xếp hạng theo tỷ lệ phần trăm điểm đạt được trên tổng điểm tối đa của các tiêu chí "
        "áp dụng cho từng đơn vị (tiêu chí không áp dụng không tính)."),
}


def rule_sentence(ranking_basis: str, band_basis: str, year_bands: list) -> str:
    """The year's rule in one sentence, for the ranking page and the documents (which are
    made in Vietnamese whatever the page's language)."""
    text = str(RULE_TEXT.get(ranking_basis, RULE_TEXT[Basis.POINTS]))
    if year_bands:
        template = (_("%(name)s từ %(bound)s%%") if band_basis == Basis.PERCENT
                    else _("%(name)s từ %(bound)s điểm"))
        parts = [template % {"name": b.name, "bound": _plain(b.lower_bound)} for b in sorted(
            year_bands, key=lambda b: b.lower_bound, reverse=True)]
        text += " " + _("Xếp loại: %(bands)s (điểm đúng bằng mốc dưới thuộc mức đó).") % {
            "bands": "; ".join(parts)}
    return text


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


# --- the secretariat's grid -------------------------------------------------------------------


@dataclass
class GridRow:
    unit: Unit
    cells: list[dict]  # {"criterion": Criterion, "target": Decimal | None, "note": str}


@dataclass
class TargetGrid:
    criteria: list[Criterion]  # the year's quantitative criteria, in code order
    rows: list[GridRow]
    marks: list[NotApplicable]  # the criteria not applicable, by unit and code
    leaves_and_groups: list[Criterion]  # what can be marked not applicable


def target_grid(*, period: ReportingPeriod) -> TargetGrid:
    """Member units × quantitative criteria with each unit's own target (None: the
    criterion's), and the not-applicable marks. Four queries."""
    criteria = sorted(Criterion.objects.filter(cluster_id=period.cluster_id,
                                               year=period.year),
                      key=lambda c: c.sort_key)
    quantitative = [c for c in criteria if c.kind == Criterion.Kind.QUANTITATIVE]
    units = cluster_selectors.cluster_member_units(cluster=period.cluster, year=period.year)
    own = {(t.unit_id, t.criterion_id): t for t in UnitTarget.objects.filter(period=period)}
    rows = []
    for unit in units:
        cells = []
        for criterion in quantitative:
            target = own.get((unit.pk, criterion.pk))
            cells.append({"criterion": criterion,
                          "target": target.target if target else None,
                          "note": target.note if target else ""})
        rows.append(GridRow(unit, cells))
    by_pk = {c.pk: c for c in criteria}
    names = {u.pk: u for u in units}
    marks = list(NotApplicable.objects.filter(period=period).select_related("unit",
                                                                             "criterion"))
    for mark in marks:  # the rows read above, not one query per mark
        if mark.criterion_id in by_pk:
            mark.criterion = by_pk[mark.criterion_id]
        if mark.unit_id in names:
            mark.unit = names[mark.unit_id]
    marks.sort(key=lambda m: (m.unit.short_name, m.criterion.sort_key))
    return TargetGrid(quantitative, rows, marks, criteria)


__all__ = [
    "GridRow", "RULE_TEXT", "TargetGrid", "UnitRules", "applicable_max", "band_for", "bands",
    "leaf_maxima", "percentage", "period_bases", "period_rules", "ranking_value", "rule_sentence",
    "target_grid", "unit_rules", "year_scoring",
]
