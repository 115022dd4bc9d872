"""Adds a stable public id (HSDS ids are UUIDs): nullable first, filled row by row, then unique."""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    model = apps.get_model("directory", "organization")
    for pk in model._base_manager.values_list("pk", flat=True):
        model._base_manager.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.AddField(model_name="organization", name="uuid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organization",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
