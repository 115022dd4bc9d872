"""Events in a real browser, keyboard only: register two children for a fully booked course, see their
waiting-list positions, cancel one; zero axe violations on every page on the way."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_keyboard import german, tab_until

pytestmark = pytest.mark.e2e


def type_into(page, name: str, text: str) -> None:
    tab_until(page, lambda el: el["name"] == name)
    page.keyboard.type(text)


def test_register_two_children_see_waiting_positions_and_cancel_by_keyboard(page, axe_check):
    page.goto("/voerde/de/veranstaltungen/")
    axe_check(page, "event list")
    tab_until(page, lambda el: el["text"] == "Fahrradtraining für Grundschulkinder")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page, "event detail")
    tab_until(page, lambda el: el["text"] == german("Join the waiting list"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page, "registration form")

    type_into(page, "contact_name", "Anna Beispiel")
    type_into(page, "email", "anna@example.org")
    type_into(page, "p0-name", "Mia")
    type_into(page, "p0-age", "8")
    tab_until(page, lambda el: (el["name"] or "").startswith("p0-q"))
    page.keyboard.type("ja")
    type_into(page, "p1-name", "Noah")
    type_into(page, "p1-age", "9")
    tab_until(page, lambda el: (el["name"] or "").startswith("p1-q"))
    page.keyboard.type("nein")
    tab_until(page, lambda el: el["tag"] == "button" and el["text"] == german("Join the waiting list"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/veranstaltungen/anmeldung/" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    # The demo course has ten places taken and two families waiting: positions 3 and 4.
    assert re.search(r"Warteliste, Platz 3", rows.nth(0).inner_text())
    assert re.search(r"Warteliste, Platz 4", rows.nth(1).inner_text())
    axe_check(page, "manage page")

    tab_until(page, lambda el: el["tag"] == "button" and el["text"] == "Mia abmelden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert german("The registration is cancelled.") in page.locator(".messages").inner_text()
    assert german("cancelled") in rows.nth(0).inner_text()
    assert "Warteliste, Platz 3" in rows.nth(1).inner_text()
    axe_check(page, "manage page after cancelling")
