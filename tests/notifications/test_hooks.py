"""Each workflow event tells the right people and nobody else (issue #16): the unit's officers
and leader of what changes their report, the secretariat of what waits for its review, the
member units' leaders of what they sign or vote; a vote is never in a notice."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cluster.models import User
from commendations.models import SessionStatus
from notifications.kinds import Kind
from notifications.models import Notification
from pledges import services as pledge_services
from pledges.models import PledgeStatus
from results.models import ReportingPeriod, UnitReport
from results.services import results as services
from tests.commendations.factories import cast, vote_setup
from tests.factories import ClusterFactory, SecretariatGrantFactory, UserFactory
from tests.pledges.factories import pledge_setup
from tests.results.test_reminders import DEADLINE, Setup

pytestmark = pytest.mark.django_db
Phase = ReportingPeriod.Phase
State = UnitReport.State


def told(kind=None) -> dict[str, set[int]]:
    """{kind: recipients' ids} of every notice (or of one kind)."""
    rows = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    result: dict[str, set[int]] = {}
    for notice in rows:
        result.setdefault(notice.kind, set()).add(notice.recipient_id)
    return result


def ids(*users) -> set[int]:
    return {u.pk for u in users}


class Results(Setup):
    """Four units with an officer and a leader each (unit 0 chairs), plus a person granted the
    secretariat, an observer, an administrator and someone of another cluster."""

    def __init__(self, phase=Phase.SUBMITTING):
        super().__init__(phase)
        self.grant = SecretariatGrantFactory(cluster=self.cluster, year=2022,
                                             user=UserFactory(role=User.Role.NONE,
                                                              unit=None)).user
        self.observer = UserFactory(role=User.Role.OBSERVER, unit=None)
        self.admin = UserFactory(is_superuser=True, is_staff=True, unit=None,
                                 role=User.Role.NONE)
        self.outsider = UserFactory()
        ClusterFactory()  # another cluster, with nobody of ours in it

    def unit_staff(self, i) -> set[int]:
        return ids(*self.staff[i])

    @property
    def secretariat_ids(self) -> set[int]:
        return self.unit_staff(0) | {self.grant.pk}

    def everybody(self) -> set[int]:
        return {*[p for i in range(4) for p in self.unit_staff(i)], self.grant.pk}


def test_submission_asks_the_secretariat_only():
    setup = Results()
    Notification.objects.all().delete()  # the phase's notices
    report = setup.submit(1)
    assert told() == {Kind.REPORT_TO_REVIEW: setup.secretariat_ids}
    notice = Notification.objects.first()
    assert setup.units[1].short_name in notice.title and "nộp" in notice.title
    assert notice.url == f"/cum/{setup.cluster.slug}/2022/ket-qua/6-thang/don-vi/{report.unit_id}/"


def test_return_review_and_explanation_tell_the_units_staff():
    setup = Results()
    report = setup.submit(1)
    secretary = setup.secretariat
    Notification.objects.all().delete()
    services.report_transition(report=report, to_state=State.RETURNED, acting_user=secretary,
                               note="Bổ sung số liệu biên chế.")
    assert told() == {Kind.REPORT_RETURNED: setup.unit_staff(1)}
    assert "Bổ sung số liệu biên chế." in Notification.objects.get(
        recipient=setup.staff[1][0]).body
    report = services.report_transition(report=report, to_state=State.SUBMITTED,
                                        acting_user=setup.staff[1][1])
    assert "nộp lại" in Notification.objects.filter(kind=Kind.REPORT_TO_REVIEW).first().title
    Notification.objects.all().delete()
    report = services.report_review(report=report, adjustments={}, acting_user=secretary)
    assert told() == {Kind.REPORT_REVIEWED: setup.unit_staff(1)}
    # the explanation phase opens: every member's staff hear of it, the reviewed unit is asked
    setup.move(Phase.VERIFYING)
    Notification.objects.all().delete()
    setup.move(Phase.EXPLAINING)
    assert told() == {Kind.PERIOD_PHASE: setup.everybody() - {setup.grant.pk},
                      Kind.EXPLANATION_REQUESTED: setup.unit_staff(1)}
    asked = Notification.objects.filter(kind=Kind.EXPLANATION_REQUESTED).first()
    assert asked.url.endswith(f"/don-vi/{report.unit_id}/giai-trinh/")
    Notification.objects.all().delete()
    report = services.report_transition(report=report, to_state=State.EXPLAINED,
                                        acting_user=setup.staff[1][0])
    assert told() == {Kind.REPORT_TO_REVIEW: setup.secretariat_ids}
    Notification.objects.all().delete()
    services.report_review(report=report, adjustments={}, acting_user=secretary)
    assert told() == {Kind.REPORT_REVIEWED: setup.unit_staff(1)}
    assert "thẩm định lại" in Notification.objects.first().title


def test_a_report_reviewed_during_the_explanation_phase_is_asked_to_explain():
    setup = Results()
    report = setup.submit(2)
    setup.move(Phase.VERIFYING)
    setup.move(Phase.EXPLAINING)
    Notification.objects.all().delete()
    services.report_review(report=report, adjustments={}, acting_user=setup.secretariat)
    assert told() == {Kind.REPORT_REVIEWED: setup.unit_staff(2),
                      Kind.EXPLANATION_REQUESTED: setup.unit_staff(2)}


def test_phase_changes_tell_every_member_units_staff_each_time():
    setup = Results(phase=Phase.NOT_OPEN)
    setup.move(Phase.SUBMITTING)
    members = setup.everybody() - {setup.grant.pk}
    assert told() == {Kind.PERIOD_PHASE: members}
    setup.move(Phase.NOT_OPEN)
    setup.move(Phase.SUBMITTING)  # opened again: a new event, told again
    assert Notification.objects.filter(recipient=setup.staff[3][0]).count() == 3
    assert not Notification.objects.filter(recipient__in=[
        setup.observer, setup.admin, setup.outsider]).exists()


def test_finalising_tells_each_unit_its_points_are_fixed():
    setup = Results()
    setup.submit(1)
    setup.move(Phase.VERIFYING)
    Notification.objects.all().delete()
    services.period_finalise(period=setup.period, acting_user=setup.secretariat)
    assert told() == {Kind.REPORT_REVIEWED: setup.unit_staff(1),
                      Kind.PERIOD_PHASE: setup.unit_staff(0) | setup.unit_staff(2)
                      | setup.unit_staff(3) | {setup.observer.pk}}
    assert Notification.objects.filter(recipient=setup.staff[1][0]).count() == 1


def test_a_refused_transition_tells_nobody():
    setup = Results()
    report = setup.submit(1)
    Notification.objects.all().delete()
    with pytest.raises(Exception, match="nội dung cần bổ sung"):
        services.report_transition(report=report, to_state=State.RETURNED,
                                   acting_user=setup.secretariat, note="")
    assert not Notification.objects.exists()


def test_opening_the_pledge_asks_the_unsigned_members_leaders():
    setup = pledge_setup(units=4, status=PledgeStatus.DRAFT)
    pledge_services.pledge_transition(pledge=setup.pledge, to_status=PledgeStatus.OPEN,
                                      acting_user=setup.secretary)
    assert told() == {Kind.PLEDGE_OPEN: {u.pk for u in setup.leaders.values()}}
    notice = Notification.objects.first()
    assert notice.url == f"/cum/{setup.cluster.slug}/2022/giao-uoc/"
    # back to draft, one unit signs on paper meanwhile? (not possible in draft); reopened:
    pledge_services.pledge_transition(pledge=setup.pledge, to_status=PledgeStatus.DRAFT,
                                      acting_user=setup.secretary)
    pledge_services.pledge_transition(pledge=setup.pledge, to_status=PledgeStatus.OPEN,
                                      acting_user=setup.secretary)
    assert Notification.objects.filter(recipient=setup.leader_of(0)).count() == 2
    assert not Notification.objects.filter(recipient__in=setup.officers.values()).exists()


def test_reopening_for_a_new_member_asks_only_those_who_have_not_signed():
    setup = pledge_setup(units=3, status=PledgeStatus.SIGNED, signed=2)
    pledge_services.pledge_transition(pledge=setup.pledge, to_status=PledgeStatus.OPEN,
                                      acting_user=setup.secretary)
    assert told() == {Kind.PLEDGE_OPEN: {setup.leader_of(2).pk}}


def test_opening_the_vote_asks_the_leaders_and_no_notice_tells_a_vote():
    setup = vote_setup(units=4, open_with_present=4)
    assert told() == {Kind.VOTE_OPEN: {u.pk for u in setup.leaders.values()}}
    notice = Notification.objects.first()
    assert notice.url == (f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/"
                          f"{setup.session.pk}/bo-phieu/")
    before = Notification.objects.count()
    cast(setup, 0, True)
    cast(setup, 1, [False, True, True, False], kind="ban_giay")
    assert Notification.objects.count() == before  # a ballot tells nobody anything
    texts = " ".join(f"{n.key} {n.title} {n.body}" for n in Notification.objects.all())
    assert "đồng ý" not in texts.lower() and "không đồng ý" not in texts.lower()
    assert setup.session.status == SessionStatus.OPEN


def test_a_deadline_far_away_is_not_yet_told():
    setup = Results()
    now = timezone.make_aware(DEADLINE - datetime.timedelta(days=20))
    from notifications.scheduler import notices_send

    notices_send(now=now)
    deadlines = [Kind.REPORT_DEADLINE, Kind.PLEDGE_DEADLINE, Kind.VOTE_CLOSING,
                 Kind.PROPOSAL_DEADLINE, Kind.DOSSIER_DEADLINE]
    assert not Notification.objects.filter(kind__in=deadlines).exists()
    assert setup.period.deadline > now
