"""A period's deadline is one date (issue #13): the deadline milestones of the campaigns
("Hạn gửi báo cáo sơ kết 6 tháng", "Hạn gửi báo cáo tổng kết năm") take the date of their
reporting period's deadline, as ``results.services.periods`` keeps them from now on."""

from django.db import migrations
from django.utils import timezone

DEADLINE_MILESTONES = {"6_thang": "han_so_ket", "ca_nam": "han_tong_ket"}


def follow(apps, schema_editor):
    ReportingPeriod = apps.get_model("results", "ReportingPeriod")
    Milestone = apps.get_model("campaigns", "Milestone")
    for period in ReportingPeriod.objects.all():
        kind = DEADLINE_MILESTONES.get(period.kind)
        if kind is None:
            continue
        Milestone.objects.filter(
            campaign__cluster_id=period.cluster_id, campaign__year=period.year, kind=kind,
        ).update(due_on=timezone.localtime(period.deadline).date())


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_results_moved_to_results_app"),
        ("results", "0001_initial"),
    ]

    operations = [migrations.RunPython(follow, migrations.RunPython.noop)]
