"""Public directory pages: the search page (shareable URL, no JavaScript needed, htmx fragment),
invalid filters (422 with a German message, never 500) and the page of one service."""

from __future__ import annotations

import json
import re
from datetime import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from familienbuero.directory.forms_search import AGE_MESSAGE
from familienbuero.directory.models import CostOption, Organization, Service
from familienbuero.directory.search import forget_vocabulary
from tests import factories
from tests.directory import factories_directory as f

SEARCH = "/stadt-a/de/angebote/"


def german(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _fresh_translation_cache():
    """django-parler caches translations by primary key in Django's cache; ids are reused after a
    test's rollback, so a cached translation of an earlier test would stand in for this test's."""
    cache.clear()
    forget_vocabulary()


@pytest.fixture
def town(db):
    with scopes_disabled():
        town = factories.MunicipalityFactory(slug="stadt-a", name="Stadt A")
        other = factories.MunicipalityFactory(slug="stadt-b", name="Stadt B")
        north = f.district(town, "nord", "51.6000", "6.6900")
        pool = f.location(town, "Hallenbad", "51.6010", "6.6910", district=north, step_free=True)
        club = factories.OrganizationFactory(
            municipality=town, name="TV Beispiel", kind=Organization.Kind.CLUB, website="https://tv.example/"
        )
        swim = f.service(
            town,
            "schwimmkurs",
            "Schwimmkurs für Kinder",
            "Schwimmen lernen in kleinen Gruppen.",
            organization=club,
            translations={"ar": ("دورة سباحة للأطفال", "تعلّم السباحة في مجموعات صغيرة.")},
            terms=["sport", "kinder"],
            languages=["de", "ar"],
            locations=[pool],
            times=[(3, time(15), time(16))],
            minimum_age=6,
            maximum_age=10,
            free_of_charge=False,
            but_eligible=True,
            anonymous_possible=True,
            phone="02855 1234",
            email="schwimmen@tv.example",
            index=False,
        )
        CostOption.objects.create(service=swim, option="10 Stunden", amount="40.00")
        f.service(
            town, "beratung", "Schuldnerberatung", "Hilfe bei Schulden.", terms=["beratung"], index=False
        )
        f.service(town, "entwurf", "Schwimmkurs im Entwurf", is_published=False, index=False)
        f.service(town, "alt", "Alter Schwimmkurs", status=Service.Status.DEFUNCT, index=False)
        f.service(other, "anderswo", "Schwimmkurs in B", index=False)
        for i in range(23):
            f.service(town, f"kurs-{i:02d}", f"Kurs Nummer {i}", terms=["lernen"], index=False)
    from familienbuero.directory.search import rebuild_index

    rebuild_index()
    return town


def html_of(response) -> str:
    return response.content.decode()


def test_search_page_without_query_lists_everything_public(client, town):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = html_of(response)
    assert html.count('class="card search-hit"') == 20  # of 25 public services
    assert 'rel="next"' in html
    assert 'role="search"' in html
    assert 'aria-live="polite"' in html
    html = html_of(client.get(f"{SEARCH}?q=Schwimmkurs"))
    assert html.count('class="card search-hit"') == 1
    assert "Schwimmkurs für Kinder" in html
    assert "Schwimmkurs im Entwurf" not in html
    assert "Alter Schwimmkurs" not in html
    assert "Schwimmkurs in B" not in html


def test_all_filters_are_in_the_shareable_address(client, town):
    url = (
        f"{SEARCH}?q=Schwimmkurse&alter=8&thema=sport&zielgruppe=kinder&stadtteil=nord&sprache=ar&naehe=nord"
    )
    response = client.get(url)
    assert response.status_code == 200
    html = html_of(response)
    assert re.search(r'<h3><a href="/stadt-a/de/angebote/schwimmkurs/">Schwimmkurs für Kinder</a>', html)
    # The form shows the choices again, so the same address gives the same page.
    assert 'value="Schwimmkurse"' in html
    assert 'value="8"' in html
    for name, value in [
        ("thema", "sport"),
        ("zielgruppe", "kinder"),
        ("stadtteil", "nord"),
        ("sprache", "ar"),
    ]:
        assert re.search(rf'name="{name}" value="{value}" id="[^"]+" checked', html), name
    assert '<option value="nord" selected>' in html
    assert "0,1 km" in html  # distance from the district centre


def test_result_cards_show_the_facts_a_family_compares_by_in_the_page_language(client, town):
    html = html_of(client.get("/stadt-a/en/angebote/?q=Schwimmkurs&naehe=nord"))
    # No English text: name and description in German, marked as such for screen readers.
    assert '<a href="/stadt-a/en/angebote/schwimmkurs/" lang="de">Schwimmkurs für Kinder</a>' in html
    assert '<p lang="de">Schwimmen lernen in kleinen Gruppen.</p>' in html
    assert '<p class="search-hit__provider">TV Beispiel</p>' in html
    facts = re.search(r'<ul class="search-hit__facts">(.*?)</ul>', html).group(1)
    assert re.findall(r"<li>(.*?)</li>", facts) == [
        "Ages 6 to 10",
        "Costs can be paid by the education and participation package (BuT)",
        "Step-free access",
        "Languages: German, Arabic",
        "0.1 km away",
    ]
    html = html_of(client.get("/stadt-a/ar/angebote/?q=Schwimmkurs"))
    assert ">دورة سباحة للأطفال</a>" in html and 'lang="de">دورة' not in html
    facts = re.search(r'<ul class="search-hit__facts">(.*?)</ul>', html).group(1)
    with translation.override("ar"):
        assert f"<li>{gettext('Step-free access')}</li>" in facts
        assert "Step-free access" not in facts


def test_pagination_keeps_the_filters(client, town):
    html = html_of(client.get(f"{SEARCH}?q=Kurs&thema=lernen"))
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(next_link).query) == {"q": ["Kurs"], "thema": ["lernen"], "seite": ["2"]}
    page2 = html_of(client.get(next_link))
    assert 'rel="prev"' in page2
    assert page2.count('class="card search-hit"') == 3
    assert 'start="21"' in page2


