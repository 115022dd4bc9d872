"""Volunteering with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a tutor, a
tutoring request and their proposed pair; an internship offer, a youth's interest and a placement; a
playground with a sponsorship (its personal link is the family's token) and a defect reported there."""

from __future__ import annotations

from familienbuero.volunteering.models import Match, Playground, PlaygroundReport, Sponsorship
from tests.access import FAMILY, ROLES
from tests.volunteering.conftest import make_request, make_tutor
from tests.volunteering.matrix import NAVIGATORS, NAVIGATORS_POST, NONE_FOUND
from tests.volunteering.test_internships import interest, offer

STAFF = "/{m}/de/intern/ehrenamt/"
OWN_LINK = {**{role: 404 for role in ROLES}, FAMILY: 200}


def objects(tenant) -> dict[str, str]:
    municipality = tenant.municipality
    tutor = make_tutor(municipality)
    request = make_request(municipality)
    match = Match.objects.create(municipality=municipality, tutor=tutor, request=request, score=1)
    internship = offer(municipality)
    youth = interest(municipality)
    placement = youth.placements.create(municipality=municipality, offer=internship)
    playground = Playground.objects.create(
        municipality=municipality, name="Spielplatz am Familienbüro", address="Bahnhofstraße 1"
    )
    sponsorship = Sponsorship.objects.create(
        municipality=municipality, playground=playground, name="Erika Pate", phone="0281 5555"
    )
    report = PlaygroundReport.objects.create(
        municipality=municipality,
        playground=playground,
        sponsorship=sponsorship,
        kind="defect",
        what="Schaukel",
        urgency="high",
        status="new",
    )
    return {
        "tutor": str(tutor.uuid),
        "request": str(request.uuid),
        "match": str(match.pk),
        "offer": str(internship.uuid),
        "interest": str(youth.uuid),
        "placement": str(placement.pk),
        "playground": str(playground.uuid),
        "sponsorship": str(sponsorship.pk),
        "sponsor_token": sponsorship.token,
        "report": str(report.pk),
    }


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "volunteering:tutor-detail": (STAFF + "nachhilfe/helfende/{tutor}/", NAVIGATORS),
    "volunteering:request-detail": (STAFF + "nachhilfe/anfragen/{request}/", NAVIGATORS),
    "volunteering:request-override": (STAFF + "nachhilfe/anfragen/{request}/zuordnen/", NAVIGATORS_POST),
    "volunteering:request-close": (STAFF + "nachhilfe/anfragen/{request}/schliessen/", NAVIGATORS_POST),
    "volunteering:match-confirm": (STAFF + "nachhilfe/paare/{match}/bestaetigen/", NAVIGATORS_POST),
    "volunteering:match-discard": (STAFF + "nachhilfe/paare/{match}/verwerfen/", NAVIGATORS_POST),
    "volunteering:match-end": (STAFF + "nachhilfe/paare/{match}/beenden/", NAVIGATORS_POST),
    "volunteering:session-log": (STAFF + "nachhilfe/paare/{match}/termin/", NAVIGATORS_POST),
    "volunteering:offer-edit": (STAFF + "praktika/{offer}/", NAVIGATORS),
    "volunteering:interest-detail": (STAFF + "praktika/interessen/{interest}/", NAVIGATORS),
    "volunteering:placement-propose": (
        STAFF + "praktika/interessen/{interest}/vorschlagen/{offer}/",
        NAVIGATORS_POST,
    ),
    "volunteering:interest-close": (STAFF + "praktika/interessen/{interest}/schliessen/", NAVIGATORS_POST),
    "volunteering:placement-update": (STAFF + "praktika/vermittlungen/{placement}/", NAVIGATORS_POST),
    "volunteering-public:sponsor-report": ("/{m}/de/ehrenamt/spielplatz/{sponsor_token}/", OWN_LINK),
    "volunteering-public:sponsor-thanks": ("/{m}/de/ehrenamt/spielplatz/{sponsor_token}/danke/", OWN_LINK),
    "volunteering:playground-edit": (STAFF + "spielplaetze/{playground}/", NAVIGATORS),
    "volunteering:sponsorship-add": (STAFF + "spielplaetze/{playground}/paten/", NAVIGATORS_POST),
    "volunteering:sponsorship-end": (STAFF + "spielplaetze/paten/{sponsorship}/beenden/", NAVIGATORS_POST),
    "volunteering:defect-status": (STAFF + "spielplaetze/maengel/{report}/status/", NAVIGATORS_POST),
    # The report has no photo: 404 for the navigators too (tests/volunteering/test_playgrounds.py shows one).
    "volunteering:defect-photo": (STAFF + "spielplaetze/maengel/{report}/foto/", NONE_FOUND),
}
