"""``manage.py run_scheduler`` (and its old name ``send_reminders``): the report reminders,
now also notices in the app, and the deadline notices of the apps' providers, each once
however often the command runs."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaigns.models import Campaign, Milestone
from notifications import scheduler
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from pledges.models import PledgeStatus
from tests.campaigns.factories import CampaignFactory, MilestoneFactory
from tests.commendations.factories import cast, vote_setup
from tests.pledges.factories import pledge_setup
from tests.results.test_reminders import Setup, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _deadlines_only(monkeypatch):
    """These tests count deadlines: the providers of waiting work (a year's plan not issued,
    rules not checked, tests/notifications/test_more_notices.py) are left out."""
    from campaigns.plan_notices import plan_due_notices
    from commendations.source_notices import unchecked_source_notices

    monkeypatch.setattr(scheduler, "_providers", [
        p for p in scheduler.providers()
        if p not in (plan_due_notices, unchecked_source_notices)])


def run(*args, name="run_scheduler") -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue()


def moment(day: datetime.date, hour: int = 8) -> str:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()


def test_report_reminders_are_notices_too_each_once(django_capture_on_commit_callbacks):
    setup = Setup()
    Notification.objects.all().delete()  # the phase's notices
    with django_capture_on_commit_callbacks(execute=True):
        first = run("--now", at(7).isoformat())
        run("--now", at(7).isoformat())
        run("--now", at(7).isoformat(), name="send_reminders")
    assert "Đã gửi 4 thư nhắc" in first and "Đã tạo 0 thông báo" in first
    assert len(mail.outbox) == 4  # the reminders; their notices are not e-mailed again
    notices = Notification.objects.filter(kind=Kind.REPORT_DEADLINE)
    assert sorted(n.recipient_id for n in notices) == sorted(
        p.pk for pair in setup.staff.values() for p in pair)
    notice = notices.get(recipient=setup.staff[2][1])
    assert notice.title.startswith("Còn 7 ngày đến hạn nộp")
    assert notice.url.endswith(f"/don-vi/{setup.units[2].pk}/")
    assert "chưa bắt đầu soạn báo cáo" in notice.body
    run("--now", at(2).isoformat())  # the next step is a new notice
    assert Notification.objects.filter(kind=Kind.REPORT_DEADLINE,
                                       recipient=setup.staff[2][1]).count() == 2


def test_email_off_for_reminders_keeps_the_notice():
    setup = Setup()
    officer = setup.staff[1][0]
    EmailOptOut.objects.create(user=officer, kind=Kind.REPORT_DEADLINE)
    run("--now", at(7).isoformat())
    assert not [m for m in mail.outbox if officer.email in m.to]
    assert [m.to for m in mail.outbox if setup.staff[1][1].email in m.to]
    assert Notification.objects.filter(kind=Kind.REPORT_DEADLINE, recipient=officer).exists()


def test_dry_run_writes_no_notice():
    Setup()
    Notification.objects.all().delete()
    output = run("--dry-run", "--now", at(7).isoformat())
    assert "Sẽ gửi 4 thư nhắc" in output and "Sẽ tạo 0 thông báo" in output
    assert not Notification.objects.exists() and mail.outbox == []


def test_pledge_signing_deadline_tells_unsigned_leaders_once():
    setup = pledge_setup(units=4, status=PledgeStatus.OPEN, signed=1)
    campaign = CampaignFactory(cluster=setup.cluster, year=2022, kind=Campaign.Kind.REGULAR)
    due = datetime.date(2022, 3, 10)
    MilestoneFactory(campaign=campaign, kind=Milestone.Kind.PLEDGE_SIGNING, title="", due_on=due)
    run("--now", moment(due - datetime.timedelta(days=5)))
    assert not Notification.objects.filter(kind=Kind.PLEDGE_DEADLINE).exists()
    output = run("--now", moment(due - datetime.timedelta(days=2)))
    run("--now", moment(due - datetime.timedelta(days=1)))
    assert "Đã tạo 3 thông báo" in output
    notices = Notification.objects.filter(kind=Kind.PLEDGE_DEADLINE)
    assert {n.recipient_id for n in notices} == {setup.leader_of(i).pk for i in (1, 2, 3)}
    assert notices.count() == 3
    assert "còn 2 ngày" in notices.first().title
    run("--now", moment(due + datetime.timedelta(days=1)))  # past: no more
    assert notices.count() == 3


def test_vote_closing_soon_tells_leaders_who_have_not_voted_once():
    setup = vote_setup(units=4, open_with_present=4)
    cast(setup, 0, True)
    campaign = CampaignFactory(cluster=setup.cluster, year=2022, kind=Campaign.Kind.REGULAR)
    due = datetime.date(2022, 12, 20)
    MilestoneFactory(campaign=campaign, kind=Milestone.Kind.VOTING, title="", due_on=due)
    run("--now", moment(due - datetime.timedelta(days=3)))
    assert not Notification.objects.filter(kind=Kind.VOTE_CLOSING).exists()
    run("--now", moment(due - datetime.timedelta(days=1)))
    run("--now", moment(due, 7))
    notices = Notification.objects.filter(kind=Kind.VOTE_CLOSING)
    leaders = [setup.leaders[u.pk] for u in setup.members]
    assert sorted(n.recipient_id for n in notices) == sorted(u.pk for u in leaders[1:])
    texts = " ".join(f"{n.title} {n.body}" for n in notices)
    assert "chưa bỏ phiếu" in texts and "đồng ý" not in texts


def test_a_provider_registered_by_an_app_is_run_and_a_failing_one_stops_nobody(monkeypatch):
    setup = Setup()
    person = setup.staff[3][0]
    monkeypatch.setattr(scheduler, "_providers", list(scheduler._providers))

    def broken(now):
        raise RuntimeError("hỏng")

    def dossiers_due(now):
        yield scheduler.Notice(kind=Kind.DOSSIER_DEADLINE, recipients=(person,),
                               key=f"ho-so:1:han:{now.date()}", title="Hạn gửi hồ sơ",
                               url="/thong-bao/")

    scheduler.register(broken)
    scheduler.register(dossiers_due)
    scheduler.register(dossiers_due)  # registered once
    with pytest.raises(CommandError, match="thông báo chưa tạo được"):
        run("--now", at(30).isoformat())
    with pytest.raises(CommandError):
        run("--now", at(30).isoformat())
    assert Notification.objects.filter(kind=Kind.DOSSIER_DEADLINE, recipient=person).count() == 1
