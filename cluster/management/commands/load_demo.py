"""Load the demo data of every app, in dependency order. Idempotent.

Each app may ship a ``demo`` module with ``load(stdout)``; this command finds them through the
app registry, so the bottom app ``cluster`` imports none of the apps above it."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cluster.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ năm 2022 (bài viết gốc)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Không in tài khoản mẫu.")

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.path.startswith(str(self._project_root())) or not find_spec(module_name):
                continue
            import_module(module_name).load(stdout=self.stdout)
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
            for username, description in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {description}")

    @staticmethod
    def _project_root():
        from django.conf import settings

        return settings.BASE_DIR
