"""Demo offers: every offer of the table in concept §3 (Allgemein, Eltern, Jugendliche, Kinder) and the
advice services of §3 and §5, at the partner organisations named there. Addresses outside the office
and all times are invented for the demo."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from familienbuero.directory.models import (
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
    TaxonomyTerm,
)
from familienbuero.tenancy.models import District, Location, Municipality

QUARTER = ["voerde-mitte", "voerde-sued", "roenkensiedlung", "buschmannshof"]
CITY = [*QUARTER, "friedrichsfeld", "spellen", "moellen"]
MO, TU, WE, TH, FR, SA = range(6)
OFFICE_HOURS = [(MO, 8, 30, 12, 30), (WE, 8, 30, 12, 30), (WE, 14, 0, 16, 0), (TH, 14, 0, 18, 0)]

EXTRA_LOCATIONS = {
    "hallenbad": (
        "Hallenbad Voerde (Demo-Adresse)",
        "Am Hallenbad 1",
        "voerde-mitte",
        "51.593800",
        "6.683900",
    ),
    "fbs": (
        "Evangelische Familienbildungsstätte (Demo-Adresse)",
        "Kirchstraße 5",
        "voerde-mitte",
        "51.596500",
        "6.687900",
    ),
    "reitanlage": ("Reitanlage Voerde (Demo-Adresse)", "Reitweg 10", "voerde-sued", "51.583000", "6.694000"),
    "tanzsaal": (
        "Tanzsaal des 1. Voerder TSC (Demo-Adresse)",
        "Tanzweg 3",
        "voerde-mitte",
        "51.598800",
        "6.681200",
    ),
}

# slug: organisation, location key, terms, (min, max age), flags, languages, schedule, districts, costs, texts
S = dict
SERVICES: list[dict] = [
    S(
        slug="offene-sprechstunde",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beratung", "erziehung", "familien", "eltern", "kinder", "jugendliche"],
        ages=(None, None),
        anonymous=True,
        languages=["de", "en", "tr"],
        times=OFFICE_HOURS,
        districts=CITY,
        de=(
            "Offene Sprechstunde: Beratung und Vermittlung",
            "Kommen Sie mit jeder Frage rund um Familie, Kinder und Jugendliche vorbei. Wir beraten vertraulich, "
            "helfen bei Anträgen und vermitteln Sie an passende Beratungsstellen und Angebote in Voerde.",
            "Ohne Termin zu den Öffnungszeiten des Familienbüros.",
            "Für alle Familien, Kinder, Jugendlichen und Eltern.",
        ),
        en=(
            "Open consultation: advice and referral",
            "Come by with any question about family, children and young people. We give confidential advice, "
            "help with applications and put you in touch with the right counselling services and offers.",
        ),
        ar=(
            "استشارة مفتوحة: نصيحة وإرشاد",
            "تعالوا بأي سؤال حول الأسرة والأطفال والشباب. نقدم استشارة سرية ونساعد في الطلبات ونرشدكم إلى "
            "مراكز الاستشارة والعروض المناسبة.",
        ),
        tr=(
            "Açık danışma saati: danışmanlık ve yönlendirme",
            "Aile, çocuklar ve gençlerle ilgili her sorunuzla gelin. Gizli danışmanlık veriyor, başvurularda "
            "yardım ediyor ve sizi uygun danışma merkezlerine yönlendiriyoruz.",
        ),
        uk=(
            "Відкриті консультації: порада та направлення",
            "Приходьте з будь-яким питанням про сім'ю, дітей і молодь. Ми конфіденційно консультуємо, "
            "допомагаємо із заявами та направляємо до відповідних служб.",
        ),
    ),
    S(
        slug="freizeit-lotse",
        org="stadt-voerde-jugend",
        where="office",
        terms=["freizeit", "sport", "kinder", "jugendliche", "familien"],
        languages=["de"],
        times=OFFICE_HOURS,
        districts=CITY,
        de=(
            "Freizeit-Lotse: Sport, Kultur und Freizeit finden",
            "Wir suchen mit Ihnen passende Freizeit-, Kultur- und Sportangebote für Ihr Kind und klären, ob "
            "das Bildungs- und Teilhabepaket die Kosten übernimmt.",
        ),
    ),
    S(
        slug="infoabende-kita-schule",
        org="ev-kita-roenkenhof",
        where="office",
        terms=["erziehung", "eltern", "3-6", "grundschule"],
        languages=["de"],
        times=[(TU, 19, 0, 20, 30)],
        districts=QUARTER,
        de=(
            "Informationsabende für Eltern mit Kita und Schule",
            "Gemeinsam mit der Kita Rönkenhof und der Erich-Kästner-Grundschule laden wir zu Infoabenden ein: "
            "Schulanmeldung, Ganztag, Sprachförderung und mehr.",
        ),
    ),
    S(
        slug="schnullerclub",
        org="ev-familienbildungsstaette",
        where="fbs",
        terms=["erziehung", "eltern", "0-3"],
        ages=(0, 1),
        free=False,
        languages=["de"],
        times=[(WE, 9, 30, 11, 0)],
        districts=CITY,
        costs=[("10 Treffen", "30.00")],
        de=(
            "Eltern-Kind-Gruppe „Schnullerclub“ (Babys im 1. Lebensjahr)",
            "Austausch, Lieder und Spiele für Eltern mit Babys. Fachlich begleitet von der "
            "Familienbildungsstätte.",
        ),
    ),
    S(
        slug="mobile-gruppe",
        org="ev-familienbildungsstaette",
        where="fbs",
        terms=["erziehung", "eltern", "0-3"],
        ages=(1, 3),
        free=False,
        languages=["de"],
        times=[(FR, 9, 30, 11, 0)],
        districts=CITY,
        costs=[("10 Treffen", "30.00")],
        de=(
            "Eltern-Kind-Gruppe „Mobile“ (1 bis 3 Jahre)",
            "Bewegung, Spiel und Gespräche für Eltern mit Kleinkindern.",
        ),
    ),
    S(
        slug="themenabend-soziale-medien",
        org="stadt-voerde-jugend",
        where="office",
        terms=["medien", "erziehung", "eltern", "grundschule", "weiterfuehrende-schule"],
        languages=["de", "tr"],
        times=[(TH, 19, 0, 20, 30)],
        districts=CITY,
        de=(
            "Themenabend: Kinder und soziale Medien",
            "Wie viel Handy ist gut? Was tun bei Cybermobbing? Ein Abend für Eltern mit Tipps zum Umgang mit "
            "sozialen Medien.",
        ),
    ),
    S(
        slug="computerkurs-eltern",
        org="ev-familienbildungsstaette",
        where="office",
        terms=["medien", "lernen", "eltern"],
        languages=["de"],
        times=[(SA, 10, 0, 12, 0)],
        districts=CITY,
        de=(
            "Computerkurs für Eltern",
            "Grundlagen am Computer und Smartphone: E-Mails, Online-Anträge, Schul-Apps. Geräte sind "
            "vorhanden.",
        ),
    ),
    S(
        slug="spielplatzpatenschaften",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beteiligung", "eltern", "familien"],
        languages=["de"],
        districts=CITY,
        de=(
            "Spielplatzpatenschaften",
            "Werden Sie Patin oder Pate für einen Spielplatz: nach dem Rechten sehen, Schäden melden, Feste "
            "organisieren. Wir koordinieren und begleiten die Patenschaften.",
        ),
    ),
    S(
        slug="ferien-mitplanen",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beteiligung", "ferien", "kinder", "jugendliche"],
        ages=(6, 17),
        languages=["de"],
        districts=CITY,
        de=(
            "Ferien mitplanen: Beteiligung für Kinder und Jugendliche",
            "Was wollt ihr in den Ferien machen? Bringt eure Ideen ein und stimmt über das Ferienprogramm ab.",
        ),
    ),
    S(
        slug="offene-angebote-vereine",
        org="tv-voerde",
        where="office",
        terms=["freizeit", "sport", "jugendliche"],
        ages=(12, 18),
        languages=["de"],
        times=[(FR, 16, 0, 19, 0)],
        districts=QUARTER,
        de=(
            "Offener Treff mit Vereinen und Jugendzentren",
            "Freitags am Quartierszentrum: Sport, Spiele und Gespräche – gemeinsam mit Voerder Vereinen und "
            "Jugendzentren.",
        ),
    ),
    S(
        slug="uebergang-schule-beruf",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beruf", "beratung", "jugendliche", "schule-beruf"],
        ages=(14, 21),
        languages=["de", "en", "ar"],
        times=[(TH, 14, 0, 18, 0)],
        districts=CITY,
        de=(
            "Beratung beim Übergang Schule – Beruf",
            "Welcher Beruf passt zu mir? Wie schreibe ich eine Bewerbung? Wir beraten Jugendliche und ihre "
            "Eltern.",
        ),
    ),
    S(
        slug="praktikumsvermittlung",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beruf", "jugendliche", "schule-beruf"],
        ages=(14, 18),
        languages=["de"],
        districts=CITY,
        de=(
            "Praktikumsvermittlung für Jugendliche",
            "Wir vermitteln Praktikumsplätze bei Betrieben, Vereinen und Einrichtungen in Voerde.",
        ),
    ),
    S(
        slug="babysitterschulung",
        org="ev-familienbildungsstaette",
        where="office",
        terms=["kinderbetreuung", "lernen", "jugendliche"],
        ages=(13, 17),
        free=False,
        languages=["de"],
        times=[(SA, 10, 0, 15, 0)],
        districts=CITY,
        costs=[("Kurs mit Zertifikat", "25.00")],
        de=(
            "Babysitter-Schulung",
            "Für Jugendliche ab 13: Pflege, Spiele, Erste Hilfe am Kind. Mit Zertifikat und Aufnahme in die "
            "Babysitterkartei.",
        ),
    ),
    S(
        slug="spielplatz-mitgestalten",
        org="stadt-voerde-jugend",
        where="office",
        terms=["beteiligung", "kinder"],
        ages=(4, 12),
        languages=["de"],
        districts=QUARTER,
        de=(
            "Spielplatz mitgestalten",
            "Am Quartierszentrum entsteht ein neuer Spielplatz. Kinder sagen, was sie sich wünschen.",
        ),
    ),
    S(
        slug="fahrradtraining",
        org="erich-kaestner-grundschule",
        where="office",
        terms=["sicherheit", "sport", "kinder", "grundschule"],
        ages=(7, 10),
        languages=["de"],
        times=[(TU, 14, 0, 15, 30)],
        districts=QUARTER,
        de=(
            "Fahrradtraining für Grundschulkinder",
            "Sicher Rad fahren lernen auf dem Schulhof und im Straßenverkehr, in Kooperation mit der "
            "Erich-Kästner-Grundschule.",
        ),
    ),
    S(
        slug="schwimmkurs-kinder",
        org="tv-voerde",
        where="hallenbad",
        terms=["sport", "kinder", "grundschule"],
        ages=(6, 10),
        free=False,
        but=True,
        languages=["de", "ar"],
        times=[(TH, 15, 0, 16, 0)],
        districts=CITY,
        costs=[("10 Stunden", "40.00")],
        de=(
            "Schwimmkurs für Kinder (Seepferdchen)",
            "Schwimmen lernen in kleinen Gruppen mit dem TV Voerde, in Kooperation mit der Schule. Die Kosten "
            "übernimmt auf Antrag das Bildungs- und Teilhabepaket.",
        ),
        en=(
            "Swimming course for children (Seepferdchen badge)",
            "Learn to swim in small groups with TV Voerde. The education and participation package (BuT) can "
            "pay the fee.",
        ),
        ar=(
            "دورة سباحة للأطفال (شارة فرس البحر)",
            "تعلّم السباحة في مجموعات صغيرة مع نادي TV Voerde. يمكن لحزمة التعليم والمشاركة أن تتحمل التكاليف.",
        ),
        tr=(
            "Çocuklar için yüzme kursu",
            "TV Voerde ile küçük gruplarda yüzme öğrenin. Masrafları Eğitim ve "
            "Katılım Paketi karşılayabilir.",
        ),
        uk=(
            "Курс плавання для дітей",
            "Навчання плаванню в малих групах з TV Voerde. Витрати може покрити пакет освіти та участі.",
        ),
    ),
    S(
        slug="kinderturnen",
        org="tv-voerde",
        where="office",
        terms=["sport", "kinder", "3-6", "grundschule"],
        ages=(3, 8),
        free=False,
        but=True,
        languages=["de"],
        times=[(MO, 16, 0, 17, 0)],
        districts=QUARTER,
        costs=[("Monatsbeitrag", "8.00")],
        de=("Kinderturnen", "Toben, klettern, balancieren: Turnen für Kinder von 3 bis 8 Jahren."),
    ),
    S(
        slug="reiten-voltigieren",
        org="reiterverein-voerde",
        where="reitanlage",
        terms=["sport", "kinder", "jugendliche"],
        ages=(6, 14),
        free=False,
        but=True,
        languages=["de"],
        times=[(WE, 15, 0, 17, 0)],
        districts=CITY,
        costs=[("Monatsbeitrag", "15.00")],
        de=(
            "Reiten und Voltigieren für Kinder",
            "Erste Schritte mit dem Pferd und Voltigieren in der Gruppe.",
        ),
    ),
    S(
        slug="kindertanz",
        org="tanzsportclub-voerde",
        where="tanzsaal",
        terms=["sport", "freizeit", "kinder"],
        ages=(4, 12),
        free=False,
        but=True,
        languages=["de"],
        times=[(TU, 16, 0, 17, 0)],
        districts=CITY,
        costs=[("Monatsbeitrag", "10.00")],
        de=("Kindertanz", "Tanzen zu Musik, die Kinder mögen – vom ersten Schritt bis zur Aufführung."),
    ),
    S(
        slug="kostenlose-nachhilfe",
        org="ogs-erich-kaestner",
        where="office",
        terms=["lernen", "kinder", "grundschule", "weiterfuehrende-schule"],
        ages=(6, 16),
        languages=["de", "tr", "ar"],
        times=[(MO, 14, 0, 16, 0), (WE, 14, 0, 16, 0)],
        districts=CITY,
        de=(
            "Kostenlose Nachhilfe für Kinder",
            "Ehrenamtliche Nachhilfe in Deutsch, Mathe und Englisch für Kinder, deren Familien wenig Geld haben.",
        ),
        en=(
            "Free tutoring for children",
            "Volunteer tutoring in German, maths and English for children from families with little money.",
        ),
        ar=(
            "دروس تقوية مجانية للأطفال",
            "دروس تطوعية في الألمانية والرياضيات والإنجليزية لأطفال الأسر ذات الدخل المحدود.",
        ),
        tr=(
            "Çocuklar için ücretsiz ders desteği",
            "Geliri düşük ailelerin çocukları için Almanca, matematik ve İngilizce gönüllü ders desteği.",
        ),
        uk=(
            "Безкоштовне репетиторство для дітей",
            "Волонтерські заняття з німецької, математики та англійської "
            "для дітей із малозабезпечених сімей.",
        ),
    ),
    S(
        slug="schuldnerberatung",
        org="schuldnerberatung",
        where="office",
        terms=["geld", "beratung", "eltern", "familien", "alleinerziehende"],
        anonymous=True,
        languages=["de", "tr"],
        times=[(TU, 9, 0, 12, 0)],
        districts=CITY,
        de=(
            "Schuldner- und Insolvenzberatung",
            "Hilfe bei Schulden: Überblick verschaffen, mit Gläubigern verhandeln, Haushaltsplan aufstellen, "
            "Privatinsolvenz vorbereiten. Kostenlos und vertraulich im Beratungsraum des Familienbüros.",
        ),
        en=(
            "Debt counselling",
            "Help with debts: getting an overview, negotiating with creditors, a household "
            "budget, preparing personal insolvency. Free and confidential.",
        ),
        tr=(
            "Borç danışmanlığı",
            "Borç konusunda yardım: genel bakış, alacaklılarla görüşme, bütçe planı. Ücretsiz ve gizli.",
        ),
        ar=(
            "استشارة الديون",
            "مساعدة في الديون: نظرة عامة، التفاوض مع الدائنين، خطة الميزانية. مجانية وسرية.",
        ),
    ),
    S(
        slug="migrationsberatung",
        org="migrationsberatung",
        where="office",
        terms=["migration-sprache", "beratung", "migration", "familien"],
        languages=["de", "ar", "tr", "uk", "en"],
        times=[(WE, 9, 0, 12, 0)],
        districts=CITY,
        de=(
            "Migrationsberatung für Erwachsene",
            "Beratung zu Aufenthalt, Sprachkursen, Arbeit, Anerkennung von Abschlüssen und Behördenpost.",
        ),
        en=(
            "Migration counselling for adults",
            "Advice on residence, language courses, work, recognition of "
            "qualifications and letters from authorities.",
        ),
        ar=(
            "استشارة الهجرة للبالغين",
            "استشارة حول الإقامة ودورات اللغة والعمل والاعتراف بالشهادات ورسائل الدوائر الرسمية.",
        ),
        uk=(
            "Міграційна консультація для дорослих",
            "Консультації щодо перебування, мовних курсів, роботи, визнання дипломів і листів від установ.",
        ),
        tr=(
            "Yetişkinler için göç danışmanlığı",
            "Oturum, dil kursları, iş, diploma denkliği ve resmi yazılar hakkında danışmanlık.",
        ),
    ),
    S(
        slug="suchtberatung",
        org="suchtberatung",
        where="office",
        terms=["sucht", "beratung", "jugendliche", "eltern"],
        ages=(14, None),
        anonymous=True,
        languages=["de"],
        times=[(FR, 9, 0, 12, 0)],
        districts=CITY,
        de=(
            "Sucht- und Drogenberatung",
            "Vertrauliche Beratung für Jugendliche, Erwachsene und Angehörige zu Alkohol, Drogen, Medien- und "
            "Spielsucht – auf Wunsch anonym.",
        ),
    ),
    S(
        slug="kindertagespflege",
        org="stadt-voerde-jugend",
        where="office",
        terms=["kinderbetreuung", "beratung", "eltern", "0-3"],
        languages=["de"],
        times=[(MO, 8, 30, 12, 30)],
        districts=CITY,
        de=(
            "Beratung zur Kindertagespflege",
            "Sie suchen eine Tagesmutter oder einen Tagesvater? Wir beraten zu Plätzen, Kosten und Anmeldung.",
        ),
    ),
    S(
        slug="voerder-elternservice",
        org="stadt-voerde-jugend",
        where="office",
        terms=["erziehung", "eltern", "schwangere", "schwangerschaft-geburt", "0-3"],
        languages=["de", "tr", "ar"],
        districts=CITY,
        de=(
            "Voerder Elternservice: Begrüßungsbesuch",
            "Nach der Geburt besuchen wir Sie auf Wunsch zu Hause: mit Informationen, Tipps und einem "
            "Willkommensgeschenk.",
        ),
    ),
]


def ensure_vocabulary() -> None:
    """The shared vocabulary comes from a data migration; tests that flush the database (live-server
    tests) remove it, so the demo re-applies the same seed function (idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("familienbuero.directory.migrations.0004_seed_vocabulary").seed(apps, None)


def _terms() -> dict[str, TaxonomyTerm]:
    ensure_vocabulary()
    return {term.code: term for term in TaxonomyTerm.objects.all()}


def load(
    municipality: Municipality, organizations: dict[str, Organization], office_location: Location
) -> int:
    """Creates or updates the demo services of Voerde (idempotent; call inside ``scopes_disabled``)."""
    districts = {d.slug: d for d in District.objects.filter(municipality=municipality)}
    locations = {"office": office_location}
    for key, (name, street, district, lat, lon) in EXTRA_LOCATIONS.items():
        locations[key], _ = Location.objects.update_or_create(
            municipality=municipality,
            name=name,
            defaults={
                "street": street,
                "postcode": "46562",
                "city": "Voerde (Niederrhein)",
                "district": districts[district],
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "step_free_access": key != "reitanlage",
                "accessible_toilet": key in {"hallenbad", "fbs"},
            },
        )
    terms = _terms()
    for entry in SERVICES:
        minimum, maximum = entry.get("ages", (None, None))
        service, _ = Service.objects.update_or_create(
            municipality=municipality,
            slug=entry["slug"],
            defaults={
                "organization": organizations[entry["org"]],
                "minimum_age": minimum,
                "maximum_age": maximum,
                "free_of_charge": entry.get("free", True),
                "but_eligible": entry.get("but", False),
                "anonymous_possible": entry.get("anonymous", False),
                "is_published": True,
            },
        )
        for language in ("de", "en", "tr", "ar", "uk"):
            texts = entry.get(language)
            if not texts:
                continue
            service.set_current_language(language)
            service.name, service.description = texts[0], texts[1]
            if len(texts) > 2:
                service.application_process, service.eligibility_description = texts[2], texts[3]
            service.save()
        service.terms.set([terms[code] for code in entry["terms"]])
        service.districts.set([districts[slug] for slug in entry["districts"]])
        ServiceLanguage.objects.filter(service=service).delete()
        ServiceLanguage.objects.bulk_create(
            ServiceLanguage(service=service, code=c) for c in entry["languages"]
        )
        at_location, _ = ServiceAtLocation.objects.get_or_create(
            service=service, location=locations[entry["where"]]
        )
        ServiceSchedule.objects.filter(service=service).delete()
        ServiceSchedule.objects.bulk_create(
            ServiceSchedule(
                service=service,
                service_at_location=at_location,
                weekday=day,
                opens=time(h1, m1),
                closes=time(h2, m2),
            )
            for day, h1, m1, h2, m2 in entry.get("times", [])
        )
        CostOption.objects.filter(service=service).delete()
        CostOption.objects.bulk_create(
            CostOption(service=service, option=option, amount=Decimal(amount))
            for option, amount in entry.get("costs", [])
        )
    return len(SERVICES)


def load_second_municipality(
    municipality: Municipality, organization: Organization, location: Location
) -> None:
    """One offer in the second municipality, so that isolation is visible in search and API."""
    service, _ = Service.objects.update_or_create(
        municipality=municipality,
        slug="schwimmkurs-huenxe",
        defaults={"organization": organization, "minimum_age": 5, "maximum_age": 9, "free_of_charge": False},
    )
    service.set_current_language("de")
    service.name = "Schwimmkurs in Hünxe"
    service.description = "Schwimmkurs für Kinder aus Hünxe."
    service.save()
    ServiceAtLocation.objects.get_or_create(service=service, location=location)
    service.terms.set([_terms()["sport"]])
