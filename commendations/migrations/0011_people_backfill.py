"""Every name already typed in a nomination, a granted award or an imported past honour gets a
person of the registry (commendations.registry_backfill)."""

from django.db import migrations

from commendations.registry_backfill import backfill_people


def forwards(apps, schema_editor):
    backfill_people(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("commendations", "0010_public_consultation"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
