"""Seeds the shared vocabularies (topics, target groups, life phases) in de, en, tr, ar and uk.

The platform-wide vocabulary lives here; later additions come as further data migrations.
"""

import uuid

from django.db import migrations

TERMS = [
    # (taxonomy, code, de, en, tr, ar, uk)
    ("target_group", "kinder", "Kinder", "Children", "Çocuklar", "الأطفال", "Діти"),
    ("target_group", "jugendliche", "Jugendliche", "Young people", "Gençler", "الشباب", "Молодь"),
    ("target_group", "eltern", "Eltern", "Parents", "Ebeveynler", "الآباء والأمهات", "Батьки"),
    ("target_group", "familien", "Familien", "Families", "Aileler", "العائلات", "Сім'ї"),
    (
        "target_group",
        "schwangere",
        "Schwangere und werdende Eltern",
        "Pregnant women and parents-to-be",
        "Hamileler ve anne-baba adayları",
        "الحوامل والآباء المنتظرون",
        "Вагітні та майбутні батьки",
    ),
    (
        "target_group",
        "alleinerziehende",
        "Alleinerziehende",
        "Single parents",
        "Tek ebeveynler",
        "الآباء والأمهات المنفردون",
        "Батьки-одинаки",
    ),
    (
        "target_group",
        "migration",
        "Menschen mit Migrationsgeschichte",
        "People with a migration background",
        "Göç geçmişi olan kişiler",
        "الأشخاص ذوو الخلفية المهاجرة",
        "Люди з міграційним досвідом",
    ),
    (
        "target_group",
        "behinderung",
        "Menschen mit Behinderung",
        "People with disabilities",
        "Engelli bireyler",
        "الأشخاص ذوو الإعاقة",
        "Люди з інвалідністю",
    ),
    ("target_group", "fachkraefte", "Fachkräfte", "Professionals", "Uzmanlar", "المختصون", "Фахівці"),
    (
        "life_phase",
        "schwangerschaft-geburt",
        "Schwangerschaft und Geburt",
        "Pregnancy and birth",
        "Hamilelik ve doğum",
        "الحمل والولادة",
        "Вагітність і народження",
    ),
    (
        "life_phase",
        "0-3",
        "Kleinkinder (0–3 Jahre)",
        "Toddlers (0–3 years)",
        "Küçük çocuklar (0–3 yaş)",
        "الأطفال الصغار (0–3 سنوات)",
        "Малюки (0–3 роки)",
    ),
    (
        "life_phase",
        "3-6",
        "Kita-Alter (3–6 Jahre)",
        "Pre-school age (3–6 years)",
        "Kreş yaşı (3–6 yaş)",
        "سن الروضة (3–6 سنوات)",
        "Дошкільний вік (3–6 років)",
    ),
    (
        "life_phase",
        "grundschule",
        "Grundschule",
        "Primary school",
        "İlkokul",
        "المدرسة الابتدائية",
        "Початкова школа",
    ),
    (
        "life_phase",
        "weiterfuehrende-schule",
        "Weiterführende Schule",
        "Secondary school",
        "Ortaokul ve lise",
        "المدرسة الثانوية",
        "Середня школа",
    ),
    (
        "life_phase",
        "schule-beruf",
        "Übergang Schule – Beruf",
        "School-to-work transition",
        "Okuldan meslek hayatına geçiş",
        "الانتقال من المدرسة إلى العمل",
        "Перехід від школи до професії",
    ),
    ("topic", "beratung", "Beratung", "Counselling", "Danışmanlık", "الاستشارة", "Консультації"),
    (
        "topic",
        "erziehung",
        "Erziehung und Familienalltag",
        "Parenting and family life",
        "Çocuk yetiştirme ve aile hayatı",
        "التربية والحياة الأسرية",
        "Виховання та сімейне життя",
    ),
    (
        "topic",
        "sport",
        "Sport und Bewegung",
        "Sports and exercise",
        "Spor ve hareket",
        "الرياضة والحركة",
        "Спорт і рух",
    ),
    (
        "topic",
        "freizeit",
        "Freizeit und Kultur",
        "Leisure and culture",
        "Boş zaman ve kültür",
        "أوقات الفراغ والثقافة",
        "Дозвілля та культура",
    ),
    (
        "topic",
        "lernen",
        "Lernen und Nachhilfe",
        "Learning and tutoring",
        "Öğrenme ve ders desteği",
        "التعلم والدروس الخصوصية",
        "Навчання та репетиторство",
    ),
    ("topic", "gesundheit", "Gesundheit", "Health", "Sağlık", "الصحة", "Здоров'я"),
    (
        "topic",
        "geld",
        "Geld und Schulden",
        "Money and debts",
        "Para ve borçlar",
        "المال والديون",
        "Гроші та борги",
    ),
    (
        "topic",
        "migration-sprache",
        "Migration und Sprache",
        "Migration and language",
        "Göç ve dil",
        "الهجرة واللغة",
        "Міграція та мова",
    ),
    (
        "topic",
        "sucht",
        "Sucht und Drogen",
        "Addiction and drugs",
        "Bağımlılık ve uyuşturucu",
        "الإدمان والمخدرات",
        "Залежність і наркотики",
    ),
    (
        "topic",
        "kinderbetreuung",
        "Kinderbetreuung und Tagespflege",
        "Childcare and childminding",
        "Çocuk bakımı ve gündüz bakıcılığı",
        "رعاية الأطفال والحضانة النهارية",
        "Догляд за дітьми",
    ),
    (
        "topic",
        "beruf",
        "Ausbildung, Beruf und Praktikum",
        "Training, work and internships",
        "Meslek eğitimi, iş ve staj",
        "التدريب المهني والعمل والتدريب العملي",
        "Навчання, робота та практика",
    ),
    (
        "topic",
        "medien",
        "Medien und Internet",
        "Media and internet",
        "Medya ve internet",
        "الإعلام والإنترنت",
        "Медіа та інтернет",
    ),
    (
        "topic",
        "beteiligung",
        "Mitmachen und Beteiligung",
        "Taking part and having a say",
        "Katılım",
        "المشاركة",
        "Участь",
    ),
    ("topic", "ferien", "Ferien", "Holidays", "Tatil", "العطلات", "Канікули"),
    (
        "topic",
        "sicherheit",
        "Verkehr und Sicherheit",
        "Traffic and safety",
        "Trafik ve güvenlik",
        "المرور والسلامة",
        "Дорожній рух і безпека",
    ),
]


def seed(apps, schema_editor):
    term_model = apps.get_model("directory", "TaxonomyTerm")
    translation_model = apps.get_model("directory", "TaxonomyTermTranslation")
    for position, (taxonomy, code, *names) in enumerate(TERMS):
        term, _ = term_model.objects.get_or_create(
            taxonomy=taxonomy, code=code, defaults={"position": position, "uuid": uuid.uuid4()}
        )
        for language, name in zip(("de", "en", "tr", "ar", "uk"), names, strict=True):
            translation_model.objects.get_or_create(
                master_id=term.pk, language_code=language, defaults={"name": name}
            )


def unseed(apps, schema_editor):
    term_model = apps.get_model("directory", "TaxonomyTerm")
    term_model.objects.filter(code__in=[term[1] for term in TERMS], services__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_hsds_services_taxonomy_and_review")]

    operations = [migrations.RunPython(seed, unseed)]
