"""Reads of the good-practice library: search, filters, the newest for the dashboard.

Search ignores case and, when the words typed carry no diacritics, diacritics too: "cach lam
hay" finds "cách làm hay", while "mã" finds "mã" but not "ma". Each word typed must begin a
word of the practice's title, description, results, unit or area. SQLite folds case for ASCII
only and neither database folds Vietnamese diacritics, so matching is done in Python over the
few columns searched, after the database has applied the filters; only the page shown is
then loaded whole. A cluster records tens of practices a year, so this stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from cluster.models import Cluster, Membership, Unit
from cluster.text import fold, vi_sorted
from results.models import GoodPractice, StateArea

PAGE_SIZE = 20
MAX_WORDS = 8


def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").casefold())


def _starting_word(word: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(word))


def _matcher(query: str):
    """A predicate over a practice's searchable text: every word typed must begin a word of
    the text ("hoa" finds "Thanh Hóa", "oa" does not)."""
    words = [unicodedata.normalize("NFC", w) for w in (query or "").split()][:MAX_WORDS]
    plain = [_starting_word(fold(w)) for w in words if fold(w) == _lower(w)]
    marked = [_starting_word(_lower(w)) for w in words if fold(w) != _lower(w)]

    def matches(text: str) -> bool:
        folded, lowered = fold(text), _lower(text)
        return (all(w.search(folded) for w in plain)
                and all(w.search(lowered) for w in marked))

    return matches


@dataclass(frozen=True)
class PracticeFilters:
    """What the list page filters by; ``year=None`` means every year of the cluster."""

    query: str = ""
    year: int | None = None
    unit_id: int | None = None
    area_name: str = ""


def _filtered(cluster: Cluster, filters: PracticeFilters) -> QuerySet:
    practices = GoodPractice.objects.filter(cluster=cluster)
    if filters.year:
        practices = practices.filter(year=filters.year)
    if filters.unit_id:
        practices = practices.filter(unit_id=filters.unit_id)
    if filters.area_name:
        practices = practices.filter(area__name=filters.area_name)
    return practices


ORDER = ["-year", "-created_at", "-pk"]


def practice_search_ids(*, cluster: Cluster, filters: PracticeFilters) -> list[int]:
    """The ids of the practices that match, newest first (one query)."""
    practices = _filtered(cluster, filters).order_by(*ORDER)
    if not filters.query.strip():
        return list(practices.values_list("pk", flat=True))
    matches = _matcher(filters.query)
    rows = practices.values_list("pk", "title", "description", "results", "unit__name",
                                 "unit__short_name", "area__name")
    return [row[0] for row in rows
            if matches("\n".join(part or "" for part in row[1:]))]


def practice_list(*, cluster: Cluster, filters: PracticeFilters, limit: int | None = None
                  ) -> list[GoodPractice]:
    """Every matching practice, newest first, with its unit and area, in one query: what the
    printed documents list. The same filters and matching as the library page
    (``practice_search_ids``), so a document never lists other practices than the page."""
    practices = _filtered(cluster, filters).select_related("unit", "area").order_by(*ORDER)
    if not filters.query.strip():
        return list(practices[:limit] if limit else practices)
    matches = _matcher(filters.query)
    found = [p for p in practices if matches("\n".join(part or "" for part in (
        p.title, p.description, p.results, p.unit.name if p.unit else "",
        p.unit.short_name if p.unit else "", p.area.name if p.area else "")))]
    return found[:limit] if limit else found


def practice_page(*, cluster: Cluster, filters: PracticeFilters, page: int | str = 1,
                  per_page: int = PAGE_SIZE) -> Page:
    """One page of matching practices, with their unit and area (two queries)."""
    paginator = Paginator(practice_search_ids(cluster=cluster, filters=filters), per_page)
    current = paginator.get_page(page)
    by_pk = GoodPractice.objects.filter(pk__in=list(current.object_list)).select_related(
        "unit", "area").in_bulk()
    current.object_list = [by_pk[pk] for pk in current.object_list if pk in by_pk]
    return current


def practice_latest(*, cluster: Cluster, year: int, limit: int = 5) -> list[GoodPractice]:
    """The newest practices up to ``year``, for the dashboard."""
    return list(GoodPractice.objects.filter(cluster=cluster, year__lte=year)
                .select_related("unit", "area").order_by(*ORDER)[:limit])


def practice_get(*, cluster: Cluster, year: int, pk: int) -> GoodPractice | None:
    return (GoodPractice.objects.filter(cluster=cluster, year=year, pk=pk)
            .select_related("cluster", "unit", "area", "created_by", "report__period")
            .first())


def practice_count(*, cluster: Cluster, year: int | None = None) -> int:
    practices = GoodPractice.objects.filter(cluster=cluster)
    return (practices.filter(year=year) if year else practices).count()


@dataclass(frozen=True)
class FilterChoices:
    years: list[int]
    units: list[Unit]
    area_names: list[str]


def practice_filter_choices(*, cluster: Cluster, year: int) -> FilterChoices:
    """Every year, unit and area the library can be filtered by: the cluster's units of any
    year (so a merged unit's old practices stay findable), its areas of any year. Three
    queries."""
    years = set(GoodPractice.objects.filter(cluster=cluster).values_list("year", flat=True))
    years.add(year)
    unit_ids = Membership.objects.filter(cluster=cluster).values("unit_id")
    units = vi_sorted(Unit.objects.filter(
        Q(pk__in=unit_ids) | Q(good_practices__cluster=cluster)).distinct(),
        key=lambda u: u.short_name or u.name)
    names: list[str] = []
    for name in (StateArea.objects.filter(cluster=cluster).order_by("-year", "order", "pk")
                 .values_list("name", flat=True)):
        if name not in names:
            names.append(name)
    return FilterChoices(sorted(years, reverse=True), units, names)


def practice_area_choices(*, cluster: Cluster, year: int) -> QuerySet:
    """The areas a practice of ``year`` may name: that year's list, or while the year has none,
    the latest earlier year's (the service matches it to the year by name)."""
    areas = StateArea.objects.filter(cluster=cluster, year=year)
    if areas.exists():
        return areas.order_by("order", "pk")
    latest = (StateArea.objects.filter(cluster=cluster, year__lt=year).order_by("-year")
              .values_list("year", flat=True).first())
    return StateArea.objects.filter(cluster=cluster, year=latest).order_by("order", "pk")


__all__ = ["FilterChoices", "PracticeFilters", "fold", "practice_area_choices",
           "practice_count", "practice_filter_choices", "practice_get", "practice_latest",
           "practice_list", "practice_page", "practice_search_ids"]
