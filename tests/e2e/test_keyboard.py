"""Keyboard-only use: skip link, language switch, staff login with the second factor, focus indicators."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.e2e

MAX_TAB_STOPS = 40

# A description of document.activeElement that is easy to read in assertion messages.
ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
    hreflang: el.getAttribute('hreflang'), href: el.getAttribute('href'),
    text: (el.innerText || el.value || '').trim().slice(0, 60),
    inMain: !!el.closest('main'),
  };
}"""


def german(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


def active(page) -> dict | None:
    return page.evaluate(ACTIVE)


def tab_until(page, predicate, *, key: str = "Tab") -> dict:
    """Press ``key`` until the focused element matches; fail after MAX_TAB_STOPS presses."""
    seen = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press(key)
        element = active(page)
        seen.append(element)
        if element and predicate(element):
            return element
    pytest.fail(f"no matching element after {MAX_TAB_STOPS}× {key}; focus went through: {seen}")


def test_skip_link_and_language_switch_by_keyboard(page):
    page.goto("/voerde/de/")
    skip_link = page.locator("a.skip-link")
    hidden_box = skip_link.bounding_box()
    assert hidden_box is not None
    assert hidden_box["y"] + hidden_box["height"] <= 0, "skip link should be off-screen until focused"

    page.keyboard.press("Tab")
    first = active(page)
    assert first is not None, "Tab focused nothing"
    assert first["href"] == "#main"
    assert first["text"] in {german("Skip to content"), "Zum Inhalt springen", "Skip to content"}
    skip_box = skip_link.bounding_box()
    assert skip_box is not None
    assert skip_box["y"] >= 0, "focused skip link is still off-screen"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, past the header.
    assert tab_until(page, lambda el: True)["inMain"]

    # Back (Shift+Tab) into the header's language switcher, then choose Arabic with Enter.
    arabic = tab_until(page, lambda el: el["hreflang"] == "ar", key="Shift+Tab")
    assert arabic["href"] == "/voerde/ar/"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/voerde/ar/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"


def test_staff_login_with_second_factor_by_keyboard(page):
    from django_otp.oath import totp

    from familienbuero.accounts.demo import DEMO_PASSWORD, demo_totp_key

    page.goto("/konto/anmelden/")
    if page.evaluate("document.activeElement.name") != "username":
        tab_until(page, lambda el: el["name"] == "username")
    page.keyboard.type("lotsin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/konto/zwei-faktor/" in page.url, page.url

    if page.evaluate("document.activeElement.name") != "token":
        tab_until(page, lambda el: el["name"] == "token")
    page.keyboard.type(f"{totp(bytes.fromhex(demo_totp_key('lotsin'))):06d}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/voerde/[a-z]{2}/intern/$"))
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == german("Back office")


def test_every_tab_stop_on_office_page_shows_a_focus_indicator(page):
    page.goto("/voerde/de/buero/roenkenstrasse/")
    missing, stops = [], []
    for _ in range(15):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const s = getComputedStyle(el);
              return {
                html: el.outerHTML.slice(0, 120),
                outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                boxShadow: s.boxShadow,
              };
            }"""
        )
        if style is None:  # wrapped past the last element
            break
        stops.append(style["html"])
        outline = style["outlineStyle"] != "none" and style["outlineWidth"] > 0
        if not outline and style["boxShadow"] == "none":
            missing.append(style)
    assert len(stops) >= 10, f"expected at least 10 tab stops, got {stops}"
    assert not missing, f"focused elements without a visible focus indicator: {missing}"
