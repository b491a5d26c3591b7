"""Deadline reminders (``manage.py send_reminders``): who gets which e-mail when, never twice,
only for reports not yet submitted, a dry run that changes nothing, and two crons at once."""

from __future__ import annotations

import datetime
import io
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from cluster.models import User
from results.models import ReminderLog, ReportingPeriod, UnitReport
from results.services import reminders
from results.services import results as services
from tests.concurrency import skip_unless_postgres
from tests.factories import UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db
Phase = ReportingPeriod.Phase
State = UnitReport.State
DEADLINE = datetime.datetime(2022, 7, 5, 17, 0)  # local time (Asia/Ho_Chi_Minh)


def at(days_before: float, hours: float = 0) -> datetime.datetime:
    return timezone.make_aware(DEADLINE - datetime.timedelta(days=days_before, hours=hours))


class Setup:
    """A cluster of four units, each with an officer and a leader who have e-mail addresses,
    and a mid-year period open for submissions; unit 0 chairs (its officer is the secretariat).
    """

    def __init__(self, phase=Phase.SUBMITTING):
        self.cluster = cluster_with_members(units=4)
        self.units = [m.unit for m in self.cluster.memberships.order_by("rotation_order")]
        self.staff = {}
        for i, unit in enumerate(self.units):
            self.staff[i] = (
                UserFactory(unit=unit, role=User.Role.OFFICER, email=f"canbo{i}@snv.gov.vn"),
                UserFactory(unit=unit, role=User.Role.LEADER, email=f"lanhdao{i}@snv.gov.vn"),
            )
        self.secretariat = self.staff[0][0]
        self.period = services.period_create(
            cluster=self.cluster, year=2022, kind=ReportingPeriod.Kind.MID_YEAR,
            deadline=timezone.make_aware(DEADLINE), acting_user=self.secretariat)
        order = services.PHASE_ORDER
        for step in order[1:order.index(phase) + 1]:
            self.move(step)

    def move(self, phase):
        self.period = services.period_set_phase(period=self.period, phase=phase,
                                                acting_user=self.secretariat)

    def report(self, i) -> UnitReport:
        return services.report_get_or_create(period=self.period, unit=self.units[i],
                                             acting_user=self.staff[i][0])

    def submit(self, i) -> UnitReport:
        return services.report_transition(report=self.report(i), to_state=State.SUBMITTED,
                                          acting_user=self.staff[i][1])


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=out)
    return out.getvalue()


def sent_to() -> list[set[str]]:
    return [set(message.to) for message in mail.outbox]


def test_nothing_before_the_first_step():
    Setup()
    assert "Đã gửi 0 thư nhắc" in run("--now", at(7, 1).isoformat())
    assert mail.outbox == [] and not ReminderLog.objects.exists()


def test_seven_days_before_every_unit_that_has_not_submitted_is_reminded_once():
    setup = Setup()
    setup.submit(1)
    setup.report(2)  # opened, never saved: "not started"
    output = run("--now", at(6, 20).isoformat())
    assert "Đã gửi 3 thư nhắc" in output
    assert sorted(sent_to(), key=sorted) == sorted(
        [{f"canbo{i}@snv.gov.vn", f"lanhdao{i}@snv.gov.vn"} for i in (0, 2, 3)], key=sorted)
    message = mail.outbox[0]
    assert message.subject.startswith("Còn 7 ngày đến hạn nộp báo cáo 6 tháng đầu năm 2022")
    assert "Hạn nộp báo cáo 6 tháng đầu năm 2022" in message.body
    assert "là 17 giờ 00 ngày 05 tháng 7 năm 2022" in message.body
    assert "chưa bắt đầu soạn báo cáo" in message.body
    assert set(ReminderLog.objects.values_list("key", flat=True)) == {"truoc-7-ngay"}
    # The next run of cron, the same step: nothing again.
    mail.outbox.clear()
    assert "Đã gửi 0 thư nhắc" in run("--now", at(6, 19).isoformat())
    assert mail.outbox == []


def test_each_step_then_overdue_once_and_never_after_submission():
    setup = Setup()
    run("--now", at(7).isoformat())
    assert len(mail.outbox) == 4
    setup.submit(3)
    mail.outbox.clear()
    run("--now", at(1, 12).isoformat())  # two days before: the second step
    assert len(mail.outbox) == 3
    assert all(m.subject.startswith("Còn 2 ngày") for m in mail.outbox)
    mail.outbox.clear()
    run("--now", at(0, -1).isoformat())  # an hour late
    run("--now", at(-3).isoformat())  # three days late: the overdue one was sent already
    assert len(mail.outbox) == 3
    assert all(m.subject.startswith("Quá hạn nộp báo cáo 6 tháng đầu năm 2022") for m in
               mail.outbox)
    assert "đã quá hạn mà" in mail.outbox[0].body
    assert ReminderLog.objects.filter(unit=setup.units[3]).count() == 1  # only the first step


def test_a_missed_step_is_not_caught_up():
    Setup()
    run("--now", at(1).isoformat())  # cron was down at the seven-day step
    assert {m.subject.split(" đến")[0] for m in mail.outbox} == {"Còn 2 ngày"}


def test_returned_report_is_reminded_with_what_to_complete():
    setup = Setup()
    setup.submit(1)
    services.report_transition(report=setup.report(1), to_state=State.RETURNED,
                               acting_user=setup.secretariat,
                               note="Bổ sung số liệu biên chế năm 2022.")
    for i in (0, 2, 3):
        setup.submit(i)
    run("--now", at(2).isoformat())
    assert sent_to() == [{"canbo1@snv.gov.vn", "lanhdao1@snv.gov.vn"}]
    body = mail.outbox[0].body
    assert "đã được Cụm trưởng trả lại để bổ sung" in body
    assert "Nội dung cần bổ sung: Bổ sung số liệu biên chế năm 2022." in body


