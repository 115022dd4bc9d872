"""Participation with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a round with one
option; editing its texts (all languages) is for coordinators and office staff of the municipality."""

from __future__ import annotations

from datetime import date

from django_scopes import scope

from familienbuero.participation import services
from tests.participation.matrix import MODERATORS, STAFF


def objects(tenant) -> dict[str, str]:
    municipality = tenant.municipality
    with scope(municipality=municipality):
        round_ = services.round_create(
            municipality=municipality,
            question="Spielplatz?",
            age_min=6,
            age_max=12,
            opens_on=date(2026, 1, 1),
            closes_on=date(2026, 2, 1),
            translations={"ar": {"question": "الملعب؟"}},
        )
        option = services.option_add(
            round_=round_, title="Rutsche", translations={"tr": {"title": "Kaydırak"}}
        )
    return {"participation_round": str(round_.uuid), "participation_option": str(option.pk)}


OBJECT_MATRIX = {
    "participation-staff:edit": (STAFF + "{participation_round}/bearbeiten/", MODERATORS),
    "participation-staff:option-edit": (STAFF + "option/{participation_option}/", MODERATORS),
}
