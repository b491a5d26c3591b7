"""Reads of the honours look-up (tra cứu khen thưởng, issue #16) and of the person registry,
re-exported by ``commendations.selectors``.

The look-up searches a cluster's honours of every year: the awards granted by a decision
(``GrantedAward``) and those imported from Excel (``PastHonour``), as one list (a ``UNION`` of
the two, sorted and paged by the database). A name typed is folded (``cluster.text.fold``:
"nguyen thi ha" finds "Nguyễn Thị Hà", "đ" is "d") and each word must begin a word of the
person's name (``Person.search_name``, stored folded) or, for a collective, of the unit's name
or short name (folded in Python: a cluster has tens of units). A page of results costs four
queries whatever its size: the count, the page of keys, and each source's rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Value

from cluster.models import Cluster, Unit
from cluster.text import fold, vi_sorted
from commendations.models import AwardForm, GrantedAward, Nomination, PastHonour, Person, Posting

PAGE_SIZE = 25
PRINT_LIMIT = 1000
MAX_WORDS = 8
GRANTED, PAST = 1, 2


class RecipientKind:
    COLLECTIVE = "tap-the"
    INDIVIDUAL = "ca-nhan"


@dataclass(frozen=True)
class LookupFilters:
    query: str = ""
    award_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    unit_id: int | None = None
    kind: str = ""  # RecipientKind or "" for both

    @property
    def is_empty(self) -> bool:
        return self == LookupFilters()


@dataclass(frozen=True)
class HonourRow:
    """One honour of the look-up, whichever its source."""

    source: str  # "decision" | "excel"
    year: int
    award: AwardForm
    unit: Unit
    cluster: Cluster
    person: Person | None
    person_name: str
    decision_number: str
    decision_date: datetime.date | None
    issuing_body: str
    is_illustrative: bool

    @property
    def is_individual(self) -> bool:
        return bool(self.person_name)


def _words(query: str) -> list[str]:
    return fold(query or "").split()[:MAX_WORDS]


def _begins_a_word(text: str, word: str) -> bool:
    return text.startswith(word) or f" {word}" in text


def lookup_units(*, cluster: Cluster) -> list[Unit]:
    """Every unit that has been a member of the cluster, in Vietnamese order."""
    return vi_sorted(Unit.objects.filter(memberships__cluster=cluster).distinct(),
                     key=lambda u: u.name)


def lookup_awards() -> list[AwardForm]:
    return list(AwardForm.objects.order_by("order", "name"))


def _matching_unit_ids(units: list[Unit], words: list[str]) -> list[int]:
    ids = []
    for unit in units:
        text = " ".join(fold(f"{unit.name} {unit.short_name}").split())
        if all(_begins_a_word(text, word) for word in words):
            ids.append(unit.pk)
    return ids


def _name_q(words: list[str], unit_ids: list[int]) -> Q:
    """A person's folded name begins a word with each word typed; or, for a collective, the
    unit's name does."""
    person = Q(person_name__gt="")
    for word in words:
        person &= Q(person__search_name__startswith=word) | Q(
            person__search_name__contains=f" {word}")
    return person | Q(person_name="", unit_id__in=unit_ids)


def _filtered(model, cluster: Cluster, filters: LookupFilters, units: list[Unit]) -> QuerySet:
    rows = model.objects.filter(cluster=cluster)
    if filters.award_id:
        rows = rows.filter(award_id=filters.award_id)
    if filters.year_from:
        rows = rows.filter(year__gte=filters.year_from)
    if filters.year_to:
        rows = rows.filter(year__lte=filters.year_to)
    if filters.unit_id:
        rows = rows.filter(unit_id=filters.unit_id)
    if filters.kind == RecipientKind.COLLECTIVE:
        rows = rows.filter(person_name="")
    elif filters.kind == RecipientKind.INDIVIDUAL:
        rows = rows.exclude(person_name="")
    words = _words(filters.query)
    if words:
        rows = rows.filter(_name_q(words, _matching_unit_ids(units, words)))
    return rows


def _keys(rows: QuerySet, source: int) -> QuerySet:
    # Every selected column an annotation, in the same order on both sides of the UNION.
    return rows.annotate(
        k_source=Value(source, output_field=IntegerField()), k_pk=F("pk"), k_year=F("year"),
        k_order=F("award__order"),
    ).values_list("k_source", "k_pk", "k_year", "k_order").order_by()


def _rows(keys: list[tuple]) -> list[HonourRow]:
    """The honours behind a page of keys, in the keys' order: one query per source."""
    granted_ids = [pk for source, pk, *_ in keys if source == GRANTED]
    past_ids = [pk for source, pk, *_ in keys if source == PAST]
    granted = {g.pk: g for g in GrantedAward.objects.filter(pk__in=granted_ids).select_related(
        "award", "unit", "cluster", "person", "decision")} if granted_ids else {}
    past = {h.pk: h for h in PastHonour.objects.filter(pk__in=past_ids).select_related(
        "award", "unit", "cluster", "person")} if past_ids else {}
    rows = []
    for source, pk, *_ in keys:
        if source == GRANTED and pk in granted:
            g = granted[pk]
            rows.append(HonourRow(
                source="decision", year=g.year, award=g.award, unit=g.unit, cluster=g.cluster,
                person=g.person, person_name=g.person_name, decision_number=g.decision.number,
                decision_date=g.decision.issued_on, issuing_body=g.decision.issuing_body,
                is_illustrative=g.is_illustrative))
        elif source == PAST and pk in past:
            h = past[pk]
            rows.append(HonourRow(
                source="excel", year=h.year, award=h.award, unit=h.unit, cluster=h.cluster,
                person=h.person, person_name=h.person_name, decision_number=h.decision_number,
                decision_date=h.decision_date, issuing_body=h.issuing_body,
                is_illustrative=False))
    return rows


