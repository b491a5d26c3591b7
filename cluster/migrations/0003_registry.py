"""Data migration: the country's registry (63 provinces before 1/7/2025, 34 from it, Huế city
from 1/1/2025) and one Sở Nội vụ per province, from ``cluster/registry/provinces_2025.csv``.
Idempotent; ``manage.py load_registry`` re-applies the same file. Reversing leaves the rows
(memberships and documents may already point at them)."""

from django.db import migrations


def load(apps, schema_editor):
    from cluster.registry import load_registry

    load_registry(province_model=apps.get_model("cluster", "Province"),
                  unit_model=apps.get_model("cluster", "Unit"))


class Migration(migrations.Migration):

    dependencies = [
        ('cluster', '0002_text_length_limits'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
