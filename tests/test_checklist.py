"""The year's checklist on the cluster-year's home page (issue #13, point 3): the secretariat
(and an administrator) sees what is set up for the year — the plan and its legal bases, the
criteria, the reporting periods, the pledge, the conferences, the rules of the bình xét —
each item linking to its page and ticked once done. Each app contributes its own items
(``cluster.dashboard.register_checklist``, written in the app's ``dashboard.py``); the page
reads them in one query, the same with more data."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster.models import ClusterYear, Membership, User
from commendations.models import AwardRule
from tests.campaigns.factories import (
    CampaignFactory,
    ConferenceFactory,
    CriterionFactory,
    LegalDocumentFactory,
)
from tests.commendations.factories import AwardFormFactory
from tests.factories import UserFactory, cluster_with_members
from tests.pledges.factories import PledgeFactory
from tests.results.factories_results import ReportingPeriodFactory

pytestmark = pytest.mark.django_db
YEAR = 2026
KEYS = ["plan", "criteria", "conferences", "periods", "pledge", "award_rules"]
ITEM = re.compile(r'data-testid="checklist-item" data-key="([a-z_]+)" data-done="([01])"')


def _checklist(client, cluster) -> dict[str, bool]:
    html = client.get(f"/cum/{cluster.slug}/{YEAR}/").content.decode()
    return {key: done == "1" for key, done in ITEM.findall(html)}


@pytest.fixture
def fresh():
    """A cluster just set up: members, the year's chair, nothing else."""
    cluster = cluster_with_members(units=3, first_year=YEAR)
    chair = ClusterYear.objects.get(cluster=cluster, year=YEAR).chair
    return cluster, UserFactory(unit=chair, role=User.Role.OFFICER)


def test_every_app_contributes_its_items_from_its_dashboard_module():
    from cluster.dashboard import _checklist as providers

    assert sorted(f"{p.__module__}.{p.__name__}" for _order, p in providers) == [
        "campaigns.dashboard.campaigns_checklist",
        "commendations.dashboard.commendations_checklist",
        "pledges.dashboard.pledge_checklist", "results.dashboard.results_checklist"]


def test_each_item_ticks_itself_once_its_thing_exists(client, fresh):
    cluster, secretariat = fresh
    client.force_login(secretariat)
    assert _checklist(client, cluster) == dict.fromkeys(KEYS, False)
    html = client.get(f"/cum/{cluster.slug}/{YEAR}/").content.decode()
    for url in ["phong-trao/", "tieu-chi/", "hoi-nghi/", "ket-qua/", "giao-uoc/",
                "khen-thuong/quy-tac/"]:
        assert f'href="/cum/{cluster.slug}/{YEAR}/{url}"' in html
        assert client.get(f"/cum/{cluster.slug}/{YEAR}/{url}").status_code == 200, url
    assert "0/6 đã xong" in html

    campaign = CampaignFactory(cluster=cluster, year=YEAR)
    assert not _checklist(client, cluster)["plan"]  # a plan without its legal bases
    campaign.legal_bases.add(LegalDocumentFactory(cluster=cluster))
    CriterionFactory(cluster=cluster, year=YEAR)
    ConferenceFactory(cluster=cluster, year=YEAR)
    assert _checklist(client, cluster) == {**dict.fromkeys(KEYS, False), "plan": True,
                                           "criteria": True, "conferences": True}
    ReportingPeriodFactory(cluster=cluster, year=YEAR)
    PledgeFactory(cluster=cluster, year=YEAR)
    AwardRule.objects.create(cluster=cluster, year=YEAR, award=AwardFormFactory(),
                             threshold_percent=Decimal(80))
    assert _checklist(client, cluster) == dict.fromkeys(KEYS, True)
    assert "6/6 đã xong" in client.get(f"/cum/{cluster.slug}/{YEAR}/").content.decode()
    # Another year's things tick nothing this year.
    assert not any(_checklist_for(client, cluster, YEAR + 1).values())


def _checklist_for(client, cluster, year) -> dict[str, bool]:
    html = client.get(f"/cum/{cluster.slug}/{year}/").content.decode()
    return {key: done == "1" for key, done in ITEM.findall(html)}


def test_only_who_prepares_the_year_sees_it(client, fresh):
    cluster, secretariat = fresh
    member = Membership.objects.filter(cluster=cluster).exclude(unit=secretariat.unit).first()
    admin = User.objects.create_superuser("quantri", "qt@example.gov.vn", "mat-khau-thu")
    observer = UserFactory(unit=None, role=User.Role.OBSERVER)
    for user, sees in [(secretariat, True), (admin, True), (observer, False),
                       (UserFactory(unit=member.unit, role=User.Role.OFFICER), False),
                       (UserFactory(unit=member.unit, role=User.Role.LEADER), False)]:
        client.force_login(user)
        html = client.get(f"/cum/{cluster.slug}/{YEAR}/").content.decode()
        assert ('data-testid="year-checklist"' in html) is sees, user


def _grow(cluster, *, first: bool = True) -> None:
    for _ in range(3):
        campaign = CampaignFactory(cluster=cluster, year=YEAR)
        campaign.legal_bases.add(LegalDocumentFactory(cluster=cluster),
                                 LegalDocumentFactory(cluster=cluster))
        CriterionFactory(cluster=cluster, year=YEAR)
        ConferenceFactory(cluster=cluster, year=YEAR)
    if first:  # one of each per year
        ReportingPeriodFactory(cluster=cluster, year=YEAR)
        PledgeFactory(cluster=cluster, year=YEAR)
    for _ in range(3):
        AwardRule.objects.create(cluster=cluster, year=YEAR, award=AwardFormFactory(),
                                 threshold_percent=Decimal(80))


def test_the_checklist_costs_one_query_whatever_the_data(client, fresh):
    cluster, secretariat = fresh
    client.force_login(secretariat)
    client.get(f"/cum/{cluster.slug}/{YEAR}/")  # the session's first read
    with CaptureQueriesContext(connection) as empty:
        client.get(f"/cum/{cluster.slug}/{YEAR}/")
    checklist = [q for q in empty.captured_queries if '"done_plan"' in q["sql"]]
    assert len(checklist) == 1
    _grow(cluster)
    with CaptureQueriesContext(connection) as grown:
        response = client.get(f"/cum/{cluster.slug}/{YEAR}/")
    assert "6/6 đã xong" in response.content.decode()
    checklist = [q for q in grown.captured_queries if '"done_plan"' in q["sql"]]
    assert len(checklist) == 1
    # The page as a whole: a period and a pledge add their panels' reads, nothing more with
    # more rows of each kind; within the budget of tests/test_page_queries.py.
    assert len(grown.captured_queries) <= 15
    _grow(cluster, first=False)
    with CaptureQueriesContext(connection) as larger:
        client.get(f"/cum/{cluster.slug}/{YEAR}/")
    assert len(larger.captured_queries) == len(grown.captured_queries)
