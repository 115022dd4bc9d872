"""Open-data pages over HTTP: public, cookie-free, per municipality, unknown things are 404."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = [pytest.mark.urls("tests.monitoring.urls"), pytest.mark.usefixtures("monitoring_app")]

SLUG = "raeume-nach-art-und-bezirk"
BASE_A = "/stadt-a/de/opendata/"
BASE_B = "/stadt-b/de/opendata/"


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))


def test_overview_lists_the_datasets_with_their_files_and_the_catalogue(towns, client):
    response = client.get(BASE_A)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Räume des Familienbüros nach Art und Bezirk" in html
    assert f'href="http://testserver{BASE_A}{SLUG}.csv"' in html
    assert f'href="http://testserver{BASE_A}{SLUG}.csv-metadata.json"' in html
    assert f'href="http://testserver{BASE_A}catalog.jsonld"' in html
    assert 'href="https://www.govdata.de/dl-de/by-2-0"' in html
    # The table itself, accessibly marked up, with the protected figures only.
    assert '<table class="opendata-table" lang="de" dir="ltr">' in html
    assert '<th scope="col">Art des Raums</th>' in html
    assert '<th scope="row">Gruppenraum</th>' in html
    # Markers are read out in words.
    assert '<td><span aria-hidden="true">&lt;5</span><span class="visually-hidden" lang="de">' in html
    assert '<td><span aria-hidden="true">.</span><span class="visually-hidden" lang="de">' in html
    assert not response.cookies


def test_overview_in_a_right_to_left_language_keeps_the_german_table_left_to_right(towns, client):
    html = client.get("/stadt-a/ar/opendata/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<table class="opendata-table" lang="de" dir="ltr">' in html
    # Files and catalogue always have their German address.
    assert f"http://testserver{BASE_A}{SLUG}.csv" in html


def test_csv_download(towns, client):
    response = client.get(f"{BASE_A}{SLUG}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Access-Control-Allow-Origin"] == "*"
    metadata = f"http://testserver{BASE_A}{SLUG}.csv-metadata.json"
    assert response["Link"] == f'<{metadata}>; rel="describedby"; type="application/csvm+json"'
    assert not response.content.startswith(b"\xef\xbb\xbf")
    table = rows(response)
    assert table[0][0] == "Art des Raums"
    for value in (value for row in table[1:] for value in row[1:]):
        assert value in {"<5", "."} or value == "0" or int(value) >= 5
    assert not response.cookies


def test_csv_metadata_points_to_the_csv(towns, client):
    response = client.get(f"{BASE_A}{SLUG}.csv-metadata.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/csvm+json; charset=utf-8"
    metadata = json.loads(response.content)
    assert metadata["url"] == f"http://testserver{BASE_A}{SLUG}.csv"
    assert len(metadata["tableSchema"]["columns"]) == len(rows(client.get(f"{BASE_A}{SLUG}.csv"))[0])


def test_catalogue(towns, client):
    response = client.get(f"{BASE_A}catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    catalog = json.loads(response.content)
    assert catalog["@type"] == "dcat:Catalog"
    (dataset,) = [node for node in catalog["dcat:dataset"] if node["@id"].endswith(f"#{SLUG}")]
    assert dataset["dcat:distribution"][0]["dcat:downloadURL"] == {
        "@id": f"http://testserver{BASE_A}{SLUG}.csv"
    }
    assert dataset["dcatde:politicalGeocodingURI"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05170044"
    }


def test_catalogue_fetched_in_another_language_names_the_same_resources(towns, client):
    german = json.loads(client.get(f"{BASE_A}catalog.jsonld").content)
    english = json.loads(client.get("/stadt-a/en/opendata/catalog.jsonld").content)
    assert german == english


def test_each_municipality_publishes_only_its_own_figures(towns, client):
    csv_b = client.get(f"{BASE_B}{SLUG}.csv").content.decode()
    assert csv_b == (
        "Art des Raums,Mitte,ohne Bezirkszuordnung,Insgesamt\r\n"
        "Empfang und offene Anlaufstelle,0,0,0\r\n"
        "Vertraulicher Beratungsraum,0,0,0\r\n"
        "Gruppenraum,8,0,8\r\n"
        "Insgesamt,8,0,8\r\n"
    )
    assert "Mitte" not in client.get(f"{BASE_A}{SLUG}.csv").content.decode()

    catalog_b = client.get(f"{BASE_B}catalog.jsonld").content.decode()
    assert "stadt-a" not in catalog_b and "Stadt A" not in catalog_b and "05170044" not in catalog_b
    assert json.loads(catalog_b)["dct:publisher"]["foaf:name"] == "Stadt B"
    assert "Nord" not in client.get(BASE_B).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE_A}unbekannt.csv",
        f"{BASE_A}unbekannt.csv-metadata.json",
        f"{BASE_A}{SLUG}.xlsx",
        f"/gibt-es-nicht/de/opendata/{SLUG}.csv",
        f"/stadt-a/xx/opendata/{SLUG}.csv",
    ],
)
def test_unknown_things_are_404(towns, client, path):
    assert client.get(path).status_code == 404


def test_inactive_municipality_is_404(towns, client):
    towns[0].is_active = False
    towns[0].save()
    assert client.get(f"{BASE_A}catalog.jsonld").status_code == 404


@pytest.mark.parametrize("path", [BASE_A, f"{BASE_A}{SLUG}.csv", f"{BASE_A}catalog.jsonld"])
def test_only_reading_is_allowed(towns, client, path):
    assert client.post(path).status_code == 405
    assert client.head(path).status_code == 200
