"""Data protection records: who read personal data (``AccessLog``), consents (``Consent``), retention
periods set by a municipality (``RetentionOverride``) and the runs of the daily erasure (``ErasureRun``).

Changes to personal data and permissions are recorded by django-auditlog (see ``audit.py``); reads are
recorded here, because auditlog records writes only.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AppendOnlyError(Exception):
    """An access-log entry was to be changed or deleted."""


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


AccessLogManager = models.Manager.from_queryset(AccessLogQuerySet)


class AccessLog(models.Model):
    """One read of (or action on) personal data by a staff member. Append-only: there is no code path
    that changes or deletes an entry (the admin shows it read-only, the queryset refuses updates)."""

    class Action(models.TextChoices):
        VIEW = "view", _("view personal data")
        SEARCH = "search", _("search a person (data-subject request)")
        EXPORT = "export", _("export")
        ERASE = "erase", _("erase")
        CONSENT = "consent", _("record or revoke a consent")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    # Kept when the account is deleted: the log must still say who it was.
    actor_name = models.CharField(_("user name"), max_length=150, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, editable=False)
    object_type = models.CharField(_("object type"), max_length=100, editable=False)
    object_id = models.CharField(_("object"), max_length=64, editable=False)
    # What the object is, for the reader of the log; never personal data (e.g. "Referral 1a2b3c4d").
    object_label = models.CharField(_("description"), max_length=200, blank=True, editable=False)

    objects = ScopedManager(municipality="municipality", _manager_class=AccessLogManager)

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "at"], name="accesslog_municipality_at"),
            models.Index(fields=["object_type", "object_id"], name="accesslog_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class Consent(models.Model):
    """A consent as given: to what (purpose and scope), in which words (text version and the text shown),
    when and recorded by whom; revoked when. Never deleted; revoking ends every further use at once.

    The subject is referenced, not named: ``referral:<uuid>`` for a referral's data transfer, or
    ``contact:<keyed hash>`` of the email address or phone number (``services.contact_reference``).
    """

    class Purpose(models.TextChoices):
        REFERRAL_TRANSFER = "referral_transfer", _("passing referral data on to the receiving organisation")
        PHOTO = "photo", _("photos and videos (publication)")
        NEWSLETTER = "newsletter", _("newsletter")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    subject_reference = models.CharField(_("person (reference)"), max_length=100, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    scope = models.CharField(_("scope"), max_length=500, blank=True)
    text_version = models.CharField(_("text version"), max_length=40)
    text = models.TextField(_("text shown"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocation recorded by"),
    )
    # The record in another app this consent mirrors ("referrals:<ReferralConsent pk>"); blank otherwise.
    source = models.CharField(_("source"), max_length=100, blank=True, editable=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("given_at")),
                name="privacy_consent_revoked_after_given",
            ),
            models.UniqueConstraint(
                fields=["source"], condition=~Q(source=""), name="privacy_consent_one_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.text_version} ({self.subject_reference[:20]})"

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None


class RetentionOverride(models.Model):
    """A municipality's own retention period for one entry of the processing register, within the limits
    the entry allows (``core.processing.Processing.min_days``/``max_days``)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    key = models.CharField(_("kind of personal data"), max_length=50)
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"), validators=[MinValueValidator(1)]
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="privacy_retention_one_per_key"),
            models.CheckConstraint(condition=Q(retention_days__gte=1), name="privacy_retention_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.retention_days}"


class ErasureRun(models.Model):
    """One run of the periodic jobs (``manage.py runperiodic``): how many records each job erased or
    sent. Platform-wide (jobs run over all municipalities), so only platform administrators see it."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    results = models.JSONField(_("results"), default=dict)
    failed = models.BooleanField(_("failed"), default=False)

    class Meta:
        verbose_name = _("erasure run")
        verbose_name_plural = _("erasure runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def erased(self) -> dict[str, int]:
        return {label: count for label, count in self.results.items() if "(retention)" in label}
