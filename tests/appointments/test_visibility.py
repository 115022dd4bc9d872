"""Who sees which hours and bookings in the back office: provider staff only their organisation's,
office staff their offices', coordinators all; everything else is 404."""

from __future__ import annotations

from datetime import datetime, time

import pytest
import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence
from familienbuero.appointments.models import Booking
from tests.appointments.conftest import A_STAFF, MONDAY, NOW, PERSONAL_STRINGS
from tests.conftest import verified_client


@pytest.fixture
def booked(world):
    with time_machine.travel(NOW, tick=False):
        mine, _t = world.book()
        other, _t = world.book(
            hours=world.other_hours, at=datetime.combine(MONDAY, time(11), tzinfo=recurrence.TZ)
        )
        team, _t = world.book(
            hours=world.team_hours,
            at=datetime.combine(MONDAY.replace(day=2), time(14), tzinfo=recurrence.TZ),
            person_name="Teamfamilie",
        )
    return mine, other, team


def test_provider_staff_cannot_see_or_change_another_providers_booking(world, booked):
    mine, other, team = booked
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert client.get(f"{A_STAFF}buchung/{mine.uuid}/").status_code == 200
    for booking in (other, team):
        assert client.get(f"{A_STAFF}buchung/{booking.uuid}/").status_code == 404
        assert client.post(f"{A_STAFF}buchung/{booking.uuid}/absagen/").status_code == 404
        with time_machine.travel(datetime.combine(MONDAY, time(12), tzinfo=recurrence.TZ)):
            later = verified_client(world.a.users[Role.PROVIDER_STAFF])
            response = later.post(f"{A_STAFF}buchung/{booking.uuid}/anwesenheit/", {"outcome": "no_show"})
        assert response.status_code == 404
    with scopes_disabled():
        assert Booking.objects.get(pk=other.pk).status == Booking.Status.BOOKED
    assert client.get(f"{A_STAFF}sprechzeiten/{world.other_hours.uuid}/").status_code == 404
    assert client.get(f"{A_STAFF}sprechzeiten/{world.hours.uuid}/").status_code == 200
    week = client.get(f"{A_STAFF}woche/?datum={MONDAY:%Y-%m-%d}").content.decode()
    assert "Zaphira" in week and "Teamfamilie" not in week
    # The other provider sees its own and not this one's.
    other_client = verified_client(world.other_provider)
    assert other_client.get(f"{A_STAFF}buchung/{mine.uuid}/").status_code == 404
    assert other_client.get(f"{A_STAFF}buchung/{other.uuid}/").status_code == 200


def test_office_staff_see_everything_of_their_office_and_coordinators_all(world, booked):
    office_staff = verified_client(world.a.users[Role.OFFICE_STAFF])
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    for booking in booked:
        assert office_staff.get(f"{A_STAFF}buchung/{booking.uuid}/").status_code == 200
        assert coordinator.get(f"{A_STAFF}buchung/{booking.uuid}/").status_code == 200
    week = coordinator.get(f"{A_STAFF}woche/?datum={MONDAY:%Y-%m-%d}").content.decode()
    assert "Zaphira" in week and "Teamfamilie" in week


def test_other_municipality_sees_nothing(world, booked):
    b_coordinator = verified_client(world.b.users[Role.COORDINATOR])
    for booking in booked:
        assert b_coordinator.get(f"/stadt-b/de/intern/termine/buchung/{booking.uuid}/").status_code == 404
        assert b_coordinator.get(f"{A_STAFF}buchung/{booking.uuid}/").status_code == 404


def test_partner_editor_has_no_appointments(world, booked):
    client = verified_client(world.a.users[Role.PARTNER_EDITOR])
    assert client.get(f"{A_STAFF}buchung/{booked[0].uuid}/").status_code == 404
    assert client.get(A_STAFF).status_code == 404


def test_attended_and_no_show_feed_the_anonymous_counts(world, booked):
    from familienbuero.appointments.queries import attendance_counts

    mine, other, _team = booked
    with time_machine.travel(datetime.combine(MONDAY, time(12), tzinfo=recurrence.TZ)):
        client = verified_client(world.a.users[Role.OFFICE_STAFF])
        assert (
            client.post(f"{A_STAFF}buchung/{mine.uuid}/anwesenheit/", {"outcome": "attended"}).status_code
            == 302
        )
        assert (
            client.post(f"{A_STAFF}buchung/{other.uuid}/anwesenheit/", {"outcome": "no_show"}).status_code
            == 302
        )
    with scopes_disabled():
        counts = attendance_counts(world.a.municipality, first=MONDAY, last=MONDAY)
    assert {(c.organization_id, c.status, c.count) for c in counts} == {
        (world.a.organization.pk, "attended", 1),
        (world.a.other_organization.pk, "no_show", 1),
    }
    rendered = repr(counts)
    assert not any(s in rendered for s in PERSONAL_STRINGS)


