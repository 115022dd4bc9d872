"""Demo data: Voerde (concept §2.1, §3, §4) and a second municipality to make isolation visible."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django_scopes import scopes_disabled

from familienbuero.tenancy.models import (
    District,
    Location,
    Municipality,
    Office,
    OpeningException,
    OpeningHours,
    Room,
)

VOERDE_DISTRICTS = [
    # (name, slug, social area, approximate centre) — the quarter "Voerde-Mitte" of concept §2.1,
    # plus other social areas of the city.
    ("Voerde Mitte", "voerde-mitte", "Voerde-Mitte", ("51.596900", "6.685800")),
    ("Voerde Süd", "voerde-sued", "Voerde-Mitte", ("51.585000", "6.690000")),
    ("Rönkensiedlung", "roenkensiedlung", "Voerde-Mitte", ("51.604000", "6.680000")),
    ("Buschmannshof", "buschmannshof", "Voerde-Mitte", ("51.600000", "6.700000")),
    ("Friedrichsfeld", "friedrichsfeld", "Friedrichsfeld", ("51.632000", "6.656000")),
    ("Spellen", "spellen", "Spellen", ("51.618000", "6.618000")),
    ("Möllen", "moellen", "Möllen/Götterswickerhamm", ("51.567000", "6.698000")),
]

OFFICE_TEXT = {
    "de": (
        "Das Mobile Familienbüro ist eine offene Anlaufstelle des Fachdienstes Jugend für alle Familien, "
        "Kinder und Jugendlichen in Voerde. Wir beantworten Ihre Fragen, helfen bei Anträgen, beraten "
        "vertraulich und vermitteln Sie an die passenden Angebote in Ihrer Nähe – Sport, Nachhilfe, "
        "Kurse und Beratungsstellen. Sie brauchen keinen Termin. Die Beratung ist kostenlos."
    ),
    "en": (
        "The mobile family office is an open contact point of the youth welfare office for all families, "
        "children and young people in Voerde. We answer your questions, help with applications, give "
        "confidential advice and put you in touch with the right offers near you – sports, tutoring, courses "
        "and counselling services. You do not need an appointment. Advice is free of charge."
    ),
    "tr": (
        "Mobil Aile Bürosu, Voerde'deki tüm aileler, çocuklar ve gençler için Gençlik Dairesi'nin açık bir "
        "başvuru noktasıdır. Sorularınızı yanıtlıyor, başvurularda yardımcı oluyor, gizlilik içinde "
        "danışmanlık veriyor ve sizi yakınınızdaki uygun hizmetlere – spor, ücretsiz ders desteği, kurslar "
        "ve danışma merkezleri – yönlendiriyoruz. Randevuya gerek yoktur. Danışmanlık ücretsizdir."
    ),
    "ar": (
        "مكتب الأسرة المتنقل هو نقطة اتصال مفتوحة تابعة لمكتب رعاية الشباب لجميع الأسر والأطفال والشباب في "
        "فورده. نجيب عن أسئلتكم، ونساعدكم في تقديم الطلبات، ونقدّم استشارات سرّية، ونرشدكم إلى العروض المناسبة "
        "بالقرب منكم – الرياضة والدروس الخصوصية المجانية والدورات ومراكز الاستشارة. لا تحتاجون إلى موعد. "
        "الاستشارة مجانية."
    ),
    "uk": (
        "Мобільне сімейне бюро – це відкритий пункт звернення відділу у справах молоді для всіх сімей, дітей "
        "і молоді у Фьорде. Ми відповідаємо на ваші запитання, допомагаємо із заявами, конфіденційно "
        "консультуємо та направляємо до відповідних пропозицій поруч із вами – спорт, репетиторство, "
        "курси та "
        "консультаційні служби. Попередній запис не потрібен. Консультація безкоштовна."
    ),
}

RONKEN_DIRECTIONS = {
    "de": "Der Container steht auf dem Parkplatz vor der Erich-Kästner-Grundschule, neben dem Vereinsgelände "
    "des TV Voerde. Fahrradständer und Parkplätze sind direkt davor.",
    "en": "The container stands in the car park in front of the Erich Kästner primary school, next to the "
    "TV Voerde sports grounds. Bicycle racks and parking spaces are right in front of it.",
}
RONKEN_ACCESS = {
    "de": "Ebenerdiger, breiter Eingang mit großen Fenstern. Zwei WCs, eines davon barrierefrei, mit Wickel- "
    "und Stillmöglichkeit. Der Beratungsraum ist nicht einsehbar.",
    "en": "Level, wide entrance with large windows. Two toilets, one of them accessible, with baby changing "
    "and nursing facilities. The counselling room cannot be seen into.",
}


def _translate(obj: Office | Location, **fields: dict[str, str]) -> None:
    languages = set().union(*(texts.keys() for texts in fields.values()))
    for language in sorted(languages):
        obj.set_current_language(language)
        for field, texts in fields.items():
            setattr(obj, field, texts.get(language, ""))
        obj.save()


def _location(municipality: Municipality, name: str, **values: object) -> Location:
    location, _created = Location.objects.update_or_create(
        municipality=municipality, name=name, defaults=values
    )
    return location


def load() -> dict[str, object]:
    """Creates or updates the demo municipalities; safe to run again (no duplicates)."""
    with scopes_disabled():
        voerde, _ = Municipality.objects.update_or_create(
            slug="voerde",
            defaults={
                "name": "Voerde (Niederrhein)",
                "official_key": "05170044",
                "authority_name": "Stadt Voerde – Fachdienst Jugend",
            },
        )
        districts = {}
        for name, slug, area, (lat, lon) in VOERDE_DISTRICTS:
            districts[slug], _ = District.objects.update_or_create(
                municipality=voerde,
                slug=slug,
                defaults={
                    "name": name,
                    "social_area": area,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                },
            )

        ronken = _location(
            voerde,
            "Sport- und Quartierszentrum Rönkenstraße",
            street="Rönkenstraße",
            postcode="46562",
            city="Voerde (Niederrhein)",
            district=districts["roenkensiedlung"],
            latitude=Decimal("51.597400"),
            longitude=Decimal("6.690200"),
            step_free_access=True,
            accessible_toilet=True,
            baby_changing=True,
        )
        _translate(ronken, directions=RONKEN_DIRECTIONS, accessibility_notes=RONKEN_ACCESS)
        buschmannshof = _location(
            voerde,
            "Mobiler Stand Buschmannshof",
            street="Buschmannshof",
            postcode="46562",
            city="Voerde (Niederrhein)",
            district=districts["buschmannshof"],
            latitude=Decimal("51.599800"),
            longitude=Decimal("6.701500"),
            step_free_access=True,
        )
        _translate(
            buschmannshof,
            directions={
                "de": "Unser Infostand mit Lastenrad steht auf dem Platz vor den Geschäften.",
                "en": "Our information stand with a cargo bike is on the square in front of the shops.",
            },
            accessibility_notes={"de": "Im Freien, ebenerdig. Beratung im Sitzen möglich."},
        )
        markt = _location(
            voerde,
            "Mobiler Stand am Rathausplatz",
            street="Rathausplatz 20",
            postcode="46562",
            city="Voerde (Niederrhein)",
            district=districts["voerde-mitte"],
            latitude=Decimal("51.595900"),
            longitude=Decimal("6.685600"),
            step_free_access=True,
            accessible_toilet=True,
        )
        _translate(
            markt, directions={"de": "Vor dem Rathaus, Bushaltestelle „Rathaus“ in wenigen Schritten."}
        )

        for name, kind, capacity, private in [
            ("Empfang mit offenem Arbeitsplatz", Room.Kind.RECEPTION, 8, False),
            ("Beratungsraum", Room.Kind.COUNSELLING, 4, True),
            ("Gruppenraum im Quartierszentrum", Room.Kind.GROUP, 20, False),
        ]:
            Room.objects.update_or_create(
                location=ronken,
                name=name,
                defaults={"kind": kind, "capacity": capacity, "private": private, "step_free": True},
            )

        office, _ = Office.objects.update_or_create(
            municipality=voerde,
            slug="roenkenstrasse",
            defaults={
                "name": "Mobiles Familienbüro Rönkenstraße",
                "kind": Office.Kind.MOBILE,
                "home_location": ronken,
                "phone": "02855 80-0",
                "email": "familienbuero@voerde.example",
            },
        )
        _translate(office, description=OFFICE_TEXT)

        OpeningHours.objects.filter(office=office).delete()
        for weekday, opens, closes, location in [
            (0, time(8, 30), time(12, 30), ronken),
            (1, time(14, 0), time(17, 0), buschmannshof),
            (2, time(8, 30), time(12, 30), ronken),
            (2, time(14, 0), time(16, 0), ronken),
            (3, time(14, 0), time(18, 0), ronken),
            (4, time(9, 0), time(12, 0), markt),
        ]:
            OpeningHours.objects.create(
                office=office, weekday=weekday, opens=opens, closes=closes, location=location
            )
        for day, reason in [
            (date(2026, 12, 24), "Heiligabend"),
            (date(2026, 12, 25), "1. Weihnachtstag"),
            (date(2026, 12, 31), "Silvester"),
            (date(2027, 1, 1), "Neujahr"),
        ]:
            OpeningException.objects.update_or_create(
                office=office, date=day, defaults={"closed": True, "reason": reason}
            )

        huenxe, _ = Municipality.objects.update_or_create(
            slug="huenxe", defaults={"name": "Hünxe", "authority_name": "Gemeinde Hünxe – Jugendamt"}
        )
        rathaus = _location(
            huenxe,
            "Rathaus Hünxe",
            street="Dorfstraße 36",
            postcode="46569",
            city="Hünxe",
            step_free_access=True,
            accessible_toilet=True,
        )
        Room.objects.update_or_create(
            location=rathaus,
            name="Besprechungsraum 1",
            defaults={"kind": Room.Kind.COUNSELLING, "capacity": 4, "private": True, "step_free": True},
        )
        huenxe_office, _ = Office.objects.update_or_create(
            municipality=huenxe,
            slug="rathaus",
            defaults={"name": "Familienbüro Hünxe", "kind": Office.Kind.STATIONARY, "home_location": rathaus},
        )
        _translate(huenxe_office, description={"de": "Familienbüro im Rathaus Hünxe."})
        OpeningHours.objects.filter(office=huenxe_office).delete()
        OpeningHours.objects.create(
            office=huenxe_office, weekday=1, opens=time(9), closes=time(12), location=rathaus
        )
    return {"voerde": voerde, "huenxe": huenxe, "office": office, "huenxe_office": huenxe_office}
