"""Data-subject requests over bookings (appointments/privacy.py): found, exported and erased together
with the referrals; the attendance counts stay identical."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence
from familienbuero.appointments import services as appointment_services
from familienbuero.appointments.models import Booking
from familienbuero.appointments.queries import attendance_counts
from familienbuero.core.personal_data import find_everywhere
from tests import factories
from tests.appointments.conftest import MONDAY, NOW, make_hours
from tests.conftest import verified_client
from tests.privacy.conftest import A_PRIVACY, EMAIL, PHONE

AFTER = datetime.combine(MONDAY + timedelta(days=2), time(12), tzinfo=recurrence.TZ)


@pytest.fixture
def booking(world) -> Booking:
    """A booking of the same person as the referral world's (same email and phone), already over."""
    a = world.a
    with scopes_disabled():
        factories.RoomFactory(location=a.office.home_location, name="Beratungsraum")
        hours = make_hours(a, organization=a.organization)
    with scope(municipality=a.municipality):
        found, _token = appointment_services.book_slot(
            hours=hours,
            start=datetime.combine(MONDAY, time(9), tzinfo=recurrence.TZ),
            now=NOW,
            manage_url="http://testserver/m/{token}/",
            person_name="Zaphira Quellmann",
            contact_phone=PHONE,
            contact_email=EMAIL,
        )
    return found


def counts(world) -> list:
    with scopes_disabled():
        return attendance_counts(world.a.municipality, first=date(2027, 1, 1), last=date(2027, 12, 31))


def test_export_and_erasure_cover_bookings_and_referrals(world, booking):
    referral = world.refer()
    with scopes_disabled():
        kinds = sorted(r.kind for r in find_everywhere(world.a.municipality, email=EMAIL))
    assert kinds == ["appointments", "referrals"]

    with time_machine.travel(AFTER, tick=False):
        client = verified_client(world.a.users[Role.DATA_PROTECTION])  # a fresh session at that time
        exported = client.post(f"{A_PRIVACY}auskunft/export/", {"email": EMAIL, "format": "json"})
        data = json.loads(exported.content)
        assert sorted(r["kind"] for r in data["records"]) == ["appointments", "referrals"]
        assert all("Zaphira Quellmann" in r["data"].values() for r in data["records"])

        before = counts(world)
        response = client.post(
            f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "phone": PHONE, "confirm": "on"}
        )
        assert response.status_code == 302
        assert counts(world) == before

    with scopes_disabled():
        erased = Booking.objects.get(pk=booking.pk)
        assert erased.personal_data_erased_at is not None
        assert "Zaphira" not in f"{erased.person_name}{erased.contact_email}{erased.contact_phone}"
        assert find_everywhere(world.a.municipality, email=EMAIL, phone=PHONE) == []
    from tests.privacy.conftest import reload

    assert reload(referral).is_erased
