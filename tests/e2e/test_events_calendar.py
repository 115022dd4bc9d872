"""The public month calendar in a real browser: zero axe violations (desktop, phone width, Arabic
right-to-left), today marked, a filter kept when moving to the next month, the day list on a phone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.e2e.staff_login import log_in
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


def test_staff_create_a_holiday_programme_and_enter_event_texts_in_arabic(page, axe_check):
    log_in(page, "lotsin")
    page.goto("/voerde/de/intern/veranstaltungen/")
    with page.expect_navigation():
        page.get_by_role("link", name=german("New holiday programme")).click()
    axe_check(page, "new holiday programme")
    page.fill("input[name='name']", "Herbstferien")
    page.fill("input[name='wish_opens']", "2031-09-01T08:00")
    page.fill("input[name='wish_closes']", "2031-09-20T18:00")
    page.fill("input[name='gruppe-0-position']", "1")
    page.fill("input[name='gruppe-0-label']", "Familien mit BuT-Anspruch")
    page.fill("input[name='gruppe-1-position']", "2")
    page.fill("input[name='gruppe-1-label']", "Alle anderen")
    # A mistake first: more courses than wishes is refused with a message next to the field.
    page.fill("input[name='max_courses_per_child']", "5")
    with page.expect_navigation():
        page.get_by_role("button", name=german("Save")).click()
    assert german("The wish phase must end after it starts.") not in page.content()
    assert "als es sich wünschen darf" in page.locator(".field__errors").inner_text()
    axe_check(page, "holiday programme form with an error")
    page.fill("input[name='max_courses_per_child']", "1")
    with page.expect_navigation():
        page.get_by_role("button", name=german("Save")).click()
    assert page.locator("h1").inner_text() == "Herbstferien"
    groups = page.locator("main ol").first.inner_text()
    assert groups.index("Familien mit BuT-Anspruch") < groups.index("Alle anderen")
    axe_check(page, "staff programme page")
    with page.expect_navigation():
        page.get_by_role("link", name=german("Edit the programme, its groups and courses")).click()
    assert page.input_value("input[name='gruppe-0-label']") == "Familien mit BuT-Anspruch"
    axe_check(page, "edit holiday programme")

    page.goto("/voerde/de/intern/veranstaltungen/neu/")
    page.locator("details.translation summary", has_text="Arabisch").click()
    arabic = page.locator("input[name='ar-title']")
    assert arabic.is_visible() and arabic.get_attribute("dir") == "rtl"
    axe_check(page, "event form with the Arabic texts open")
