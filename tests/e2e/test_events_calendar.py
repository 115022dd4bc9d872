"""The public month calendar in a real browser: zero axe violations (desktop, phone width, Arabic
right-to-left), today marked, a filter kept when moving to the next month, the day list on a phone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.e2e.test_keyboard import german, tab_until

pytestmark = pytest.mark.e2e


def test_month_calendar_is_accessible_keeps_filters_and_collapses_on_a_phone(page, axe_check):
    page.goto("/voerde/de/veranstaltungen/")
    tab_until(page, lambda el: el["text"] == german("Show as month calendar"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/voerde/de/veranstaltungen/monat/")
    axe_check(page, "month calendar")
    grid = page.locator("table.month-grid")
    assert grid.is_visible()
    today = page.locator("td[aria-current='date'] time")
    assert today.get_attribute("datetime") == timezone.localdate().isoformat()
    assert grid.locator("thead th").nth(1).inner_text().startswith("Mo")

    # A filter, then the next month: the filter travels along.
    page.fill("input[name='alter']", "6")
    with page.expect_navigation():
        page.click("main form button[type='submit']")
    assert "alter=6" in page.url
    with page.expect_navigation():
        page.click("a[rel='next']")
    assert re.search(r"/monat/\d{4}/\d{1,2}/\?.*alter=6", page.url)
    assert page.input_value("input[name='alter']") == "6"
    axe_check(page, "next month, filtered")
    # The demo swimming course (age 5–9) runs weekly for two months: it is in this month too.
    assert grid.locator("a", has_text="Schwimmkurs").count() >= 1

    # On a phone the grid gives way to a list of days.
    page.set_viewport_size({"width": 375, "height": 800})
    assert not grid.is_visible()
    days = page.locator("section.month-list")
    assert days.is_visible() and days.locator("h3").count() >= 1
    axe_check(page, "month calendar on a phone")


def test_month_calendar_in_arabic_is_right_to_left_and_accessible(page, axe_check):
    page.goto("/voerde/ar/veranstaltungen/monat/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    axe_check(page, "month calendar in Arabic")
    page.click("a[rel='next']")
    page.wait_for_load_state()
    axe_check(page, "next month in Arabic")
