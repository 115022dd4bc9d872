from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_search_facets() -> None:
    """The search keeps each municipality's facets per process, keyed by a generation stored in the
    database; a test's rollback takes the generation back, so a copy from an earlier test could match."""
    from familienbuero.directory.search import table

    table.forget()


def verified_client(user: User) -> Client:
    """A client logged in with password and second factor."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@dataclass
class Tenant:
    municipality: object
    office: object
    other_office: object
    organization: object
    other_organization: object
    users: dict[str, User]


def _tenant(slug: str, name: str) -> Tenant:
    municipality = factories.MunicipalityFactory(slug=slug, name=name)
    office = factories.OfficeFactory(municipality=municipality, slug="buero", name=f"Familienbüro {name}")
    other_office = factories.OfficeFactory(
        municipality=municipality, slug="zweites", name=f"Zweigstelle {name}"
    )
    organization = factories.OrganizationFactory(
        municipality=municipality, slug="traeger", name=f"Träger {name}"
    )
    other_org = factories.OrganizationFactory(municipality=municipality, slug="verein", name=f"Verein {name}")
    users = {}
    for role, kwargs in [
        (Role.COORDINATOR, {}),
        (Role.OFFICE_STAFF, {"office": office}),
        (Role.PROVIDER_STAFF, {"organization": organization}),
        (Role.PARTNER_EDITOR, {"organization": organization}),
        (Role.DATA_PROTECTION, {}),
    ]:
        membership = factories.MembershipFactory(
            municipality=municipality, role=role, user__username=f"{role}-{slug}", **kwargs
        )
        users[role] = membership.user
    return Tenant(municipality, office, other_office, organization, other_org, users)


@pytest.fixture
def tenants(db: None) -> tuple[Tenant, Tenant]:
    """Two municipalities, A and B, each with two offices, two organisations and one user per role."""
    with scopes_disabled():
        return _tenant("stadt-a", "Stadt A"), _tenant("stadt-b", "Stadt B")


@pytest.fixture
def demo(db: None) -> None:
    from familienbuero.core.demo import load_demo

    load_demo()
