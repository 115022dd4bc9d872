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
