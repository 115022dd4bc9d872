"""Texts of the processing-register entry "consents" (core/processing.py), kept in this app's catalogue."""

from django.utils.translation import gettext_lazy as _

CONSENTS_PURPOSE = _(
    "Proof of consents (Art. 7(1) GDPR): passing referral data on, photos and videos, newsletter; "
    "stopping every further use when a consent is revoked."
)
CONSENTS_DATA = _(
    "Purpose and scope of the consent, version and wording of the text, time, the staff member who recorded "
    "it, the revocation; the person only as a reference (referral number or a keyed hash of the email "
    "address or phone number)."
)
CONSENTS_SUBJECTS = _("People who give a consent to the family office.")
CONSENTS_LEGAL_BASIS = _("Art. 6(1)(c) and Art. 7(1) GDPR.")
CONSENTS_RETENTION = _(
    "As long as the consent is in force and afterwards as long as the use based on it can be challenged; "
    "erased with the person's other data on request (Art. 17 GDPR)."
)
