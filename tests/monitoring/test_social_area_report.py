"""The social-area report of concept §2.1, computed from an import file whose counts are derived from
the concept's text; exports; burden index; another municipality sees nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from familienbuero.accounts.roles import Role
from familienbuero.monitoring import services
from familienbuero.monitoring.models import BurdenIndexWeights
from tests.conftest import verified_client
from tests.monitoring.test_district_import import HEADER

# Counts derived from §2.1 (reference date 31.12.2021). Given by the text: quarter 14,412 inhabitants
# (39.9 % of the city → city 36,120), 8,465 of them in Voerde Mitte + Buschmannshof (58.7 %); 1,447
# families with children under 18 (42.7 % → city 3,388); 2,625 under 20 ("rund 42 %" → city 6,250; "rund
# 64 %" in the two districts → 1,680); migration background city 7,042, quarter 3,288 (46.7 %; 22.8 % of
# the quarter; city 19.5 %), 2,379 in the two districts (72.4 %), Voerde Mitte 33.8 % (highest district);
# 1,171 unemployed, 72.0 % SGB II → 843; Kita families up to 15,000 € city 24.2 %, quarter 30.5 %, up to
# 36,000 € "gut 42 %"; HzE city 522, quarter 193 (37.0 %), 74.1 % in the two districts → 143;
# residential city 195, quarter 50.0 % (see below), 77.3 % of them in the two districts → 75 of 97.
# Distribution among districts where the text gives none: chosen, consistent with the totals.
ROWS = {
    # district: population, families <18, under 20, migration, SGB II, SGB III, Kita families,
    #           up to 15,000, 15,001–36,000, HzE, residential
    "voerde-mitte": (4200, 430, 800, 1420, 200, 60, 170, 70, 25, 75, 40),
    "buschmannshof": (4265, 450, 880, 959, 190, 55, 180, 68, 22, 68, 35),
    "voerde-sued": (3200, 300, 500, 480, 60, 35, 130, 25, 14, 28, 12),
    "roenkensiedlung": (2747, 267, 445, 429, 50, 30, 120, 20, 10, 22, 10),
    "friedrichsfeld": (9800, 880, 1600, 2100, 200, 80, 400, 90, 80, 170, 50),
    "spellen": (6500, 600, 1100, 900, 80, 40, 280, 50, 50, 90, 28),
    "moellen": (5408, 461, 925, 754, 63, 28, 220, 40, 40, 69, 20),
}
QUARTER = ("voerde-mitte", "buschmannshof", "voerde-sued", "roenkensiedlung")


def section_2_1_csv() -> str:
    lines = [HEADER] + [";".join(["2021-12-31", slug, *map(str, counts)]) for slug, counts in ROWS.items()]
    return "\n".join(lines) + "\n"


def test_the_derived_counts_match_the_totals_of_the_text():
    column = list(zip(*ROWS.values(), strict=True))
    quarter = [ROWS[s] for s in QUARTER]
    assert sum(column[0]) == 36120 and sum(r[0] for r in quarter) == 14412
    assert ROWS["voerde-mitte"][0] + ROWS["buschmannshof"][0] == 8465
    assert sum(r[1] for r in quarter) == 1447 and sum(r[2] for r in quarter) == 2625
    assert sum(column[3]) == 7042 and sum(r[3] for r in quarter) == 3288
    assert ROWS["voerde-mitte"][3] + ROWS["buschmannshof"][3] == 2379
    assert sum(column[4]) + sum(column[5]) == 1171
    assert sum(column[9]) == 522 and sum(r[9] for r in quarter) == 193
    assert sum(column[10]) == 195


#: The concept's percentages, as the German page must show them.
CONCEPT_PERCENTAGES = [
    ("Anteil an den Einwohnern der Stadt", "39,9"),
    ("Anteil der Einwohner des Quartiers, die dort leben", "58,7"),
    ("Anteil an den Familien der Stadt mit Kindern unter 18", "42,7"),
    ("Anteil an den Personen unter 20 der Stadt", "42,0"),  # "rund 42 %"
    ("Anteil der Personen unter 20 des Quartiers in Buschmannshof, Voerde Mitte", "64,0"),  # "rund 64 %"
    ("Anteil an den Personen mit Migrationshintergrund der Stadt, die im Quartier leben", "46,7"),
    ("Anteil an den Einwohnern des Quartiers", "22,8"),
    ("Anteil an den Einwohnern der Stadt (gesamtstädtisch)", "19,5"),
    ("Anteil der Personen mit Migrationshintergrund des Quartiers, die dort leben", "72,4"),
    ("Höchster Anteil eines einzelnen Bezirks der Stadt: Voerde Mitte", "33,8"),
    ("Anteil davon nach SGB II (Grundsicherung)", "72,0"),
    ("Familien mit bis zu 15.000 € im Jahr in der Stadt", "24,2"),
    ("Familien mit bis zu 15.000 € im Jahr im Quartier", "30,5"),
    ("Familien mit bis zu 36.000 € im Jahr im Quartier", "42,3"),  # "gut 42 %"
    ("Anteil an den Hilfen der Stadt", "37,0"),
    ("Anteil der Hilfen des Quartiers in Buschmannshof, Voerde Mitte", "74,1"),
    # §2.1 says 50.0 %; 195 residential cases have no whole half (97.5). 97 cases (77.3 % of them in the
    # two districts = 75, as the concept says) give 49.7 %.
    ("Anteil an den stationären Hilfen der Stadt", "49,7"),
    ("Anteil der stationären Hilfen des Quartiers in Buschmannshof, Voerde Mitte", "77,3"),
]


@pytest.fixture
def imported(social_area):
    a, b, quarter = social_area
    services.import_district_statistics(a, section_2_1_csv())
    return a, b, quarter


def report_rows(html: str) -> dict[str, str]:
    """Label → value of the report's figure tables (plain text, German formatting)."""
    import re

    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="number">(.*?)</td></tr>', html)
    return {label: value.replace("&nbsp;", " ") for label, value in rows}


