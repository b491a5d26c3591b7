"""E-mail units whose report is not submitted as the deadline nears or passes; for cron:

    */30 * * * *  cd /srv/thidua && .venv/bin/python manage.py send_reminders --base-url https://thidua.example.gov.vn

Safe to run as often as wanted, and from two machines at once: each reminder goes out once
(see ``results.services.reminders``)."""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from results.services import reminders


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


class Command(BaseCommand):
    help = ("Gửi thư nhắc hạn nộp báo cáo cho các đơn vị chưa nộp (trước hạn 7 ngày, 2 ngày "
            "và khi quá hạn); mỗi thư nhắc chỉ gửi một lần.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ liệt kê thư sẽ gửi; không gửi, không ghi nhận.")
        parser.add_argument("--now", type=_aware, default=None,
                            help="Coi thời điểm hiện tại là thời điểm này (ISO 8601), để thử "
                                 "hoặc gửi bù.")
        parser.add_argument("--days", type=_days, default=reminders.DAYS_BEFORE,
                            help="Số ngày trước hạn cần nhắc, cách nhau dấu phẩy (mặc định 7,2).")
        parser.add_argument("--base-url", default="",
                            help="Địa chỉ của phần mềm, để đưa đường dẫn vào thư.")

    def handle(self, *args, dry_run=False, now=None, days=reminders.DAYS_BEFORE, base_url="",
               **options):
        summary = reminders.reminders_send(now=now, dry_run=dry_run, days=days,
                                           base_url=base_url)
        verb = "Sẽ gửi" if dry_run else "Đã gửi"
        for reminder in summary.sent:
            self.stdout.write(f"  {verb}: {reminder.unit.name} — {reminder.subject()} → "
                              f"{', '.join(reminder.recipients)}")
        for reminder in summary.no_address:
            self.stdout.write(self.style.WARNING(
                f"  Không có địa chỉ e-mail: {reminder.unit.name} ({reminder.period}); hãy "
                "nhập e-mail cho cán bộ, lãnh đạo đơn vị."))
        for reminder, error in summary.failed:
            self.stderr.write(f"  Lỗi gửi thư cho {reminder.unit.name}: {error}")
        line = (f"{verb} {len(summary.sent)} thư nhắc; bỏ qua {len(summary.skipped)} thư đã "
                f"gửi; {len(summary.no_address)} đơn vị không có e-mail; "
                f"{len(summary.failed)} lỗi.")
        self.stdout.write(self.style.SUCCESS(line) if not summary.failed
                          else self.style.ERROR(line))
        if summary.failed:
            raise CommandError("Một số thư nhắc chưa gửi được; sẽ thử lại ở lần chạy sau.")
