"""A user of municipality B never sees A's data: admin, back office, organisations."""

import pytest
from django_scopes import scopes_disabled

from familienbuero.accounts.models import Membership
from familienbuero.accounts.roles import Role
from tests.conftest import verified_client


def admin_urls(tenant):
    with scopes_disabled():
        membership = Membership.objects.filter(municipality=tenant.municipality).first()
    return [
        f"/admin/tenancy/office/{tenant.office.pk}/change/",
        f"/admin/tenancy/location/{tenant.office.home_location.pk}/change/",
        f"/admin/directory/organization/{tenant.organization.pk}/change/",
        f"/admin/accounts/membership/{membership.pk}/change/",
        f"/admin/accounts/user/{tenant.users[Role.OFFICE_STAFF].pk}/change/",
        f"/admin/tenancy/office/{tenant.office.pk}/delete/",
        f"/admin/tenancy/office/{tenant.office.pk}/history/",
    ]


def test_coordinator_of_b_gets_404_for_a_admin_objects(tenants):
    a, b = tenants
    client = verified_client(b.users[Role.COORDINATOR])
    for url in admin_urls(a):
        assert client.get(url).status_code == 404, url
    for url in admin_urls(b):
        assert client.get(url).status_code == 200, url


def test_coordinator_lists_only_own_rows_and_choices(tenants):
    a, b = tenants
    client = verified_client(b.users[Role.COORDINATOR])
    listing = client.get("/admin/tenancy/office/").content.decode()
    assert "Familienbüro Stadt B" in listing
    assert "Familienbüro Stadt A" not in listing
    add_form = client.get("/admin/tenancy/office/add/").content.decode()
    assert b.office.home_location.name in add_form
    assert a.office.home_location.name not in add_form
    assert "Stadt A" not in add_form


def test_coordinator_cannot_create_rows_in_another_municipality(tenants):
    a, b = tenants
    client = verified_client(b.users[Role.COORDINATOR])
    response = client.post(
        "/admin/tenancy/district/add/", {"municipality": a.municipality.pk, "name": "Fremd", "slug": "fremd"}
    )
    assert response.status_code == 200  # form re-shown with an error
    with scopes_disabled():
        from familienbuero.tenancy.models import District

        assert not District.objects.filter(slug="fremd").exists()


def test_municipalities_themselves_are_for_platform_admins_only(tenants):
    a, b = tenants
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/admin/tenancy/municipality/{a.municipality.pk}/change/").status_code == 403


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.PROVIDER_STAFF, Role.PARTNER_EDITOR])
def test_non_coordinators_have_no_admin(tenants, role):
    client = verified_client(tenants[0].users[role])
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert client.get("/admin/tenancy/office/").status_code in (302, 403)
    assert client.get("/admin/tenancy/office/", follow=True).status_code == 403


@pytest.mark.parametrize("role", list(Role))
def test_back_office_of_another_municipality_does_not_exist(tenants, role):
    _a, b = tenants
    client = verified_client(b.users[role])
    assert client.get("/stadt-b/de/intern/").status_code == 200
    assert client.get("/stadt-a/de/intern/").status_code == 404


def test_office_staff_see_only_their_own_office(tenants):
    a, _b = tenants
    html = verified_client(a.users[Role.OFFICE_STAFF]).get("/stadt-a/de/intern/").content.decode()
    assert "Familienbüro Stadt A" in html
    assert "Zweigstelle Stadt A" not in html
    html = verified_client(a.users[Role.COORDINATOR]).get("/stadt-a/de/intern/").content.decode()
    assert "Zweigstelle Stadt A" in html


def test_provider_staff_see_their_organisation_but_no_office(tenants):
    a, _b = tenants
    html = verified_client(a.users[Role.PROVIDER_STAFF]).get("/stadt-a/de/intern/").content.decode()
    assert "Träger Stadt A" in html
    assert "Familienbüro Stadt A" not in html
    assert "/bearbeiten/" not in html


def test_coordinator_cannot_edit_an_account_that_also_works_elsewhere(tenants):
    a, b = tenants
    shared = a.users[Role.OFFICE_STAFF]
    with scopes_disabled():
        Membership.objects.create(
            user=shared, municipality=b.municipality, role=Role.OFFICE_STAFF, office=b.office
        )
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/admin/accounts/user/{shared.pk}/change/").status_code == 404
    assert client.get(f"/admin/accounts/user/{shared.pk}/password/").status_code == 404


def test_coordinator_manages_only_own_services_and_district_choices(tenants):
    from familienbuero.directory.models import Service
    from familienbuero.tenancy.models import District

    a, b = tenants
    with scopes_disabled():
        service_a = Service.objects.create(
            municipality=a.municipality, organization=a.organization, slug="kurs"
        )
        District.objects.create(municipality=a.municipality, name="Bezirk A", slug="bezirk-a")
        District.objects.create(municipality=b.municipality, name="Bezirk B", slug="bezirk-b")
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/admin/directory/service/{service_a.pk}/change/").status_code == 404
    add_form = client.get("/admin/directory/service/add/").content.decode()
    assert "Bezirk B" in add_form and "Bezirk A" not in add_form
    assert "Träger Stadt A" not in add_form
    own = verified_client(a.users[Role.COORDINATOR])
    assert own.get(f"/admin/directory/service/{service_a.pk}/change/").status_code == 200


def test_shared_vocabulary_is_for_platform_admins_only(tenants):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    assert client.get("/admin/directory/taxonomyterm/", follow=True).status_code == 403
