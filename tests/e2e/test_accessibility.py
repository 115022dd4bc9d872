"""axe-core WCAG 2.1 A/AA checks on the public office page (German, Arabic) and the staff login."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

OFFICE = "/voerde/{lang}/buero/roenkenstrasse/"


def test_office_page_german_has_no_axe_violations(page, axe_check):
    page.goto(OFFICE.format(lang="de"))
    html = page.locator("html")
    assert html.get_attribute("lang") == "de"
    assert html.get_attribute("dir") == "ltr"
    axe_check(page, "office page (de)")


def test_office_page_arabic_is_rtl_and_has_no_axe_violations(page, axe_check):
    page.goto(OFFICE.format(lang="ar"))
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    axe_check(page, "office page (ar)")


def test_login_page_has_no_axe_violations(page, axe_check):
    page.goto("/konto/anmelden/")
    assert page.locator("html").get_attribute("lang") == "de"
    axe_check(page, "login page (de)")


def test_volunteering_page_reached_from_the_quick_links_has_no_axe_violations(page, axe_check):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(OFFICE.format(lang="de"))
    with page.expect_navigation():
        page.get_by_role("navigation", name="Schnellzugriff").get_by_role("link", name="Ehrenamt").click()
    assert page.locator("h1").inner_text() == "Ehrenamt und Praktikum"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe_check(page, "volunteering page (de, phone)")
    page.goto("/voerde/ar/ehrenamt/")
    axe_check(page, "volunteering page (ar, phone)")
