"""Open-data files without HTTP: the rooms statistic, its CSV, the CSVW metadata and the DCAT catalogue."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django_scopes import scopes_disabled

from familienbuero.monitoring import opendata
from familienbuero.monitoring.datasets import ROOMS, rooms_by_kind_and_district
from familienbuero.monitoring.disclosure import HIDDEN_MARKER, protect

DAY = date(2026, 11, 24)
SMALL = "<5"
MARKERS = {SMALL, HIDDEN_MARKER}


def links(slug: str = "stadt-a") -> opendata.Links:
    base = f"https://familienbuero.example.de/{slug}/de/opendata/"
    return opendata.Links(
        page=base,
        catalog=f"{base}catalog.jsonld",
        csv=lambda name: f"{base}{name}.csv",
        metadata=lambda name: f"{base}{name}.csv-metadata.json",
    )


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def release_a(towns):
    return opendata.release(ROOMS, towns[0], DAY)


def test_rooms_are_counted_by_kind_and_district_of_their_location(towns):
    table = rooms_by_kind_and_district(towns[0])
    assert [name for name, _label in table.rows] == ["reception", "counselling", "group"]
    assert table.columns == [
        ("bezirk_nord", "Nord"),
        ("bezirk_sued", "Sued"),
        ("ohne_bezirk", "ohne Bezirkszuordnung"),
    ]
    assert table.counts == [[0, 2, 1], [6, 7, 0], [1, 0, 0]]


def test_rooms_of_another_municipality_are_not_counted(towns):
    table = rooms_by_kind_and_district(towns[1])
    assert [name for name, _label in table.columns] == ["bezirk_mitte", "ohne_bezirk"]
    assert table.counts == [[0, 0], [0, 0], [8, 0]]


def test_release_uses_german_labels_and_protects_the_counts(release_a):
    assert release_a.table.rows[0] == ("reception", "Empfang und offene Anlaufstelle")
    assert release_a.protected == protect([[0, 2, 1], [6, 7, 0], [1, 0, 0]])
    assert release_a.coverage == (DAY, DAY)


def test_csv_never_contains_a_small_figure_and_uses_the_markers(release_a):
    text = opendata.csv_text(release_a)
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = parse(text)
    assert rows[0] == ["Art des Raums", "Nord", "Sued", "ohne Bezirkszuordnung", "Insgesamt"]
    assert [row[0] for row in rows[1:]] == [
        "Empfang und offene Anlaufstelle",
        "Vertraulicher Beratungsraum",
        "Gruppenraum",
        "Insgesamt",
    ]
    figures = [value for row in rows[1:] for value in row[1:]]
    assert SMALL in figures and HIDDEN_MARKER in figures
    for value in figures:
        assert value in MARKERS or value == "0" or int(value) >= 5, value
    # The three small cells (2, 1, 1) and the small totals (3, 1, 1) are not in the file.
    assert rows[1][2:4] == [SMALL, SMALL] and rows[3][1] == SMALL
    assert rows[1][4] == HIDDEN_MARKER and rows[3][4] == HIDDEN_MARKER and rows[4][3] == HIDDEN_MARKER


def test_published_figures_add_up(release_a):
    rows = [row[1:] for row in parse(opendata.csv_text(release_a))[1:]]
    lines = [*rows, *map(list, zip(*rows, strict=True))]  # rows and columns, each with its total last
    for line in lines:
        if not MARKERS.intersection(line):
            assert sum(map(int, line[:-1])) == int(line[-1])


def test_table_without_small_figures_is_published_in_full(towns):
    text = opendata.csv_text(opendata.release(ROOMS, towns[1], DAY))
    assert text == (
        "Art des Raums,Mitte,ohne Bezirkszuordnung,Insgesamt\r\n"
        "Empfang und offene Anlaufstelle,0,0,0\r\n"
        "Vertraulicher Beratungsraum,0,0,0\r\n"
        "Gruppenraum,8,0,8\r\n"
        "Insgesamt,8,0,8\r\n"
    )


def test_csvw_metadata_describes_every_column_the_markers_and_the_licence(release_a):
    url = "https://familienbuero.example.de/stadt-a/de/opendata/raeume-nach-art-und-bezirk.csv"
    metadata = opendata.csvw_metadata(release_a, url)
    json.dumps(metadata)  # serialisable
    assert metadata["@context"] == ["http://www.w3.org/ns/csvw", {"@language": "de"}]
    assert metadata["url"] == url
    assert metadata["dc:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    assert metadata["dc:publisher"]["foaf:name"] == "Stadt A – Jugendamt"
    assert metadata["dialect"]["delimiter"] == "," and metadata["dialect"]["header"] is True
    columns = metadata["tableSchema"]["columns"]
    header = parse(opendata.csv_text(release_a))[0]
    assert [column["titles"]["de"] for column in columns] == header
    assert [column["name"] for column in columns] == [
        "art_des_raums",
        "bezirk_nord",
        "bezirk_sued",
        "ohne_bezirk",
        "insgesamt",
    ]
    assert metadata["tableSchema"]["primaryKey"] == "art_des_raums"
    for column in columns[1:]:
        assert column["datatype"] == {"base": "nonNegativeInteger"}
        assert column["null"] == [SMALL, HIDDEN_MARKER]
    assert "„<5“: 1 bis 4" in metadata["dc:description"]


def test_dcat_catalogue_describes_each_dataset_with_licence_and_political_geocoding(release_a, towns):
    catalog = opendata.dcat_catalog(towns[0], [release_a], links())
    json.loads(json.dumps(catalog))
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalog["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["dct:publisher"] == {
        "@type": "foaf:Agent",
        "foaf:name": "Stadt A – Jugendamt",
        "dct:type": {"@id": "http://purl.org/adms/publishertype/LocalAuthority"},
    }
    (dataset,) = catalog["dcat:dataset"]
    assert dataset["@type"] == "dcat:Dataset"
    assert (
        dataset["@id"] == "https://familienbuero.example.de/stadt-a/de/opendata/#raeume-nach-art-und-bezirk"
    )
    assert dataset["dct:title"] == {
        "@value": "Räume des Familienbüros nach Art und Bezirk",
        "@language": "de",
    }
    assert {"@value": "Familienbüro", "@language": "de"} in dataset["dcat:keyword"]
    assert {"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"} in dataset[
        "dcat:theme"
    ]
    key = {"@id": "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05170044"}
    assert dataset["dcatde:politicalGeocodingURI"] == key
    assert dataset["dct:spatial"] == key
    assert dataset["dcatde:politicalGeocodingLevelURI"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    }
    assert dataset["dct:modified"] == {"@value": "2026-11-24", "@type": "xsd:date"}
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == "2026-11-24"
    csv_distribution, metadata_distribution = dataset["dcat:distribution"]
    csv_url = "https://familienbuero.example.de/stadt-a/de/opendata/raeume-nach-art-und-bezirk.csv"
    assert csv_distribution["dcat:downloadURL"] == csv_distribution["dcat:accessURL"] == {"@id": csv_url}
    assert csv_distribution["dct:format"] == {
        "@id": "http://publications.europa.eu/resource/authority/file-type/CSV"
    }
    assert csv_distribution["dcat:mediaType"] == {
        "@id": "https://www.iana.org/assignments/media-types/text/csv"
    }
    assert metadata_distribution["dcat:downloadURL"] == {"@id": f"{csv_url}-metadata.json"}
    for distribution in (csv_distribution, metadata_distribution):
        assert distribution["@type"] == "dcat:Distribution"
        assert distribution["dct:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
        assert distribution["dcatde:licenseAttributionByText"] == "Stadt A – Jugendamt"


def test_dcat_catalogue_without_official_key_describes_the_place_in_words(towns):
    catalog = opendata.dcat_catalog(towns[1], [opendata.release(ROOMS, towns[1], DAY)], links("stadt-b"))
    (dataset,) = catalog["dcat:dataset"]
    assert "dcatde:politicalGeocodingURI" not in dataset and "dct:spatial" not in dataset
    assert dataset["dcatde:geocodingDescription"] == {"@value": towns[1].name, "@language": "de"}


def test_every_node_of_the_catalogue_is_typed_and_every_property_uses_a_declared_prefix(release_a, towns):
    catalog = opendata.dcat_catalog(towns[0], [release_a], links())
    prefixes = set(catalog["@context"])

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key != "@context" and not key.startswith("@"):
                    assert key.split(":")[0] in prefixes, key
                if key == "@type":
                    assert value.split(":")[0] in prefixes, value
                if key != "@context":
                    walk(value)

    walk(catalog)


def test_a_new_statistic_registers_with_one_call(towns):
    def contacts(municipality):
        return opendata.CrossTable(
            row_dimension="Anliegen",
            column_dimension="Monat",
            row_name="anliegen",
            rows=[("a", "Anträge"), ("b", "Beratung")],
            columns=[("januar", "Januar"), ("februar", "Februar")],
            counts=[[12, 3], [20, 9]],
            unit="Anzahl der Kontakte",
        )

    dataset = opendata.Dataset(
        slug="test-kontakte",
        title="Kontakte",
        description="Test.",
        keywords=("Test",),
        themes=(opendata.THEME_SOCIETY,),
        build=contacts,
    )
    opendata.register(dataset)
    try:
        assert opendata.register(dataset) is dataset  # registering the same twice is harmless
        assert opendata.get_dataset("test-kontakte") is dataset
        assert dataset in opendata.registered()
        rows = parse(opendata.csv_text(opendata.release(dataset, towns[0], DAY)))
        assert rows[1][2] == SMALL
    finally:
        opendata.unregister("test-kontakte")
    assert opendata.get_dataset("test-kontakte") is None


@pytest.mark.parametrize("slug", ["catalog", "Grosse-Buchstaben", "mit.punkt", "", "-"])
def test_dataset_slugs_must_be_url_safe(slug):
    with pytest.raises(ValueError):
        opendata.register(opendata.Dataset(slug, "t", "d", (), (), rooms_by_kind_and_district))


def test_two_datasets_cannot_share_a_slug():
    other = opendata.Dataset(ROOMS.slug, "Anders", "d", (), (), rooms_by_kind_and_district)
    with pytest.raises(ValueError):
        opendata.register(other)


def test_district_slugs_that_collide_as_column_names_get_distinct_names(tenants):
    municipality = tenants[0].municipality
    with scopes_disabled():
        from familienbuero.tenancy.models import District

        District.objects.create(municipality=municipality, slug="a-b", name="A-B")
        District.objects.create(municipality=municipality, slug="a_b", name="A_B")
    names = [name for name, _label in rooms_by_kind_and_district(municipality).columns]
    assert len(set(names)) == len(names) == 3
    opendata.release(ROOMS, municipality, DAY)  # passes the shape check


def test_labels_are_never_run_as_spreadsheet_formulas(tenants):
    municipality = tenants[0].municipality
    with scopes_disabled():
        from familienbuero.tenancy.models import District

        District.objects.create(municipality=municipality, slug="formel", name="=HYPERLINK(1)")
    header = parse(opendata.csv_text(opendata.release(ROOMS, municipality, DAY)))[0]
    assert header[1] == "'=HYPERLINK(1)"


def test_an_unusable_threshold_is_refused_when_registering():
    with pytest.raises(ValueError):
        opendata.register(
            opendata.Dataset("zu-klein", "t", "d", (), (), rooms_by_kind_and_district, threshold=2)
        )
    assert opendata.get_dataset("zu-klein") is None