def _union(cluster: Cluster, filters: LookupFilters, units: list[Unit]) -> QuerySet:
    granted = _keys(_filtered(GrantedAward, cluster, filters, units), GRANTED)
    past = _keys(_filtered(PastHonour, cluster, filters, units), PAST)
    return granted.union(past, all=True).order_by("-k_year", "k_order", "k_source", "k_pk")


def honour_search(*, cluster: Cluster, filters: LookupFilters, page: int | str | None = 1,
                  units: list[Unit] | None = None, page_size: int = PAGE_SIZE) -> Page:
    """One page of the cluster's honours matching ``filters``, newest year first; its
    ``object_list`` holds ``HonourRow``s. ``units``: the cluster's units, when the caller has
    read them (``lookup_units``)."""
    if units is None:
        units = lookup_units(cluster=cluster)
    paginator = Paginator(_union(cluster, filters, units), page_size)
    result = paginator.get_page(page)
    result.object_list = _rows(list(result.object_list))
    return result


def honour_search_all(*, cluster: Cluster, filters: LookupFilters,
                      units: list[Unit] | None = None, limit: int = PRINT_LIMIT
                      ) -> tuple[list[HonourRow], bool]:
    """Every honour matching ``filters`` for printing, at most ``limit``; and whether more
    were left out."""
    if units is None:
        units = lookup_units(cluster=cluster)
    keys = list(_union(cluster, filters, units)[:limit + 1])
    return _rows(keys[:limit]), len(keys) > limit


# --- the person registry ------------------------------------------------------------------------


def _known_in(cluster: Cluster) -> Q:
    """A person proposed or honoured in ``cluster``, or posted to a unit that has been one of
    its members."""
    return (Q(Exists(GrantedAward.objects.filter(person=OuterRef("pk"), cluster=cluster)))
            | Q(Exists(PastHonour.objects.filter(person=OuterRef("pk"), cluster=cluster)))
            | Q(Exists(Nomination.objects.filter(person=OuterRef("pk"),
                                                 session__cluster=cluster)))
            | Q(Exists(Posting.objects.filter(person=OuterRef("pk"),
                                              unit__memberships__cluster=cluster))))


def person_in_cluster(*, person: Person, cluster: Cluster) -> bool:
    """Whether ``person`` is known in ``cluster`` (one query)."""
    return Person.objects.filter(pk=person.pk).filter(_known_in(cluster)).exists()


def person_get(*, cluster: Cluster, pk: int) -> Person | None:
    """The person ``pk`` when known in ``cluster``, with their postings (and units)."""
    person = Person.objects.filter(pk=pk).filter(_known_in(cluster)).first()
    if person is None:
        return None
    person.posting_list = list(person.postings.select_related("unit").order_by(
        F("since").asc(nulls_first=True), "pk"))
    return person


def person_current_unit_id(person: Person) -> int | None:
    """The unit of the person's latest posting (``person_get`` has read them)."""
    postings = getattr(person, "posting_list", None)
    if postings is None:
        postings = list(person.postings.all())
    if not postings:
        return None
    return max(postings, key=lambda p: (p.since or datetime.date.min, p.pk)).unit_id


def person_honours(*, person: Person, cluster_ids) -> list[HonourRow]:
    """Every honour of ``person`` recorded in the clusters ``cluster_ids`` (those the reader
    may see), whatever the unit and the year, newest first: three queries."""
    ids = list(cluster_ids)
    granted = GrantedAward.objects.filter(person=person, cluster_id__in=ids)
    past = PastHonour.objects.filter(person=person, cluster_id__in=ids)
    keys = _keys(granted, GRANTED).union(_keys(past, PAST), all=True).order_by(
        "-k_year", "k_order", "k_source", "k_pk")
    return _rows(list(keys))


def people_alike(*, person: Person, cluster: Cluster) -> list[Person]:
    """Other records of the same folded name known in the cluster: candidates to merge (one
    query, and two more for their postings when there are any)."""
    return list(Person.objects.filter(search_name=person.search_name).exclude(pk=person.pk)
                .filter(_known_in(cluster)).prefetch_related("postings__unit"))


__all__ = [
    "PAGE_SIZE", "PRINT_LIMIT", "HonourRow", "LookupFilters", "RecipientKind",
    "honour_search", "honour_search_all", "lookup_awards", "lookup_units", "people_alike",
    "person_current_unit_id", "person_get", "person_honours", "person_in_cluster",
]
