"""Writes of the privacy app: the access log, consents, and the data-subject actions (export, erasure)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.core.personal_data import PersonalRecord, normalise_phone
from familienbuero.privacy import hooks
from familienbuero.privacy.models import AccessLog, Consent
from familienbuero.tenancy.models import Municipality

#: Consent texts recorded in the back office, by version. A text is never changed once used: a new
#: wording gets a new version. (The referral consent text lives in the referrals app.)
CONSENT_TEXTS: dict[str, tuple[str, str]] = {
    "photo-v1": (
        Consent.Purpose.PHOTO,
        "Ich bin damit einverstanden, dass das Familienbüro Fotos und Videos, auf denen ich oder mein Kind "
        "zu erkennen sind, auf seiner Internetseite, in Aushängen und in Broschüren veröffentlicht. Die "
        "Einwilligung ist freiwillig und kann jederzeit ohne Angabe von Gründen widerrufen werden; danach "
        "werden die Aufnahmen nicht mehr neu verwendet und von der Internetseite entfernt.",
    ),
    "newsletter-v1": (
        Consent.Purpose.NEWSLETTER,
        "Ich möchte den Newsletter des Familienbüros mit Hinweisen auf Angebote und Veranstaltungen per "
        "E-Mail erhalten. Die Einwilligung ist freiwillig und kann jederzeit widerrufen werden, zum "
        "Beispiel über den Abmeldelink in jedem Newsletter oder beim Familienbüro.",
    ),
}


# --- access log ------------------------------------------------------------------------------------


def record_access(
    request: HttpRequest,
    obj: Model | None,
    action: str,
    *,
    object_type: str = "",
    object_id: str = "",
    label: str = "",
) -> AccessLog:
    """Appends one entry: ``request.user`` did ``action`` on ``obj`` in ``request.municipality``.

    ``str(obj)`` becomes the description, so it must not contain personal data (referrals' does not).
    """
    user = request.user if request.user.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uuid", None) or obj.pk)
        label = label or str(obj)
    with scopes_disabled():
        return AccessLog.objects.create(
            municipality=request.municipality,
            actor=user,
            actor_name=user.get_username() if user else "",
            action=action,
            object_type=object_type[:100],
            object_id=object_id[:64],
            object_label=label[:200],
        )


# --- people ----------------------------------------------------------------------------------------


def _keyed_hash(kind: str, value: str, key: str) -> str:
    digest = hmac.new(key.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"contact:{digest[:40]}"


def contact_references(*, email: str = "", phone: str = "", earlier_keys: bool = False) -> list[str]:
    """Pseudonymous references of a person (keyed hashes of the email address and of the phone number),
    under ``SECRET_KEY``; with ``earlier_keys`` also under each of ``SECRET_KEY_FALLBACKS``, so that
    lookups still find what was recorded before the key was rotated."""
    keys = [settings.SECRET_KEY, *(settings.SECRET_KEY_FALLBACKS if earlier_keys else [])]
    refs = []
    for key in keys:
        if email.strip():
            refs.append(_keyed_hash("email", email.strip().lower(), key))
        if normalise_phone(phone):
            refs.append(_keyed_hash("phone", normalise_phone(phone), key))
    return refs


def person_reference(*, email: str = "", phone: str = "") -> str:
    """What the access log records of a searched person: a short keyed hash, not the address itself."""
    refs = contact_references(email=email, phone=phone)
    return refs[0].removeprefix("contact:")[:16] if refs else ""


# --- consents --------------------------------------------------------------------------------------


@transaction.atomic
def consent_give(
    *,
    municipality: Municipality,
    text_version: str,
    email: str = "",
    phone: str = "",
    scope: str = "",
    actor: User | None,
) -> Consent:
    """Records a consent given in the office (photos, newsletter) in the words of ``text_version``."""
    if text_version not in CONSENT_TEXTS:
        raise ValidationError({"text_version": _("Unknown consent text.")})
    refs = contact_references(email=email, phone=phone)
    if not refs:
        raise ValidationError(_("Enter an email address or a phone number."))
    purpose, text = CONSENT_TEXTS[text_version]
    consent = Consent(
        municipality=municipality,
        subject_reference=refs[0],
        purpose=purpose,
        scope=scope.strip(),
        text_version=text_version,
        text=text,
        given_at=timezone.now(),
        given_by=actor,
    )
    with scopes_disabled():
        consent.full_clean()
        consent.save()
    return consent


@transaction.atomic
def consent_revoke(*, consent: Consent, actor: User | None) -> Consent:
    """Ends the consent at once. A consent mirrored from an app (referral data transfer) is revoked
    through that app, so that its own rules (what the organisation sees) take effect in the same
    transaction."""
    with scopes_disabled():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        return consent
    if consent.source:
        app_label, _sep, source_id = consent.source.partition(":")
        module = hooks.module_of(app_label)
        if module is None or not hasattr(module, "revoke_consent"):
            raise ValidationError(_("This consent can only be revoked where it was recorded."))
        module.revoke_consent(int(source_id), actor)
    with scopes_disabled():
        consent.refresh_from_db()
        if consent.revoked_at is None:
            consent.revoked_at, consent.revoked_by = timezone.now(), actor
            consent.save(update_fields=["revoked_at", "revoked_by"])  # through save(): in the change log
    return consent


def mirror_referral_consent(referral_consent: Any) -> Consent:
    """Called by ``referrals.services.consent_give``: the registry's copy of a referral consent."""
    referral = referral_consent.referral
    shared = [
        field.verbose_name
        for field in referral_consent._meta.fields
        if field.name.startswith("share_") and getattr(referral_consent, field.name)
    ]
    with override("de"):
        scope = f"{referral_consent.recipient.name}: {', '.join(str(label) for label in shared)}"
    with scopes_disabled():
        consent, _created = Consent.objects.get_or_create(
            source=f"referrals:{referral_consent.pk}",
            defaults={
                "municipality_id": referral.municipality_id,
                "subject_reference": f"referral:{referral.uuid}",
                "purpose": Consent.Purpose.REFERRAL_TRANSFER,
                "scope": scope[:500],
                "text_version": referral_consent.text_version,
                "text": referral_consent.text,
                "given_at": referral_consent.given_at,
                "given_by": referral_consent.given_by_staff,
            },
        )
    return consent


def mirror_referral_revocation(referral_consent: Any) -> None:
    """Called by ``referrals.services.consent_revoke``."""
    with scopes_disabled():
        consent = Consent.objects.filter(
            source=f"referrals:{referral_consent.pk}", revoked_at__isnull=True
        ).first()
        if consent is not None:
            consent.revoked_at, consent.revoked_by = (
                referral_consent.revoked_at,
                referral_consent.revoked_by_staff,
            )
            consent.save(update_fields=["revoked_at", "revoked_by"])


# --- data-subject requests (Art. 15 and 17 GDPR) ----------------------------------------------------


def export_json(records: Sequence[PersonalRecord], *, municipality: Municipality, now: datetime) -> str:
    """A readable, machine-processable copy of everything found (Art. 15 and Art. 20 GDPR)."""
    data = {
        "municipality": municipality.name,
        "created_at": now.isoformat(),
        "records": [
            {
                "kind": record.kind,
                "description": str(record.label),
                "created_at": record.created.isoformat(),
                "data": {str(label): value for label, value in record.fields.items()},
            }
            for record in records
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_all(records: Sequence[PersonalRecord]) -> int:
    """Erases every record in one transaction: all or nothing. Each app's ``erase`` keeps what its
    anonymous statistics need."""
    for record in records:
        record.erase()
    return len(records)
