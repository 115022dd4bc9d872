"""Consultations with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): the hours of the
municipality's provider "traeger" at its office (with its public free/busy feed), one booking of them (its
manage link is the family's token) and one cancelled day of the hours; the private calendar feed of the
provider's staff member (its token stands in the family's place: whoever holds the link) and a walk-in
ticket of today at the office (B's has another number than A's, so that it names nothing in A)."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone
from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence, services
from familienbuero.appointments.models import ConsultationException, WalkInTicket
from tests import factories
from tests.access import ANON, FAMILY, NOT_FOUND, PUBLIC, ROLES
from tests.appointments.conftest import MONDAY, NOW, make_hours

STAFF = "/{m}/de/intern/termine/"
# Coordinators, the office's staff and the provider's staff see the booking of the provider's hours.
CONSULTING = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200, Role.PROVIDER_STAFF: 200}
CONSULTING_POST = {key: 405 if status == 200 else status for key, status in CONSULTING.items()}
OWN_LINK = {**{role: 404 for role in ROLES}, FAMILY: 200}
# The walk-in desk: coordinators and the office's staff (the "left" button is POST only).
DESK_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}


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
    feed_token = services.renew_feed(
        user=tenant.users[Role.PROVIDER_STAFF], municipality_id=tenant.municipality.pk
    )
    # One more ticket than there are in all municipalities so far: A's is number 1, B's number 2.
    for _ in range(WalkInTicket.objects.count() + 1):
        ticket = services.draw_ticket(office=tenant.office, now=timezone.now())
    return {
        "provider_key": f"org-{tenant.organization.slug}",
        "counsellor_feed_token": feed_token,
        "ticket": str(ticket.number),
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
    "appointments:provider-feed": ("/{m}/de/beratung/anbieter/{provider_key}/frei-belegt.ics", PUBLIC),
    "appointments:counsellor-feed": ("/{m}/de/beratung/kalender/{counsellor_feed_token}.ics", OWN_LINK),
    "appointments-staff:queue-left": (STAFF + "warteschlange/buero/{ticket}/gegangen/", DESK_POST),
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
