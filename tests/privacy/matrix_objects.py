"""Data protection with a real object (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a photo
consent recorded in the municipality's consent registry."""

from __future__ import annotations

from familienbuero.privacy import services
from tests.privacy.matrix import REQUESTS_POST

P = "/{m}/de/intern/datenschutz/"


def objects(tenant) -> dict[str, str]:
    consent = services.consent_give(
        municipality=tenant.municipality,
        text_version="photo-v1",
        email=f"foto@{tenant.municipality.slug}.example",
        actor=None,
    )
    return {"consent": str(consent.pk)}


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "privacy:consent-revoke": (P + "einwilligungen/{consent}/widerruf/", REQUESTS_POST),
}
