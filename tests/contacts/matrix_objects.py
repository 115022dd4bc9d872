"""Contacts with a real object (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a contact recorded
just now by the office staff member; only that person may correct it (for seven days)."""

from __future__ import annotations

from django.utils import timezone

from familienbuero.accounts.roles import Role
from familienbuero.contacts import services
from tests.access import ADMIN, ANON, NOT_FOUND


def objects(tenant) -> dict[str, str]:
    record = services.record_contact(
        office=tenant.office,
        actor=tenant.users[Role.OFFICE_STAFF],
        contact_at=timezone.now(),
        channel="phone",
        persons=1,
    )
    return {"contact": str(record.pk)}


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # Not even the coordinator or the platform admin: a correction is the recorder's own.
    "contacts:correct": (
        "/{m}/de/intern/kontakte/{contact}/korrigieren/",
        {ANON: 302, **NOT_FOUND, Role.OFFICE_STAFF: 200, ADMIN: 404},
    ),
    # GET only asks; the POST deletes.
    "contacts:delete": (
        "/{m}/de/intern/kontakte/{contact}/loeschen/",
        {ANON: 302, **NOT_FOUND, Role.OFFICE_STAFF: 200, ADMIN: 404},
    ),
}
