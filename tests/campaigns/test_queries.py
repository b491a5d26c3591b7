"""Every list page makes as many queries with many rows as with few (no N+1)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import services
from campaigns.models import Campaign, Conference, Criterion
from tests.campaigns.factories import (
    CampaignFactory,
    ConferenceFactory,
    DelegateFactory,
    LegalDocumentFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db
Y = "/cum/snv-bac-trung-bo/2022/"


def grow_campaigns(cluster, n):
    for _ in range(n):
        campaign = CampaignFactory(cluster=cluster)
        campaign.legal_bases.add(LegalDocumentFactory(cluster=cluster))
        MilestoneFactory(campaign=campaign, due_on=datetime.date(2022, 3, 1))
        MilestoneFactory(campaign=campaign, due_on=datetime.date(2022, 9, 1),
                         done_on=datetime.date(2022, 9, 1))


def grow_documents(cluster, n):
    for _ in range(n):
        LegalDocumentFactory(cluster=cluster)


def grow_criteria(cluster, n):
    parent = Criterion.objects.get(cluster=cluster, year=2022, code="III")
    start = Criterion.objects.filter(cluster=cluster, year=2022, parent=parent).count()
    for i in range(n):
        services.criterion_save(
            cluster=cluster, year=2022, parent=parent, code=f"3.{start + i + 1}",
            name=f"Điểm trừ {i}", kind=Criterion.Kind.BONUS_PENALTY,
            points_each=Decimal(-1), lower_bound=Decimal(-2), upper_bound=Decimal(0),
            acting_user=None,
        )


def grow_conferences(cluster, n, units):
    for _ in range(n):
        conference = ConferenceFactory(cluster=cluster)
        conference.hosts.add(units["nghean"], units["hatinh"])


def grow_delegates(cluster, n, units):
    conference = Conference.objects.get(cluster=cluster, year=2022, signs_pledge=True)
    for i in range(n):
        DelegateFactory(conference=conference, unit=units["nghean"] if i % 2 else None,
                        unit_name="" if i % 2 else "Bộ Nội vụ")


def conference_path(cluster):
    return Y + f"hoi-nghi/{Conference.objects.get(cluster=cluster, signs_pledge=True).pk}/"


def campaign_path(cluster):
    campaign = Campaign.objects.get(cluster=cluster, kind=Campaign.Kind.REGULAR, year=2022)
    return Y + f"phong-trao/{campaign.pk}/"


def bulletin_path(cluster):
    return f"/cong-khai/ban-tin/{Conference.objects.get(cluster=cluster, year=2022).slug}/"


def grow_milestones(cluster, n):
    campaign = Campaign.objects.get(cluster=cluster, kind=Campaign.Kind.REGULAR, year=2022)
    for _ in range(n):
        MilestoneFactory(campaign=campaign)


PAGES = {
    "overview": (lambda c: Y + "phong-trao/", lambda c, n, u: grow_campaigns(c, n)),
    "home-panel": (lambda c: Y, lambda c, n, u: grow_campaigns(c, n)),
    "campaign-detail": (campaign_path, lambda c, n, u: grow_milestones(c, n)),
    "document-list": (lambda c: Y + "so-van-ban/", lambda c, n, u: grow_documents(c, n)),
    "criteria": (lambda c: Y + "tieu-chi/", lambda c, n, u: grow_criteria(c, n)),
    "conference-list": (lambda c: Y + "hoi-nghi/", grow_conferences),
    "conference-detail": (conference_path, grow_delegates),
    "bulletin": (bulletin_path, grow_delegates),
}


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.nghean"])
def test_query_count_does_not_grow_with_rows(page, username, client, users, units,
                                             north_central):
    path_for, grow = PAGES[page]
    client.force_login(users[username])
    path = path_for(north_central)
    grow(north_central, 2, units)
    few = count_queries(client, path)
    grow(north_central, 12, units)
    many = count_queries(client, path)
    assert many == few, f"{page}: {few} queries with few rows, {many} with many"
