"""Coverage matrix: published services as target group × life phase × district; gaps and overlaps are
marked in words (not by colour only); the topic filter; only the own municipality's published offers."""

from __future__ import annotations

import re

import pytest
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.monitoring.coverage import GAP, OVERLAP, SINGLE, coverage_matrix
from tests.conftest import verified_client
from tests.referrals.factories import ServiceFactory

URL = "/stadt-a/de/intern/sozialraum/angebotsmatrix/"


def term(taxonomy: str, code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(taxonomy=taxonomy, code=code)


@pytest.fixture
def offers(tenants, social_area):
    a, b, _quarter = social_area
    with scopes_disabled():
        parents, toddlers = term("target_group", "eltern"), term("life_phase", "0-3")
        counselling, sport = term("topic", "beratung"), term("topic", "sport")
        mitte = a.districts.get(slug="voerde-mitte")
        sued = a.districts.get(slug="voerde-sued")

        def offer(name, *terms, districts=(), municipality=a, **fields):
            service = ServiceFactory(municipality=municipality, name=name, **fields)
            service.terms.set(terms)
            service.districts.set(districts)
            return service

        offer("Elterncafé Mitte", parents, toddlers, counselling, districts=[mitte])
        offer("Babytreff Mitte", parents, toddlers, counselling, districts=[mitte])
        offer("Eltern-Kind-Turnen", parents, toddlers, sport, districts=[mitte, sued])
        offer("Ohne Zielgruppe", toddlers, counselling, districts=[mitte])
        offer("Nicht veröffentlicht", parents, toddlers, counselling, is_published=False)
        offer("Eingestellt", parents, toddlers, counselling, status=Service.Status.DEFUNCT)
        offer("Stadt B", parents, toddlers, counselling, municipality=b)
    return a


def cell(matrix, group: str, phase: str, district: str):
    row = next(r for r in matrix.rows if r.target_group == group and r.life_phase == phase)
    return row.cells[matrix.districts.index(district)]


def test_gaps_overlaps_and_single_offers(offers):
    matrix = coverage_matrix(offers)
    assert matrix.service_count == 4  # unpublished, discontinued and Stadt B's offers are left out
    parents_toddlers = ("Eltern", "Kleinkinder (0–3 Jahre)")
    assert matrix.districts[0] == "Buschmannshof"
    mitte = cell(matrix, *parents_toddlers, "Voerde Mitte")
    assert (mitte.status, mitte.services) == (
        OVERLAP,
        ("Babytreff Mitte", "Eltern-Kind-Turnen", "Elterncafé Mitte"),
    )
    assert cell(matrix, *parents_toddlers, "Voerde Süd").status == SINGLE
    assert cell(matrix, *parents_toddlers, "Spellen").status == GAP
    assert matrix.unclassified == ["Ohne Zielgruppe"]


def test_a_city_wide_offer_counts_for_every_district(offers):
    with scopes_disabled():
        service = ServiceFactory(municipality=offers, name="Familienberatung")
        service.terms.set([term("target_group", "eltern"), term("life_phase", "0-3")])
    matrix = coverage_matrix(offers)
    row = next(
        r for r in matrix.rows if r.target_group == "Eltern" and r.life_phase == "Kleinkinder (0–3 Jahre)"
    )
    assert all("Familienberatung" in c.services for c in row.cells)


def test_page_filters_by_topic_and_says_gap_and_overlap_in_words(tenants, offers):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    page = client.get(URL).content.decode()
    assert "3 Angebote – Überschneidung" in page
    assert "Kein Angebot" in page
    assert '<th scope="col">Voerde Mitte</th>' in page
    response = client.get(URL + "?thema=sport")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Angebote – Überschneidung" not in page and "Babytreff" not in page
    assert re.search(r"1 veröffentlichtes Angebot\s+\(Thema: Sport und Bewegung", page)
    assert client.get(URL + "?thema=gibt-es-nicht").status_code == 422


def test_other_municipality_sees_only_its_own_offers(tenants, offers):
    client = verified_client(tenants[1].users[Role.COORDINATOR])
    page = client.get("/stadt-b/de/intern/sozialraum/angebotsmatrix/").content.decode()
    assert "Elterncafé" not in page and "Voerde Süd" not in page
    assert "1 veröffentlichtes Angebot" in page