def test_report_shows_the_percentages_of_concept_2_1(tenants, imported):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    response = client.get("/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/")
    assert response.status_code == 200
    figures = report_rows(response.content.decode())
    for label, percent in CONCEPT_PERCENTAGES:
        assert figures.get(label) == f"{percent} %", (label, figures.get(label), sorted(figures))
    assert figures["Einwohner des Quartiers"] == "14.412"
    assert figures["Einwohner der dichtesten Bezirke (Buschmannshof, Voerde Mitte)"] == "8.465"
    assert figures["Personen mit Migrationshintergrund in der Stadt"] == "7.042"
    assert figures["Hilfen in der Stadt"] == "522"
    assert figures["Stationäre Hilfen in der Stadt"] == "195"


def test_exports_hold_the_same_figures(tenants, imported):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    base = "/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/"
    response = client.get(base + "bericht.csv?stichtag=2021-12-31")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sozialraum-voerde-mitte-2021-12-31.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Bevölkerung", "Anteil an den Einwohnern der Stadt", "39,9", "%"] in rows

    response = client.get(base + "bericht.xlsx?stichtag=2021-12-31")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Bericht", "Bezirke", "Belastungsindex"]
    values = {row[1]: row[2] for row in workbook["Bericht"].iter_rows(min_row=3, values_only=True)}
    assert values["Anteil an den Einwohnern der Stadt"] == pytest.approx(39.9)
    assert values["Einwohner des Quartiers"] == 14412
    districts = [row[0] for row in workbook["Bezirke"].iter_rows(min_row=3, values_only=True)]
    assert sorted(districts) == ["Buschmannshof", "Rönkensiedlung", "Voerde Mitte", "Voerde Süd"]


