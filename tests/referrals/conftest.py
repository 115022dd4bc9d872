"""Referral test world on top of ``tenants``: services of both organisations of A and of B, staff of the
second organisation and of the second office, and helpers that refer through the service layer."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.referrals import services
from familienbuero.referrals.models import Referral
from tests import factories
from tests.conftest import Tenant
from tests.referrals.factories import ServiceFactory

A_URL = "/stadt-a/de/intern/vermittlungen/"
B_URL = "/stadt-b/de/intern/vermittlungen/"

#: Personal data used throughout; a test looks for every one of these strings where it must not be.
PERSON = {
    "person_name": "Zaphira Quellmann",
    "contact_phone": "0281 9988776",
    "contact_email": "zaphira.quellmann@example.org",
    "preferred_language": "tr",
    "note_for_receiver": "Bitte nachmittags anrufen, Kennwort Tulpenbeet",
}
PERSONAL_STRINGS = (
    "Zaphira",
    "Quellmann",
    "9988776",
    "zaphira.quellmann",
    "Tulpenbeet",
    "Türkisch",
)


@dataclass
class World:
    a: Tenant
    b: Tenant
    service: Service  # of A's organisation "traeger"
    other_service: Service  # of A's organisation "verein"
    b_service: Service  # of B's organisation "traeger"
    topics: list[TaxonomyTerm]
    other_provider: User  # provider staff of A's "verein"
    other_office_staff: User  # office staff of A's second office
    b_topics: list[TaxonomyTerm] = field(default_factory=list)

    def refer(
        self,
        *,
        service: Service | None = None,
        consent: bool = True,
        actor: User | None = None,
        office: object = None,
        **person: str,
    ) -> Referral:
        service = service or self.service
        tenant = self.a if service.municipality_id == self.a.municipality.pk else self.b
        data = {**PERSON, **person}
        with scope(municipality=tenant.municipality):
            return services.referral_create(
                municipality=tenant.municipality,
                office=office or tenant.office,
                service=service,
                topics=self.topics[:2],
                consent_given=consent,
                actor=actor or tenant.users[Role.OFFICE_STAFF],
                **data,
            )


@pytest.fixture
def world(tenants: tuple[Tenant, Tenant]) -> World:
    a, b = tenants
    with scopes_disabled():
        a.organization.email = "post@traeger-a.example"
        a.organization.save()
        service = ServiceFactory(municipality=a.municipality, organization=a.organization, slug="beratung")
        other_service = ServiceFactory(
            municipality=a.municipality, organization=a.other_organization, slug="sport"
        )
        b_service = ServiceFactory(municipality=b.municipality, organization=b.organization, slug="beratung")
        other_provider = factories.MembershipFactory(
            municipality=a.municipality,
            role=Role.PROVIDER_STAFF,
            organization=a.other_organization,
            user__username="provider-verein-a",
        ).user
        other_office_staff = factories.MembershipFactory(
            municipality=a.municipality,
            role=Role.OFFICE_STAFF,
            office=a.other_office,
            user__username="office-zweites-a",
        ).user
    topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).order_by("position")[:3])
    assert len(topics) == 3, "the vocabulary migration seeds the topics"
    return World(a, b, service, other_service, b_service, topics, other_provider, other_office_staff)


def reload(referral: Referral) -> Referral:
    with scopes_disabled():
        return Referral.objects.get(pk=referral.pk)


def counts() -> tuple[int, int, int]:
    from familienbuero.referrals.models import ReferralConsent, ReferralEvent

    with scopes_disabled():
        return Referral.objects.count(), ReferralConsent.objects.count(), ReferralEvent.objects.count()
