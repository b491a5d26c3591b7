"""The results pages make as many queries for 60 units and a large criteria tree as for 6
units and a small one (no N+1): the board, the ranking, a report page (for its unit and for
the secretariat), the edit form, the review form, the home page's panel (with its charts)
and a unit's page (its results across the years)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from results.models import EvidenceFile, ReportEvent, UnitReport
from tests.results.factories_results import World, bulk_report

pytestmark = pytest.mark.django_db
State = UnitReport.State


def build(units: int, extra: int) -> World:
    """``units`` members with a report each (unit 1's a draft, the others submitted and partly
    adjusted), files on every third criterion and a few events per report."""
    world = World(units=units, extra=extra)
    criteria = list(world.criteria.values())
    for i, unit in enumerate(world.units):
        report = bulk_report(world.period, unit, criteria=criteria,
                             state=State.DRAFT if i == 1 else State.SUBMITTED,
                             submitted=i != 1)
        leaves = [c for c in criteria if c.kind][::3]
        EvidenceFile.objects.bulk_create([
            EvidenceFile(report=report, criterion=c, file=f"evidence/reports/2023/{c.pk}.pdf",
                         original_name=f"{c.code}.pdf", mime="application/pdf", size=10,
                         uploaded_by=world.officers[i]) for c in leaves])
        ReportEvent.objects.bulk_create([
            ReportEvent(report=report, from_state=State.DRAFT, to_state=State.SUBMITTED,
                        actor=world.leaders[i]) for _ in range(1 + extra // 10)])
    return world


def url(world: World, suffix: str = "", unit: int | None = None) -> str:
    base = f"/cum/{world.cluster.slug}/2023/ket-qua/6-thang/"
    if unit is not None:
        base += f"don-vi/{world.units[unit].pk}/"
    return base + suffix


PAGES = {
    # name: (who, path)
    "board": ("secretary", lambda w: url(w)),
    "board-member": ("officer2", lambda w: url(w)),
    "ranking": ("secretary", lambda w: url(w, "xep-hang/")),
    "report-secretariat": ("secretary", lambda w: url(w, unit=2)),
    "report-own": ("officer2", lambda w: url(w, unit=2)),
    "review": ("secretary", lambda w: url(w, "tham-dinh/", unit=2)),
    "edit": ("officer1", lambda w: url(w, "sua/", unit=1)),
    "submit": ("leader1", lambda w: url(w, "nop/", unit=1)),
    "periods": ("officer1", lambda w: f"/cum/{w.cluster.slug}/2023/ket-qua/"),
    "home-secretariat": ("secretary", lambda w: f"/cum/{w.cluster.slug}/2023/"),
    "home-officer": ("officer1", lambda w: f"/cum/{w.cluster.slug}/2023/"),
    # the unit page's results across the years (issue #17, point 6)
    "unit-page": ("secretary", lambda w: f"/don-vi/{w.units[2].pk}/"),
}


def who(world: World, name: str):
    return {"secretary": world.secretary, "officer1": world.officers[1],
            "officer2": world.officers[2], "leader1": world.leaders[1]}[name]


def count(world: World, page: str) -> int:
    person, path_for = PAGES[page]
    client = Client()
    client.force_login(who(world, person))
    with CaptureQueriesContext(connection) as context:
        response = client.get(path_for(world))
    assert response.status_code == 200, page
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_units_or_criteria(page):
    small = build(units=6, extra=0)
    large = build(units=60, extra=60)
    few, many = count(small, page), count(large, page)
    assert many == few, f"{page}: {few} queries with 6 units, {many} with 60"
