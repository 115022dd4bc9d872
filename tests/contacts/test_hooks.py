"""Attended appointments and event check-ins add anonymous contacts; the dashboard and the annual report
show the events' and appointments' own figures."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import time_machine
from django_scopes import scope, scopes_disabled

from familienbuero.appointments import recurrence
from familienbuero.appointments import services as appointment_services
from familienbuero.contacts import reports
from familienbuero.contacts.models import ContactRecord, Source
from familienbuero.events import services as event_services
from tests import factories
from tests.appointments.conftest import MONDAY, NOW, PERSON, make_hours
from tests.events.conftest import register
from tests.events.factories import make_event


def contacts(source):
    with scopes_disabled():
        return list(ContactRecord.objects.filter(source=source))


def test_an_attended_appointment_adds_one_contact(tenants):
    a = tenants[0]
    with scopes_disabled():
        factories.RoomFactory(location=a.office.home_location, name="Beratungsraum", kind="counselling")
        hours = make_hours(a, organization=a.organization)
    start = datetime.combine(MONDAY, time(9), tzinfo=recurrence.TZ)
    with scope(municipality=a.municipality):
        booking, _token = appointment_services.book_slot(
            hours=hours, start=start, now=NOW, manage_url="http://testserver/m/{token}/", **PERSON
        )
    with time_machine.travel(start + timedelta(hours=1), tick=False), scope(municipality=a.municipality):
        appointment_services.record_attendance(booking=booking, attended=True, actor=None)
        appointment_services.record_attendance(booking=booking, attended=True, actor=None)  # again: no 2nd
    [record] = contacts(Source.APPOINTMENT)
    assert (record.office, record.contact_at, record.channel, record.persons) == (
        a.office,
        start,
        "appointment",
        1,
    )
    with scopes_disabled():
        figures = dict(
            reports.consultation_figures(
                a.municipality, office_ids={a.office.pk}, date_from=MONDAY, date_to=MONDAY
            )
        )
    assert list(figures.values()) == [1, 0, 0]


def test_event_check_in_adds_a_contact_per_participant_present(tenants):
    a = tenants[0]
    with scopes_disabled():
        event = make_event(a.office, capacity=10, start=datetime(2026, 9, 1, 15, 0, tzinfo=recurrence.TZ))
        session = event.sessions.get()
    with time_machine.travel(datetime(2026, 8, 1, 12, 0, tzinfo=recurrence.TZ), tick=False):
        ada = register(event, "Ada")[0]
        ben = register(event, "Ben")[0]
        register(event, "Cem")
    with scope(municipality=a.municipality):
        event_services.toggle_attendance(session=session, registration=ada)
        assert len(contacts(Source.EVENT)) == 1
        event_services.set_attendance(session=session, present=[ada.pk, ben.pk])
    records = contacts(Source.EVENT)
    assert len(records) == 2
    assert {(r.office, r.contact_at, r.place) for r in records} == {(a.office, session.starts_at, "event")}
    with scopes_disabled():
        day = session.starts_at.date()
        figures = dict(reports.event_figures(a.municipality, office_ids=None, date_from=day, date_to=day))
    assert list(figures.values()) == [1, 1, 3, 2]
