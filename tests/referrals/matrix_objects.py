"""Referrals with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a referral by the
municipality's office to a service of its organisation "traeger", with the family's consent to pass the
data on (so the organisation's staff see it in their inbox)."""

from __future__ import annotations

from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.referrals import services
from tests.access import ADMIN, ANON, NOT_FOUND
from tests.referrals.conftest import PERSON
from tests.referrals.factories import ServiceFactory

URL = "/{m}/de/intern/vermittlungen/"
REFERRERS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
REFERRERS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
# The platform admin receives no referrals: the inbox is the receiving organisation's own.
RECEIVER = {ANON: 302, **NOT_FOUND, Role.PROVIDER_STAFF: 200, ADMIN: 404}
RECEIVER_POST = {ANON: 302, **NOT_FOUND, Role.PROVIDER_STAFF: 405}


def objects(tenant) -> dict[str, str]:
    service = ServiceFactory(
        municipality=tenant.municipality,
        organization=tenant.organization,
        slug=f"beratung-{tenant.municipality.slug}",
    )
    topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).order_by("position")[:2])
    with scope(municipality=tenant.municipality):
        referral = services.referral_create(
            municipality=tenant.municipality,
            office=tenant.office,
            service=service,
            topics=topics,
            consent_given=True,
            actor=tenant.users[Role.OFFICE_STAFF],
            **PERSON,
        )
    return {"referral": str(referral.uuid), "referral_consent": str(referral.consents.get().pk)}


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "referrals:detail": (URL + "{referral}/", REFERRERS),
    "referrals:outcome": (URL + "{referral}/ergebnis/", REFERRERS_POST),
    "referrals:consent-give": (URL + "{referral}/einwilligung/", REFERRERS_POST),
    "referrals:consent-revoke": (
        URL + "{referral}/einwilligung/{referral_consent}/widerruf/",
        REFERRERS_POST,
    ),
    "referrals:inbox-detail": (URL + "eingang/{referral}/", RECEIVER),
    "referrals:inbox-outcome": (URL + "eingang/{referral}/ergebnis/", RECEIVER_POST),
}
