"""The service directory with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a
published service of the municipality's organisation "traeger" (its own slug per municipality), the
organisation and the office's location in the HSDS API."""

from __future__ import annotations

from familienbuero.accounts.roles import Role
from tests.access import ADMIN, ANON, PUBLIC
from tests.referrals.factories import ServiceFactory

PARTNER = "/{m}/de/intern/organisationen/traeger/angebote/"
# Partner editors of "traeger" only (the platform admin edits through /admin/, not as a partner).
PARTNER_EDITOR_ONLY = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 200, ADMIN: 404}
# Confirming is POST only: the method is refused before the organisation is looked at (405, no data).
PARTNER_EDITOR_POST = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 405, ADMIN: 405}


def objects(tenant) -> dict[str, str]:
    service = ServiceFactory(
        municipality=tenant.municipality,
        organization=tenant.organization,
        slug=f"familienberatung-{tenant.municipality.slug}",
    )
    return {
        "service_slug": service.slug,
        "service_id": str(service.uuid),
        "organization_id": str(tenant.organization.uuid),
        "location_id": str(tenant.office.home_location.uuid),
    }


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "directory-public:detail": ("/{m}/de/angebote/{service_slug}/", PUBLIC),
    "notices:service": ("/{m}/de/aushang/angebot/{service_slug}/", PUBLIC),
    "directory:partner-service-edit": (PARTNER + "{service_slug}/bearbeiten/", PARTNER_EDITOR_ONLY),
    "directory:partner-service-confirm": (PARTNER + "{service_slug}/bestaetigen/", PARTNER_EDITOR_POST),
    "hsds:service": ("/api/hsds/{m}/services/{service_id}/", PUBLIC),
    "hsds:organization": ("/api/hsds/{m}/organizations/{organization_id}/", PUBLIC),
    "hsds:location": ("/api/hsds/{m}/locations/{location_id}/", PUBLIC),
}
