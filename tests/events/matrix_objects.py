"""Events with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a course of the
municipality's office with one household's registration (its manage link is the family's token), and a
holiday programme in its wish phase with one wish list (the family's second token)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.events import services, services_lottery
from familienbuero.events.models import PriorityClass, Programme
from tests.access import ANON, FAMILY, NOT_FOUND, PUBLIC, ROLES
from tests.events.factories import make_event

STAFF = "/{m}/de/intern/veranstaltungen/"
PUBLIC_URL = "/{m}/de/veranstaltungen/"
MANAGERS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
MANAGERS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
OWN_LINK = {**{role: 404 for role in ROLES}, FAMILY: 200}
POST_ONLY = {role: 405 for role in ROLES}


def objects(tenant) -> dict[str, str]:
    office = tenant.office
    now = timezone.now()
    event = make_event(office, capacity=5, title="Babysitterkurs")
    programme = Programme.objects.create(
        municipality=office.municipality,
        office=office,
        name="Ferienspaß",
        wish_opens=now - timedelta(days=1),
        wish_closes=now + timedelta(days=1),
        max_wishes=2,
    )
    priority = PriorityClass.objects.create(programme=programme, position=0, label="Alle")
    course = make_event(office, capacity=1, title="Zirkus", programme=programme)
    with scope(municipality=office.municipality):
        [registration] = services.register(
            event=event,
            contact_name="Zaphira Quellmann",
            email="zaphira@example.org",
            phone="",
            participants=[services.Participant("Mia", 8)],
        )
        application = services_lottery.submit_wishes(
            programme=programme,
            contact_name="Zaphira Quellmann",
            email="zaphira@example.org",
            priority_class=priority,
            children=[services_lottery.ChildWishes("Mia", 8, courses=[course.pk])],
        )
    return {
        "event": str(event.uuid),
        "session": str(event.sessions.first().pk),
        "programme": str(programme.uuid),
        "registration_token": registration.token,
        "wishes_token": application.token,
    }


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "events-public:detail": (PUBLIC_URL + "{event}/", PUBLIC),
    "events-public:register": (PUBLIC_URL + "{event}/anmelden/", PUBLIC),
    "events-public:manage": (PUBLIC_URL + "anmeldung/{registration_token}/", OWN_LINK),
    "events-public:cancel": (PUBLIC_URL + "anmeldung/{registration_token}/{event}/abmelden/", POST_ONLY),
    "events-public:confirm": (PUBLIC_URL + "anmeldung/{registration_token}/{event}/bestaetigen/", POST_ONLY),
    "events-public:programme": (PUBLIC_URL + "ferienprogramm/{programme}/", PUBLIC),
    "events-public:wishes": (PUBLIC_URL + "ferienprogramm/{programme}/wuensche/", PUBLIC),
    "events-public:wishes-manage": (PUBLIC_URL + "ferienprogramm/wuensche/{wishes_token}/", OWN_LINK),
    "events:programme": (STAFF + "ferienprogramm/{programme}/", MANAGERS),
    "events:draw": (STAFF + "ferienprogramm/{programme}/auslosen/", MANAGERS_POST),
    "events:programme-edit": (STAFF + "ferienprogramm/{programme}/bearbeiten/", MANAGERS),
    "events:detail": (STAFF + "{event}/", MANAGERS),
    "events:edit": (STAFF + "{event}/bearbeiten/", MANAGERS),
    "events:capacity": (STAFF + "{event}/plaetze/", MANAGERS_POST),
    "events:cancel": (STAFF + "{event}/absagen/", MANAGERS_POST),
    "events:question-add": (STAFF + "{event}/fragen/", MANAGERS_POST),
    "events:attendance": (STAFF + "{event}/anwesenheit/", MANAGERS),
    "events:check-in": (STAFF + "{event}/einlass/{session}/", MANAGERS),
}
