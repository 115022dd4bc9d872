"""Bookings and event registrations are erased after the period of the processing register (one place
decides: ``privacy.retention``), they appear on the upcoming-erasures page, and the anonymous counts are
the same after the erasure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.appointments import services as appointment_services
from familienbuero.appointments.models import AppointmentSettings, Booking
from familienbuero.appointments.queries import attendance_counts
from familienbuero.events import queries as event_queries
from familienbuero.events import services as event_services
from familienbuero.events.models import Event, Registration
from familienbuero.privacy import retention
from familienbuero.privacy.models import ErasureRun
from tests.conftest import verified_client
from tests.events.conftest import register
from tests.events.factories import make_event
from tests.privacy.conftest import A_PRIVACY, B_PRIVACY
from tests.privacy.test_subject_requests_appointments import booking  # noqa: F401 – fixture


@pytest.fixture(autouse=True)
def on_commit_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def set_days(world, key: str, days: int, municipality=None) -> None:
    retention.set_retention_days(
        municipality=municipality or world.a.municipality, key=key, days=days, actor=None
    )


def booking_erased(booking) -> bool:  # noqa: F811
    with scopes_disabled():
        return Booking.objects.get(pk=booking.pk).is_erased


def past_event(tenant, days_ago: int, *names: str) -> Event:
    """An event with one registration per name, which ended ``days_ago`` days ago."""
    with scopes_disabled():
        event = make_event(tenant.office, capacity=5, title="Elterncafé")
    for name in names:
        register(event, name)
    with scopes_disabled():
        event.sessions.update(
            starts_at=timezone.now() - timedelta(days=days_ago, hours=2),
            ends_at=timezone.now() - timedelta(days=days_ago),
        )
        event_services.update_event_dates(event)
        event.refresh_from_db()
    return event


def erased_registrations(event: Event) -> int:
    with scopes_disabled():
        return Registration.objects.filter(event=event, personal_data_erased_at__isnull=False).count()


def test_the_register_decides_the_period_of_bookings(world, booking):  # noqa: F811
    after = booking.ends_at + timedelta(days=20)
    with scopes_disabled():
        before = attendance_counts(world.a.municipality, first=date(2027, 1, 1), last=date(2027, 12, 31))
    # Default 30 days: not yet.
    assert appointment_services.erase_booking_personal_data(now=after) == 0
    # The data protection officer shortens the period in the register: the daily job follows it.
    set_days(world, "appointments", 14)
    assert retention.retention_days(world.a.municipality, "appointments") == 14
    with scopes_disabled():  # the booking form's promise reads the same value
        assert AppointmentSettings.objects.get(municipality=world.a.municipality).retention_days == 14
    assert appointment_services.erase_booking_personal_data(now=after) == 1
    assert booking_erased(booking)
    with scopes_disabled():
        after_counts = attendance_counts(
            world.a.municipality, first=date(2027, 1, 1), last=date(2027, 12, 31)
        )
    assert after_counts == before


def test_a_longer_period_in_the_register_keeps_bookings_longer(world, booking):  # noqa: F811
    set_days(world, "appointments", 60)
    assert appointment_services.erase_booking_personal_data(now=booking.ends_at + timedelta(days=45)) == 0
    assert not booking_erased(booking)
    # Another municipality's period does not count for this one.
    set_days(world, "appointments", 1, municipality=world.b.municipality)
    assert appointment_services.erase_booking_personal_data(now=booking.ends_at + timedelta(days=45)) == 0
    assert appointment_services.erase_booking_personal_data(now=booking.ends_at + timedelta(days=61)) == 1


def test_the_register_decides_the_period_of_event_registrations(world):
    event = past_event(world.a, 20, "Ada", "Ben")
    with scopes_disabled():
        counts_before = list(
            event_queries.with_counts(Event.objects.filter(pk=event.pk)).values_list("taken", "waiting")
        )
        statuses_before = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert event_services.erase_personal_data() == 0  # default 30 days
    set_days(world, "events", 14)
    assert event_services.erase_personal_data() == 2
    assert erased_registrations(event) == 2
    with scopes_disabled():
        counts_after = list(
            event_queries.with_counts(Event.objects.filter(pk=event.pk)).values_list("taken", "waiting")
        )
        statuses_after = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert (counts_after, statuses_after) == (counts_before, statuses_before)


def test_event_periods_are_per_municipality_and_within_the_limits(world):
    event_b = past_event(world.b, 20, "Cem")
    set_days(world, "events", 7)  # A only
    assert event_services.erase_personal_data() == 0
    assert erased_registrations(event_b) == 0
    with pytest.raises(ValidationError):
        set_days(world, "events", 400)
    with pytest.raises(ValidationError):
        set_days(world, "appointments", 0)


def test_the_daily_run_erases_with_the_register_period(world, booking):  # noqa: F811
    event = past_event(world.a, 10, "Ada")
    set_days(world, "events", 5)
    call_command("runperiodic")
    run = ErasureRun.objects.get()
    assert not run.failed
    assert erased_registrations(event) == 1


def test_upcoming_erasures_list_bookings_and_registrations(world, booking):  # noqa: F811
    past_event(world.a, 25, "Ada", "Ben")  # erased in 5 days (30-day default)
    with scopes_disabled():
        Booking.objects.filter(pk=booking.pk).update(
            starts_at=timezone.now() - timedelta(days=10, hours=1),
            ends_at=timezone.now() - timedelta(days=10),
        )  # erased in 20 days
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    response = client.get(f"{A_PRIVACY}loeschungen/")
    assert response.status_code == 200
    rows = {row["key"]: row["counts"] for row in response.context["rows"]}
    assert rows["events"] == [2, 2]
    assert rows["appointments"] == [0, 1]
    # A shorter period in the register moves the booking into the next seven days.
    set_days(world, "appointments", 14)
    rows = {row["key"]: row["counts"] for row in client.get(f"{A_PRIVACY}loeschungen/").context["rows"]}
    assert rows["appointments"] == [1, 1]
    b_rows = verified_client(world.b.users[Role.DATA_PROTECTION]).get(f"{B_PRIVACY}loeschungen/")
    assert all(row["counts"] == [0, 0] for row in b_rows.context["rows"])
