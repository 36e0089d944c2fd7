"""One path, one unit: the database refuses a second unit on the same scope path."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("org", "0002_unit_paths_from_ids")]

    operations = [
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("path",), name="org_unit_path_unique"),
        ),
    ]
