from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import District, Room
from tests import factories


@pytest.fixture
def monitoring_app(settings):
    """The app with its templates and static files, until the project lists it in INSTALLED_APPS."""
    if "familienbuero.monitoring" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "familienbuero.monitoring"]


def add_rooms(municipality, rooms: dict[str | None, dict[str, int]]) -> None:
    """``{district slug or None: {room kind: number}}`` – one location per district."""
    with scopes_disabled():
        for slug, kinds in rooms.items():
            district = None
            if slug is not None:
                district, _ = District.objects.get_or_create(
                    municipality=municipality, slug=slug, defaults={"name": slug.capitalize()}
                )
            location = factories.LocationFactory(municipality=municipality, district=district)
            for kind, number in kinds.items():
                for _ in range(number):
                    factories.RoomFactory(location=location, kind=kind)


@pytest.fixture
def towns(tenants):
    """Stadt A (official key 05170044): districts Nord and Süd plus rooms without district.
    Stadt B (no key): district Mitte with eight group rooms, nothing else."""
    a, b = tenants[0].municipality, tenants[1].municipality
    with scopes_disabled():
        a.official_key = "05170044"
        a.authority_name = "Stadt A – Jugendamt"
        a.save()
        b.authority_name = "Stadt B"
        b.save()
    add_rooms(
        a,
        {
            "nord": {Room.Kind.COUNSELLING: 6, Room.Kind.GROUP: 1},
            "sued": {Room.Kind.COUNSELLING: 7, Room.Kind.RECEPTION: 2},
            None: {Room.Kind.RECEPTION: 1},
        },
    )
    add_rooms(b, {"mitte": {Room.Kind.GROUP: 8}})
    return a, b


# --- Social-area monitoring -------------------------------------------------------------------------

#: (name, slug) – the quarter "Voerde-Mitte" of concept §2.1 and the other districts of the city.
SECTION_2_1_DISTRICTS = [
    ("Voerde Mitte", "voerde-mitte"),
    ("Buschmannshof", "buschmannshof"),
    ("Voerde Süd", "voerde-sued"),
    ("Rönkensiedlung", "roenkensiedlung"),
    ("Friedrichsfeld", "friedrichsfeld"),
    ("Spellen", "spellen"),
    ("Möllen", "moellen"),
]


@pytest.fixture
def social_area(tenants):
    """Stadt A with the seven districts and the quarter Voerde-Mitte (focus: Voerde Mitte,
    Buschmannshof); Stadt B with a district "voerde-mitte" of its own (to prove tenant isolation)."""
    from familienbuero.monitoring.models import Quarter

    a, b = tenants[0].municipality, tenants[1].municipality
    with scopes_disabled():
        districts = {
            slug: District.objects.create(municipality=a, name=name, slug=slug)
            for name, slug in SECTION_2_1_DISTRICTS
        }
        District.objects.create(municipality=b, name="Voerde Mitte", slug="voerde-mitte")
        quarter = Quarter.objects.create(municipality=a, name="Voerde-Mitte", slug="voerde-mitte")
        quarter.districts.set(
            [districts[s] for s in ("voerde-mitte", "buschmannshof", "voerde-sued", "roenkensiedlung")]
        )
        quarter.focus_districts.set([districts["voerde-mitte"], districts["buschmannshof"]])
    return a, b, quarter
