"""A child votes on a phone, by keyboard only, in German and in Arabic; the office tablet leaves nothing
of the previous child on screen. Zero axe violations on every page."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from familienbuero.participation.demo import (
    PLAYGROUND,
    PLAYGROUND_OPTION_TRANSLATIONS,
    PLAYGROUND_OPTIONS,
    PLAYGROUND_TRANSLATIONS,
)
from familienbuero.participation.models import Ballot, Round
from tests.e2e.test_keyboard import active, tab_until

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _text(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def _playground() -> Round:
    with scopes_disabled():
        return Round.objects.get(translations__language_code="de", translations__question=PLAYGROUND)


def _ballots(round_: Round) -> int:
    with scopes_disabled():
        return Ballot.objects.filter(round=round_).count()


@pytest.fixture
def phone(browser, live_server, demo):
    contexts = []

    def open_page(locale: str):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Europe/Berlin",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_child_votes_on_a_phone_by_keyboard(phone, axe_check, language):
    round_ = _playground()
    before = _ballots(round_)
    page = phone("ar-SY" if language == "ar" else "de-DE")
    page.goto(f"/voerde/{language}/mitmachen/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    axe_check(page, f"participation list ({language})")

    link = tab_until(page, lambda el: el["tag"] == "a" and f"/mitmachen/{round_.uuid}/" in (el["href"] or ""))
    assert link["inMain"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/voerde/{language}/mitmachen/{round_.uuid}/")
    axe_check(page, f"round page ({language})")
    # The staff-entered texts are in the child's language too (demo data has them in Arabic).
    question = PLAYGROUND if language == "de" else PLAYGROUND_TRANSLATIONS[language]["question"]
    assert page.locator("h1").inner_text().strip() == question
    assert page.locator("h1").get_attribute("lang") == language
    first_title = (
        PLAYGROUND_OPTIONS[0][0] if language == "de" else PLAYGROUND_OPTION_TRANSLATIONS[language][0][0]
    )
    assert page.locator(".kids-option__title").first.inner_text().strip() == first_title
    legend = page.locator("legend").first.inner_text()
    assert _text(language, "Send my dots") == page.locator("button[type=submit]").inner_text().strip()
    assert legend

    # Two dots: Space on the first and on the third option.
    first = tab_until(page, lambda el: el["name"] == "options")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    third = active(page)
    assert third["name"] == "options" and third["id"] != first["id"]
    page.keyboard.press("Space")
    assert page.locator("input[name=options]:checked").count() == 2
    tab_until(page, lambda el: el["tag"] == "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(rf"/voerde/{language}/mitmachen/{round_.uuid}/danke/$", page.url)
    assert page.locator("h1").inner_text().strip() == _text(language, "Thank you!")
    axe_check(page, f"thank-you page ({language})")
    assert _ballots(round_) == before + 1

    # The same phone cannot vote again.
    page.goto(f"/voerde/{language}/mitmachen/{round_.uuid}/")
    assert page.locator("input[name=options]").count() == 0
    assert _text(language, "You have already voted. Thank you!") in page.locator("main").inner_text()


def test_tablet_leaves_nothing_of_the_previous_child_on_screen(phone, axe_check):
    round_ = _playground()
    before = _ballots(round_)
    page = phone("de-DE")
    kiosk = f"/voerde/de/mitmachen/{round_.uuid}/tablet/{round_.kiosk_token}/"
    page.goto(kiosk)
    axe_check(page, "tablet page")
    first_cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get("sessionid")
    option_titles = page.locator(".kids-option__title").all_inner_texts()
    assert option_titles

    tab_until(page, lambda el: el["name"] == "options")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["tag"] == "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/fertig/")
    axe_check(page, "tablet thank-you page")
    main = page.locator("main").inner_text()
    assert not any(title in main for title in option_titles)
    assert page.locator("input:checked").count() == 0

    # The browser's back button does not bring the previous child's choice back.
    page.go_back()
    assert page.locator("input[name=options]:checked").count() == 0
    page.go_forward()

    link = tab_until(page, lambda el: el["tag"] == "a" and el["href"] == kiosk)
    assert link["text"] == "Nächstes Kind"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name=options]").count() == len(option_titles)
    assert page.locator("input[name=options]:checked").count() == 0
    assert page.locator("[role=alert]").count() == 0
    second_cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get("sessionid")
    assert second_cookie is None or second_cookie != first_cookie

    # The next child votes too.
    tab_until(page, lambda el: el["name"] == "options")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["tag"] == "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _ballots(round_) == before + 2
