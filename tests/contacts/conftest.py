"""Contact test world on top of ``tenants``: districts (two of them target districts) and topics, a
second office member, and a helper that records through the service layer at a fixed time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from familienbuero.contacts import services
from familienbuero.contacts.models import ContactRecord
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import District
from tests import factories
from tests.conftest import Tenant

BERLIN = ZoneInfo("Europe/Berlin")
A_URL = "/stadt-a/de/intern/kontakte/"
B_URL = "/stadt-b/de/intern/kontakte/"


@dataclass
class World:
    a: Tenant
    b: Tenant
    mitte: District  # target district (social area "Mitte")
    sued: District  # target district
    nord: District  # no social area: not a target district
    b_district: District
    topics: list[TaxonomyTerm]
    colleague: User  # office staff of A's second office

    def record(self, *, at: datetime, tenant: Tenant | None = None, actor: User | None = None, **fields):
        tenant = tenant or self.a
        fields.setdefault("office", tenant.office)
        topics = fields.pop("topics", ())
        with scopes_disabled(), time_machine.travel(at, tick=False):
            return services.record_contact(
                actor=actor or tenant.users[Role.OFFICE_STAFF], topics=topics, contact_at=at, **fields
            )


@pytest.fixture
def world(tenants: tuple[Tenant, Tenant]) -> World:
    a, b = tenants
    with scopes_disabled():
        mitte = District.objects.create(
            municipality=a.municipality, name="Mitte", slug="mitte", social_area="Mitte"
        )
        sued = District.objects.create(
            municipality=a.municipality, name="Süd", slug="sued", social_area="Mitte"
        )
        nord = District.objects.create(municipality=a.municipality, name="Nord", slug="nord")
        b_district = District.objects.create(municipality=b.municipality, name="B-Dorf", slug="b-dorf")
        colleague = factories.MembershipFactory(
            municipality=a.municipality,
            role=Role.OFFICE_STAFF,
            office=a.other_office,
            user__username="kollegin-a",
        ).user
    topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).order_by("position")[:3])
    assert len(topics) == 3
    return World(a, b, mitte, sued, nord, b_district, topics, colleague)


def all_records() -> list[ContactRecord]:
    with scopes_disabled():
        return list(ContactRecord.objects.order_by("pk"))
