"""Consultations with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): the hours of the
municipality's provider "traeger" at its office, one booking of them (its manage link is the family's
token) and one cancelled day of the hours."""

from __future__ import annotations

from datetime import datetime, time

from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence, services
from familienbuero.appointments.models import ConsultationException
from tests import factories
from tests.access import ANON, FAMILY, NOT_FOUND, ROLES
from tests.appointments.conftest import MONDAY, NOW, make_hours

STAFF = "/{m}/de/intern/termine/"
# Coordinators, the office's staff and the provider's staff see the booking of the provider's hours.
CONSULTING = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200, Role.PROVIDER_STAFF: 200}
CONSULTING_POST = {key: 405 if status == 200 else status for key, status in CONSULTING.items()}
OWN_LINK = {**{role: 404 for role in ROLES}, FAMILY: 200}


def objects(tenant) -> dict[str, str]:
    factories.RoomFactory(location=tenant.office.home_location, name="Beratungsraum")
    hours = make_hours(tenant, organization=tenant.organization)
    exception = ConsultationException.objects.create(hours=hours, date=MONDAY.replace(day=8))
    with scope(municipality=tenant.municipality):
        booking, token = services.book_slot(
            hours=hours,
            start=datetime.combine(MONDAY, time(9), tzinfo=recurrence.TZ),
            now=NOW,
            manage_url="http://testserver/m/{token}/",
            person_name="Zaphira Quellmann",
            contact_email="zaphira@example.org",
        )
    return {
        "hours": str(hours.uuid),
        "exception": str(exception.pk),
        "booking": str(booking.uuid),
        "booking_token": token,
    }


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "appointments:book": ("/{m}/de/beratung/buchen/{hours}/20270301T0930/", {role: 200 for role in ROLES}),
    "appointments:manage": ("/{m}/de/beratung/termin/{booking_token}/", OWN_LINK),
    "appointments:cancel": (
        "/{m}/de/beratung/termin/{booking_token}/absagen/",
        {role: 405 for role in ROLES},
    ),
    "appointments:move": ("/{m}/de/beratung/termin/{booking_token}/verschieben/", OWN_LINK),
    "appointments-staff:booking": (STAFF + "buchung/{booking}/", CONSULTING),
    "appointments-staff:booking-attendance": (STAFF + "buchung/{booking}/anwesenheit/", CONSULTING_POST),
    "appointments-staff:booking-cancel": (STAFF + "buchung/{booking}/absagen/", CONSULTING_POST),
    "appointments-staff:hours-edit": (STAFF + "sprechzeiten/{hours}/", CONSULTING),
    "appointments-staff:hours-exception-add": (STAFF + "sprechzeiten/{hours}/ausnahmen/", CONSULTING_POST),
    "appointments-staff:hours-exception-delete": (
        STAFF + "sprechzeiten/{hours}/ausnahmen/{exception}/loeschen/",
        CONSULTING_POST,
    ),
}
