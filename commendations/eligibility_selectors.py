"""Reads of standards and eligibility (issue #16, part 3): the standards and conditions of an
award for a year, and the checklist of a nomination — what the honours history proves, what
the unit declared, what is missing.

``eligibility_checklists`` builds the checklists of many nominations in one batch of queries
(standards, conditions with their awards, declarations, the merger links of units, granted
awards, past honours), whatever their number; the verdicts come from the pure
``commendations.eligibility.evaluate``.

Whose history: the person's (``Person``) when the nomination names one, whichever unit
recorded it (a person who moved is followed); otherwise, for an individual, the same name
within the unit and the units merged into it; for a collective, the unit's own honours and
those of every unit that merged into it (``Unit.successor``, transitively)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from cluster.models import Unit
from cluster.text import fold
from commendations import eligibility
from commendations.models import (
    AwardCondition,
    AwardForm,
    AwardStandard,
    GrantedAward,
    Nomination,
    PastHonour,
    StandardDeclaration,
)

PROVEN, NOT_MET, DECLARED, DECLARED_NO, UNDECLARED, OPTIONAL = (
    "proven", "not_met", "declared", "declared_no", "undeclared", "optional")
STATUS_LABELS = {
    PROVEN: "Lịch sử khen thưởng chứng minh",
    NOT_MET: "Lịch sử khen thưởng chưa chứng minh",
    DECLARED: "Đơn vị khai báo đạt",
    DECLARED_NO: "Đơn vị khai báo chưa đạt",
    UNDECLARED: "Chưa khai báo",
    OPTIONAL: "Không bắt buộc (đã đạt một tiêu chuẩn thay thế)",
}


@dataclass
class CheckItem:
    is_condition: bool
    text: str
    source: str
    mandatory: bool
    status: str
    explanation: str = ""
    standard: AwardStandard | None = None
    condition: AwardCondition | None = None
    declaration: StandardDeclaration | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def satisfied(self) -> bool:
        return self.status in (PROVEN, DECLARED)

    @property
    def is_missing(self) -> bool:
        return self.status in (NOT_MET, DECLARED_NO, UNDECLARED)


@dataclass
class Checklist:
    nomination: Nomination
    year: int
    items: list[CheckItem] = field(default_factory=list)
    #: whose history was read, in words
    history_note: str = ""
    history: list[tuple[int, str]] = field(default_factory=list)
    #: the history as (year, award name), for the page
    history_rows: list[tuple[int, str]] = field(default_factory=list)

    @property
    def proven(self) -> list[CheckItem]:
        return [i for i in self.items if i.status == PROVEN]

    @property
    def declared(self) -> list[CheckItem]:
        return [i for i in self.items if i.status == DECLARED]

    @property
    def missing(self) -> list[CheckItem]:
        return [i for i in self.items if i.is_missing]

    @property
    def has_alternatives(self) -> bool:
        return any(not i.mandatory for i in self.items)

    @property
    def complete(self) -> bool:
        return bool(self.items) and not self.missing

    @property
    def summary(self) -> str:
        if not self.items:
            return ("Chưa có tiêu chuẩn, điều kiện nào của hình thức này áp dụng cho năm "
                    f"{self.year}.")
        return (f"{len(self.proven)} điều kiện lịch sử chứng minh, {len(self.declared)} tiêu "
                f"chuẩn đơn vị khai báo đạt, {len(self.missing)} mục còn thiếu.")


def standards_for_year(*, award: AwardForm, year: int) -> tuple[list[AwardStandard],
                                                                list[AwardCondition]]:
    """The standards and conditions of ``award`` that apply in ``year``."""
    standards = list(AwardStandard.objects.filter(award=award).for_year(year)
                     .order_by("order", "pk"))
    conditions = list(AwardCondition.objects.filter(award=award).for_year(year)
                      .prefetch_related("required_awards").order_by("order", "pk"))
    return standards, conditions


def standards_all_years(*, award: AwardForm) -> tuple[list[AwardStandard],
                                                      list[AwardCondition]]:
    """Every standard and condition of ``award``, whatever its years (newest first)."""
    standards = list(AwardStandard.objects.filter(award=award).select_related("updated_by")
                     .order_by("order", "-valid_from_year", "pk"))
    conditions = list(AwardCondition.objects.filter(award=award).select_related("updated_by")
                      .prefetch_related("required_awards").order_by("order", "-valid_from_year",
                                                                    "pk"))
    return standards, conditions


def standards_overview(*, year: int) -> list[tuple[AwardForm, int, int]]:
    """(award, standards, conditions applying in ``year``) for each active award."""
    awards = list(AwardForm.objects.filter(is_active=True).order_by("order", "name"))
    standards = defaultdict(int)
    conditions = defaultdict(int)
    for award_id in AwardStandard.objects.for_year(year).values_list("award_id", flat=True):
        standards[award_id] += 1
    for award_id in AwardCondition.objects.for_year(year).values_list("award_id", flat=True):
        conditions[award_id] += 1
    return [(a, standards[a.pk], conditions[a.pk]) for a in awards]


def standard_get(*, award: AwardForm, pk: int) -> AwardStandard | None:
    return AwardStandard.objects.filter(award=award, pk=pk).first()


def condition_get(*, award: AwardForm, pk: int) -> AwardCondition | None:
    return AwardCondition.objects.filter(award=award, pk=pk).first()


def award_by_code(code: str) -> AwardForm | None:
    return AwardForm.objects.filter(code=code).first()


# --- the checklist -----------------------------------------------------------------------------


def _lineages(unit_ids: set[int]) -> dict[int, set[int]]:
    """Each unit with every unit that merged into it, transitively (one query)."""
    children = defaultdict(list)
    for pk, successor_id in Unit.objects.filter(successor__isnull=False).values_list(
            "pk", "successor_id"):
        children[successor_id].append(pk)
    result = {}
    for unit_id in unit_ids:
        seen, frontier = {unit_id}, [unit_id]
        while frontier:
            frontier = [c for u in frontier for c in children[u] if c not in seen]
            seen.update(frontier)
        result[unit_id] = seen
    return result


def _history_rows(nominations: list[Nomination], lineages: dict[int, set[int]]) -> list[tuple]:
    """(year, award code, unit id, person id, folded name, nomination id) of every granted
    award and past honour that may concern one of ``nominations`` (two queries)."""
    person_ids = {n.person_id for n in nominations if n.person_id}
    unit_ids = set().union(*lineages.values()) if lineages else set()
    where = Q(unit_id__in=unit_ids)
    if person_ids:
        where |= Q(person_id__in=person_ids)
    rows = []
    for year, code, unit_id, person_id, name, nid in GrantedAward.objects.filter(where) \
            .values_list("year", "award__code", "unit_id", "person_id", "person_name",
                         "nomination_id"):
        rows.append((year, code, unit_id, person_id, fold(name), nid))
    for year, code, unit_id, person_id, name in PastHonour.objects.filter(where) \
            .values_list("year", "award__code", "unit_id", "person_id", "person_name"):
        rows.append((year, code, unit_id, person_id, fold(name), None))
    return rows


def _history_of(nomination: Nomination, rows, lineage: set[int]) -> list[tuple[int, str]]:
    if nomination.person_id:
        # the person's honours in every unit, and in the unit's lineage those recorded by
        # the same name before the person was linked (an import by name only)
        name = fold(nomination.person_name)
        mine = [r for r in rows if r[3] == nomination.person_id
                or (r[3] is None and name and r[4] == name and r[2] in lineage)]
    elif nomination.person_name:
        name = fold(nomination.person_name)
        mine = [r for r in rows if r[2] in lineage and r[3] is None and r[4] == name]
    else:
        mine = [r for r in rows if r[2] in lineage and r[3] is None and not r[4]]
    return sorted({(r[0], r[1]) for r in mine if r[5] != nomination.pk})


def _history_note(nomination: Nomination, lineage: set[int], names: dict[int, str]) -> str:
    merged = sorted(names[u] for u in lineage if u != nomination.unit_id and u in names)
    if nomination.person_id:
        return ("Lịch sử khen thưởng của cá nhân trong danh bạ, ở mọi đơn vị đã công tác.")
    whose = (f"cá nhân “{nomination.person_name}” tại đơn vị" if nomination.person_name
             else "tập thể đơn vị")
    text = f"Lịch sử khen thưởng của {whose} {nomination.unit.name}"
    if merged:
        text += ", kể cả các đơn vị đã hợp nhất vào: " + "; ".join(merged)
    return text + "."


def eligibility_checklists(*, nominations: list[Nomination]) -> dict[int, Checklist]:
    """The checklist of each nomination (by pk), in one batch of queries. The nominations come
    with ``session``, ``award`` and ``unit`` (``select_related``)."""
    if not nominations:
        return {}
    award_ids = {n.award_id for n in nominations}
    standards = defaultdict(list)
    for s in AwardStandard.objects.filter(award_id__in=award_ids).order_by("order", "pk"):
        standards[s.award_id].append(s)
    conditions = defaultdict(list)
    for c in AwardCondition.objects.filter(award_id__in=award_ids).prefetch_related(
            "required_awards").order_by("order", "pk"):
        conditions[c.award_id].append(c)
    declarations = {(d.nomination_id, d.standard_id): d for d in
                    StandardDeclaration.objects.filter(nomination__in=nominations)
                    .select_related("declared_by")}
    lineages = _lineages({n.unit_id for n in nominations})
    rows = _history_rows(nominations, lineages)
    merged_ids = set().union(*lineages.values()) - {n.unit_id for n in nominations}
    names = dict(Unit.objects.filter(pk__in=merged_ids).values_list("pk", "name")) \
        if merged_ids else {}
    award_names = dict(AwardForm.objects.values_list("code", "name"))
    result = {}
    for nomination in nominations:
        year = nomination.session.year
        lineage = lineages[nomination.unit_id]
        history = _history_of(nomination, rows, lineage)
        checklist = Checklist(nomination=nomination, year=year, history=history,
                              history_note=_history_note(nomination, lineage, names),
                              history_rows=[(y, award_names.get(code, code))
                                            for y, code in history])
        for c in conditions[nomination.award_id]:
            if not c.applies_in(year):
                continue
            verdict = eligibility.evaluate(c.to_rule(list(c.required_awards.all())), history,
                                           year)
            checklist.items.append(CheckItem(
                is_condition=True, text=c.text or c.get_kind_display(), source=c.source,
                mandatory=c.mandatory, status=PROVEN if verdict.met else NOT_MET,
                explanation=verdict.explanation, condition=c))
        for s in standards[nomination.award_id]:
            if not s.applies_in(year):
                continue
            declaration = declarations.get((nomination.pk, s.pk))
            status = UNDECLARED if declaration is None else (
                DECLARED if declaration.declared else DECLARED_NO)
            checklist.items.append(CheckItem(
                is_condition=False, text=s.text, source=s.source, mandatory=s.mandatory,
                status=status, standard=s, declaration=declaration,
                explanation=declaration.note if declaration else ""))
        # Alternatives (not mandatory): one satisfied is enough; the others are not missing.
        alternatives = [i for i in checklist.items if not i.mandatory]
        if any(i.satisfied for i in alternatives):
            for item in alternatives:
                if item.is_missing:
                    item.status = OPTIONAL
        result[nomination.pk] = checklist
    return result


def eligibility_checklist(*, nomination: Nomination) -> Checklist:
    return eligibility_checklists(nominations=[nomination])[nomination.pk]


def nomination_for_checklist(*, session, pk: int) -> Nomination | None:
    return Nomination.objects.filter(session=session, pk=pk).select_related(
        "session", "award", "unit", "person").first()


__all__ = [
    "Checklist", "CheckItem", "award_by_code", "condition_get", "eligibility_checklist",
    "eligibility_checklists", "nomination_for_checklist", "standard_get",
    "standards_all_years", "standards_for_year", "standards_overview",
]
