"""Copies the referral consents recorded before the consent registry existed into it."""

from django.db import migrations
from django.utils import translation


def copy_referral_consents(apps, schema_editor):
    from familienbuero.referrals.models import CONSENT_TEXTS

    ReferralConsent = apps.get_model("referrals", "ReferralConsent")
    Consent = apps.get_model("privacy", "Consent")
    labels = {
        "share_name": "Name oder Pseudonym",
        "share_phone": "Telefon",
        "share_email": "E-Mail",
        "share_language": "bevorzugte Sprache",
        "share_topics": "Anliegen (Themen)",
        "share_note": "Hinweis an den Träger",
    }
    with translation.override("de"):
        for consent in ReferralConsent.objects.select_related("referral", "recipient").iterator():
            shared = [label for field, label in labels.items() if getattr(consent, field)]
            Consent.objects.get_or_create(
                source=f"referrals:{consent.pk}",
                defaults={
                    "municipality_id": consent.referral.municipality_id,
                    "subject_reference": f"referral:{consent.referral.uuid}",
                    "purpose": "referral_transfer",
                    "scope": f"{consent.recipient.name}: {', '.join(shared)}"[:500],
                    "text_version": consent.text_version,
                    "text": CONSENT_TEXTS.get(consent.text_version, ""),
                    "given_at": consent.given_at,
                    "given_by_id": consent.given_by_staff_id,
                    "revoked_at": consent.revoked_at,
                    "revoked_by_id": consent.revoked_by_staff_id,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("referrals", "0001_referrals_consents_events_settings"),
    ]

    operations = [migrations.RunPython(copy_referral_consents, migrations.RunPython.noop)]
