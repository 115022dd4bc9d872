"""In the browser, on the Voerde demo: a navigator records a contact on a phone, keyboard only, in fewer
than ten interactions; the form and the dashboard pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from familienbuero.contacts.models import ContactRecord
from tests.e2e.staff_login import log_in

RECORD = "/voerde/de/intern/kontakte/"
DASHBOARD = RECORD + "auswertung/"


@pytest.fixture
def phone(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def focused(page) -> dict:
    return page.evaluate(
        "() => ({name: document.activeElement.name, value: document.activeElement.value,"
        " type: document.activeElement.type})"
    )


def test_the_start_page_shows_each_day_of_the_week_on_one_line_on_a_phone(phone):
    log_in(phone, "lotsin")
    days = phone.evaluate(
        """() => [...document.querySelectorAll('table.schedule th[scope=row]')].map(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return [cell.textContent.trim(), range.getClientRects().length];
        })"""
    )
    assert len(days) == 7
    assert [lines for _day, lines in days] == [1] * 7, days


def test_record_a_contact_on_a_phone_by_keyboard_in_under_ten_interactions(phone, axe_check):
    log_in(phone, "lotsin")
    with scopes_disabled():
        before = ContactRecord.objects.count()
    interactions = 0

    def press(key: str) -> None:
        nonlocal interactions
        interactions += 1
        phone.keyboard.press(key)

    phone.goto(RECORD)
    interactions += 1
    axe_check(phone, "contact form on a phone")
    # The form opens with the focus on "who"; everything else is pre-set.
    assert focused(phone) == {"name": "target_group", "value": "parent", "type": "radio"}
    press("ArrowDown")  # who: child
    press("Tab")  # age band
    press("ArrowDown")  # from "not stated" round to "under 3"
    press("Tab")  # first topic
    press("Space")
    press("Tab")  # second topic
    press("Space")
    with phone.expect_navigation():
        press("Enter")
    assert interactions < 10
    assert phone.get_by_role("status").inner_text().startswith("Kontakt gespeichert")

    with scopes_disabled():
        assert ContactRecord.objects.count() == before + 1
        record = ContactRecord.objects.latest("pk")
        assert (record.target_group, record.age_band, record.persons) == ("child", "0-2", 1)
        assert record.topics.count() == 2
        assert record.created_by.username == "lotsin"

    # Big touch targets: every choice of the form is at least 44 × 44 CSS pixels.
    small = phone.evaluate(
        """() => [...document.querySelectorAll('.contact-form fieldset label')]
            .map(l => l.getBoundingClientRect()).filter(r => r.width > 0 && (r.height < 44 || r.width < 44))
            .length"""
    )
    assert small == 0


def test_dashboard_and_annual_report_have_no_axe_violations(page, axe_check):
    log_in(page, "koordination")
    page.goto(DASHBOARD)
    assert page.locator("svg.chart").count() >= 10
    assert int(page.locator("#total-contacts").inner_text()) > 0
    axe_check(page, "contact dashboard")
    page.goto(DASHBOARD + "?interval=week")
    axe_check(page, "contact dashboard per week")
    page.goto(RECORD + "jahresbericht/")
    axe_check(page, "annual report")
    page.emulate_media(media="print")
    assert page.locator(".staff-nav").first.is_hidden()


def test_a_contact_entered_twice_is_deleted_by_keyboard_on_a_phone(phone, axe_check):
    log_in(phone, "lotsin")
    phone.goto(RECORD)
    with phone.expect_navigation():
        phone.locator(".contact-save").first.press("Enter")
    with scopes_disabled():
        record = ContactRecord.objects.filter(created_by__username="lotsin").latest("pk")
    phone.goto(f"{RECORD}{record.pk}/korrigieren/")
    link = phone.get_by_role("link", name="Doppelt erfasst? Diesen Kontakt löschen")
    link.focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    axe_check(phone, "delete contact (phone)")
    phone.get_by_role("button", name="Kontakt löschen").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert "Der Kontakt wurde gelöscht." in phone.get_by_role("status").inner_text()
    with scopes_disabled():
        assert not ContactRecord.objects.filter(pk=record.pk).exists()
