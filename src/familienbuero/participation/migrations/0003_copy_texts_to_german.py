"""Copies the texts of every round and option into their German translation; backwards, copies the German
translation back into the columns (other languages are then lost, as the columns hold one language)."""

from django.db import migrations

ROUND_FIELDS = ("question", "easy_text", "result_text")
OPTION_FIELDS = ("title", "description", "image_alt", "outcome")
MODELS = (("Round", "RoundTranslation", ROUND_FIELDS), ("Option", "OptionTranslation", OPTION_FIELDS))


def forwards(apps, schema_editor):
    for master_name, translation_name, fields in MODELS:
        master = apps.get_model("participation", master_name)
        translation = apps.get_model("participation", translation_name)
        old = [f"{f}_old" for f in fields]
        rows = [
            translation(master_id=obj["pk"], language_code="de", **{f: obj[f"{f}_old"] for f in fields})
            for obj in master._base_manager.values("pk", *old)
        ]
        translation._base_manager.bulk_create(rows, batch_size=500)


def backwards(apps, schema_editor):
    for master_name, translation_name, fields in MODELS:
        master = apps.get_model("participation", master_name)
        translation = apps.get_model("participation", translation_name)
        for row in translation._base_manager.filter(language_code="de").values("master_id", *fields):
            master._base_manager.filter(pk=row["master_id"]).update(**{f"{f}_old": row[f] for f in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0002_translations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
