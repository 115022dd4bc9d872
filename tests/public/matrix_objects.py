"""Accessibility feedback with a real object (tests/test_permission_matrix.py, ``OBJECT_MATRIX``)."""

from __future__ import annotations

from datetime import date

from familienbuero.accounts.roles import Role
from familienbuero.public.models import AccessibilityFeedback
from tests.access import ANON, NOT_FOUND


def objects(tenant) -> dict[str, str]:
    feedback = AccessibilityFeedback.objects.create(
        municipality=tenant.municipality,
        message="Der Kontrast ist zu schwach",
        due_on=date(2027, 1, 10),
        name="Zaphira Quellmann",
        email="zaphira@example.org",
    )
    return {"feedback": str(feedback.pk)}


OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "public-staff:feedback-answered": (
        "/{m}/de/intern/barrierefreiheit/{feedback}/beantwortet/",
        {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405},
    ),
}
