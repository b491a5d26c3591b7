"""Re-apply the country's registry that ships with the app (``cluster/registry``): the 63
provinces and cities before the 2025 reorganisation, the 34 after it, their validity dates and
successor links, and one Sở Nội vụ per province. The migration ``cluster.0003_registry`` applies
it once; run this after editing the data file. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cluster.registry import load_registry, unchecked_rows


class Command(BaseCommand):
    help = ("Nạp lại danh mục tỉnh, thành phố (trước và sau sắp xếp năm 2025) và Sở Nội vụ "
            "của từng tỉnh từ cluster/registry/provinces_2025.csv.")

    @transaction.atomic
    def handle(self, *args, **options):
        provinces, units = load_registry()
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp {provinces} tỉnh, thành phố và {units} Sở Nội vụ."))
        unchecked = unchecked_rows()
        if unchecked:
            self.stdout.write(
                f"{len(unchecked)} dòng mới đối chiếu với phương án trước nghị quyết, chưa đối "
                f"chiếu với bản tin về nghị quyết đã thông qua (cột checked = chua): "
                + ", ".join(row.name for row in unchecked))
