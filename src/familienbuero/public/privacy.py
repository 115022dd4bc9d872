"""Accessibility feedback's part of the data-subject tools and of the retention page: the name and email
address someone left with their feedback."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.core.personal_data import PersonalRecord
from familienbuero.public.models import AccessibilityFeedback
from familienbuero.tenancy.models import Municipality

KEY = "accessibility_feedback"


def _record(feedback: AccessibilityFeedback) -> PersonalRecord:
    meta = AccessibilityFeedback._meta
    fields = {
        str(meta.get_field(name).verbose_name): value
        for name, value in (
            ("name", feedback.name),
            ("email", feedback.email),
            ("page", feedback.page),
            ("message", feedback.message),
            ("created_at", timezone.localtime(feedback.created_at).strftime("%d.%m.%Y %H:%M")),
            ("status", str(feedback.get_status_display())),
        )
        if value
    }
    pk = feedback.pk
    return PersonalRecord(
        kind=KEY,
        label=f"{meta.verbose_name} ({feedback.created_at:%d.%m.%Y})",
        created=feedback.created_at,
        fields=fields,
        erase=lambda: erase_feedback_contact(pk),
    )


def find_personal_data(
    municipality: Municipality, *, email: str = "", phone: str = ""
) -> list[PersonalRecord]:
    """Feedback carries no phone number; it is found by its email address."""
    if not email.strip():
        return []
    with scopes_disabled():
        found = AccessibilityFeedback.objects.filter(
            municipality=municipality, email__iexact=email.strip(), contact_erased_at__isnull=True
        )
        return [_record(feedback) for feedback in found]


def erase_feedback_contact(pk: int, *, now: datetime | None = None) -> None:
    """Art. 17 GDPR: name, email address and the message (it may identify the sender) are erased; that
    feedback was received, when, on which page and whether it was answered stays."""
    with scopes_disabled():
        feedback = AccessibilityFeedback.objects.get(pk=pk)
        feedback.name = ""
        feedback.email = ""
        feedback.message = "–"
        feedback.contact_erased_at = now or timezone.now()
        feedback.save(update_fields=["name", "email", "message", "contact_erased_at"])


def upcoming_erasures(municipality: Municipality, until: datetime) -> dict[str, int]:
    from familienbuero.privacy.retention import retention_days

    days = retention_days(municipality, KEY) or 0
    with scopes_disabled():
        count = AccessibilityFeedback.objects.filter(
            municipality=municipality,
            status=AccessibilityFeedback.Status.ANSWERED,
            contact_erased_at__isnull=True,
            answered_at__lt=until - timedelta(days=days),
        ).count()
    return {KEY: count}