def test_burden_index_is_the_weighted_mean_of_z_scores(imported):
    from statistics import fmean, pstdev

    from familienbuero.monitoring.reports import burden_index, statistics_on

    a, _b, _quarter = imported
    with scopes_disabled():
        weights = BurdenIndexWeights.objects.create(
            municipality=a,
            young_people=0,
            migration=1,
            unemployment=0,
            low_income=0,
            hze=3,
            hze_residential=0,
        )
    rows = statistics_on(a, rows_date := __import__("datetime").date(2021, 12, 31))
    assert rows_date.year == 2021
    index = burden_index(rows, weights)
    # By hand: migration share and HzE per person under 20, z-scores over the seven districts.
    migration = {slug: c[3] / c[0] for slug, c in ROWS.items()}
    hze = {slug: c[9] / c[2] for slug, c in ROWS.items()}

    def z(values: dict[str, float], slug: str) -> float:
        return (values[slug] - fmean(values.values())) / pstdev(values.values())

    expected = {slug: (z(migration, slug) + 3 * z(hze, slug)) / 4 for slug in ROWS}
    names = {row.district.slug: row.district.name for row in rows}
    by_hand = sorted(expected, key=lambda slug: -expected[slug])
    assert [r.name for r in index.ranking] == [names[slug] for slug in by_hand]
    for ranked in index.ranking:
        slug = next(s for s, n in names.items() if n == ranked.name)
        assert ranked.index == Decimal(expected[slug]).quantize(Decimal("0.01"))


def test_coordinator_changes_the_weights(tenants, imported):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    url = "/stadt-a/de/intern/sozialraum/gewichtung/"
    zero = dict.fromkeys(
        ["young_people", "migration", "unemployment", "low_income", "hze", "hze_residential"], 0
    )
    assert client.post(url, zero).status_code == 422
    assert client.post(url, {**zero, "migration": 1}).status_code == 302
    response = client.get("/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/")
    ranking = response.context["report"].burden.ranking
    assert ranking[0].name == "Voerde Mitte"  # the highest migration share (33.8 %) comes first


def test_another_municipality_sees_nothing(tenants, imported):
    for role in (Role.COORDINATOR, Role.OFFICE_STAFF):
        client = verified_client(tenants[1].users[role])
        for path in ("", "bericht.csv", "bericht.xlsx"):
            assert (
                client.get(f"/stadt-b/de/intern/sozialraum/quartier/voerde-mitte/{path}").status_code == 404
            )
        page = client.get("/stadt-b/de/intern/sozialraum/").content.decode()
        assert "Voerde-Mitte" not in page and "31.12.2021" not in page
        # Their own city's URLs with the other city's session: 404 as well.
        other = verified_client(tenants[1].users[role])
        assert other.get("/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/").status_code == 404


def test_unknown_reference_date_is_rejected(tenants, imported):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    url = "/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/?stichtag=2020-12-31"
    assert client.get(url).status_code == 422


def test_report_queries_do_not_grow_with_the_districts(tenants, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from familienbuero.tenancy.models import District

    client = verified_client(tenants[0].users[Role.COORDINATOR])
    url = "/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    a = imported[0]
    with scopes_disabled():
        extra = [District.objects.create(municipality=a, name=f"Neu {i}", slug=f"neu-{i}") for i in range(7)]
    rows = [
        ";".join(["2021-12-31", d.slug, "1000", "100", "200", "100", "10", "5", "50", "10", "10", "5", "2"])
        for d in extra
    ]
    services.import_district_statistics(a, "\n".join([HEADER, *rows]) + "\n")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_with_areas_the_report_shows_densities(tenants, social_area):
    a, _b, _quarter = social_area
    areas = {"voerde-mitte": "2.1", "buschmannshof": "1.6", "voerde-sued": "3.4", "roenkensiedlung": "2.9"}
    areas |= {"friedrichsfeld": "12.5", "spellen": "16.8", "moellen": "14.1"}
    lines = [HEADER + ";flaeche_km2"]
    lines += [";".join(["2021-12-31", slug, *map(str, counts), areas[slug]]) for slug, counts in ROWS.items()]
    services.import_district_statistics(a, "\n".join(lines) + "\n")
    response = verified_client(tenants[0].users[Role.COORDINATOR]).get(
        "/stadt-a/de/intern/sozialraum/quartier/voerde-mitte/"
    )
    figures = report_rows(response.content.decode())
    assert figures["Einwohner je km² im Quartier"] == "1.441"  # 14,412 / 10.0 km²
    assert figures["Einwohner je km² in der Stadt"] == "676"  # 36,120 / 53.4 km²
    ranks = {d.name: (d.density, d.density_rank) for d in response.context["report"].sub_districts}
    assert ranks["Buschmannshof"] == (2666, 1) and ranks["Voerde Mitte"] == (2000, 2)
