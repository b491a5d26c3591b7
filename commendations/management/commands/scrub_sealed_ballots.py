"""Rewrite the tables of sealed ballots and seals (``sealed_storage_scrub``), as closing does
after its commit. For the operator: after a restore, or if the clean-up after a close failed
(it is logged); running it again changes nothing."""

from django.core.management.base import BaseCommand

from commendations.services import sealed_storage_scrub


class Command(BaseCommand):
    help = ("Viết lại bảng phiếu bầu đã niêm phong và khóa niêm phong để không còn bản cũ của "
            "phiên đã kết thúc.")

    def handle(self, *args, **options):
        sealed_storage_scrub()
        self.stdout.write("Đã viết lại bảng phiếu bầu đã niêm phong và khóa niêm phong.")
