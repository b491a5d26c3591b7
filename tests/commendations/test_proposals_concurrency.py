"""Parallel requests on PostgreSQL (issue #16): two leaders of a unit sending its proposal at
once, and two people of the secretariat accepting it at once, each give one outcome — one
sending, one nomination, one notice — because the transition locks the proposal's row."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Conference
from cluster.models import Cluster, Unit, User
from commendations import services
from commendations.models import Nomination, Proposal, ProposalEvent, ProposalStatus
from notifications.models import Notification
from tests.campaigns.factories import ConferenceFactory
from tests.commendations.proposal_helpers import draft
from tests.concurrency import demo_with_standing_secretariat, post_in_parallel, session_for

pytestmark = pytest.mark.concurrency
SLUG = "snv-bac-trung-bo"


@pytest.fixture
def demo(live_server, transactional_db):
    return demo_with_standing_secretariat(SLUG)


def _path(proposal, target):
    return f"/cum/{SLUG}/2023/khen-thuong/de-xuat/{proposal.pk}/trang-thai/{target}/"


def test_two_leaders_sending_at_once_send_once_and_two_secretaries_accept_once(
        live_server, demo):
    cluster, secretary = demo
    cluster = Cluster.objects.get(pk=cluster.pk)
    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    officer = User.objects.get(username="canbo.nghean")
    leaders = [User.objects.get(username="lanhdao.nghean"),
               User.objects.create_user(username="lanhdao2.nghean", password="x",
                                        role=User.Role.LEADER, unit=nghean)]
    proposal = draft(cluster, nghean, officer, person_name="Người Song Song")
    responses = post_in_parallel(live_server.url, [
        (session_for(leader), _path(proposal, "gui"), {"note": ""}) for leader in leaders])
    assert sorted(r.status for r in responses) == [200, 302], [r.body[-300:] for r in responses]
    refused = next(r for r in responses if r.status == 200)
    assert "Không thể chuyển đề nghị từ “Đã gửi Cụm trưởng”" in refused.body
    assert ProposalEvent.objects.filter(proposal=proposal, action="Gửi đề nghị").count() == 1
    told = Notification.objects.filter(kind="de_nghi_da_gui", recipient=secretary,
                                       key__startswith=f"proposal:{proposal.pk}:")
    assert told.count() == 1

    conference = ConferenceFactory(cluster=cluster, year=2023, kind=Conference.Kind.YEAREND,
                                   title="Hội nghị tổng kết năm 2023 (song song)",
                                   starts_at=timezone.make_aware(datetime.datetime(2023, 12,
                                                                                   20, 8)))
    session = services.session_create(cluster=cluster, year=2023, conference=conference,
                                      title="Bình xét song song 2023", acting_user=secretary)
    receivers = [secretary, User.objects.get(username="lanhdao.quangtri")]
    responses = post_in_parallel(live_server.url, [
        (session_for(user), _path(proposal, "tiep-nhan"), {"session": str(session.pk),
                                                             "note": ""})
        for user in receivers])
    assert sorted(r.status for r in responses) == [200, 302], [r.body[-300:] for r in responses]
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == ProposalStatus.ACCEPTED
    assert Nomination.objects.filter(session=session).count() == 1
    assert Nomination.objects.get(session=session).proposal == proposal
    assert Notification.objects.filter(key=f"proposal:{proposal.pk}:accepted",
                                       recipient=officer).count() == 1
