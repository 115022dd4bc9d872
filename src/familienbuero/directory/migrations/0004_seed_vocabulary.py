"""Seeds the shared vocabularies. The list is copied here (not imported) so that the migration stays
the same when the live vocabulary module changes later."""

import uuid

from django.db import migrations

TERMS = [
    # (taxonomy, code, de, en)
    ("target_group", "kinder", "Kinder", "Children"),
    ("target_group", "jugendliche", "Jugendliche", "Young people"),
    ("target_group", "eltern", "Eltern", "Parents"),
    ("target_group", "familien", "Familien", "Families"),
    ("target_group", "schwangere", "Schwangere und werdende Eltern", "Pregnant women and parents-to-be"),
    ("target_group", "alleinerziehende", "Alleinerziehende", "Single parents"),
    ("target_group", "migration", "Menschen mit Migrationsgeschichte", "People with a migration background"),
    ("target_group", "behinderung", "Menschen mit Behinderung", "People with disabilities"),
    ("target_group", "fachkraefte", "Fachkräfte", "Professionals"),
    ("life_phase", "schwangerschaft-geburt", "Schwangerschaft und Geburt", "Pregnancy and birth"),
    ("life_phase", "0-3", "Kleinkinder (0–3 Jahre)", "Toddlers (0–3 years)"),
    ("life_phase", "3-6", "Kita-Alter (3–6 Jahre)", "Pre-school age (3–6 years)"),
    ("life_phase", "grundschule", "Grundschule", "Primary school"),
    ("life_phase", "weiterfuehrende-schule", "Weiterführende Schule", "Secondary school"),
    ("life_phase", "schule-beruf", "Übergang Schule – Beruf", "School-to-work transition"),
    ("topic", "beratung", "Beratung", "Counselling"),
    ("topic", "erziehung", "Erziehung und Familienalltag", "Parenting and family life"),
    ("topic", "sport", "Sport und Bewegung", "Sports and exercise"),
    ("topic", "freizeit", "Freizeit und Kultur", "Leisure and culture"),
    ("topic", "lernen", "Lernen und Nachhilfe", "Learning and tutoring"),
    ("topic", "gesundheit", "Gesundheit", "Health"),
    ("topic", "geld", "Geld und Schulden", "Money and debts"),
    ("topic", "migration-sprache", "Migration und Sprache", "Migration and language"),
    ("topic", "sucht", "Sucht und Drogen", "Addiction and drugs"),
    ("topic", "kinderbetreuung", "Kinderbetreuung und Tagespflege", "Childcare and childminding"),
    ("topic", "beruf", "Ausbildung, Beruf und Praktikum", "Training, work and internships"),
    ("topic", "medien", "Medien und Internet", "Media and internet"),
    ("topic", "beteiligung", "Mitmachen und Beteiligung", "Taking part and having a say"),
    ("topic", "ferien", "Ferien", "Holidays"),
    ("topic", "sicherheit", "Verkehr und Sicherheit", "Traffic and safety"),
]


def seed(apps, schema_editor):
    term_model = apps.get_model("directory", "TaxonomyTerm")
    translation_model = apps.get_model("directory", "TaxonomyTermTranslation")
    for position, (taxonomy, code, de, en) in enumerate(TERMS):
        term, _ = term_model.objects.get_or_create(
            taxonomy=taxonomy, code=code, defaults={"position": position, "uuid": uuid.uuid4()}
        )
        for language, name in (("de", de), ("en", en)):
            translation_model.objects.get_or_create(
                master_id=term.pk, language_code=language, defaults={"name": name}
            )


def unseed(apps, schema_editor):
    term_model = apps.get_model("directory", "TaxonomyTerm")
    term_model.objects.filter(code__in=[code for _t, code, _de, _en in TERMS], services__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_hsds_services_taxonomy_and_review")]

    operations = [migrations.RunPython(seed, unseed)]
