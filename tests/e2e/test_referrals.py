"""In the browser, on the Voerde demo: the navigator refers on one screen, the debt counselling service
sees it; every page passes axe-core (WCAG 2.1 AA), also with errors shown."""

from __future__ import annotations

import re

import pytest

from tests.e2e.staff_login import log_in

pytestmark = pytest.mark.e2e

REFERRALS = "/voerde/de/intern/vermittlungen/"


def test_refer_on_one_screen_and_the_service_sees_it(page, axe_check):
    log_in(page, "lotsin")
    page.goto(REFERRALS + "neu/")
    axe_check(page, "referral form")

    # Sent empty: errors shown at the fields, still accessible.
    page.locator("form.narrow button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".field--error").count() >= 1
    axe_check(page, "referral form with errors")

    service = page.locator("#id_service option", has_text="Schuldner- und Insolvenzberatung").first
    page.select_option("#id_service", value=service.get_attribute("value"))
    page.locator("#id_topics input[type=checkbox]").first.check()
    page.fill("#id_person_name", "Frau K.")
    page.fill("#id_contact_phone", "0281 123456")
    page.check("#id_consent-given")
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    assert re.search(r"/vermittlungen/[0-9a-f-]{36}/$", page.url), page.url
    axe_check(page, "referral detail")
    for path in ("", "nachfassen/", "statistik/"):
        page.goto(REFERRALS + path)
        axe_check(page, f"referrals {path or 'list'}")

    log_in(page, "schuldnerberatung")
    page.goto(REFERRALS + "eingang/")
    assert page.get_by_text("Frau K.").count() == 1
    axe_check(page, "received referrals")
    page.get_by_role("link", name="Frau K.").click()
    page.wait_for_load_state()
    assert page.get_by_text("0281 123456").count() >= 1
    axe_check(page, "received referral")
