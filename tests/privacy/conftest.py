"""Privacy test world: the referral world (tests/referrals/conftest.py) plus helpers."""

from __future__ import annotations

from datetime import date

from django_scopes import scopes_disabled

from familienbuero.public.models import AccessibilityFeedback
from tests.referrals.conftest import PERSON, World, reload, world  # noqa: F401  (fixture)

A_PRIVACY = "/stadt-a/de/intern/datenschutz/"
B_PRIVACY = "/stadt-b/de/intern/datenschutz/"
EMAIL = PERSON["contact_email"]
PHONE = PERSON["contact_phone"]


def feedback(municipality, **kwargs) -> AccessibilityFeedback:
    kwargs.setdefault("message", "Der Kontrast ist zu schwach, schreibt Zaphira Quellmann")
    kwargs.setdefault("due_on", date(2027, 1, 10))
    kwargs.setdefault("name", "Zaphira Quellmann")
    kwargs.setdefault("email", EMAIL)
    with scopes_disabled():
        return AccessibilityFeedback.objects.create(municipality=municipality, **kwargs)
