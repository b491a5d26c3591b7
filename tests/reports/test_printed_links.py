"""The pages of a period, a conference, a closed bình xét and the pledge lead to their printed
versions: a link to the documents page, to the card of that very record."""

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.models import Conference
from commendations.models import VotingSession
from pledges.models import Pledge
from results.models import ReportingPeriod

pytestmark = pytest.mark.django_db
SLUG, YEAR = "snv-bac-trung-bo", 2022


def pages() -> dict[str, str]:
    conference = Conference.objects.filter(cluster__slug=SLUG, starts_at__year=YEAR).first()
    session = VotingSession.objects.get(cluster__slug=SLUG, year=YEAR)
    assert session.is_closed
    assert ReportingPeriod.objects.filter(cluster__slug=SLUG, year=YEAR, kind="6_thang").exists()
    assert Pledge.objects.filter(cluster__slug=SLUG, year=YEAR).exists()
    return {
        "ky-6-thang": f"/cum/{SLUG}/{YEAR}/ket-qua/6-thang/",
        f"hoi-nghi-{conference.pk}": reverse("campaigns:conference-detail",
                                             args=[SLUG, YEAR, conference.pk]),
        f"binh-xet-{session.pk}": reverse("commendations:session-detail",
                                          args=[SLUG, YEAR, session.pk]),
        "giao-uoc": reverse("pledges:detail", args=[SLUG, YEAR]),
    }


@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.nghean"])
def test_each_record_links_to_its_own_card_on_the_documents_page(users, username):
    client = Client()
    client.force_login(users[username])
    documents = client.get(reverse("reports:list", args=[SLUG, YEAR])).content.decode()
    for anchor, path in pages().items():
        body = client.get(path).content.decode()
        link = body.split('data-testid="printed-link"')[0].rsplit("<a ", 1)[1]
        assert f'href="/cum/{SLUG}/{YEAR}/van-ban/#{anchor}"' in link, path
        assert f'id="{anchor}"' in documents, anchor
