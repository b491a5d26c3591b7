"""The one scheduler for every deadline; for cron, every 30 minutes:

    */30 * * * *  cd /srv/thidua && .venv/bin/python manage.py run_scheduler --base-url https://thidua.example.gov.vn

It runs the jobs the apps registered (the report reminders e-mail each unit not yet submitted)
and then writes the deadline notices the apps' providers ask for (``notifications.scheduler``).
Safe to run as often as wanted, and from two machines at once: each reminder and each notice
goes out once. ``send_reminders`` is the same command under its old name."""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import scheduler

DAYS_BEFORE = (7, 2)  # the report reminders' steps (results.services.reminders.DAYS_BEFORE)


def _aware(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải thời điểm ISO 8601, ví dụ 2022-06-13T08:00 hoặc "
            "2022-06-13T08:00+07:00.") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _days(value: str) -> tuple[int, ...]:
    try:
        days = tuple(sorted({int(part) for part in value.split(",") if part.strip()},
                            reverse=True))
    except ValueError:
        days = ()
    if not days or min(days) < 1:
        raise argparse.ArgumentTypeError(f"“{value}”: hãy ghi các số ngày dương, ví dụ 7,2.")
    return days


class _Output:
    def __init__(self, command: BaseCommand):
        self.command = command

    def info(self, line: str) -> None:
        self.command.stdout.write(line)

    def warning(self, line: str) -> None:
        self.command.stdout.write(self.command.style.WARNING(line))

    def success(self, line: str) -> None:
        self.command.stdout.write(self.command.style.SUCCESS(line))

    def error(self, line: str) -> None:
        self.command.stderr.write(line)


class Command(BaseCommand):
    help = ("Chạy các việc theo thời hạn: gửi thư nhắc hạn nộp báo cáo cho các đơn vị chưa nộp "
            "(trước hạn 7 ngày, 2 ngày và khi quá hạn) và tạo thông báo sắp đến hạn (ký giao "
            "ước, bỏ phiếu...) và việc chờ xử lý (kế hoạch năm chưa ban hành...); mỗi thư, mỗi "
            "thông báo chỉ gửi một lần.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ liệt kê thư sẽ gửi; không gửi, không ghi nhận.")
        parser.add_argument("--now", type=_aware, default=None,
                            help="Coi thời điểm hiện tại là thời điểm này (ISO 8601), để thử "
                                 "hoặc gửi bù.")
        parser.add_argument("--days", type=_days, default=DAYS_BEFORE,
                            help="Số ngày trước hạn nộp báo cáo cần nhắc, cách nhau dấu phẩy "
                                 "(mặc định 7,2).")
        parser.add_argument("--base-url", default="",
                            help="Địa chỉ của phần mềm, để đưa đường dẫn vào thư.")

    def handle(self, *args, dry_run=False, now=None, **options):
        now = now or timezone.now()
        out = _Output(self)
        options["dry_run"] = dry_run
        ok = True
        for job in scheduler.jobs():
            ok = job(now=now, options=options, out=out) and ok
        summary = scheduler.notices_send(now=now, dry_run=dry_run)
        verb = "Sẽ tạo" if dry_run else "Đã tạo"
        count = summary.due if dry_run else summary.created
        out.info(f"{verb} {count} thông báo (hạn sắp đến, việc chờ xử lý).")
        for failure in summary.failed:
            out.error(f"  Lỗi khi tính thông báo: {failure}")
        if not ok:
            raise CommandError("Một số thư nhắc chưa gửi được; sẽ thử lại ở lần chạy sau.")
        if summary.failed:
            raise CommandError("Một số thông báo chưa tạo được; sẽ thử lại ở lần "
                               "chạy sau.")
