"""Drops the single-language columns (their German texts live in the translation tables since 0003)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0003_copy_texts_to_german"),
    ]

    operations = [
        # A default first, so that unapplying this migration can add the columns back to filled tables.
        migrations.AlterField(
            model_name="round", name="question_old", field=models.CharField(default="", max_length=200)
        ),
        migrations.AlterField(
            model_name="round", name="easy_text_old", field=models.TextField(blank=True, default="")
        ),
        migrations.AlterField(
            model_name="round", name="result_text_old", field=models.TextField(blank=True, default="")
        ),
        migrations.AlterField(
            model_name="option", name="title_old", field=models.CharField(default="", max_length=80)
        ),
        migrations.AlterField(
            model_name="option",
            name="description_old",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AlterField(
            model_name="option",
            name="image_alt_old",
            field=models.CharField(blank=True, default="", max_length=150),
        ),
        migrations.AlterField(
            model_name="option",
            name="outcome_old",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        migrations.RemoveField(
            model_name="option",
            name="description_old",
        ),
        migrations.RemoveField(
            model_name="option",
            name="image_alt_old",
        ),
        migrations.RemoveField(
            model_name="option",
            name="outcome_old",
        ),
        migrations.RemoveField(
            model_name="option",
            name="title_old",
        ),
        migrations.RemoveField(
            model_name="round",
            name="easy_text_old",
        ),
        migrations.RemoveField(
            model_name="round",
            name="question_old",
        ),
        migrations.RemoveField(
            model_name="round",
            name="result_text_old",
        ),
    ]
