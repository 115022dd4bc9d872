"""Partner editors edit their own organisation's public information, and nothing else."""

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.accounts.roles import Role
from familienbuero.directory.models import Organization
from tests.conftest import verified_client

URL = "/stadt-a/de/intern/organisationen/{}/bearbeiten/"


def snapshot(org_pk):
    with scopes_disabled():
        org = Organization.objects.get(pk=org_pk)
        org.set_current_language("de")
        return (org.website, org.email, org.phone, org.safe_translation_getter("description", default=""))


def test_partner_editor_saves_own_organisation(tenants):
    a, _b = tenants
    client = verified_client(a.users[Role.PARTNER_EDITOR])
    response = client.post(
        URL.format("traeger"),
        {
            "website": "https://traeger.example/",
            "email": "info@traeger.example",
            "phone": "02855 1234",
            "description": "Wir beraten Familien.",
        },
    )
    assert response.status_code == 302
    assert snapshot(a.organization.pk) == (
        "https://traeger.example/",
        "info@traeger.example",
        "02855 1234",
        "Wir beraten Familien.",
    )


def test_partner_editor_cannot_edit_other_organisations(tenants):
    a, _b = tenants
    client = verified_client(a.users[Role.PARTNER_EDITOR])
    assert client.get(URL.format("verein")).status_code == 404
    assert client.get("/stadt-b/de/intern/organisationen/traeger/bearbeiten/").status_code == 404
    provider = verified_client(a.users[Role.PROVIDER_STAFF])
    assert provider.get(URL.format("traeger")).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "E-Mail-Adresse"),
        ("phone", "call me maybe", "Telefonnummer"),
        ("website", "javascript:alert(1)", "gültige"),
        ("description", "x" * 4001, "4000"),
        ("website", "https://example.org/" + "a" * 300, "300"),
    ],
)
def test_invalid_input_is_explained_and_nothing_is_stored(tenants, field, value, message):
    a, _b = tenants
    before = snapshot(a.organization.pk)
    data = {"website": "", "email": "", "phone": "", "description": "ok", field: value}
    response = verified_client(a.users[Role.PARTNER_EDITOR]).post(URL.format("traeger"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert snapshot(a.organization.pk) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=st.text(max_size=300), phone=st.text(max_size=60), website=st.text(max_size=400))
def test_arbitrary_input_never_crashes_or_stores_invalid_data(tenants, email, phone, website):
    a, _b = tenants
    client = verified_client(a.users[Role.PARTNER_EDITOR])
    before = snapshot(a.organization.pk)
    response = client.post(URL.format("traeger"), {"email": email, "phone": phone, "website": website})
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert snapshot(a.organization.pk) == before
    else:
        with scopes_disabled():
            Organization.objects.get(pk=a.organization.pk).full_clean()
