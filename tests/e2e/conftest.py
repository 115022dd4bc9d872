"""Real-browser tests: Django's live server + the system Chromium via Playwright.

Run with ``pytest tests/e2e -m e2e``. The browser is started once for this package; every test gets a
fresh browser context (cookies, storage) and page. Demo data is loaded into the test database
after the live server is up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# axe-core rule tags for WCAG 2.1 levels A and AA.
WCAG21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an e2e test; skip them all if no Chromium is installed."""
    here = Path(__file__).parent
    missing = not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM))
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="package")
def async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running in the test thread, so Django's ORM (demo data,
    database flush) would refuse to run there. Allowed only while this package's tests run, so that
    neither other tests nor their subprocesses (``manage.py check --deploy``) see the switch."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(async_unsafe_allowed) -> Iterator[object]:
    """One Chromium for this package; closed (and Playwright's event loop stopped) after its last test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(async_unsafe_allowed, live_server) -> list:
    """The Voerde demo in the (transactional) test database the live server reads."""
    from familienbuero.core.demo import load_demo

    return load_demo()


@pytest.fixture
def page(browser, live_server, demo) -> Iterator[object]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Runs axe-core (WCAG 2.1 A/AA rules) on a page and fails with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, label: str) -> None:
        # Contrast and target-size rules are only meaningful with the site's stylesheet applied.
        position = page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")
        assert position == "absolute", "site.css is not applied"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA_TAGS}})
        violations = results.response["violations"]
        if violations:
            lines = [f"{label}: {len(violations)} axe violation(s) on {page.url}"]
            for v in violations:
                lines.append(f"- {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
                for node in v["nodes"]:
                    lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
                    if node.get("failureSummary"):
                        lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
            pytest.fail("\n".join(lines), pytrace=False)

    return check