def test_htmx_request_gets_the_results_fragment_with_out_of_band_facets_and_count(client, town):
    response = client.get(f"{SEARCH}?q=Schwimmkurs", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="search-results"')
    assert '<div id="search-facets" hx-swap-oob="innerHTML">' in html
    assert '<p id="search-count" hx-swap-oob="innerHTML">' in html
    # The full page also answers a history restore (back button) with the whole page.
    restore = client.get(
        f"{SEARCH}?q=Schwimmkurs", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in html_of(restore)


def test_search_form_works_without_javascript(client, town):
    html = html_of(client.get(SEARCH))
    form = re.search(r"<form [^>]*id=\"search-form\"[^>]*>", html).group(0)
    assert 'method="get"' in form
    assert f'action="{SEARCH}"' in form
    assert '<button type="submit">' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("alter=abc", AGE_MESSAGE),
        ("alter=999", AGE_MESSAGE),
        ("alter=-1", AGE_MESSAGE),
        ("stadtteil=atlantis", "This district is not known: %(value)s."),
        ("thema=zauberei", "This topic is not known: %(value)s."),
        ("sprache=Deutsch", "This is not a language code: %(value)s."),
        ("naehe=atlantis", "This district is not known: %(value)s."),
        ("seite=0", "The page number must be a whole number."),
        ("q=" + "x" * 201, None),
    ],
)
def test_invalid_filters_answer_422_with_a_german_message(client, town, query, message):
    response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 422
    html = html_of(response)
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html or "search-filters" in html
    if message:
        value = query.split("=", 1)[1]
        assert german(message) % {"value": value} in html or german(message) in html


def test_invalid_filter_keeps_the_results_of_the_valid_ones(client, town):
    response = client.get(f"{SEARCH}?q=Schwimmkurs&alter=abc&thema=sport")
    assert response.status_code == 422
    html = html_of(response)
    assert "Schwimmkurs für Kinder" in html
    assert re.search(r'name="thema" value="sport" id="[^"]+" checked', html)


def test_page_beyond_the_last_links_back_to_the_first(client, town):
    response = client.get(f"{SEARCH}?q=Schwimmkurs&seite=9")
    assert response.status_code == 200
    assert f'href="{SEARCH}?q=Schwimmkurs"' in html_of(response)


def test_arabic_search_page_is_right_to_left_and_finds_arabic_text(client, town):
    html = html_of(client.get("/stadt-a/ar/angebote/?q=سباحة&alter=8"))
    assert '<html lang="ar" dir="rtl">' in html
    assert "دورة سباحة للأطفال" in html


def test_search_page_needs_a_bounded_number_of_queries(client, town, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get(f"{SEARCH}?q=Kurs&alter=8&thema=lernen&naehe=nord&kostenlos=1")


def test_search_queries_do_not_grow_with_the_hits_on_the_page(client, town):
    """Facet counts come from aggregate SQL and the cards' details from one query per relation, so a
    page of 20 cards costs as many queries as a page of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(f"{SEARCH}?q=Schwimmkurs")  # vocabulary cached, sessions warm
    with CaptureQueriesContext(connection) as one:
        html = html_of(client.get(f"{SEARCH}?q=Schwimmkurs&naehe=nord"))
    assert html.count('class="card search-hit"') == 1
    with CaptureQueriesContext(connection) as twenty:
        html = html_of(client.get(f"{SEARCH}?q=Kurs&naehe=nord"))
    assert html.count('class="card search-hit"') == 20
    assert len(twenty) <= len(one) + 1  # "Kurs" may take one more vocabulary look-up


def test_service_page_shows_everything_a_family_needs(client, town):
    response = client.get("/stadt-a/de/angebote/schwimmkurs/")
    assert response.status_code == 200
    html = html_of(response)
    for text in [
        "Schwimmkurs für Kinder",
        "Schwimmen lernen in kleinen Gruppen.",
        "TV Beispiel",
        "Hallenbad",
        "Hauptstraße 1",
        "geo:51.601000,6.691000",
        "openstreetmap.org",
        "10 Stunden",
        "40,00 €",
        'href="tel:028551234"',
        "mailto:schwimmen@tv.example",
        "15:00–16:00",
        "Arabisch",
    ]:
        assert text in html, text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Service"
    assert data["name"] == "Schwimmkurs für Kinder"
    assert data["audience"] == {"@type": "PeopleAudience", "suggestedMinAge": 6, "suggestedMaxAge": 10}
    assert data["availableLanguage"] == ["ar", "de"]
    assert data["hoursAvailable"][0]["dayOfWeek"] == "https://schema.org/Thursday"


def test_service_page_in_arabic_uses_the_translation(client, town):
    html = html_of(client.get("/stadt-a/ar/angebote/schwimmkurs/"))
    assert '<html lang="ar" dir="rtl">' in html
    assert "دورة سباحة للأطفال" in html


@pytest.mark.parametrize("slug", ["entwurf", "alt", "anderswo", "gibt-es-nicht"])
def test_unpublished_discontinued_and_foreign_services_are_404(client, town, slug):
    assert client.get(f"/stadt-a/de/angebote/{slug}/").status_code == 404
