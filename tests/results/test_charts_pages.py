"""The charts on the pages (issue #17, point 6): the home page's points by unit and progress,
the ranking's points by criterion group, a unit's points and rank across the years with its
predecessors' lines; each with its text alternative, none adding a query per unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cluster.models import Unit
from results.models import ReportingPeriod, UnitReport
from tests.factories import UnitFactory
from tests.results.factories_results import ReportingPeriodFactory, World, bulk_report

pytestmark = pytest.mark.django_db
Phase = ReportingPeriod.Phase


def submitted_world(units: int = 4, extra: int = 0) -> World:
    world = World(units=units, extra=extra)
    criteria = list(world.criteria.values())
    for i, unit in enumerate(world.units):
        bulk_report(world.period, unit, criteria=criteria, submitted=i != 1,
                    state=UnitReport.State.DRAFT if i == 1 else UnitReport.State.SUBMITTED)
    return world


def get(world: World, user, path: str):
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def accessible(html: str, key: str) -> None:
    """The chart ``key`` is on the page as an image with a name and a description, and its
    numbers as a table."""
    assert f'data-chart="{key}"' in html
    figure = html.split(f'<figure class="chart-figure mb-3" data-testid="chart" '
                        f'data-chart="{key}">')[1].split("</figure>")[0]
    svg = figure[figure.index("<svg"):figure.index("</svg>")]
    assert 'role="img"' in svg and f'aria-labelledby="{key}-title {key}-desc"' in svg
    assert f'<title id="{key}-title">' in svg and f'<desc id="{key}-desc">' in svg
    assert 'data-testid="chart-table"' in figure


def test_home_page_shows_progress_and_points_by_unit(client):
    world = submitted_world()
    html = get(world, world.secretary, f"/cum/{world.cluster.slug}/2023/")
    accessible(html, "tien-do-6-thang")
    accessible(html, "diem-don-vi")
    for unit in (world.units[0], world.units[2]):
        assert unit.short_name in html.split('data-chart="diem-don-vi"', 1)[1]


def test_a_member_sees_the_progress_but_not_the_points_before_the_period_is_final():
    world = submitted_world()
    html = get(world, world.officers[2], f"/cum/{world.cluster.slug}/2023/")
    assert 'data-chart="tien-do-6-thang"' in html
    assert 'data-chart="diem-don-vi"' not in html


def test_ranking_shows_points_by_criterion_group():
    world = submitted_world()
    html = get(world, world.secretary, f"/cum/{world.cluster.slug}/2023/ket-qua/6-thang/xep-hang/")
    accessible(html, "diem-nhom-tieu-chi")
    chart = html.split('data-chart="diem-nhom-tieu-chi"', 1)[1]
    top = [c for c in world.criteria.values() if c.parent_id is None]
    assert top and all(group.name[:20] in chart for group in top)


def finalised_history(units: int) -> tuple[World, Unit]:
    """A finalised mid-year where a predecessor of unit 2 reported, and a finalised year-end
    where unit 2 itself did; totals stored as finalising stores them."""
    world = World(units=units, phase=Phase.FINAL)
    predecessor = UnitFactory()
    Unit.objects.filter(pk=predecessor.pk).update(successor=world.units[2])
    year_end = ReportingPeriodFactory(cluster=world.cluster, kind=ReportingPeriod.Kind.YEAR_END,
                                      phase=Phase.FINAL)
    for i, unit in enumerate(world.units):
        mid = predecessor if i == 2 else unit
        bulk_report(world.period, mid, criteria=[])
        bulk_report(year_end, unit, criteria=[])
    for number, report in enumerate(UnitReport.objects.filter(period__cluster=world.cluster)):
        report.final_total = Decimal(50 + number)
        report.save(update_fields=["final_total"])
    return world, predecessor


def test_unit_page_shows_points_and_rank_across_periods_with_predecessors():
    world, predecessor = finalised_history(units=4)
    html = get(world, world.secretary, f"/don-vi/{world.units[2].pk}/")
    assert 'data-testid="unit-results-history"' in html
    accessible(html, "lich-su-diem")
    accessible(html, "lich-su-hang")
    points = html.split('data-chart="lich-su-diem"', 1)[1].split("</figure>")[0]
    assert world.units[2].short_name in points and predecessor.short_name in points


def test_unit_page_without_finalised_results_has_no_chart():
    world = submitted_world()
    html = get(world, world.secretary, f"/don-vi/{world.units[2].pk}/")
    assert "unit-results-history" not in html


def test_a_period_under_explanation_is_drawn_marked_provisional():
    """Reviewed, not yet finalised: the unit sees its points so far, marked “tạm”."""
    world = submitted_world()
    ReportingPeriod.objects.filter(pk=world.period.pk).update(phase=Phase.EXPLAINING)
    html = get(world, world.secretary, f"/don-vi/{world.units[2].pk}/")
    accessible(html, "lich-su-diem")
    points = html.split('data-chart="lich-su-diem"', 1)[1].split("</figure>")[0]
    assert "(tạm)" in points and "chưa chốt kết quả" in points
    ReportingPeriod.objects.filter(pk=world.period.pk).update(phase=Phase.VERIFYING)
    assert "unit-results-history" not in get(world, world.secretary,
                                             f"/don-vi/{world.units[2].pk}/")


def count(world: World, path: str) -> int:
    client = Client()
    client.force_login(world.secretary)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_unit_page_queries_do_not_grow_with_units_or_periods():
    small, _ = finalised_history(units=4)
    large, _ = finalised_history(units=40)
    assert count(small, f"/don-vi/{small.units[2].pk}/") == \
        count(large, f"/don-vi/{large.units[2].pk}/")


def test_results_of_a_cluster_the_viewer_cannot_see_stay_hidden():
    """A unit page shows only the periods of clusters the viewer may see: a person of another
    cluster is refused the page (404) or sees no results of this one."""
    from cluster.models import User
    from tests.factories import UserFactory, cluster_with_members

    world, _predecessor = finalised_history(units=4)
    other = cluster_with_members(units=2, first_year=2023)
    stranger = UserFactory(unit=other.memberships.first().unit, role=User.Role.OFFICER)
    client = Client()
    client.force_login(stranger)
    response = client.get(f"/don-vi/{world.units[2].pk}/")
    assert response.status_code == 404 or "unit-results-history" not in response.content.decode()
