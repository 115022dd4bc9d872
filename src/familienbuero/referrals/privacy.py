"""Referrals' part of the data-subject tools (``core.personal_data``) and of the retention page.

Erasing a referral blanks exactly the fields the retention job blanks; an open referral is withdrawn
first (only closed referrals can be erased) and its consents are revoked. Service, topics, times and
the outcome stay, so the anonymous statistics keep counting it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.core.personal_data import PersonalRecord, normalise_phone
from familienbuero.referrals import services
from familienbuero.referrals.models import PERSONAL_FIELDS, Referral, ReferralConsent, ReferralEvent
from familienbuero.referrals.selectors import language_name, referral_settings
from familienbuero.tenancy.models import Municipality

KEY = "referrals"


def _record(referral: Referral) -> PersonalRecord:
    meta = Referral._meta
    fields = {
        str(meta.get_field(name).verbose_name): value
        for name, value in (
            ("person_name", referral.person_name),
            ("contact_phone", referral.contact_phone),
            ("contact_email", referral.contact_email),
            ("preferred_language", language_name(referral.preferred_language)),
            ("note_for_receiver", referral.note_for_receiver),
            ("service", str(referral.service)),
            ("organization", referral.organization.name),
            ("office", referral.office.name),
            ("status", str(referral.get_status_display())),
            ("created_at", timezone.localtime(referral.created_at).strftime("%d.%m.%Y %H:%M")),
        )
        if value
    }
    for consent in referral.consents.all():
        label = str(ReferralConsent._meta.verbose_name)
        given = timezone.localtime(consent.given_at).strftime("%d.%m.%Y %H:%M")
        revoked = (
            timezone.localtime(consent.revoked_at).strftime("%d.%m.%Y %H:%M") if consent.revoked_at else ""
        )
        fields[f"{label} {consent.pk}"] = f"{consent.text_version}, {given}" + (
            f" – {revoked}" if revoked else ""
        )
    pk = referral.pk
    return PersonalRecord(
        kind=KEY,
        label=f"{meta.verbose_name} {referral.service} ({referral.created_at:%d.%m.%Y})",
        created=referral.created_at,
        fields=fields,
        erase=lambda: erase_referral(pk),
    )


def find_personal_data(
    municipality: Municipality, *, email: str = "", phone: str = ""
) -> list[PersonalRecord]:
    email = email.strip().lower()
    digits = normalise_phone(phone)
    condition = Q()
    if email:
        condition |= Q(contact_email__iexact=email)
    if digits:
        condition |= ~Q(contact_phone="")
    if not condition:
        return []
    with scopes_disabled():
        candidates = (
            Referral.objects.filter(
                condition, municipality=municipality, personal_data_erased_at__isnull=True
            )
            .select_related("service", "organization", "office")
            .prefetch_related("service__translations", "consents")
        )
        return [
            _record(referral)
            for referral in candidates
            if (email and referral.contact_email.lower() == email)
            or (digits and normalise_phone(referral.contact_phone) == digits)
        ]


@transaction.atomic
def erase_referral(pk: int, *, actor: User | None = None, now: datetime | None = None) -> None:
    """Art. 17 GDPR for one referral: revoke its consents, withdraw it if open, blank the personal fields."""
    now = now or timezone.now()
    with scopes_disabled():
        referral = Referral.objects.select_for_update().get(pk=pk)
        if referral.is_erased:
            return
        for consent in ReferralConsent.objects.filter(referral=referral, revoked_at__isnull=True):
            services.consent_revoke(consent=consent, actor=actor)
        update = ["personal_data_erased_at", *PERSONAL_FIELDS]
        if not referral.is_closed:
            previous = referral.status
            referral.status = Referral.Status.WITHDRAWN
            referral.closed_at = now
            referral.follow_up_due = None
            update += ["status", "closed_at", "follow_up_due"]
            ReferralEvent.objects.create(
                referral=referral,
                action=ReferralEvent.Action.STATUS_CHANGED,
                from_status=previous,
                to_status=referral.status,
                actor=actor,
                at=now,
            )
        for name in PERSONAL_FIELDS:
            setattr(referral, name, "")
        referral.personal_data_erased_at = now
        referral.save(update_fields=update)
        ReferralEvent.objects.create(
            referral=referral, action=ReferralEvent.Action.PERSONAL_DATA_ERASED, actor=actor, at=now
        )


def upcoming_erasures(municipality: Municipality, until: datetime) -> dict[str, int]:
    with scopes_disabled():
        days = referral_settings(municipality).retention_days
        count = Referral.objects.filter(
            municipality=municipality,
            closed_at__isnull=False,
            personal_data_erased_at__isnull=True,
            closed_at__lt=until - timedelta(days=days),
        ).count()
    return {KEY: count}


def get_retention_days(municipality: Municipality, key: str) -> int | None:
    """The referrals keep their period in ``ReferralSettings`` (also shown on the consent text)."""
    if key != KEY:
        return None
    with scopes_disabled():
        return referral_settings(municipality).retention_days


def set_retention_days(municipality: Municipality, key: str, days: int) -> bool:
    if key != KEY:
        return False
    from familienbuero.referrals.models import ReferralSettings

    with scopes_disabled():
        ReferralSettings.objects.update_or_create(
            municipality=municipality, defaults={"retention_days": days}
        )
    return True


def revoke_consent(source_id: int, actor: User | None) -> None:
    """Revocation from the consent registry: through the referral's own service."""
    with scopes_disabled():
        consent = ReferralConsent.objects.get(pk=source_id)
        services.consent_revoke(consent=consent, actor=actor)
