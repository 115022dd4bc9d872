"""Public-sector conventions in the browser: no third-party requests, only necessary cookies, legal
pages one click away, accessibility feedback by keyboard, zero axe violations on the legal pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django_scopes import scopes_disabled

from familienbuero.public.models import AccessibilityFeedback
from tests.e2e.test_keyboard import active, german, tab_until

pytestmark = pytest.mark.e2e

PUBLIC_PAGE_TYPES = [
    "/",
    "/voerde/de/",
    "/voerde/ar/",
    "/voerde/de-ls/",
    "/voerde/uk/buero/roenkenstrasse/",
    "/voerde/de/impressum/",
    "/voerde/tr/datenschutz/",
    "/voerde/de/barrierefreiheit/",
    "/voerde/en/barrierefreiheit/rueckmeldung/",
    "/voerde/de/barrierefreiheit/rueckmeldung/danke/?bis=2027-01-31",
    "/voerde/de/gebaerdensprache/",
    "/voerde/de/opendata/",
    "/konto/anmelden/",
    "/gibtsnicht/de/",
]
ALLOWED_COOKIES = {"csrftoken", "django_language"}


def test_no_public_page_requests_anything_from_another_host(page, live_server):
    own = urlsplit(live_server.url).netloc
    foreign: list[str] = []
    csp_reports: list[str] = []
    page.on(
        "request",
        lambda request: None if urlsplit(request.url).netloc == own else foreign.append(request.url),
    )
    page.on(
        "console",
        lambda message: (
            csp_reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in PUBLIC_PAGE_TYPES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert foreign == []
    assert csp_reports == []


def test_anonymous_visitors_get_only_allow_listed_cookies(page):
    seen: dict[str, set[str]] = {}
    for path in PUBLIC_PAGE_TYPES:
        page.goto(path)
        seen[path] = {cookie["name"] for cookie in page.context.cookies()}
    assert all(names <= ALLOWED_COOKIES for names in seen.values()), seen
    assert "sessionid" not in set().union(*seen.values())
    # Choosing a language on a page outside a municipality stores the choice: an allowed cookie.
    page.goto("/konto/anmelden/")
    page.select_option("#language-select", "tr")
    page.get_by_role("button", name="Wechseln").click()
    assert {cookie["name"] for cookie in page.context.cookies()} <= ALLOWED_COOKIES
    assert page.locator("html").get_attribute("lang") == "tr"


@pytest.mark.parametrize("language", ["de", "ar", "de-ls"])
def test_legal_pages_are_one_click_from_the_start_page(page, language):
    for link_path in ("impressum", "datenschutz", "barrierefreiheit"):
        page.goto(f"/voerde/{language}/")
        page.locator(f'footer a[href="/voerde/{language}/{link_path}/"]').click()
        page.wait_for_url(f"**/voerde/{language}/{link_path}/")
        assert page.locator("h1").count() == 1


def test_accessibility_feedback_by_keyboard_creates_a_ticket_with_deadline(page):
    page.goto("/voerde/de/buero/roenkenstrasse/")
    tab_until(page, lambda el: (el["href"] or "").startswith("/voerde/de/barrierefreiheit/rueckmeldung/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/barrierefreiheit/rueckmeldung/**")
    tab_until(page, lambda el: el["name"] == "message")
    page.keyboard.type("Die Tabelle der Öffnungszeiten ist mit dem Screenreader schwer zu lesen.")
    focused = tab_until(page, lambda el: el["name"] == "page")
    assert focused["tag"] == "input"
    assert page.input_value("#id_page") == "/voerde/de/buero/roenkenstrasse/"
    tab_until(page, lambda el: el["name"] == "email")
    page.keyboard.type("leser@example.org")
    tab_until(page, lambda el: el["tag"] == "button" and el["inMain"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/rueckmeldung/danke/**")
    assert "Vielen Dank" in page.locator("h1").inner_text()
    with scopes_disabled():
        ticket = AccessibilityFeedback.objects.get()
    assert ticket.page == "/voerde/de/buero/roenkenstrasse/"
    assert ticket.due_on.strftime("%d.%m.%Y") in page.locator("main").inner_text()
    assert active(page) is None or active(page)["tag"] != "input"


@pytest.mark.parametrize(
    "path",
    [
        "/voerde/de/impressum/",
        "/voerde/de/datenschutz/",
        "/voerde/ar/barrierefreiheit/",
        "/voerde/de/barrierefreiheit/rueckmeldung/",
        "/voerde/de/gebaerdensprache/",
        "/voerde/de-ls/",
    ],
)
def test_legal_and_accessible_version_pages_have_no_axe_violations(page, axe_check, path):
    page.goto(path)
    axe_check(page, path)


def test_feedback_form_with_errors_has_no_axe_violations(page, axe_check):
    page.goto("/voerde/de/barrierefreiheit/rueckmeldung/")
    page.fill("#id_email", "keine-adresse")
    page.get_by_role("button", name=german("Send")).click()
    assert page.locator(".field__errors").count() >= 2
    axe_check(page, "feedback form with errors")


def test_public_pages_reflow_at_320_css_pixels_without_horizontal_scrolling(page):
    """WCAG 1.4.10: content fits a 320 px wide screen (long German compounds, tables, Arabic)."""
    page.set_viewport_size({"width": 320, "height": 800})
    too_wide = {}
    for path in [
        *PUBLIC_PAGE_TYPES,
        "/voerde/ar/angebote/?alter=8",
        "/voerde/de/angebote/schwimmkurs-kinder/",
    ]:
        page.goto(path)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            too_wide[path] = scroll
    assert too_wide == {}


@pytest.mark.parametrize("language", ["en", "tr", "uk", "de"])
def test_the_language_form_keeps_its_words_whole_on_a_phone(page, live_server, language):
    """Pages without a municipality (login, account) switch the language with a form; on a phone its
    label and button wrap as whole words, not letter by letter ("Languag|e", "Chang|e")."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/konto/anmelden/")
    assert page.locator("html").get_attribute("lang") == language
    lines = page.evaluate(
        """() => ['label', 'button'].map(tag => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('form.language-switcher ' + tag));
            return range.getClientRects().length;
        })"""
    )
    assert lines == [1, 1]
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client


def test_german_text_on_an_arabic_page_keeps_its_own_direction(page):
    """German fallback content runs left to right inside the right-to-left page (its full stop at the
    end, not at the start), the Arabic note inside it right to left; German names stay isolated."""
    page.goto("/voerde/ar/angebote/schnullerclub/")
    directions = page.evaluate(
        """() => Object.fromEntries(Object.entries({
            page: 'html',
            description: '.service__description[lang="de"]',
            note: '.service__description .fallback-note',
            provider: '.office__kind bdi',
            place: '.site-name__place',
        }).map(([key, selector]) => {
            const style = getComputedStyle(document.querySelector(selector));
            return [key, [style.direction, style.unicodeBidi]];
        }))"""
    )
    assert directions["page"][0] == "rtl"
    assert directions["description"] == ["ltr", "isolate"]
    assert directions["note"] == ["rtl", "isolate"]
    assert directions["provider"][1] == "isolate" and directions["place"][1] == "isolate"
