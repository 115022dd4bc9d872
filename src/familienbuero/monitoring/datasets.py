"""The statistics published as open data today; registered when the app is ready.

Why only this one: the family office does not record contacts yet. The rooms at the municipality's
locations, by kind and district, are the one cross-tabulation the existing data supports. Rooms are no
personal data, but the table goes through the same disclosure control as every later statistic, so
that one rule applies to everything published. The contact statistics will register themselves here
the same way (one :func:`register` call).
"""

from __future__ import annotations

import re
from collections import Counter

from django_scopes import scope

from familienbuero.monitoring.opendata import (
    THEME_GOVERNMENT,
    THEME_SOCIETY,
    CrossTable,
    Dataset,
    register,
)
from familienbuero.tenancy.models import District, Municipality, Room

NO_DISTRICT = "ohne_bezirk"


def rooms_by_kind_and_district(municipality: Municipality) -> CrossTable:
    """Rows: every room kind; columns: every district of the municipality plus "no district".

    The rows and columns never depend on the counts (an empty district is listed too), so the shape of
    the table discloses nothing.
    """
    with scope(municipality=municipality):
        districts = list(
            District.objects.filter(municipality=municipality)
            .order_by("name", "slug")
            .values_list("pk", "slug", "name")
        )
        pairs = Counter(
            Room.objects.filter(location__municipality=municipality).values_list(
                "kind", "location__district_id"
            )
        )
    names: list[str] = []
    for _pk, slug, _name in districts:
        name = "bezirk_" + re.sub(r"[^a-z0-9]+", "_", slug.lower()).strip("_")
        names.append(name if name not in names and name != NO_DISTRICT else f"{name}_{len(names) + 1}")
    column_of = {pk: index for index, (pk, _slug, _name) in enumerate(districts)}
    column_of[None] = len(districts)
    counts = [[0] * (len(districts) + 1) for _kind in Room.Kind]
    row_of = {kind.value: index for index, kind in enumerate(Room.Kind)}
    for (kind, district_id), number in pairs.items():
        counts[row_of[kind]][column_of[district_id]] += number
    return CrossTable(
        row_dimension="Art des Raums",
        column_dimension="Bezirk",
        row_name="art_des_raums",
        rows=[(kind.value, kind.label) for kind in Room.Kind],
        columns=[
            *((column, name) for column, (_pk, _slug, name) in zip(names, districts, strict=True)),
            (NO_DISTRICT, "ohne Bezirkszuordnung"),
        ],
        counts=counts,
        unit="Anzahl der Räume",
    )


ROOMS = register(
    Dataset(
        slug="raeume-nach-art-und-bezirk",
        title="Räume des Familienbüros nach Art und Bezirk",
        description=(
            "Anzahl der Räume (Empfang und offene Anlaufstelle, vertraulicher Beratungsraum, "
            "Gruppenraum), die die Kommune für ihre Familienbüros erfasst hat, gegliedert nach Art des "
            "Raums und nach dem Bezirk des Standorts. Stand: Tag des Abrufs."
        ),
        keywords=("Familienbüro", "Jugendamt", "Räume", "Beratung", "Bezirk"),
        themes=(THEME_GOVERNMENT, THEME_SOCIETY),
        build=rooms_by_kind_and_district,
    )
)
