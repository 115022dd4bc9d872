"""Referrals: a navigator of the family office refers a family to a service of a partner organisation.

What the receiving organisation may see is decided by ``ReferralConsent`` alone: without a consent that
is in force, a referral is the office's internal record and the organisation does not see it at all.
Personal fields are erased after the retention period of the municipality; the rows themselves stay,
because service, topics, status and times make the anonymous statistics.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from familienbuero.core.processing import REFERRAL_RETENTION_DAYS
from familienbuero.core.validators import phone_validator

#: Retention default: the processing register's entry "referrals" promises it on the privacy page.
DEFAULT_RETENTION_DAYS = REFERRAL_RETENTION_DAYS
DEFAULT_FOLLOW_UP_DAYS = 14

#: The consent texts, by version. A text is never changed once used: a new wording gets a new version,
#: so that every ``ReferralConsent`` keeps pointing at exactly the words the family agreed to.
CONSENT_TEXTS: dict[str, str] = {
    "referral-transfer-v1": (
        "Ich bin damit einverstanden, dass das Familienbüro meine Angaben aus dieser Vermittlung an den "
        "Träger des ausgewählten Angebots weitergibt, damit dieser Kontakt mit mir aufnehmen kann. "
        "Weitergegeben werden nur: mein Name oder das von mir gewählte Pseudonym, die angegebene "
        "Telefonnummer und/oder E-Mail-Adresse, meine bevorzugte Sprache, mein Anliegen (Themen) und – "
        "falls eingetragen – der Hinweis an den Träger. Der Träger sieht diese Angaben im Familienbüro-"
        "Portal, solange die Vermittlung nicht abgeschlossen ist; per E-Mail erhält er nur den Hinweis, "
        "dass eine Vermittlung vorliegt.\n\n"
        "Die Einwilligung ist freiwillig. Ohne Einwilligung wird nichts weitergegeben: Ich erhalte dann "
        "die Kontaktdaten des Angebots und melde mich selbst, oder das Familienbüro hilft mir weiter.\n\n"
        "Ich kann die Einwilligung jederzeit ohne Angabe von Gründen gegenüber dem Familienbüro "
        "widerrufen (mündlich, telefonisch oder schriftlich). Ab dem Widerruf sieht der Träger meine "
        "Angaben nicht mehr. Die Rechtmäßigkeit der bis zum Widerruf erfolgten Weitergabe bleibt "
        "unberührt.\n\n"
        "Meine Angaben werden nach Abschluss der Vermittlung nach Ablauf der Aufbewahrungsfrist gelöscht. "
        "Übrig bleibt nur eine Statistik ohne Personenbezug (Angebot, Themen, Ergebnis, Dauer bis zur "
        "ersten Kontaktaufnahme)."
    ),
}
CURRENT_CONSENT_VERSION = "referral-transfer-v1"

#: The personal fields of a referral; the retention job blanks exactly these.
PERSONAL_FIELDS = ("person_name", "contact_phone", "contact_email", "preferred_language", "note_for_receiver")


class ReferralSettings(models.Model):
    """Per municipality: when a referral without news is due for follow-up, and how long personal data
    of a closed referral is kept. Without a row the defaults apply."""

    municipality = models.OneToOneField(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="referral_settings",
        verbose_name=_("municipality"),
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow up after (days)"),
        default=DEFAULT_FOLLOW_UP_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("A referral without news for this many days appears in the follow-up list."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("retention period (days)"),
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Personal data of a closed referral is erased this many days after it was closed."),
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_days__gte=1, follow_up_days__lte=365),
                name="referral_settings_follow_up_days_range",
            ),
            models.CheckConstraint(
                condition=Q(retention_days__gte=1, retention_days__lte=3650),
                name="referral_settings_retention_days_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class ReferralQuerySet(models.QuerySet["Referral"]):
    def closed(self) -> ReferralQuerySet:
        return self.filter(status__in=Referral.CLOSED_STATUSES)

    def not_closed(self) -> ReferralQuerySet:
        return self.exclude(status__in=Referral.CLOSED_STATUSES)

    def for_offices(self, office_ids: set[int] | None) -> ReferralQuerySet:
        """``None`` means every office of the municipality (coordinators)."""
        return self if office_ids is None else self.filter(office_id__in=office_ids)

    def with_consent_in_force(self) -> ReferralQuerySet:
        """Referrals whose receiving organisation holds a consent that has not been revoked."""
        return self.filter(
            Exists(
                ReferralConsent.objects.filter(
                    referral=OuterRef("pk"), recipient=OuterRef("organization"), revoked_at__isnull=True
                )
            )
        )

    def overdue(self, today: date) -> ReferralQuerySet:
        return self.not_closed().filter(follow_up_due__lt=today)


ReferralManager = models.Manager.from_queryset(ReferralQuerySet)


class Referral(models.Model):
    """One family (name or pseudonym) referred to one service, by one office."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONTACTED = "contacted", _("contacted")
        ACCEPTED = "accepted", _("accepted")
        COMPLETED = "completed", _("completed")
        DECLINED = "declined", _("declined")
        NO_SHOW = "no_show", _("did not come")
        WITHDRAWN = "withdrawn", _("withdrawn by the office")

    CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.DECLINED, Status.NO_SHOW, Status.WITHDRAWN})
    #: Outcomes that mean the organisation and the family were in touch (time to first contact).
    CONTACT_STATUSES = frozenset({Status.CONTACTED, Status.ACCEPTED, Status.COMPLETED, Status.NO_SHOW})

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("referring office"),
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    # The service's organisation when the referral was made: scopes what provider staff see.
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("receiving organisation"),
    )
    topics = models.ManyToManyField(
        "directory.TaxonomyTerm",
        related_name="referrals",
        limit_choices_to={"taxonomy": "topic"},
        verbose_name=_("need (topics)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(_("referred at"), default=timezone.now, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    follow_up_due = models.DateField(_("follow up on"), null=True, blank=True)

    # Personal data: blank only once erased (see the constraint below).
    person_name = models.CharField(_("name or pseudonym"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    contact_email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    note_for_receiver = models.TextField(_("note for the organisation"), max_length=500, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality", _manager_class=ReferralManager)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="referral_municipality_status"),
            models.Index(fields=["organization", "status"], name="referral_organization_status"),
            models.Index(fields=["office", "created_at"], name="referral_office_created"),
            models.Index(fields=["closed_at"], name="referral_closed_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status__in=["completed", "declined", "no_show", "withdrawn"], closed_at__isnull=False)
                    | (~Q(status__in=["completed", "declined", "no_show", "withdrawn"]) & Q(closed_at=None))
                ),
                name="referral_closed_iff_closed_status",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(follow_up_due__isnull=True),
                name="referral_closed_has_no_follow_up",
            ),
            models.CheckConstraint(
                condition=(
                    Q(personal_data_erased_at__isnull=True)
                    & ~Q(person_name="")
                    & (~Q(contact_phone="") | ~Q(contact_email=""))
                )
                | Q(
                    personal_data_erased_at__isnull=False,
                    closed_at__isnull=False,
                    person_name="",
                    contact_phone="",
                    contact_email="",
                    preferred_language="",
                    note_for_receiver="",
                ),
                name="referral_personal_data_present_or_erased_after_closing",
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this string appears in logs and in the admin.
        return f"{_('Referral')} {str(self.uuid)[:8]}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def is_erased(self) -> bool:
        return self.personal_data_erased_at is not None


class ReferralConsent(models.Model):
    """The family's consent to pass named fields of one referral to one organisation (§ 67b SGB X).

    ``share_*`` is the scope: only those fields reach the recipient. A consent is never deleted or
    edited; revoking sets ``revoked_at`` and ends every further use at once.
    """

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="consents", verbose_name=_("referral")
    )
    recipient = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="referral_consents",
        verbose_name=_("recipient"),
    )
    text_version = models.CharField(_("consent text version"), max_length=40)
    share_name = models.BooleanField(_("name or pseudonym"), default=False)
    share_phone = models.BooleanField(_("phone"), default=False)
    share_email = models.BooleanField(_("email"), default=False)
    share_language = models.BooleanField(_("preferred language"), default=False)
    share_topics = models.BooleanField(_("need (topics)"), default=False)
    share_note = models.BooleanField(_("note for the organisation"), default=False)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    given_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocation recorded by"),
    )

    objects = ScopedManager(municipality="referral__municipality")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "recipient"],
                condition=Q(revoked_at__isnull=True),
                name="referral_consent_one_in_force_per_recipient",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("given_at")),
                name="referral_consent_revoked_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text_version} → {self.recipient}"

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None

    @property
    def text(self) -> str:
        return CONSENT_TEXTS.get(self.text_version, "")


class ReferralEvent(models.Model):
    """History of a referral: who changed what, when. Holds no personal data; the statistics of the
    time to first contact rest on it together with ``Referral.first_contact_at``."""

    class Action(models.TextChoices):
        CREATED = "created", _("referral made")
        STATUS_CHANGED = "status_changed", _("status changed")
        CONSENT_GIVEN = "consent_given", _("consent recorded")
        CONSENT_REVOKED = "consent_revoked", _("consent revoked")
        PERSONAL_DATA_ERASED = "personal_data_erased", _("personal data erased")

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(
        _("previous status"), max_length=20, choices=Referral.Status.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=20, choices=Referral.Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    objects = ScopedManager(municipality="referral__municipality")

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["referral", "at"], name="referral_event_referral_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
