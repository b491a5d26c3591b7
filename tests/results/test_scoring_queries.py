"""Issue #17's pages make as many queries for 60 units as for 6, with every unit's own target,
criteria (and a group) not applicable to half of them and the year's bands: the targets grid,
and the ranking, the board and a report page that read them."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from results.models import NotApplicable, ScoreBand, UnitReport, UnitTarget, YearScoring
from tests.results.factories_results import World, bulk_report

pytestmark = pytest.mark.django_db


def build(units: int) -> World:
    world = World(units=units, extra=units)
    criteria = list(world.criteria.values())
    for i, unit in enumerate(world.units):
        bulk_report(world.period, unit, criteria=criteria,
                    state=UnitReport.State.SUBMITTED, submitted=True)
        UnitTarget.objects.create(period=world.period, unit=unit, criterion=world.c("1.2"),
                                  target=Decimal(80 + i % 15), note=f"Đơn vị {i}")
        if i % 2:
            NotApplicable.objects.create(period=world.period, unit=unit,
                                         criterion=world.c("2.3" if i % 4 == 1 else "II"),
                                         reason=f"Lý do {i}")
    YearScoring.objects.create(cluster=world.cluster, year=world.period.year,
                               ranking_basis="ty_le", band_basis="ty_le")
    for name, bound in (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65), ("Trung bình", 50)):
        ScoreBand.objects.create(cluster=world.cluster, year=world.period.year, name=name,
                                 lower_bound=Decimal(bound))
    return world


PAGES = {
    "targets": lambda w: "chi-tieu/",
    "ranking": lambda w: "xep-hang/",
    "board": lambda w: "",
    "report": lambda w: f"don-vi/{w.units[3].pk}/",
}


def count(world: World, page: str) -> int:
    client = Client()
    client.force_login(world.secretary)
    path = f"/cum/{world.cluster.slug}/2023/ket-qua/6-thang/" + PAGES[page](world)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, page
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_units(page):
    few, many = count(build(6), page), count(build(60), page)
    assert many == few, f"{page}: {few} queries with 6 units, {many} with 60"


def test_the_rules_page_reads_a_fixed_number_of_rows():
    world = build(6)
    client = Client()
    client.force_login(world.secretary)
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"/cum/{world.cluster.slug}/2023/ket-qua/xep-loai/")
    assert response.status_code == 200
    assert "Xuất sắc" in response.content.decode()
    assert len(context.captured_queries) < 25
