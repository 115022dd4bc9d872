"""Staff reading a booking's or an event's registrations (names, contact data) leave an entry in the
access log; the entry itself holds no personal data."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.privacy.models import AccessLog
from tests.conftest import verified_client
from tests.events.conftest import register
from tests.events.factories import make_event
from tests.privacy.conftest import EMAIL, PHONE
from tests.privacy.test_subject_requests_appointments import booking  # noqa: F401 – fixture


@pytest.fixture(autouse=True)
def on_commit_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def entries(**filters) -> list[AccessLog]:
    with scopes_disabled():
        return list(AccessLog.objects.filter(**filters).order_by("pk"))


def test_viewing_a_booking_is_logged_without_the_name(world, booking):  # noqa: F811
    coordinator = world.a.users[Role.COORDINATOR]
    response = verified_client(coordinator).get(f"/stadt-a/de/intern/termine/buchung/{booking.uuid}/")
    assert response.status_code == 200 and "Zaphira Quellmann" in response.content.decode()
    [entry] = entries(object_id=str(booking.uuid))
    assert (entry.actor, entry.action, entry.object_type) == (coordinator, "view", "appointments.booking")
    assert entry.municipality == world.a.municipality
    assert "Zaphira" not in entry.object_label


def test_a_booking_of_another_municipality_is_404_and_not_logged(world, booking):  # noqa: F811
    other = world.b.users[Role.COORDINATOR]
    response = verified_client(other).get(f"/stadt-b/de/intern/termine/buchung/{booking.uuid}/")
    assert response.status_code == 404
    assert entries() == []


def test_viewing_an_events_registrations_and_its_attendance_list_is_logged(world):
    with scopes_disabled():
        event = make_event(world.a.office, capacity=3)
    register(event, "Zaphira", email=EMAIL, phone=PHONE, contact_name="Zaphira Quellmann")
    staff = verified_client(world.a.users[Role.OFFICE_STAFF])
    detail = staff.get(f"/stadt-a/de/intern/veranstaltungen/{event.uuid}/")
    assert detail.status_code == 200 and "Zaphira" in detail.content.decode()
    assert staff.get(f"/stadt-a/de/intern/veranstaltungen/{event.uuid}/anwesenheit/").status_code == 200
    logged = entries(object_id=str(event.uuid))
    assert [(e.action, e.object_type) for e in logged] == [("view", "events.event")] * 2
    assert all("Zaphira" not in e.object_label for e in logged)
