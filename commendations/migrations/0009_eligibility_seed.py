"""Data migration: the standards and history conditions of the national award forms
(``commendations/national_standards.py``), each with its source and years. Creates rows only
for awards that have none; reversing leaves them (declarations may point at them)."""

from django.db import migrations


def load(apps, schema_editor):
    from commendations.national_standards import standards_load

    standards_load(award_model=apps.get_model("commendations", "AwardForm"),
                   standard_model=apps.get_model("commendations", "AwardStandard"),
                   condition_model=apps.get_model("commendations", "AwardCondition"))


class Migration(migrations.Migration):

    dependencies = [
        ("commendations", "0009_eligibility_standards"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
