"""One number per distinct data, enforced by the database (the rows marked by 0003 aside): a
double click cannot number the same document twice."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0003_issueddocument_duplicate_of"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="issueddocument",
            constraint=models.UniqueConstraint(condition=models.Q(("duplicate_of__isnull", True), ("number__isnull", False)), fields=("cluster", "kind", "object_ref", "data_hash"), name="issueddocument_one_number_per_data"),
        ),
    ]