def test_a_future_appointment_cannot_be_marked(world, booked):
    with time_machine.travel(NOW):
        client = verified_client(world.a.users[Role.COORDINATOR])
        response = client.post(f"{A_STAFF}buchung/{booked[0].uuid}/anwesenheit/", {"outcome": "attended"})
    assert response.status_code == 422


def test_provider_staff_create_hours_only_for_their_organisation(world):
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    data = {
        "title": "Abendsprechstunde",
        "office": world.a.office.pk,
        "organization": world.a.other_organization.pk,
        "languages": "de",
        "recurrence": "FREQ=WEEKLY;BYDAY=WE",
        "starts_on": "2027-01-01",
        "start_time": "17:00",
        "end_time": "19:00",
        "slot_minutes": "30",
        "buffer_minutes": "0",
        "room_kind": "counselling",
        "is_active": "on",
        "skip_public_holidays": "on",
    }
    response = client.post(f"{A_STAFF}sprechzeiten/neu/", data)
    assert response.status_code == 422  # not their organisation
    response = client.post(f"{A_STAFF}sprechzeiten/neu/", {**data, "organization": world.a.organization.pk})
    assert response.status_code == 302
    response = client.post(
        f"{A_STAFF}sprechzeiten/neu/",
        {**data, "organization": world.a.organization.pk, "recurrence": "FREQ=NIE"},
    )
    assert response.status_code == 422


def test_dated_exceptions_by_the_provider_change_the_free_slots(world, client):
    staff = verified_client(world.a.users[Role.PROVIDER_STAFF])
    url = f"{A_STAFF}sprechzeiten/{world.hours.uuid}/ausnahmen/"
    page = staff.get(f"{A_STAFF}sprechzeiten/{world.hours.uuid}/").content.decode()
    assert 'name="ausnahme-date"' in page
    response = staff.post(url, {"ausnahme-date": f"{MONDAY:%Y-%m-%d}", "ausnahme-kind": "cancelled"})
    assert response.status_code == 302
    assert (
        staff.post(url, {"ausnahme-date": f"{MONDAY:%Y-%m-%d}", "ausnahme-kind": "extra"}).status_code == 422
    )
    with time_machine.travel(NOW, tick=False):
        body = client.get("/stadt-a/de/beratung/termine/?anbieter=org-traeger").content.decode()
    assert f"{MONDAY:%Y%m%d}T0900" not in body
    assert f"{MONDAY.replace(day=8):%Y%m%d}T0900" in body
    # Another provider cannot add or remove exceptions of these hours.
    other = verified_client(world.other_provider)
    assert other.post(url, {"ausnahme-date": "2027-03-08", "ausnahme-kind": "cancelled"}).status_code == 404
    with scopes_disabled():
        exception = world.hours.exceptions.get()
    assert other.post(f"{url}{exception.pk}/loeschen/").status_code == 404
    assert staff.post(f"{url}{exception.pk}/loeschen/").status_code == 302
    with scopes_disabled():
        assert not world.hours.exceptions.exists()


def test_provider_staff_choose_counsellors_of_their_own_organisation_only(world):
    staff = verified_client(world.a.users[Role.PROVIDER_STAFF])
    page = staff.get(f"{A_STAFF}sprechzeiten/{world.hours.uuid}/").content.decode()
    assert world.a.users[Role.PROVIDER_STAFF].username in page
    assert world.other_provider.username not in page
    assert world.a.users[Role.OFFICE_STAFF].username not in page


def test_public_booking_is_rate_limited(world, client, settings):
    from tests.appointments.conftest import A_PUBLIC, PERSON

    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_PUBLIC_PER_IP = "3/h"
    url = f"{A_PUBLIC}buchen/{world.hours.uuid}/{MONDAY:%Y%m%d}T0900/"
    with time_machine.travel(NOW, tick=False):
        statuses = [client.post(url, {**PERSON, "person_name": ""}).status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]


def test_correcting_attended_to_no_show_takes_the_contact_back(world, booked):
    from familienbuero.contacts.models import ContactRecord

    mine = booked[0]
    url = f"{A_STAFF}buchung/{mine.uuid}/anwesenheit/"
    with time_machine.travel(datetime.combine(MONDAY, time(12), tzinfo=recurrence.TZ)):
        client = verified_client(world.a.users[Role.OFFICE_STAFF])
        client.post(url, {"outcome": "attended"})
        client.post(url, {"outcome": "no_show"})  # a mistake corrected …
        with scopes_disabled():
            assert ContactRecord.objects.filter(source="appointment").count() == 0
        client.post(url, {"outcome": "attended"})  # … and corrected back: counted once, not twice
        client.post(url, {"outcome": "attended"})
    with scopes_disabled():
        assert ContactRecord.objects.filter(source="appointment").count() == 1
