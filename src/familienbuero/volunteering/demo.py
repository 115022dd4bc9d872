"""Voerde demo: volunteer tutors (cleared, one with an overdue certificate, one waiting for review),
tutoring requests, internship offers of local businesses, clubs and institutions, a youth's interest,
and the new playground at the family office's site with its sponsors. Run the matching in the back
office to see proposals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import District
from familienbuero.volunteering.models import (
    InternshipOffer,
    Playground,
    PlaygroundReport,
    Sponsorship,
    Tutor,
    TutoringRequest,
    YouthInterest,
)

TUTORS = [
    # name, subjects, grades, languages, slots, places, district, max pupils, clearance seen, status
    (
        "Ingrid Wolters",
        ["math", "physics"],
        (5, 10),
        ["de"],
        ["1-late", "3-late"],
        ["office", "school"],
        "voerde-mitte",
        2,
        400,
        "approved",
    ),
    (
        "Murat Aydın",
        ["math", "german", "homework"],
        (1, 6),
        ["de", "tr"],
        ["2-afternoon", "2-late", "4-late"],
        ["office"],
        "friedrichsfeld",
        3,
        200,
        "approved",
    ),
    (
        "Olena Kovalenko",
        ["english", "german"],
        (3, 10),
        ["de", "uk", "ru"],
        ["1-late", "5-afternoon"],
        ["online", "office"],
        "spellen",
        2,
        90,
        "approved",
    ),
    (
        "Hans-Peter Terhorst",
        ["latin", "history"],
        (7, 13),
        ["de"],
        ["3-evening"],
        ["online"],
        "moellen",
        1,
        5 * 366 + 30,
        "approved",
    ),
    (
        "Samira Haddad",
        ["biology", "chemistry"],
        (5, 13),
        ["de", "ar"],
        ["4-late"],
        ["office", "online"],
        "voerde-sued",
        2,
        None,
        "pending",
    ),
]
REQUESTS = [
    # child, subjects, school type, grade, languages, slots, places, district, priority
    ("Elif", ["math"], "grundschule", 4, ["tr", "de"], ["2-late"], ["office"], "friedrichsfeld", "but"),
    (
        "Jonas",
        ["math"],
        "realschule",
        7,
        ["de"],
        ["1-late", "3-late"],
        ["office"],
        "voerde-mitte",
        "low_income",
    ),
    ("Daryna", ["english"], "gymnasium", 6, ["uk"], ["1-late"], ["online"], "voerde-mitte", "but"),
    ("Mila", ["german"], "grundschule", 3, ["de"], ["4-late"], ["office"], "roenkensiedlung", ""),
]
OFFERS = [
    # provider, kind, title, field, weeks from now, length days, min age, places, contact
    (
        "Tischlerei Schepers",
        "business",
        "Schnupperpraktikum in der Tischlerei",
        "craft",
        6,
        10,
        14,
        2,
        "Frau Schepers",
    ),
    ("Edeka Markt Voerde", "business", "Praktikum im Einzelhandel", "retail", 8, 14, 15, 2, "Herr Büsken"),
    (
        "Kita Regenbogen",
        "institution",
        "Praktikum in der Kindertagesstätte",
        "social",
        6,
        14,
        15,
        1,
        "Frau Nguyen",
    ),
    ("SV Spellen 1920", "club", "Jugendtrainer-Assistenz (Ferien)", "sports", 12, 5, 14, 3, "Trainer Klein"),
    (
        "Stadtwerke Voerde",
        "institution",
        "Berufsfelderkundung Elektrotechnik",
        "industry",
        10,
        3,
        14,
        4,
        "Ausbildungsleitung",
    ),
]


def load(objects: dict[str, Any]) -> None:
    voerde = objects["voerde"]
    office = objects.get("office")
    today = timezone.localdate()
    now = timezone.now()
    with scopes_disabled():
        districts = {d.slug: d for d in District.objects.filter(municipality=voerde)}
        for name, subjects, (low, high), languages, slots, places, district, pupils, seen, status in TUTORS:
            Tutor.objects.update_or_create(
                municipality=voerde,
                name=name,
                defaults={
                    "email": f"{name.split()[0].lower().replace('ı', 'i')}@example.org",
                    "subjects": subjects,
                    "grade_min": low,
                    "grade_max": high,
                    "languages": languages,
                    "slots": slots,
                    "places": places,
                    "district": districts.get(district),
                    "max_pupils": pupils,
                    "clearance_seen_on": today - timedelta(days=seen) if seen is not None else None,
                    "training_done": status == "approved",
                    "status": status,
                },
            )
        for child, subjects, school_type, grade, languages, slots, places, district, priority in REQUESTS:
            TutoringRequest.objects.update_or_create(
                municipality=voerde,
                child_name=child,
                defaults={
                    "source": "school" if priority else "parent",
                    "parent_phone": "02855 900" + str(grade).zfill(3),
                    "subjects": subjects,
                    "school_type": school_type,
                    "grade": grade,
                    "languages": languages,
                    "slots": slots,
                    "places": places,
                    "district": districts.get(district),
                    "priority": priority,
                },
            )
        for provider, kind, title, field, weeks, days, min_age, places, contact in OFFERS:
            start = today + timedelta(weeks=weeks)
            InternshipOffer.objects.update_or_create(
                municipality=voerde,
                title=title,
                defaults={
                    "provider_name": provider,
                    "provider_kind": kind,
                    "field": field,
                    "starts_on": start,
                    "ends_on": start + timedelta(days=days),
                    "min_age": min_age,
                    "places": places,
                    "contact_name": contact,
                    "contact_phone": "02855 12345",
                },
            )
        YouthInterest.objects.update_or_create(
            municipality=voerde,
            first_name="Noah",
            defaults={
                "age": 15,
                "phone": "0151 2345678",
                "fields": ["craft", "industry"],
                "available_from": today + timedelta(weeks=5),
                "available_until": today + timedelta(weeks=12),
            },
        )
        site = getattr(office, "home_location", None) if office is not None else None
        playground, _ = Playground.objects.update_or_create(
            municipality=voerde,
            name="Spielplatz am Familienbüro",
            defaults={
                "address": f"{site.street}, {site.postcode} {site.city}" if site else "Voerde-Mitte",
                "district": districts.get("voerde-mitte"),
                "latitude": getattr(site, "latitude", None),
                "longitude": getattr(site, "longitude", None),
                "equipment": "Kletterkombination mit Rutsche\nNestschaukel\nWasserspielplatz\nSandkasten mit Bagger\n"
                "Inklusives Karussell (rollstuhlgerecht)\nSitzbänke und Sonnensegel",
                "check_interval_days": 7,
                "department": "Fachbereich Grünflächen und Spielplätze",
                "department_email": "spielplaetze@voerde.example",
            },
        )
        Playground.objects.update_or_create(
            municipality=voerde,
            name="Spielplatz Rönkenstraße",
            defaults={
                "address": "Rönkenstraße, 46562 Voerde (Niederrhein)",
                "district": districts.get("roenkensiedlung"),
                "equipment": "Doppelschaukel\nWippe\nBolzplatz",
                "check_interval_days": 14,
                "department": "Fachbereich Grünflächen und Spielplätze",
                "department_email": "spielplaetze@voerde.example",
            },
        )
        sponsors = [
            ("volunteer", "Gisela Brands", "0157 1112233"),
            ("group", "Elterninitiative Voerde-Mitte", ""),
        ]
        first = None
        for kind, name, phone in sponsors:
            sponsorship, _ = Sponsorship.objects.update_or_create(
                municipality=voerde, playground=playground, name=name, defaults={"kind": kind, "phone": phone}
            )
            first = first or sponsorship
        if not PlaygroundReport.objects.filter(playground=playground).exists():
            PlaygroundReport.objects.create(
                municipality=voerde,
                playground=playground,
                sponsorship=first,
                kind="check",
                reported_at=now - timedelta(days=3),
            )
            PlaygroundReport.objects.create(
                municipality=voerde,
                playground=playground,
                sponsorship=first,
                kind="defect",
                what="Sonnensegel eingerissen, hängt herunter",
                where="über dem Sandkasten",
                urgency="medium",
                status="new",
                reported_at=now - timedelta(days=1),
            )
