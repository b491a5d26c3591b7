"""Deadline reminders by e-mail and in the app (``manage.py run_scheduler``, run from cron;
``send_reminders`` is its old name). ``reminders_job`` is the scheduler's job, registered in
``ResultsConfig.ready()``.

A member unit whose report of a period is not submitted (no report, a draft, or one returned
for completion) while the period's phase still lets it be submitted gets one e-mail, to its
officers and leader who have an address, at each step: 7 days before the deadline, 2 days
before, and once the deadline has passed. A step missed (cron stopped for a week) is not
caught up: only the nearest step is sent.

"Never twice" is the database's job: ``ReminderLog`` is unique per period, unit and step. The
log row is inserted in the same transaction that sends the e-mail: two crons running at once
both try the insert, one waits for the other and then finds the row (``get_or_create``), so
one e-mail goes out; an e-mail that fails to send rolls its row back and is tried next run.

Each reminder is also a notice in the app (``Kind.REPORT_DEADLINE``) to the unit's active
officers and leader, keyed per period, step and unit, so once whatever the runs; it is not
e-mailed again (the reminder is its e-mail). Someone who turned e-mail off for that kind gets
the notice and no reminder e-mail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cluster import selectors as cluster_selectors
from cluster.models import Unit, User
from cluster.text import long_date
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.services import notify
from results.models import ReminderLog, ReportEvent, ReportingPeriod, UnitReport
from results.services.results import REPORT_TRANSITIONS

State = UnitReport.State
DAYS_BEFORE = (7, 2)
OVERDUE = "qua-han"


def step_key(days: int | None) -> str:
    return OVERDUE if days is None else f"truoc-{days}-ngay"


def _phases_accepting(state: str) -> tuple[str, ...]:
    """The phases in which a report in ``state`` may still be submitted (the transition
    table decides, so reminders never ask for what the workflow would refuse)."""
    transition = REPORT_TRANSITIONS.get((state, State.SUBMITTED))
    return transition.phases if transition else ()


def current_step(*, deadline: datetime.datetime, now: datetime.datetime,
                 days: tuple[int, ...] = DAYS_BEFORE) -> str | None:
    """The reminder due at ``now``: the nearest step before the deadline, or overdue."""
    if now >= deadline:
        return step_key(None)
    for before in sorted(days):
        if now >= deadline - datetime.timedelta(days=before):
            return step_key(before)
    return None


@dataclass
class Reminder:
    period: ReportingPeriod
    unit: Unit
    key: str
    state: str | None  # None: the unit has not opened its report
    recipients: list[str]
    returned_note: str = ""

    def subject(self) -> str:
        title = f"{self.period} của {self.period.cluster.name}"
        if self.key == OVERDUE:
            return f"Quá hạn nộp {title[0].lower()}{title[1:]}"
        days = self.key.split("-")[1]
        return f"Còn {days} ngày đến hạn nộp {title[0].lower()}{title[1:]}"

    def message(self) -> str:
        """What is due and where the report stands (the notice's text, the e-mail's core)."""
        deadline = timezone.localtime(self.period.deadline)
        when = f"{deadline:%H} giờ {deadline:%M} {long_date(deadline.date())}"
        name = f"{str(self.period)[0].lower()}{str(self.period)[1:]}"
        status = {
            None: "đơn vị chưa bắt đầu soạn báo cáo",
            State.DRAFT: "báo cáo của đơn vị đang ở dạng dự thảo, chưa nộp",
            State.RETURNED: "báo cáo của đơn vị đã được Cụm trưởng trả lại để bổ sung và "
                            "chưa được nộp lại",
        }[self.state]
        if self.key == OVERDUE:
            lines = [f"Hạn nộp {name} của {self.period.cluster.name} là {when}; đã quá hạn "
                     f"mà {status}."]
        else:
            lines = [f"Hạn nộp {name} của {self.period.cluster.name} là {when}. Hiện "
                     f"{status}."]
        if self.returned_note:
            lines += ["", f"Nội dung cần bổ sung: {self.returned_note}"]
        return "\n".join(lines)

    def body(self, *, base_url: str = "") -> str:
        lines = [f"Kính gửi: {self.unit.name},", "", self.message()]
        lines += ["", "Đề nghị cán bộ tham mưu hoàn thiện báo cáo và lãnh đạo đơn vị nộp báo "
                      "cáo trên phần mềm."]
        if base_url:
            lines += ["", f"Truy cập: {base_url.rstrip('/')}{self.path()}"]
        lines += ["", "Thư này được gửi tự động; vui lòng không trả lời."]
        return "\n".join(lines)

    def path(self) -> str:
        return reverse("results:report", kwargs={
            "slug": self.period.cluster.slug, "year": self.period.year,
            "kind": self.period.kind, "unit_pk": self.unit.pk})

    def notice_key(self) -> str:
        return f"period:{self.period.pk}:reminder:{self.key}:unit:{self.unit.pk}"


def _recipients(unit_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for unit_id, email in (User.objects.filter(
            unit_id__in=unit_ids, is_active=True,
            role__in=[User.Role.OFFICER, User.Role.LEADER]).exclude(email="")
            .exclude(email_opt_outs__kind=Kind.REPORT_DEADLINE)
            .order_by("role", "username").values_list("unit_id", "email")):
        if email not in result.setdefault(unit_id, []):
            result[unit_id].append(email)
    return result


def reminders_due(*, now: datetime.datetime, days: tuple[int, ...] = DAYS_BEFORE
                  ) -> list[Reminder]:
    """Reminders due at ``now`` and not yet sent. A unit without an e-mail address is
    included with no recipients (the command reports it; nothing is logged for it)."""
    phases = {p for s in (State.DRAFT, State.RETURNED) for p in _phases_accepting(s)}
    due = []
    for period in ReportingPeriod.objects.filter(phase__in=phases).select_related("cluster"):
        key = current_step(deadline=period.deadline, now=now, days=days)
        if key is None:
            continue
        sent = set(ReminderLog.objects.filter(period=period, key=key)
                   .values_list("unit_id", flat=True))
        reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period)}
        units = [u for u in cluster_selectors.cluster_member_units(cluster=period.cluster,
                                                                   year=period.year)
                 if u.pk not in sent]
        addresses = _recipients([u.pk for u in units])
        notes = {}
        for report_id, note in (ReportEvent.objects.filter(
                report__period=period, to_state=State.RETURNED).order_by("at", "pk")
                .values_list("report_id", "note")):
            notes[report_id] = note
        for unit in units:
            report = reports.get(unit.pk)
            state = report.state if report else None
            if state is not None and state not in (State.DRAFT, State.RETURNED):
                continue
            if period.phase not in _phases_accepting(state or State.DRAFT):
                continue
            if state == State.DRAFT and report.version == 0:
                state = None  # created but never saved: not started
            note = notes.get(report.pk, "") if report and state == State.RETURNED else ""
            due.append(Reminder(period, unit, key, state, addresses.get(unit.pk, []), note))
    return due


def reminder_send(*, reminder: Reminder, base_url: str = "") -> bool:
    """Log and send one reminder, atomically; False when it was sent already (by this run's
    twin, say). Raises if the mail cannot be sent: the log row is rolled back with it."""
    with transaction.atomic():
        _log, created = ReminderLog.objects.get_or_create(
            period=reminder.period, unit=reminder.unit, key=reminder.key,
            defaults={"recipients": ", ".join(reminder.recipients)})
        if not created:
            return False
        send_mail(reminder.subject(), reminder.body(base_url=base_url), None,
                  reminder.recipients)
    return True


@dataclass
class Summary:
    sent: list[Reminder] = field(default_factory=list)
    skipped: list[Reminder] = field(default_factory=list)  # sent meanwhile by another run
    no_address: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


def reminder_notify(*, reminder: Reminder) -> int:
    """The reminder as a notice in the app to the unit's staff (once per period, step and
    unit); returns how many notices were written now."""
    with transaction.atomic():
        return len(notify(
            kind=Kind.REPORT_DEADLINE, key=reminder.notice_key(), email=False,
            recipients=notification_selectors.unit_people(unit_ids=[reminder.unit.pk]),
            title=reminder.subject(), body=reminder.message(),
            url=reminder.path(), cluster=reminder.period.cluster))


def reminders_send(*, now: datetime.datetime | None = None, dry_run: bool = False,
                   days: tuple[int, ...] = DAYS_BEFORE, base_url: str = "") -> Summary:
    summary = Summary()
    for reminder in reminders_due(now=now or timezone.now(), days=days):
        if not dry_run:
            reminder_notify(reminder=reminder)
        if not reminder.recipients:
            summary.no_address.append(reminder)
        elif dry_run:
            summary.sent.append(reminder)
        else:
            try:
                sent = reminder_send(reminder=reminder, base_url=base_url)
            except (OSError, ConnectionError) as error:  # SMTP down: try again next run
                summary.failed.append((reminder, str(error)))
                continue
            (summary.sent if sent else summary.skipped).append(reminder)
    return summary


def reminders_job(*, now: datetime.datetime, options: dict, out) -> bool:
    """The report reminders as a job of ``notifications.scheduler`` (``run_scheduler``):
    sends what is due and writes what it did; False when a mail could not be sent."""
    dry_run = options.get("dry_run", False)
    summary = reminders_send(now=now, dry_run=dry_run, days=options.get("days") or DAYS_BEFORE,
                             base_url=options.get("base_url", ""))
    verb = "Sẽ gửi" if dry_run else "Đã gửi"
    for reminder in summary.sent:
        out.info(f"  {verb}: {reminder.unit.name} — {reminder.subject()} → "
                 f"{', '.join(reminder.recipients)}")
    for reminder in summary.no_address:
        out.warning(f"  Không có địa chỉ e-mail: {reminder.unit.name} ({reminder.period}); hãy "
                    "nhập e-mail cho cán bộ, lãnh đạo đơn vị.")
    for reminder, error in summary.failed:
        out.error(f"  Lỗi gửi thư cho {reminder.unit.name}: {error}")
    line = (f"{verb} {len(summary.sent)} thư nhắc; bỏ qua {len(summary.skipped)} thư đã "
            f"gửi; {len(summary.no_address)} đơn vị không có e-mail; "
            f"{len(summary.failed)} lỗi.")
    (out.success if not summary.failed else out.error)(line)
    return not summary.failed


__all__ = [
    "DAYS_BEFORE", "OVERDUE", "Reminder", "Summary", "current_step", "reminder_notify",
    "reminder_send", "reminders_due", "reminders_job", "reminders_send", "step_key",
]
