"""Social-area monitoring with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a quarter
of one district with the district's figures on one reference date, so that its report (page, CSV and
spreadsheet) exists. The quarter's slug names its municipality: B's quarter under A's address names
nothing of A."""

from __future__ import annotations

from datetime import date

from familienbuero.monitoring.models import DistrictStatistics, Quarter
from familienbuero.tenancy.models import District
from tests.monitoring.matrix import BASE, READERS

FIGURES = {
    "population": 4000,
    "families_with_children": 600,
    "persons_under_20": 900,
    "migration_background": 1200,
    "unemployed_sgb2": 150,
    "unemployed_sgb3": 60,
    "kita_families": 300,
    "income_up_to_15000": 40,
    "income_15001_to_36000": 90,
    "hze_total": 30,
    "hze_residential": 8,
}


def objects(tenant) -> dict[str, str]:
    municipality = tenant.municipality
    district, _ = District.objects.get_or_create(
        municipality=municipality, slug="mitte", defaults={"name": "Mitte"}
    )
    DistrictStatistics.objects.create(
        municipality=municipality, district=district, reference_date=date(2025, 12, 31), **FIGURES
    )
    quarter = Quarter.objects.create(
        municipality=municipality, name="Mitte", slug=f"mitte-{municipality.slug}"
    )
    quarter.districts.set([district])
    return {"quarter": quarter.slug}


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "monitoring-staff:report": (BASE + "quartier/{quarter}/", READERS),
    "monitoring-staff:report-csv": (BASE + "quartier/{quarter}/bericht.csv", READERS),
    "monitoring-staff:report-xlsx": (BASE + "quartier/{quarter}/bericht.xlsx", READERS),
}
