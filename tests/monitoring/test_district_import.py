"""District-statistics import: every kind of bad row is reported with its row number, and a file with
errors stores nothing (upload page and management command)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.monitoring import services
from familienbuero.monitoring.models import DistrictStatistics
from tests.conftest import verified_client

HEADER = (
    "stichtag;bezirk;einwohner;familien_mit_kindern_unter_18;personen_unter_20;migrationshintergrund;"
    "arbeitslose_sgb2;arbeitslose_sgb3;kita_familien;kita_einkommen_bis_15000;"
    "kita_einkommen_15001_bis_36000;hze_gesamt;hze_stationaer"
)
GOOD = "2021-12-31;voerde-mitte;4200;430;800;1420;200;60;170;70;25;75;40"
GOOD_2 = "31.12.2021;Buschmannshof;4.265;450;880;959;190;55;180;68;22;68;35"


@pytest.fixture(autouse=True)
def english():
    """Messages in English here (the msgids); the upload page test checks the German page."""
    with translation.override("en"):
        yield


def csv_of(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def stored() -> int:
    with scopes_disabled():
        return DistrictStatistics.objects.count()


def test_a_good_file_is_imported_with_names_slugs_and_german_numbers(social_area):
    a, _b, _quarter = social_area
    assert services.import_district_statistics(a, csv_of(GOOD, GOOD_2)) == 2
    with scopes_disabled():
        row = DistrictStatistics.objects.get(district__slug="buschmannshof")
    assert (row.population, row.reference_date.isoformat(), row.hze_residential) == (4265, "2021-12-31", 35)
    # Imported again with corrected figures: replaced, not duplicated.
    services.import_district_statistics(a, csv_of(GOOD.replace(";4200;", ";4300;")))
    with scopes_disabled():
        assert DistrictStatistics.objects.get(district__slug="voerde-mitte").population == 4300
    assert stored() == 2


BAD_ROWS = [
    pytest.param(
        "2021-12-31;atlantis;4200;430;800;1420;200;60;170;70;25;75;40", "Unknown district", id="unknown"
    ),
    pytest.param("2021-12-31;spellen;-5;430;800;1420;200;60;170;70;25;75;40", "negative", id="negative"),
    pytest.param(
        "2021-12-31;spellen;400;430;300;100;20;6;170;70;25;75;40", "is larger than", id="families>pop"
    ),
    pytest.param(
        "2021-12-31;spellen;4200;430;800;4201;200;60;170;70;25;75;40", "is larger than", id="migr>pop"
    ),
    pytest.param(
        "2021-12-31;spellen;4200;430;800;1420;200;60;170;150;25;75;40", "is larger than", id="income>kita"
    ),
    pytest.param(
        "2021-12-31;spellen;4200;430;800;1420;200;60;170;70;25;75;76", "is larger than", id="resid>hze"
    ),
    pytest.param(
        "2021-12-31;spellen;4200;430;800;1420;200;60;500;70;25;75;40", "is larger than", id="kita>families"
    ),
    pytest.param(
        "31.02.2021;spellen;4200;430;800;1420;200;60;170;70;25;75;40", "is not a date", id="bad-date"
    ),
    pytest.param(
        "2021-12-31;spellen;4200;430;800;1420,5;200;60;170;70;25;75;40", "not a whole number", id="bad-number"
    ),
    pytest.param("2021-12-31;spellen;4200;430;800", "fields instead of", id="short-row"),
    pytest.param(GOOD, "is already in row 2", id="duplicate"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_named_and_nothing_is_stored(social_area, bad, message):
    a, _b, _quarter = social_area
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_district_statistics(a, csv_of(GOOD, GOOD_2, bad))
    assert [error.line for error in rejected.value.errors] == [4] * len(rejected.value.errors)
    assert any(message in str(error) for error in rejected.value.errors), rejected.value.errors
    assert str(rejected.value.errors[0]).startswith("Row 4: ")
    assert stored() == 0


def test_every_bad_row_is_listed_not_only_the_first(social_area):
    a, _b, _quarter = social_area
    rows = [GOOD, *[p.values[0] for p in BAD_ROWS if p.id != "duplicate"]]
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_district_statistics(a, csv_of(*rows))
    assert sorted({error.line for error in rejected.value.errors}) == list(range(3, 3 + len(rows) - 1))
    assert stored() == 0


def test_missing_and_unknown_columns_are_reported(social_area):
    a, _b, _quarter = social_area
    text = HEADER.replace("hze_stationaer", "hze_ambulant") + "\n" + GOOD + "\n"
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_district_statistics(a, text)
    assert [str(e) for e in rejected.value.errors] == [
        "Row 1: Missing columns: hze_stationaer.",
        "Row 1: Unknown columns: hze_ambulant.",
    ]


def test_districts_of_another_municipality_are_unknown(social_area):
    _a, b, _quarter = social_area
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_district_statistics(b, csv_of(GOOD, GOOD_2))
    assert [str(e) for e in rejected.value.errors] == ["Row 3: Unknown district “Buschmannshof”."]
    assert stored() == 0


def test_upload_page_lists_the_errors_in_german_and_stores_nothing(tenants, social_area):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    url = "/stadt-a/de/intern/sozialraum/import/"
    upload = SimpleUploadedFile("zahlen.csv", csv_of(GOOD, BAD_ROWS[0].values[0]).encode(), "text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Zeile 3: Unbekannter Bezirk „atlantis“." in page
    assert "Nichts wurde importiert" in page
    assert stored() == 0

    upload = SimpleUploadedFile("zahlen.csv", csv_of(GOOD, GOOD_2).encode("utf-8-sig"), "text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert stored() == 2
    # The audit log names who imported the figures.
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_model(DistrictStatistics)
    assert entries.count() == 2
    assert {entry.actor for entry in entries} == {tenants[0].users[Role.COORDINATOR]}


def test_office_staff_cannot_import(tenants, social_area):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    upload = SimpleUploadedFile("zahlen.csv", csv_of(GOOD).encode(), "text/csv")
    assert client.post("/stadt-a/de/intern/sozialraum/import/", {"file": upload}).status_code == 404
    assert stored() == 0


def test_management_command(social_area, tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(csv_of(GOOD, GOOD_2), encoding="utf-8")
    bad.write_text(csv_of(GOOD, BAD_ROWS[1].values[0]), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_district_statistics", "stadt-a", str(bad))
    assert "Row 3: einwohner is negative (-5)." in capsys.readouterr().err
    assert stored() == 0
    call_command("import_district_statistics", "stadt-a", str(good))
    assert "2 row(s) imported." in capsys.readouterr().out
    assert stored() == 2


def test_the_optional_area_column(social_area):
    a, _b, _quarter = social_area
    header = HEADER + ";flaeche_km2"
    services.import_district_statistics(a, "\n".join([header, GOOD + ";2,1", GOOD_2 + ";"]) + "\n")
    with scopes_disabled():
        areas = dict(DistrictStatistics.objects.values_list("district__slug", "area_km2"))
    assert areas == {"voerde-mitte": Decimal("2.10"), "buschmannshof": None}
    for bad in ("0", "-1", "2.345", "zwei"):
        with pytest.raises(services.ImportRejected) as rejected:
            services.import_district_statistics(a, "\n".join([header, GOOD + f";{bad}"]) + "\n")
        assert [str(e) for e in rejected.value.errors] == [
            f"Row 2: flaeche_km2: “{bad}” is not an area above 0 (e.g. 2.5)."
        ]
