"""The commendation deadlines told by the one scheduler (issue #16): proposals not sent before
the call's deadline, dossiers not sent before the campaign's dossier milestone. Each notice
once per person, however often cron runs; nobody told who has nothing left to do."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Campaign, Milestone
from commendations import services
from commendations.models import Dossier, DossierStatus, ProposalStatus
from notifications.kinds import Kind
from notifications.models import Notification
from tests.campaigns.factories import CampaignFactory, MilestoneFactory
from tests.commendations.factories import vote_setup
from tests.commendations.proposal_helpers import draft

pytestmark = pytest.mark.django_db


def run(now: datetime.datetime) -> None:
    call_command("run_scheduler", "--now", now.isoformat(), stdout=io.StringIO())


def moment(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_units_with_unsent_proposals_are_told_before_the_deadline_once():
    setup = vote_setup(units=3)
    first, second, third = setup.members
    deadline = moment(timezone.localdate() + datetime.timedelta(days=10), 17)
    services.proposal_call_set(cluster=setup.cluster, year=2022, deadline=deadline,
                               acting_user=None)
    code = setup.awards["cstd"].code  # an individual award of the set-up's own catalogue
    draft(setup.cluster, first, setup.leaders[first.pk], year=2022, code=code)
    sent = draft(setup.cluster, second, setup.leaders[second.pk], year=2022, code=code)
    services.proposal_transition(proposal=sent, to_status=ProposalStatus.SENT,
                                 acting_user=setup.leaders[second.pk])
    notices = Notification.objects.filter(kind=Kind.PROPOSAL_DEADLINE)
    run(deadline - datetime.timedelta(days=4))  # too early
    assert not notices.exists()
    run(deadline - datetime.timedelta(days=2))
    run(deadline - datetime.timedelta(hours=3))  # again: nothing new
    assert sorted(n.recipient_id for n in notices) == sorted(
        [setup.officers[first.pk].pk, setup.leaders[first.pk].pk])
    assert f"tháng {deadline.month:02d} năm {deadline.year}" in notices.first().title
    run(deadline + datetime.timedelta(minutes=1))  # past: no more
    assert notices.all().count() == 2


def test_the_secretariat_is_told_of_dossiers_not_sent_before_the_milestone():
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})])
    dossier = Dossier.objects.create(nomination=setup.nominations[0])
    campaign = CampaignFactory(cluster=setup.cluster, year=2022, kind=Campaign.Kind.REGULAR)
    due = datetime.date(2023, 1, 10)
    MilestoneFactory(campaign=campaign, kind=Milestone.Kind.DOSSIER_DEADLINE, title="",
                     due_on=due)
    notices = Notification.objects.filter(kind=Kind.DOSSIER_DEADLINE)
    run(moment(due - datetime.timedelta(days=5)))
    assert not notices.exists()
    run(moment(due - datetime.timedelta(days=2)))
    run(moment(due))
    chair = setup.secretary.unit_id  # the chair unit's officer and leader, once each
    assert sorted(n.recipient_id for n in notices) == sorted(
        [setup.secretary.pk, setup.leaders[chair].pk])
    assert all("Còn 1 hồ sơ" in n.body for n in notices)
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SENT)
    Notification.objects.all().delete()
    run(moment(due))  # everything sent: nobody is told
    assert not notices.all().exists()
