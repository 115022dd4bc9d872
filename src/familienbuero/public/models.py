"""What every public body's website must carry (Impressum, privacy, accessibility), per municipality."""

from __future__ import annotations

from datetime import date

from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

from familienbuero.core.validators import phone_validator, postcode_validator

# Defaults for NRW; the coordinator checks and completes them (address, email) before going live.
NRW_ENFORCEMENT_BODY = (
    "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen\n"
    "bei der bzw. dem Beauftragten der Landesregierung für Menschen mit Behinderung"
)
NRW_DATA_PROTECTION_AUTHORITY = (
    "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen\n"
    "Kavalleriestraße 2–4, 40213 Düsseldorf\n"
    "poststelle@ldi.nrw.de"
)


def sign_language_upload_path(instance: LegalInfo, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"sign-language/{instance.municipality_id}/video.{extension}"


class LegalInfo(TranslatableModel):
    """Impressum (§ 5 DDG, § 18 MStV), privacy statement (DSGVO Art. 13/14) and accessibility statement
    (BITV NRW) of one municipality; edited by its coordinator."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    municipality = models.OneToOneField(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="legal_info",
        verbose_name=_("municipality"),
    )
    # Impressum
    provider_name = models.CharField(_("provider (legal entity)"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=200, default="Körperschaft des öffentlichen Rechts", blank=True
    )
    represented_by = models.CharField(_("represented by"), max_length=200)
    street = models.CharField(_("street and number"), max_length=160)
    postcode = models.CharField(_("postcode"), max_length=5, validators=[postcode_validator])
    city = models.CharField(_("city"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, validators=[phone_validator])
    email = models.EmailField(_("email"))
    vat_id = models.CharField(
        _("VAT identification number"),
        max_length=14,
        blank=True,
        validators=[RegexValidator(r"^DE\d{9}$", _("A German VAT number looks like DE123456789."))],
    )
    supervisory_authority = models.CharField(_("supervisory authority"), max_length=300, blank=True)
    content_responsible = models.CharField(
        _("responsible for the content (§ 18(2) MStV)"), max_length=300, help_text=_("Name and address.")
    )
    # Privacy
    dpo_name = models.CharField(_("data protection officer"), max_length=200)
    dpo_email = models.EmailField(_("email of the data protection officer"))
    dpo_address = models.CharField(_("postal address of the data protection officer"), max_length=300)
    mail_relay = models.CharField(
        _("mail relay (processor)"),
        max_length=300,
        blank=True,
        help_text=_("Who sends the emails of the platform."),
    )
    sms_gateway = models.CharField(
        _("SMS gateway (processor)"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty if SMS is not used."),
    )
    hosting = models.CharField(_("hosting (processor)"), max_length=300, blank=True)
    data_protection_authority = models.TextField(
        _("data protection supervisory authority"), max_length=1000, default=NRW_DATA_PROTECTION_AUTHORITY
    )
    # Accessibility statement
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    statement_date = models.DateField(_("statement created on"), default=date.today)
    last_review = models.DateField(_("last review on"), default=date.today)
    review_method = models.CharField(
        _("review method"),
        max_length=300,
        default="Selbstbewertung",
        help_text=_("e.g. self-assessment, BITV test"),
    )
    enforcement_body = models.TextField(_("enforcement body"), max_length=1000, default=NRW_ENFORCEMENT_BODY)
    feedback_email = models.EmailField(
        _("email for accessibility feedback"),
        help_text=_("Receives new feedback and reminders before deadlines."),
    )
    # Sign language (BITV 2.0 § 4, Anlage 2)
    sign_language_video = models.FileField(
        _("sign language video (DGS)"),
        upload_to=sign_language_upload_path,
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
    )
    sign_language_video_seconds = models.PositiveIntegerField(
        _("video duration (seconds)"), null=True, blank=True
    )
    sign_language_video_bytes = models.PositiveBigIntegerField(_("video size (bytes)"), null=True, blank=True)

    translations = TranslatedFields(
        privacy_text=models.TextField(
            _("own privacy text"),
            blank=True,
            max_length=10000,
            help_text=_("Additions of the municipality, e.g. on hosting and server logs."),
        ),
        non_accessible_parts=models.TextField(
            _("non-accessible parts, reasons and alternatives"), blank=True, max_length=10000
        ),
        easy_language_intro=models.TextField(
            _("start page text in easy language"),
            blank=True,
            max_length=6000,
            help_text=_("Explains content, navigation, the accessibility statement and where to find more."),
        ),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("legal information")
        verbose_name_plural = _("legal information")

    def __str__(self) -> str:
        return str(self.municipality)


class AccessibilityFeedback(models.Model):
    """Feedback on barriers (BITV NRW): a ticket with a one-month answer deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="accessibility_feedback",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    due_on = models.DateField(_("answer due by"))
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=4000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("contact data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["status", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", answered_at__isnull=True)
                | models.Q(status="answered", answered_at__isnull=False),
                name="feedback_answered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y} – {self.message[:40]}"
