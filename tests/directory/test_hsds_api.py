"""The HSDS API: HSDA shapes, paging, search parameters, languages, bad input → 400, tenant isolation."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django_scopes import scopes_disabled

from familienbuero.directory.hsds import mapping
from tests.directory.fixtures_hsds.factories import ServiceFactory, full_directory

BASE = "/api/hsds/{}/"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture(autouse=True)
def _fresh_translation_cache():
    """django-parler caches translations by primary key; rolled-back tests reuse primary keys."""
    cache.clear()


@pytest.fixture
def directory(tenants):
    a, b = tenants
    with scopes_disabled():
        objects = full_directory(a.municipality)
        objects["b_service"] = ServiceFactory(municipality=b.municipality, slug="nur-in-b", name="Nur in B")
    return objects


def get(path: str, **params):
    return Client().get(path, params)


def test_service_list_is_an_hsda_page_of_published_services(directory):
    response = get(BASE.format("stadt-a") + "services/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == PAGE_KEYS
    assert data["total_items"] == 2
    assert [s["name"] for s in data["contents"]] == ["Erziehungsberatung", "Kinderturnen"]
    assert "service_at_locations" not in data["contents"][0]  # list form: one-to-one fields only
    assert data["contents"][0]["organization"]["name"] == "Jugendamt"


def test_service_detail_is_fully_nested(directory):
    service_id = directory["full"].uuid
    data = get(BASE.format("stadt-a") + f"services/{service_id}/").json()
    assert data == mapping.service_to_hsds(_reload(directory["full"]), mapping.Options())
    assert data["organization"]["name"] == "TV Beispiel e. V."
    location = data["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "46562"
    assert [a["description"] for a in location["accessibility"]][-1] == "Rampe am Seiteneingang."
    assert {c["name"] for c in data["contacts"]} == {"Anna Beispiel", "Geschäftsstelle"}
    assert data["attributes"][0]["link_entity"] == "service"
    assert "translations" not in data["x_familienbuero"]  # only the export carries every language


def _reload(service):
    from django_scopes import scope

    from familienbuero.directory.hsds import selectors

    with scope(municipality=service.municipality):
        return selectors.with_details(selectors.published_services().filter(pk=service.pk)).get()


@pytest.mark.parametrize(
    ("params", "headers", "name", "language"),
    [
        ({}, {}, "Kinderturnen", "de"),
        ({"lang": "en"}, {}, "Children's gym", "en"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "ar, en;q=0.5"}, "جمباز الأطفال", "ar"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR, en-GB;q=0.8"}, "Children's gym", "en"),
        ({"lang": "uk"}, {"HTTP_ACCEPT_LANGUAGE": "en"}, "Kinderturnen", "uk"),
    ],
)
def test_text_fields_in_the_requested_language_with_german_fallback(
    directory, params, headers, name, language
):
    response = Client().get(BASE.format("stadt-a") + f"services/{directory['full'].uuid}/", params, **headers)
    assert response.json()["name"] == name
    assert response["Content-Language"] == language


def test_english_falls_back_to_german_field_by_field(directory):
    data = get(BASE.format("stadt-a") + f"services/{directory['full'].uuid}/", lang="en").json()
    assert data["description"] == "Exercise for children aged 3 to 6."
    assert data["application_process"] == "Einfach vorbeikommen."


def test_unpublished_services_are_invisible(directory):
    hidden = directory["hidden"].uuid
    assert get(BASE.format("stadt-a") + f"services/{hidden}/").status_code == 404
    names = [s["id"] for s in get(BASE.format("stadt-a") + "services/", per_page=100).json()["contents"]]
    assert str(hidden) not in names


def test_other_municipality_never_sees_a_services(directory):
    full = directory["full"]
    response = get(BASE.format("stadt-b") + "services/")
    assert [s["name"] for s in response.json()["contents"]] == ["Nur in B"]
    assert get(BASE.format("stadt-b") + f"services/{full.uuid}/").status_code == 404
    assert get(BASE.format("stadt-b") + f"organizations/{full.organization.uuid}/").status_code == 404
    assert get(BASE.format("stadt-b") + f"locations/{directory['centre'].uuid}/").status_code == 404
    assert get(BASE.format("stadt-b") + "services/", search="Kinderturnen").json()["total_items"] == 0
    assert get(BASE.format("stadt-b") + "services/", organization_id=str(full.organization.uuid)).json()[
        "empty"
    ]


def test_unknown_municipality_is_404(directory):
    assert get(BASE.format("nirgendwo") + "services/").status_code == 404


def test_paging(directory):
    with scopes_disabled():
        for number in range(5):
            ServiceFactory(municipality=directory["full"].municipality, slug=f"zz-{number}")
    first = get(BASE.format("stadt-a") + "services/", per_page=3).json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (7, 3, 3)
    assert first["first_page"] and not first["last_page"]
    last = get(BASE.format("stadt-a") + "services/", per_page=3, page=3).json()
    assert (last["size"], last["last_page"], last["empty"]) == (1, True, False)
    beyond = get(BASE.format("stadt-a") + "services/", per_page=3, page=4).json()
    assert beyond["empty"] and beyond["contents"] == []


def test_search_parameters(directory):
    full = directory["full"]
    url = BASE.format("stadt-a") + "services/"
    assert [s["name"] for s in get(url, search="turnen").json()["contents"]] == ["Kinderturnen"]
    assert get(url, search="gym").json()["total_items"] == 1  # any language
    term = full.terms.get(code="sport-test")
    assert get(url, taxonomy_term_id=str(term.uuid)).json()["total_items"] == 1
    assert get(url, taxonomy_id=mapping.taxonomy_id("topic")).json()["total_items"] == 1
    assert get(url, taxonomy_id=mapping.taxonomy_id("life_phase")).json()["total_items"] == 0
    assert get(url, organization_id=str(full.organization.uuid)).json()["total_items"] == 1
    assert get(url, modified_after="2999-01-01T00:00:00").json()["total_items"] == 0
    assert get(url, modified_after="2000-01-01T00:00:00+02:00").json()["total_items"] == 2
    minimal = get(url, minimal="true").json()["contents"]
    assert set(minimal[0]) == {"id", "last_modified"}
    full_list = get(url, full="true").json()["contents"]
    assert "service_at_locations" in full_list[1]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"per_page": "101"},
        {"per_page": "-1"},
        {"taxonomy_term_id": "kein-uuid"},
        {"modified_after": "gestern"},
        {"modified_after": "0001-01-01T00:00:00+14:00"},
        {"lang": "fr"},
        {"search": "a\x00b"},
        {"search": "x" * 201},
        {"minimal": "vielleicht"},
    ],
)
def test_invalid_parameters_answer_400_json(directory, params):
    response = get(BASE.format("stadt-a") + "services/", **params)
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_malformed_id_is_400_and_unknown_id_404(directory):
    assert get(BASE.format("stadt-a") + "services/123/").status_code == 400
    assert get(BASE.format("stadt-a") + "services/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_organizations_locations_and_vocabularies(directory):
    base = BASE.format("stadt-a")
    organizations = get(base + "organizations/").json()
    assert {o["name"] for o in organizations["contents"]} >= {"TV Beispiel e. V.", "Jugendamt"}
    club = get(base + f"organizations/{directory['club'].uuid}/").json()
    assert [s["name"] for s in club["services"]] == ["Kinderturnen"]
    nested = get(base + f"organizations/{directory['club'].uuid}/", full_service="true").json()
    assert nested["services"][0]["contacts"]
    locations = get(base + "locations/", search="Rönken").json()
    assert [loc["name"] for loc in locations["contents"]] == ["Quartierszentrum Rönkenstraße"]
    taxonomies = get(base + "taxonomies/", lang="en").json()
    assert [t["name"] for t in taxonomies["contents"]] == ["Topic", "Target group", "Life phase"]
    topic = get(base + f"taxonomies/{mapping.taxonomy_id('topic')}/").json()
    assert topic == mapping.taxonomy_to_hsds("topic", mapping.Options())
    terms = get(base + "taxonomy_terms/", taxonomy_id=mapping.taxonomy_id("topic"), per_page=100).json()
    assert terms["total_items"] >= 1 and all(t["taxonomy"] == "topic" for t in terms["contents"])
    term_id = terms["contents"][0]["id"]
    assert get(base + f"taxonomy_terms/{term_id}/").json()["id"] == term_id
    meta = get(base).json()
    assert meta["version"] == "3.0" and meta["openapi_url"].endswith("/api/hsds/openapi.json")


def test_openapi_schema_at_a_stable_url_without_docs_ui(db):
    schema = get("/api/hsds/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/hsds/{municipality_slug}/services/" in schema["paths"]
    assert get("/api/hsds/docs/").status_code == 404


def test_language_enum_matches_settings():
    from familienbuero.directory.hsds.api import Lang

    assert set(Lang.__args__) == set(mapping.LANGUAGE_CODES)


def test_list_queries_do_not_grow_with_the_number_of_services(directory, django_assert_max_num_queries):
    with scopes_disabled():
        for number in range(10):
            ServiceFactory(municipality=directory["full"].municipality, slug=f"zz-{number}")
    with django_assert_max_num_queries(25):
        assert get(BASE.format("stadt-a") + "services/", full="true", per_page=100).status_code == 200
