"""Quarters in the administration (coordinators, own municipality's districts only), the navigation
entry, the overview page and the database invariants of the district figures."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.monitoring.models import DistrictStatistics, Quarter
from tests.conftest import verified_client


def test_coordinator_defines_a_quarter_of_own_districts_only(tenants, social_area):
    a, b, _quarter = social_area
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    with scopes_disabled():
        spellen = a.districts.get(slug="spellen")
        moellen = a.districts.get(slug="moellen")
        foreign = b.districts.get(slug="voerde-mitte")
    form = client.get("/admin/monitoring/quarter/add/")
    assert form.status_code == 200
    choices = form.context["adminform"].form.fields["districts"].queryset
    assert foreign not in choices and spellen in choices

    data = {"municipality": a.pk, "name": "Spellen/Möllen", "slug": "spellen-moellen"}
    response = client.post("/admin/monitoring/quarter/add/", {**data, "districts": [spellen.pk, foreign.pk]})
    assert response.status_code == 200  # B's district is no valid choice
    response = client.post(
        "/admin/monitoring/quarter/add/",
        {**data, "districts": [spellen.pk], "focus_districts": [moellen.pk]},
    )
    assert response.status_code == 200  # a focus district must be in the quarter
    response = client.post(
        "/admin/monitoring/quarter/add/",
        {**data, "districts": [spellen.pk, moellen.pk], "focus_districts": [moellen.pk]},
    )
    assert response.status_code == 302
    with scopes_disabled():
        quarter = Quarter.objects.get(slug="spellen-moellen")
        assert set(quarter.districts.all()) == {spellen, moellen}
    for role in (Role.OFFICE_STAFF, Role.PROVIDER_STAFF, Role.PARTNER_EDITOR):
        other = verified_client(tenants[0].users[role])
        assert other.get("/admin/monitoring/quarter/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.COORDINATOR, True),
        (Role.OFFICE_STAFF, True),
        (Role.PROVIDER_STAFF, False),
        (Role.PARTNER_EDITOR, False),
    ],
)
def test_navigation_entry_where_the_role_may_go(tenants, role, shown):
    html = verified_client(tenants[0].users[role]).get("/stadt-a/de/intern/").content.decode()
    nav = html[html.index('class="staff-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert ('href="/stadt-a/de/intern/sozialraum/"' in nav) is shown
    assert (">Sozialraum<" in nav) is shown


def test_overview_lists_quarters_and_offers_import_to_coordinators_only(tenants, social_area):
    coordinator = verified_client(tenants[0].users[Role.COORDINATOR]).get("/stadt-a/de/intern/sozialraum/")
    office = verified_client(tenants[0].users[Role.OFFICE_STAFF]).get("/stadt-a/de/intern/sozialraum/")
    for response in (coordinator, office):
        assert "Sozialraumbericht Voerde-Mitte" in response.content.decode()
    assert "Bezirkszahlen importieren" in coordinator.content.decode()
    assert "Bezirkszahlen importieren" not in office.content.decode()


def test_the_database_refuses_parts_larger_than_wholes(social_area):
    a, _b, _quarter = social_area
    with scopes_disabled():
        district = a.districts.get(slug="spellen")
    counts = dict(
        population=100,
        families_with_children=10,
        persons_under_20=20,
        migration_background=10,
        unemployed_sgb2=5,
        unemployed_sgb3=5,
        kita_families=8,
        income_up_to_15000=2,
        income_15001_to_36000=2,
        hze_total=3,
        hze_residential=1,
    )
    day = datetime.date(2021, 12, 31)
    with scopes_disabled():
        DistrictStatistics.objects.create(municipality=a, district=district, reference_date=day, **counts)
        for field, value in [
            ("hze_residential", 4),
            ("income_up_to_15000", 7),
            ("migration_background", 101),
        ]:
            with pytest.raises(IntegrityError), transaction.atomic():
                DistrictStatistics.objects.create(
                    municipality=a,
                    district=district,
                    reference_date=datetime.date(2022, 12, 31),
                    **{**counts, field: value},
                )


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar", "uk", "de-ls"])
def test_every_page_renders_in_every_language(tenants, social_area, language):
    from familienbuero.monitoring import services
    from tests.monitoring.test_social_area_report import section_2_1_csv

    services.import_district_statistics(social_area[0], section_2_1_csv())
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    base = f"/stadt-a/{language}/intern/sozialraum/"
    for path in ("", "import/", "gewichtung/", "angebotsmatrix/", "quartier/voerde-mitte/"):
        assert client.get(base + path).status_code == 200, path
    for path in ("bericht.csv", "bericht.xlsx"):
        assert client.get(base + "quartier/voerde-mitte/" + path).status_code == 200, path
