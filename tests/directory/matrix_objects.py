"""The service directory with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): the
municipality's organisation (slug "traeger" in A, "traeger-b" in B) with its partner pages, a published
service of it (its own slug per municipality), a pending proposal of a new service by its partner editor
(the review queue's object), and the organisation and the office's location in the HSDS API."""

from __future__ import annotations

from familienbuero.accounts.roles import Role
from familienbuero.directory import review
from familienbuero.directory.models import TaxonomyTerm
from tests.access import ADMIN, ANON, PUBLIC
from tests.referrals.factories import ServiceFactory

ORGANIZATION = "/{m}/de/intern/organisationen/{organization_slug}/"
PARTNER = ORGANIZATION + "angebote/"
REVIEW = "/{m}/de/intern/organisationen/aenderungen/{change}/"
# Partner editors of "traeger" only (the platform admin edits through /admin/, not as a partner).
PARTNER_EDITOR_ONLY = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 200, ADMIN: 404}
# Confirming is POST only: the method is refused before the organisation is looked at (405, no data).
PARTNER_EDITOR_POST = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 405, ADMIN: 405}
# Office staff and coordinators review what partners propose (publish and return are POST only).
REVIEWERS = {ANON: 302, **{role: 404 for role in Role}, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
REVIEWERS_POST = {ANON: 302, **{role: 404 for role in Role}, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
# The organisation's own data: its coordinators and its partner editors.
ORGANIZATION_EDITORS = {**REVIEWERS, Role.OFFICE_STAFF: 404, Role.PARTNER_EDITOR: 200}


def objects(tenant) -> dict[str, str]:
    service = ServiceFactory(
        municipality=tenant.municipality,
        organization=tenant.organization,
        slug=f"familienberatung-{tenant.municipality.slug}",
    )
    proposal = {**review.empty_proposal(), "name": "Elterncafé", "description": "Offener Treff für Eltern."}
    change = review.propose_change(
        organization=tenant.organization, proposed=proposal, actor=tenant.users[Role.PARTNER_EDITOR]
    )
    return {
        "organization_slug": tenant.organization.slug,
        "change": str(change.pk),
        # The shared vocabularies are the same in A and B (tests/test_permission_matrix.py, MATRIX).
        "taxonomy_term": str(TaxonomyTerm.objects.order_by("pk").first().uuid),
        "service_slug": service.slug,
        "service_id": str(service.uuid),
        "organization_id": str(tenant.organization.uuid),
        "location_id": str(tenant.office.home_location.uuid),
    }


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "directory:staff-organization-edit": (ORGANIZATION + "bearbeiten/", ORGANIZATION_EDITORS),
    "directory:partner-services": (PARTNER, PARTNER_EDITOR_ONLY),
    "directory:partner-service-new": (PARTNER + "neu/", PARTNER_EDITOR_ONLY),
    "directory:partner-proposal-edit": (PARTNER + "vorschlag/{change}/", PARTNER_EDITOR_ONLY),
    "directory:review-detail": (REVIEW, REVIEWERS),
    "directory:review-publish": (REVIEW + "veroeffentlichen/", REVIEWERS_POST),
    "directory:review-return": (REVIEW + "zurueckgeben/", REVIEWERS_POST),
    "directory-public:detail": ("/{m}/de/angebote/{service_slug}/", PUBLIC),
    "notices:service": ("/{m}/de/aushang/angebot/{service_slug}/", PUBLIC),
    "directory:partner-service-edit": (PARTNER + "{service_slug}/bearbeiten/", PARTNER_EDITOR_ONLY),
    "directory:partner-service-confirm": (PARTNER + "{service_slug}/bestaetigen/", PARTNER_EDITOR_POST),
    "hsds:service": ("/api/hsds/{m}/services/{service_id}/", PUBLIC),
    "hsds:organization": ("/api/hsds/{m}/organizations/{organization_id}/", PUBLIC),
    "hsds:location": ("/api/hsds/{m}/locations/{location_id}/", PUBLIC),
}

# The admin's GET is refused for the method (405) before the organisation is looked at; the POST then
# finds that the admin is no editor of it.
POST_MATRIX: dict[str, dict[str, int | str]] = {"directory:partner-service-confirm": {ADMIN: 404}}
# What a reviewer sends to act (refused POSTs must change nothing even with a valid form).
POST_DATA = {"directory:review-return": {"comment": "Bitte die Öffnungszeiten ergänzen."}}
