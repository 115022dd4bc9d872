"""Booking a consultation with the keyboard only: choose, book, read the confirmation from the mail
outbox, open the manage link and cancel; axe-core finds no WCAG 2.1 A/AA violation on any page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from tests.e2e.test_keyboard import active, german

pytestmark = pytest.mark.e2e

MAX_TAB_STOPS = 80


def tab_to(page, predicate) -> dict:
    seen = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        element = active(page)
        seen.append(element)
        if element and predicate(element):
            return element
    pytest.fail(f"no matching element after {MAX_TAB_STOPS} tabs; focus went through: {seen[-10:]}")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_book_confirm_and_cancel_by_keyboard(page, axe_check):
    from familienbuero.appointments.models import Booking

    mail.outbox.clear()
    page.goto("/voerde/de/beratung/")
    axe_check(page, "consultations")
    tab_to(page, lambda el: el["text"] == german("All free appointments"))
    press_enter_and_wait(page)
    axe_check(page, "free slots")

    tab_to(page, lambda el: el["tag"] == "a" and "/beratung/buchen/" in (el["href"] or ""))
    press_enter_and_wait(page)
    assert "/beratung/buchen/" in page.url
    axe_check(page, "booking form")

    # First a mistake: no phone and no email – the form says so and keeps the name.
    tab_to(page, lambda el: el["id"] == "id_person_name")
    page.keyboard.type("Familie Testweg")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == german("Book this appointment"))
    press_enter_and_wait(page)
    assert page.locator("#id_contact_phone_error").is_visible()
    axe_check(page, "booking form with errors")

    tab_to(page, lambda el: el["id"] == "id_contact_email")
    page.keyboard.type("testweg@example.org")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == german("Book this appointment"))
    press_enter_and_wait(page)
    assert "/beratung/termin/" in page.url
    assert "Familie Testweg" in page.content()
    axe_check(page, "confirmation")

    # The confirmation mail: iCalendar attachment and the manage link.
    [message] = [m for m in mail.outbox if m.to == ["testweg@example.org"]]
    assert message.attachments[0][0].endswith(".ics")
    link = re.search(r"https?://\S+/beratung/termin/\S+/", message.body).group(0)
    page.goto(link)
    axe_check(page, "manage page")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == german("Cancel the appointment"))
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == german("Appointment cancelled")
    axe_check(page, "cancelled")
    with scopes_disabled():
        assert Booking.objects.get(contact_email="testweg@example.org").status == Booking.Status.CANCELLED

    # The spent link: a clear page.
    page.goto(link)
    assert page.locator("h1").inner_text() == german("This link is not valid")
    axe_check(page, "invalid link")


def test_reception_queue_walk_in_and_left_by_keyboard(page, axe_check):
    from tests.e2e.staff_login import log_in

    log_in(page, "lotsin")
    page.goto("/voerde/de/intern/termine/warteschlange/")
    new_ticket = page.get_by_role("button", name="Neue Wartenummer").first
    new_ticket.focus()
    press_enter_and_wait(page)
    assert page.locator(".ticket-number").inner_text() == "1"
    page.goto("/voerde/de/intern/termine/warteschlange/")
    axe_check(page, "walk-in queue with an open number")
    tab_to(page, lambda element: "Ohne Beratung gegangen" in (element.get("text") or ""))
    press_enter_and_wait(page)
    assert "Nummer 1 ist ohne Beratung gegangen." in page.content()
    assert page.locator(".queue-open").count() == 0
    axe_check(page, "walk-in queue after a person left")
