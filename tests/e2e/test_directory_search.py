"""A family finds the swimming course for an 8-year-old in Arabic – keyboard only – and neither the search
page nor the course's page has an axe-core (WCAG 2.1 AA) violation."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_keyboard import active, tab_until

pytestmark = pytest.mark.e2e

COURSE_AR = "دورة سباحة للأطفال يوم السبت"
ADULTS_AR = "دورة سباحة للكبار"


@pytest.fixture
def swimming(demo):
    """Two swimming courses with Arabic texts (one for children 6–10, one for adults), indexed."""
    from django.core.cache import cache
    from django_scopes import scopes_disabled

    from familienbuero.directory.models import Organization, Service, ServiceAtLocation, ServiceLanguage
    from familienbuero.directory.search import forget_vocabulary, rebuild_index
    from familienbuero.tenancy.models import Location, Municipality

    cache.clear()
    forget_vocabulary()
    with scopes_disabled():
        voerde = Municipality.objects.get(slug="voerde")
        club = Organization.objects.get(municipality=voerde, slug="tv-voerde")
        place = Location.objects.filter(municipality=voerde).first()
        for slug, (de, ar), (low, high) in [
            ("e2e-schwimmen-kinder", ("Schwimmkurs für Kinder am Samstag", COURSE_AR), (6, 10)),
            ("e2e-schwimmen-erwachsene", ("Schwimmkurs für Erwachsene", ADULTS_AR), (18, None)),
        ]:
            service = Service(
                municipality=voerde, organization=club, slug=slug, minimum_age=low, maximum_age=high
            )
            service.set_current_language("de")
            service.name, service.description = de, "Schwimmen lernen in kleinen Gruppen im Hallenbad."
            service.save()
            service.set_current_language("ar")
            service.name, service.description = ar, "تعلّم السباحة في مجموعات صغيرة في المسبح."
            service.save()
            ServiceLanguage.objects.create(service=service, code="ar")
            ServiceAtLocation.objects.create(service=service, location=place)
        rebuild_index(voerde)


def test_family_finds_swimming_course_for_eight_year_old_in_arabic_by_keyboard(page, swimming, axe_check):
    page.goto("/voerde/ar/angebote/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    axe_check(page, "search page")

    tab_until(page, lambda el: el["name"] == "q")
    page.keyboard.type("سباحة")
    page.keyboard.press("Tab")
    assert active(page)["name"] == "alter"
    page.keyboard.type("8")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"alter=8"))
    page.wait_for_load_state("load")

    results = page.locator("#search-results")
    results.get_by_role("link", name=COURSE_AR).wait_for()
    assert results.get_by_role("link", name=ADULTS_AR).count() == 0
    assert page.locator("#search-count").inner_text().strip()
    axe_check(page, "search results")

    link = tab_until(page, lambda el: (el["href"] or "").endswith("/angebote/e2e-schwimmen-kinder/"))
    assert link["text"] == COURSE_AR
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/voerde/ar/angebote/e2e-schwimmen-kinder/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == COURSE_AR
    assert page.locator("html").get_attribute("lang") == "ar"
    axe_check(page, "service page")


def test_results_update_live_while_typing_and_the_address_follows(page, swimming):
    page.goto("/voerde/de/angebote/")
    page.evaluate("window.notReloaded = true")
    tab_until(page, lambda el: el["name"] == "q")
    page.keyboard.type("Schwimmkurs Samstag")
    page.locator("#search-results").get_by_role("link", name="Schwimmkurs für Kinder am Samstag").wait_for()
    page.wait_for_url(re.compile(r"q=Schwimmkurs"))
    assert page.evaluate("window.notReloaded") is True, "the page was reloaded instead of updated"
    assert active(page)["name"] == "q", "focus left the search field"
    assert "1" in page.locator("#search-count").inner_text()
