"""Retention erases names and contacts but keeps the counts; the reminder goes out the day before, once;
the data-subject tools find and erase a family's bookings."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled

from familienbuero.appointments import recurrence, services
from familienbuero.appointments.models import AppointmentSettings, Booking
from familienbuero.appointments.queries import attendance_counts
from familienbuero.core import periodic
from familienbuero.core.personal_data import find_everywhere
from familienbuero.core.processing import processing
from tests.appointments.conftest import MONDAY, NOW, PERSON, PERSONAL_STRINGS, bookings

AFTER = datetime.combine(MONDAY, time(12), tzinfo=recurrence.TZ)


@pytest.fixture
def booked(world):
    with time_machine.travel(NOW, tick=False):
        first, token = world.book()
        second, _ = world.book(at=datetime.combine(MONDAY, time(10), tzinfo=recurrence.TZ))
    with scopes_disabled():
        Booking.objects.filter(pk=first.pk).update(status=Booking.Status.ATTENDED)
        Booking.objects.filter(pk=second.pk).update(status=Booking.Status.NO_SHOW)
    return first, second, token


def test_retention_erases_names_but_keeps_counts(world, booked):
    _first, _second, _token = booked
    with scopes_disabled():
        before = attendance_counts(world.a.municipality, first=MONDAY, last=MONDAY)
    assert services.erase_booking_personal_data(now=AFTER + timedelta(days=29)) == 0
    assert services.erase_booking_personal_data(now=AFTER + timedelta(days=31)) == 2
    for booking in bookings():
        assert booking.is_erased and booking.token_hash is None
        assert not any(s in repr(vars(booking)) for s in PERSONAL_STRINGS)
    with scopes_disabled():
        assert attendance_counts(world.a.municipality, first=MONDAY, last=MONDAY) == before
    assert services.erase_booking_personal_data(now=AFTER + timedelta(days=60)) == 0  # idempotent
    assert processing("appointments").retention_days == 30


def test_municipality_sets_its_own_retention_period(world, booked):
    with scopes_disabled():
        AppointmentSettings.objects.create(municipality=world.a.municipality, retention_days=90)
    assert services.erase_booking_personal_data(now=AFTER + timedelta(days=31)) == 0
    assert services.erase_booking_personal_data(now=AFTER + timedelta(days=91)) == 2


def test_retention_runs_as_a_periodic_job(world, booked):
    labels = [label for label, job in periodic.JOBS if job is services.erase_booking_personal_data]
    assert labels
    assert periodic.run_all(now=AFTER + timedelta(days=31))[labels[0]] == 2


def test_reminder_the_day_before_once(world):
    with time_machine.travel(NOW, tick=False):
        _booking, _ = world.book()
        world.book(
            at=datetime.combine(MONDAY, time(10), tzinfo=recurrence.TZ),
            contact_email="",
            contact_phone="0281 1",
        )
    mail.outbox.clear()
    # Friday: nothing is due; Sunday: Monday's appointments are.
    assert services.enqueue_reminders(now=NOW) == 0
    sunday = datetime.combine(MONDAY - timedelta(days=1), time(18), tzinfo=recurrence.TZ)
    with time_machine.travel(sunday, tick=False):
        assert services.enqueue_reminders(now=sunday) == 2
        assert services.enqueue_reminders(now=sunday) == 0
    [message] = mail.outbox  # the phone-only booking has no channel (no SMS gateway configured)
    assert message.to == [PERSON["contact_email"]]
    assert "09:00" in message.body
    assert any(job is services.enqueue_reminders for _label, job in periodic.JOBS)


def test_data_subject_tools_find_and_erase_bookings(world, booked):
    _first, _second, _token = booked
    with scopes_disabled():
        records = find_everywhere(world.a.municipality, email=PERSON["contact_email"].upper())
        mine = [r for r in records if r.kind == "appointments"]
        assert len(mine) == 2
        assert find_everywhere(world.b.municipality, email=PERSON["contact_email"]) == []
        by_phone = [
            r
            for r in find_everywhere(world.a.municipality, phone="+49 281 9988776")
            if r.kind == "appointments"
        ]
        assert len(by_phone) == 2
        mine[0].erase()
        assert sum(b.is_erased for b in Booking.objects.all()) == 1
