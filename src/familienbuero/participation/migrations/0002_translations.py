"""Texts of rounds and options in several languages (django-parler): the translation tables. The old
columns are renamed to ``*_old`` here, their texts copied to German in 0003, and dropped in 0004."""

import django.db.models.deletion
import parler.fields
import parler.models
from django.db import migrations, models


class MakeTranslatable(migrations.operations.base.Operation):
    """Gives the historical model parler's base (``makemigrations`` does not track base classes), so
    that the translation model below can attach to it. Changes no table."""

    reversible = True

    def __init__(self, name):
        self.name = name

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.name], {})

    def state_forwards(self, app_label, state):
        model_state = state.models[app_label, self.name.lower()]
        model_state.bases = (parler.models.TranslatableModelMixin, models.Model)
        state.reload_model(app_label, self.name.lower(), delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Make {self.name} translatable (django-parler)"


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_rounds_options_ideas_ballots"),
    ]

    operations = [
        MakeTranslatable("Round"),
        MakeTranslatable("Option"),
        # The old columns step aside (a model cannot have a field and a translated field of one name).
        migrations.RenameField(model_name="round", old_name="question", new_name="question_old"),
        migrations.RenameField(model_name="round", old_name="easy_text", new_name="easy_text_old"),
        migrations.RenameField(model_name="round", old_name="result_text", new_name="result_text_old"),
        migrations.RenameField(model_name="option", old_name="title", new_name="title_old"),
        migrations.RenameField(model_name="option", old_name="description", new_name="description_old"),
        migrations.RenameField(model_name="option", old_name="image_alt", new_name="image_alt_old"),
        migrations.RenameField(model_name="option", old_name="outcome", new_name="outcome_old"),
        migrations.CreateModel(
            name="OptionTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language_code", models.CharField(db_index=True, max_length=15, verbose_name="Language")),
                ("title", models.CharField(blank=True, max_length=80, verbose_name="title")),
                (
                    "description",
                    models.CharField(blank=True, max_length=200, verbose_name="short description"),
                ),
                (
                    "image_alt",
                    models.CharField(
                        blank=True,
                        help_text="Read aloud to children who cannot see it.",
                        max_length=150,
                        verbose_name="what the picture shows",
                    ),
                ),
                ("outcome", models.CharField(blank=True, max_length=300, verbose_name="what became of it")),
                (
                    "master",
                    parler.fields.TranslationsForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="participation.option",
                    ),
                ),
            ],
            options={
                "verbose_name": "option Translation",
                "db_table": "participation_option_translation",
                "db_tablespace": "",
                "managed": True,
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("language_code", "master"), name="participation_option_translation_uniq_lang"
                    )
                ],
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="RoundTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language_code", models.CharField(db_index=True, max_length=15, verbose_name="Language")),
                ("question", models.CharField(blank=True, max_length=200, verbose_name="question")),
                (
                    "easy_text",
                    models.TextField(
                        blank=True,
                        help_text="Short sentences. One idea per sentence. It is read aloud well.",
                        max_length=2000,
                        verbose_name="explanation in easy language",
                    ),
                ),
                (
                    "result_text",
                    models.TextField(blank=True, max_length=4000, verbose_name="what will be done"),
                ),
                (
                    "master",
                    parler.fields.TranslationsForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="participation.round",
                    ),
                ),
            ],
            options={
                "verbose_name": "participation round Translation",
                "db_table": "participation_round_translation",
                "db_tablespace": "",
                "managed": True,
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("language_code", "master"), name="participation_round_translation_uniq_lang"
                    )
                ],
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
    ]
