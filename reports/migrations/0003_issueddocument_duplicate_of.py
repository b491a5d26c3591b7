"""Before one number per distinct data is enforced (0004): numbers given twice to the same data
(a double click issued 619 and 620 for one snapshot) stay in the register, the later ones
marked as copies of the first."""

import django.db.models.deletion
from django.db import migrations, models


def mark_duplicates(apps, schema_editor):
    IssuedDocument = apps.get_model("reports", "IssuedDocument")
    first: dict[tuple, int] = {}
    issued = IssuedDocument.objects.filter(number__isnull=False).order_by("issued_at", "pk")
    for row in issued.only("pk", "cluster_id", "kind", "object_ref", "data_hash"):
        key = (row.cluster_id, row.kind, row.object_ref, row.data_hash)
        if key in first:
            IssuedDocument.objects.filter(pk=row.pk).update(duplicate_of_id=first[key])
        else:
            first[key] = row.pk


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_award_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="issueddocument",
            name="duplicate_of",
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="reports.issueddocument", verbose_name="trùng dữ liệu với văn bản"),
        ),
        migrations.RunPython(mark_duplicates, migrations.RunPython.noop, elidable=True),
    ]