@pytest.mark.parametrize("phase, reminded", [
    (Phase.NOT_OPEN, set()),
    (Phase.VERIFYING, {"draft", "returned"}),  # late submissions are still taken
    (Phase.EXPLAINING, {"returned"}),  # only a returned report may still be submitted
])
def test_only_phases_that_accept_the_submission(phase, reminded):
    setup = Setup()
    setup.submit(1)
    services.report_transition(report=setup.report(1), to_state=State.RETURNED,
                               acting_user=setup.secretariat, note="Bổ sung")
    setup.submit(2)
    setup.submit(3)
    # Unit 0 keeps a draft, unit 1 a returned report.
    if phase == Phase.EXPLAINING:
        setup.move(Phase.VERIFYING)
    setup.move(phase)  # NOT_OPEN: the secretariat closed submissions again
    run("--now", at(-1).isoformat())
    got = {"draft" if "canbo0@snv.gov.vn" in m.to else "returned" for m in mail.outbox}
    assert got == reminded


def test_recipients_are_the_units_active_officers_and_leaders_with_an_address():
    setup = Setup()
    for i in (1, 2, 3):
        setup.submit(i)
    UserFactory(unit=setup.units[0], role=User.Role.OFFICER, email="")
    UserFactory(unit=setup.units[0], role=User.Role.OFFICER, email="nghi@snv.gov.vn",
                is_active=False)
    UserFactory(unit=setup.units[1], role=User.Role.OFFICER, email="khac@snv.gov.vn")
    run("--now", at(2).isoformat())
    assert sent_to() == [{"canbo0@snv.gov.vn", "lanhdao0@snv.gov.vn"}]
    log = ReminderLog.objects.get()
    assert set(log.recipients.split(", ")) == {"canbo0@snv.gov.vn", "lanhdao0@snv.gov.vn"}


def test_unit_without_an_address_is_reported_and_not_logged():
    setup = Setup()
    User.objects.filter(unit=setup.units[0]).update(email="")
    for i in (1, 2, 3):
        setup.submit(i)
    output = run("--now", at(2).isoformat())
    assert "Không có địa chỉ e-mail: " + setup.units[0].name in output
    assert "1 đơn vị không có e-mail" in output
    assert mail.outbox == [] and not ReminderLog.objects.exists()
    User.objects.filter(pk=setup.staff[0][0].pk).update(email="moi@snv.gov.vn")
    run("--now", at(2).isoformat())  # once someone has an address, it goes out
    assert sent_to() == [{"moi@snv.gov.vn"}]


def test_dry_run_lists_and_changes_nothing():
    setup = Setup()
    output = run("--dry-run", "--now", at(7).isoformat())
    assert "Sẽ gửi 4 thư nhắc" in output
    assert f"Sẽ gửi: {setup.units[1].name} — Còn 7 ngày" in output
    assert mail.outbox == [] and not ReminderLog.objects.exists()


def test_bad_options_are_refused_in_vietnamese():
    with pytest.raises(CommandError, match="không phải thời điểm ISO 8601"):
        run("--now", "15/6/2022")
    with pytest.raises(CommandError, match="hãy ghi các số ngày dương"):
        run("--days", "0,x")


def test_custom_steps_and_a_link_to_the_units_report(client):
    setup = Setup()
    run("--days", "10,3", "--now", at(9).isoformat(), "--base-url", "https://thidua.vn/")
    assert len(mail.outbox) == 4 and mail.outbox[0].subject.startswith("Còn 10 ngày")
    message = next(m for m in mail.outbox if "canbo2@snv.gov.vn" in m.to)
    link = message.body.split("Truy cập: https://thidua.vn")[1].split()[0]
    client.force_login(setup.staff[2][0])
    response = client.get(link)  # the unit's own report page (not started yet)
    assert response.status_code == 200
    assert setup.units[2].name in response.content.decode()


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("máy chủ thư không trả lời")


def test_a_mail_that_fails_is_not_logged_and_goes_out_next_run(settings):
    Setup()
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(CommandError, match="sẽ thử lại ở lần chạy sau"):
        run("--now", at(2).isoformat())
    assert not ReminderLog.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run("--now", at(2).isoformat())
    assert len(mail.outbox) == 4 and ReminderLog.objects.count() == 4


def test_a_reminder_logged_meanwhile_is_not_sent_again():
    """The check that matters is the insert, not the earlier read: a run that decided to send
    but finds the row another run has just written sends nothing."""
    Setup()
    due = reminders.reminders_due(now=at(2))
    assert len(due) == 4
    ReminderLog.objects.create(period=due[0].period, unit=due[0].unit, key=due[0].key)
    assert reminders.reminder_send(reminder=due[0]) is False
    assert [reminders.reminder_send(reminder=r) for r in due[1:]] == [True] * 3
    assert len(mail.outbox) == 3


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_two_crons_at_once_send_each_reminder_once():
    skip_unless_postgres()
    Setup()
    mail.outbox.clear()  # the set-up's own notices (a report returned ...) were e-mailed
    now = at(2)
    barrier = threading.Barrier(3)
    results, errors = [], []

    def cron():
        try:
            due = reminders.reminders_due(now=now)
            barrier.wait(timeout=30)  # all runs decided to send before any has sent
            results.append([reminders.reminder_send(reminder=r) for r in due])
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cron) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 3 and sum(sum(flags) for flags in results) == 4
    assert len(mail.outbox) == 4
    assert ReminderLog.objects.count() == 4
