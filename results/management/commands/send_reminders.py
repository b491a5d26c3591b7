"""The old name of ``manage.py run_scheduler`` (the one scheduler for every deadline, issue
#16), kept for the cron lines that call it: the same options, the same work."""

from __future__ import annotations

from notifications.management.commands.run_scheduler import Command as RunScheduler


class Command(RunScheduler):
    help = RunScheduler.help + " (Tên cũ của run_scheduler.)"
