"""Participation with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a draft round with
one option (editing its texts, all languages, is for coordinators and office staff of the municipality)
and a published, open round with an option with a picture and a child's idea waiting for moderation. The
open round's pages are public; its tablet link (kiosk token) stands in the family's place: whoever holds
it votes there, with another token it is 404."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scope

from familienbuero.participation import services
from familienbuero.participation.models import Round
from tests.access import FAMILY, PUBLIC, ROLES
from tests.participation.conftest import png, upload
from tests.participation.matrix import MODERATORS, MODERATORS_POST, PUBLIC_URL, STAFF

OWN_LINK = {**{role: 404 for role in ROLES}, FAMILY: 200}
POST_ONLY = {role: 405 for role in ROLES}


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
        today = timezone.localdate()
        open_round = services.round_create(
            municipality=municipality,
            question="Was soll auf den Schulhof?",
            age_min=6,
            age_max=12,
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=10),
        )
        services.round_set_status(round_=open_round, status=Round.Status.PUBLISHED)
        pictured = services.option_add(
            round_=open_round, title="Kletterturm", image=upload(png(60, 40)), image_alt="Ein roter Turm"
        )
        idea = services.idea_submit(round_=open_round, text="Ein Baumhaus mit Leiter")
    return {
        "participation_round": str(round_.uuid),
        "participation_option": str(option.pk),
        "open_round": str(open_round.uuid),
        "pictured_option": str(pictured.pk),
        "idea": str(idea.pk),
        "kiosk_token": open_round.kiosk_token,
    }


OBJECT_MATRIX = {
    "participation-staff:edit": (STAFF + "{participation_round}/bearbeiten/", MODERATORS),
    "participation-staff:option-edit": (STAFF + "option/{participation_option}/", MODERATORS),
    "participation-staff:round": (STAFF + "{open_round}/", MODERATORS),
    "participation-staff:status": (STAFF + "{open_round}/status/", MODERATORS_POST),
    "participation-staff:option-add": (STAFF + "{open_round}/option/", MODERATORS),
    "participation-staff:codes": (STAFF + "{open_round}/codes/", MODERATORS),
    "participation-staff:result": (STAFF + "{open_round}/ergebnis/", MODERATORS),
    "participation-staff:idea-moderate": (STAFF + "idee/{idea}/", MODERATORS_POST),
    "participation:round": (PUBLIC_URL + "{open_round}/", PUBLIC),
    "participation:vote": (PUBLIC_URL + "{open_round}/abstimmen/", POST_ONLY),
    "participation:thanks": (PUBLIC_URL + "{open_round}/danke/", PUBLIC),
    "participation:idea": (PUBLIC_URL + "{open_round}/idee/", PUBLIC),
    "participation:idea-thanks": (PUBLIC_URL + "{open_round}/idee/danke/", PUBLIC),
    "participation:result": (PUBLIC_URL + "{open_round}/ergebnis/", PUBLIC),
    "participation:image": (PUBLIC_URL + "bild/{pictured_option}/", PUBLIC),
    "participation:kiosk": (PUBLIC_URL + "{open_round}/tablet/{kiosk_token}/", OWN_LINK),
    "participation:kiosk-vote": (PUBLIC_URL + "{open_round}/tablet/{kiosk_token}/abstimmen/", POST_ONLY),
    "participation:kiosk-done": (PUBLIC_URL + "{open_round}/tablet/{kiosk_token}/fertig/", OWN_LINK),
}

# What a moderator sends to act (refused POSTs must change nothing even with a valid form).
POST_DATA = {
    "participation-staff:idea-moderate": {"decision": "approve", "text": ""},
    "participation-staff:status": {"status": Round.Status.DRAFT},
}
