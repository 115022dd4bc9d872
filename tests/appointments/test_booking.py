"""Booking without an account, through HTTP: free slots, the form, the confirmation with iCalendar and
manage link, cancelling and moving with the link, and every way the input can be wrong."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from familienbuero.appointments import recurrence
from familienbuero.appointments.models import Booking
from tests.appointments.conftest import A_PUBLIC, MONDAY, NOW, PERSON, bookings
from tests.html_lang import language_of

SLOT = f"{MONDAY:%Y%m%d}T0930"


def book_url(world, slot: str = SLOT) -> str:
    return f"{A_PUBLIC}buchen/{world.hours.uuid}/{slot}/"


def manage_link(message) -> str:
    return re.search(r"https?://\S+/beratung/termin/\S+/", message.body).group(0)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_free_slots_by_topic_and_provider(client, world, frozen):
    world.book(at=datetime.combine(MONDAY, time(9), tzinfo=recurrence.TZ))
    response = client.get(f"{A_PUBLIC}termine/?thema={world.topic.code}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Schuldnerberatung" in body and "Kindertagespflege" not in body
    assert f"{MONDAY:%Y%m%d}T0930" in body
    assert f"{MONDAY:%Y%m%d}T0900" not in body  # taken
    response = client.get(f"{A_PUBLIC}termine/?anbieter=buero-buero")
    assert "Kindertagespflege" in response.content.decode()
    assert client.get(f"{A_PUBLIC}termine/?anbieter=org-gibtsnicht").status_code == 404


def test_the_german_only_title_of_the_hours_is_marked_german_on_an_english_page(client, world, frozen):
    english = "/stadt-a/en/beratung/"
    slots = client.get(f"{english}termine/?anbieter=buero-buero").content.decode()
    booking = client.get(f"{english}buchen/{world.hours.uuid}/{SLOT}/").content.decode()
    for page in (slots, booking):
        assert language_of(page, "Free appointments" if page is slots else "What") == "en"
    assert language_of(slots, "Kindertagespflege") == "de"
    assert language_of(booking, "Schuldnerberatung") == "de"


def test_book_receive_confirmation_with_ics_and_cancel_with_the_link(
    client, world, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            book_url(world), {**PERSON, "interpreter_needed": "on", "interpreter_language": "tr"}
        )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Zaphira Quellmann" in page.content.decode()
    [message] = mail.outbox
    assert message.to == [PERSON["contact_email"]]
    link = manage_link(message)
    assert response["Location"] in link
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert event.decoded("dtstart") == datetime.combine(MONDAY, time(9, 30), tzinfo=recurrence.TZ)
    assert "Zaphira" not in str(content)
    assert Calendar.from_ical(content).walk("VTIMEZONE"), "the time zone travels with the event"

    path = link.split("testserver")[-1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path + "absagen/")
    assert response.status_code == 200
    assert len(mail.outbox) == 2 and "Zaphira" in mail.outbox[1].body
    [booking] = bookings()
    assert booking.status == Booking.Status.CANCELLED
    # The link is spent: a clear page, not an error.
    response = client.get(path)
    assert response.status_code == 404
    assert (
        "This link is not valid" in response.content.decode() or "nicht gültig" in response.content.decode()
    )
    # The slot is free again.
    assert SLOT in client.get(f"{A_PUBLIC}termine/").content.decode()


def test_move_with_the_link(client, world, frozen):
    booking, token = world.book()
    new = f"{MONDAY + timedelta(days=7):%Y%m%d}T1100"
    response = client.post(f"{A_PUBLIC}termin/{token}/verschieben/", {"slot": new})
    assert response.status_code == 302
    with scopes_disabled():
        booking.refresh_from_db()
    assert booking.starts_at == datetime.combine(MONDAY + timedelta(days=7), time(11), tzinfo=recurrence.TZ)
    assert booking.status == Booking.Status.BOOKED
    assert client.get(f"{A_PUBLIC}termin/{token}/").status_code == 200


def test_slot_taken_meanwhile_gives_a_clear_message_and_other_slots(client, world, frozen):
    world.book(at=datetime.combine(MONDAY, time(9, 30), tzinfo=recurrence.TZ))
    response = client.post(book_url(world), {**PERSON, "person_name": "Zweite Familie"})
    assert response.status_code == 409
    body = response.content.decode()
    assert 'role="alert"' in body
    assert f"{MONDAY:%Y%m%d}T1000" in body  # an alternative
    assert len(bookings()) == 1


def test_the_shared_room_is_not_double_booked_across_providers(world, frozen):
    from familienbuero.appointments import services

    world.book()
    with pytest.raises(services.SlotUnavailable):
        world.book(hours=world.other_hours)


def test_manage_link_of_one_booking_cannot_touch_another(client, world, frozen):
    first, first_token = world.book()
    second, _second_token = world.book(at=datetime.combine(MONDAY, time(10), tzinfo=recurrence.TZ))
    page = client.get(f"{A_PUBLIC}termin/{first_token}/").content.decode()
    assert f"{first.starts_at:%H}" in page
    # There is no way to address the other booking with this token: the token is the only key.
    client.post(f"{A_PUBLIC}termin/{first_token}/absagen/")
    with scopes_disabled():
        assert Booking.objects.get(pk=second.pk).status == Booking.Status.BOOKED
        assert Booking.objects.get(pk=first.pk).status == Booking.Status.CANCELLED
    # A token of municipality A does not work under municipality B.
    assert client.get(f"/stadt-b/de/beratung/termin/{first_token}/").status_code == 404


@pytest.mark.parametrize("token", ["falsch", "x" * 43, "x" * 500, "%00"])
def test_wrong_token_gives_a_clear_page(client, world, token):
    response = client.get(f"{A_PUBLIC}termin/{token}/")
    assert response.status_code == 404
    assert "beratung/" in response.content.decode()  # a way on: book a new appointment


def test_expired_token_gives_a_clear_page(client, world):
    with time_machine.travel(NOW, tick=False):
        _booking, token = world.book()
    with time_machine.travel(datetime.combine(MONDAY, time(10), tzinfo=recurrence.TZ), tick=False):
        response = client.get(f"{A_PUBLIC}termin/{token}/")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"person_name": "A" * 5000}, "person_name"),
        ({"contact_email": "not-an-email", "contact_phone": ""}, "contact_email"),
        ({"contact_email": "", "contact_phone": ""}, "contact_phone"),
        ({"contact_phone": "call me maybe"}, "contact_phone"),
        ({"person_name": "   "}, "person_name"),
        ({"interpreter_needed": "on", "interpreter_language": ""}, "interpreter_language"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, world, frozen, data, field):
    response = client.post(book_url(world), {**PERSON, **data})
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert bookings() == []
    assert mail.outbox == []


def test_service_refuses_what_the_form_would_refuse(world, frozen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        world.book(person_name="A" * 5000)
    with pytest.raises(ValidationError):
        world.book(contact_email="malformed@", contact_phone="")
    assert bookings() == []


def test_past_or_invented_slots_cannot_be_booked(client, world, frozen):
    assert client.get(book_url(world, f"{MONDAY:%Y%m%d}T0915")).status_code == 404  # not a slot start
    assert client.get(book_url(world, "20270222T0900")).status_code == 404  # in the past
    assert client.get(book_url(world, "kaputt")).status_code == 404
    # Posted anyway (an old page): the clear "no longer free" answer with other times, nothing stored.
    assert client.post(book_url(world, "20270222T0900"), PERSON).status_code == 409
    assert bookings() == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(max_size=300),
    phone=st.text(max_size=40),
    email=st.one_of(st.emails(), st.text(max_size=80)),
)
def test_any_input_is_either_stored_cleanly_or_refused(client, world, name, phone, email):
    with time_machine.travel(NOW, tick=False), scopes_disabled():
        Booking.objects.all().delete()
        response = client.post(
            book_url(world), {"person_name": name, "contact_phone": phone, "contact_email": email}
        )
        assert response.status_code in (302, 422)
        stored = list(Booking.objects.all())
        if response.status_code == 422:
            assert stored == []
        else:
            [booking] = stored
            assert booking.person_name and len(booking.person_name) <= 120
            assert booking.contact_phone or booking.contact_email
            booking.full_clean()
