"""Data migration: the national award catalogue (``commendations/national_catalogue.py``).
Creates the missing entries only, by code; never changes a row that exists (an administrator's
edits are kept). Reversing leaves the rows (rules and nominations may point at them)."""

from django.db import migrations


def load(apps, schema_editor):
    from commendations.national_catalogue import catalogue_load

    catalogue_load(award_model=apps.get_model("commendations", "AwardForm"))


class Migration(migrations.Migration):

    dependencies = [
        ('commendations', '0003_sealed_ballots'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
