"""The consent registry's part of the data-subject tools: consents recorded for a person's email address
or phone number (found through the keyed hash, the address itself is not stored)."""

from __future__ import annotations

from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.core.personal_data import PersonalRecord
from familienbuero.privacy.models import Consent
from familienbuero.tenancy.models import Municipality

KEY = "consents"


def _record(consent: Consent) -> PersonalRecord:
    meta = Consent._meta
    fields = {
        str(meta.get_field("purpose").verbose_name): str(consent.get_purpose_display()),
        str(meta.get_field("scope").verbose_name): consent.scope,
        str(meta.get_field("text_version").verbose_name): consent.text_version,
        str(meta.get_field("text").verbose_name): consent.text,
        str(meta.get_field("given_at").verbose_name): timezone.localtime(consent.given_at).strftime(
            "%d.%m.%Y %H:%M"
        ),
    }
    if consent.revoked_at:
        fields[str(meta.get_field("revoked_at").verbose_name)] = timezone.localtime(
            consent.revoked_at
        ).strftime("%d.%m.%Y %H:%M")
    pk = consent.pk
    return PersonalRecord(
        kind=KEY,
        label=f"{meta.verbose_name}: {consent.get_purpose_display()}",
        created=consent.given_at,
        fields={label: value for label, value in fields.items() if value},
        erase=lambda: erase_consent(pk),
    )


def find_personal_data(
    municipality: Municipality, *, email: str = "", phone: str = ""
) -> list[PersonalRecord]:
    from familienbuero.privacy.services import contact_references

    refs = contact_references(email=email, phone=phone, earlier_keys=True)
    if not refs:
        return []
    with scopes_disabled():
        return [
            _record(consent)
            for consent in Consent.objects.filter(municipality=municipality, subject_reference__in=refs)
        ]


def erase_consent(pk: int) -> None:
    """Revokes the consent if it is in force and removes the reference to the person."""
    with scopes_disabled():
        consent = Consent.objects.get(pk=pk)
        now = timezone.now()
        consent.revoked_at = consent.revoked_at or now
        consent.subject_reference = f"erased:{pk}"
        consent.save(update_fields=["revoked_at", "subject_reference"])
