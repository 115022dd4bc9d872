"""Demo organisations: the partners named in concept §3 and independent providers for counselling (§3, §5)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from familienbuero.directory import demo_services
from familienbuero.directory.models import Organization

K = Organization.Kind
VOERDE_ORGANISATIONS = [
    (
        "stadt-voerde-jugend",
        "Stadt Voerde – Fachdienst Jugend",
        K.PUBLIC,
        "Jugendamt der Stadt Voerde: Tagespflege, Voerder Elternservice, Prävention und Beratung.",
    ),
    (
        "erich-kaestner-grundschule",
        "Erich-Kästner-Grundschule",
        K.SCHOOL,
        "Grundschule direkt am Sport- und Quartierszentrum Rönkenstraße.",
    ),
    (
        "ogs-erich-kaestner",
        "OGS der Erich-Kästner-Grundschule",
        K.SCHOOL,
        "Offene Ganztagsschule: Betreuung, Mittagessen und Hausaufgabenhilfe nach dem Unterricht.",
    ),
    (
        "tv-voerde",
        "TV Voerde e. V.",
        K.CLUB,
        "Turnverein mit Angeboten für Kinder, Jugendliche und Familien – vom Kinderturnen bis zum Schwimmen.",
    ),
    (
        "reiterverein-voerde",
        "Reiterverein Voerde e. V.",
        K.CLUB,
        "Reiten und Voltigieren für Kinder und Jugendliche.",
    ),
    (
        "tanzsportclub-voerde",
        "1. Voerder Tanzsportclub e. V.",
        K.CLUB,
        "Tanzen für Kinder, Jugendliche und Erwachsene.",
    ),
    (
        "ev-kita-roenkenhof",
        "Evangelische Kindertageseinrichtung Rönkenhof",
        K.DAYCARE,
        "Kindertageseinrichtung mit Elterncafé und Informationsabenden.",
    ),
    (
        "ev-familienbildungsstaette",
        "Evangelische Familienbildungsstätte",
        K.PROVIDER,
        "Eltern-Kind-Gruppen (Schnullerclub, Mobile), Kurse und Vorträge für Familien.",
    ),
    (
        "schuldnerberatung",
        "Diakonie – Schuldner- und Insolvenzberatung",
        K.PROVIDER,
        "Kostenlose Beratung bei Schulden, Haushaltsplanung und Insolvenz.",
    ),
    (
        "migrationsberatung",
        "Caritas – Migrationsberatung für Erwachsene",
        K.PROVIDER,
        "Beratung zu Aufenthalt, Sprachkursen, Arbeit und Anerkennung von Abschlüssen.",
    ),
    (
        "suchtberatung",
        "Sucht- und Drogenberatung Kreis Wesel",
        K.PROVIDER,
        "Vertrauliche Beratung für Jugendliche, Erwachsene und Angehörige, auf Wunsch anonym.",
    ),
]


def load(municipalities: dict[str, object]) -> dict[str, Organization]:
    organizations = {}
    with scopes_disabled():
        for slug, name, kind, description in VOERDE_ORGANISATIONS:
            organization, _ = Organization.objects.update_or_create(
                municipality=municipalities["voerde"],
                slug=slug,
                defaults={"name": name, "kind": kind, "email": f"{slug}@partner.example"},
            )
            organization.set_current_language("de")
            organization.description = description
            organization.save()
            organizations[slug] = organization
        organizations["huenxe-jugend"], _ = Organization.objects.update_or_create(
            municipality=municipalities["huenxe"],
            slug="gemeinde-huenxe-jugend",
            defaults={"name": "Gemeinde Hünxe – Jugendamt", "kind": K.PUBLIC},
        )
        demo_services.load(municipalities["voerde"], organizations, municipalities["office"].home_location)
        demo_services.load_second_municipality(
            municipalities["huenxe"],
            organizations["huenxe-jugend"],
            municipalities["huenxe_office"].home_location,
        )
    return organizations
