"""Consultations: recurring consultation hours of the own team or of an independent provider, bookings of
families without an account, and the walk-in queue of the reception desk.

A room and a counsellor hold one appointment at a time. That is a database invariant, not a Python
check: on PostgreSQL an exclusion constraint on the time range (migration 0002), on SQLite a serialised
write path (``BEGIN IMMEDIATE``, see ``services.book_slot``). Personal fields of a booking are erased a
number of days after the appointment; the rows stay for the anonymous counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from familienbuero.core.processing import APPOINTMENT_RETENTION_DAYS
from familienbuero.core.validators import phone_validator
from familienbuero.tenancy.models import Room

DEFAULT_RETENTION_DAYS = APPOINTMENT_RETENTION_DAYS

#: The personal fields of a booking; the retention job blanks exactly these.
PERSONAL_FIELDS = ("person_name", "contact_phone", "contact_email", "interpreter_language")

rrule_validator = RegexValidator(
    r"^(RRULE:)?[A-Z]+=[A-Z0-9,+\-]+(;[A-Z]+=[A-Z0-9,+\-]+)*$",
    _("Enter a recurrence rule such as FREQ=WEEKLY;BYDAY=TU."),
)


class AppointmentSettings(models.Model):
    """Per municipality: how long personal data of a booking is kept, how far ahead families may book."""

    municipality = models.OneToOneField(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="appointment_settings",
        verbose_name=_("municipality"),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("retention period (days)"),
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Name and contact details of a booking are erased this many days after the appointment."),
    )
    booking_weeks = models.PositiveSmallIntegerField(
        _("bookable weeks ahead"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("appointment settings")
        verbose_name_plural = _("appointment settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__gte=1, retention_days__lte=3650),
                name="appointment_settings_retention_days_range",
            ),
            models.CheckConstraint(
                condition=Q(booking_weeks__gte=1, booking_weeks__lte=26),
                name="appointment_settings_booking_weeks_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class ConsultationHoursQuerySet(models.QuerySet["ConsultationHours"]):
    def active(self) -> ConsultationHoursQuerySet:
        return self.filter(is_active=True)


ConsultationHoursManager = models.Manager.from_queryset(ConsultationHoursQuerySet)


class ConsultationHours(models.Model):
    """Recurring hours of one provider in one office: when (an RFC 5545 rule in local time), how long a
    slot is, which kind of room it needs, who counsels, and what families may expect."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="consultation_hours",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office",
        on_delete=models.PROTECT,
        related_name="consultation_hours",
        verbose_name=_("office"),
    )
    # Empty: the office's own team. Otherwise the independent provider whose staff manage these hours.
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_hours",
        verbose_name=_("independent provider"),
        help_text=_("Leave empty for the office's own team."),
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_hours",
        verbose_name=_("service in the directory"),
    )
    title = models.CharField(_("title"), max_length=160)
    topics = models.ManyToManyField(
        "directory.TaxonomyTerm",
        blank=True,
        related_name="consultation_hours",
        limit_choices_to={"taxonomy": "topic"},
        verbose_name=_("topics"),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        default="de",
        validators=[RegexValidator(r"^[a-z]{2,3}(,[a-z]{2,3})*$", _("Language codes separated by commas."))],
        help_text=_("Language codes separated by commas, e.g. de,tr,ar."),
    )
    recurrence = models.CharField(
        _("recurrence rule"),
        max_length=300,
        validators=[rrule_validator],
        help_text=_(
            "RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU (every Tuesday), FREQ=WEEKLY;INTERVAL=2;BYDAY=TU "
            "(every second Tuesday), FREQ=MONTHLY;BYDAY=1MO (first Monday of the month)."
        ),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between slots (minutes)"), default=0, validators=[MaxValueValidator(120)]
    )
    room_kind = models.CharField(
        _("room needed"), max_length=20, choices=Room.Kind.choices, default=Room.Kind.COUNSELLING
    )
    anonymous_allowed = models.BooleanField(_("anonymous booking allowed"), default=False)
    walk_ins = models.BooleanField(_("walk-ins served"), default=False)
    skip_public_holidays = models.BooleanField(_("no hours on public holidays (NRW)"), default=True)
    is_active = models.BooleanField(_("bookable"), default=True)
    counsellors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="consultation_hours",
        verbose_name=_("counsellors"),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=ConsultationHoursManager)

    class Meta:
        verbose_name = _("consultation hours")
        verbose_name_plural = _("consultation hours")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=F("end_time")), name="consultation_hours_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lte=F("ends_on")),
                name="consultation_hours_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="consultation_hours_slot_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from familienbuero.appointments.recurrence import parse_rule

        errors = {}
        if self.start_time and self.end_time and self.start_time >= self.end_time:
            errors["end_time"] = _("The end must be after the start.")
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            errors["ends_on"] = _("The last day must not be before the first day.")
        if self.recurrence:
            try:
                parse_rule(self.recurrence, self.starts_on or timezone.localdate())
            except ValueError:
                errors["recurrence"] = _("Enter a recurrence rule such as FREQ=WEEKLY;BYDAY=TU.")
        if self.office_id and self.office.municipality_id != self.municipality_id:
            errors["office"] = _("The office belongs to another municipality.")
        if self.organization_id and self.organization.municipality_id != self.municipality_id:
            errors["organization"] = _("The organisation belongs to another municipality.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def provider_key(self) -> str:
        """Identifies the provider in public URLs: ``org-<slug>`` or ``buero-<office slug>``."""
        if self.organization_id:
            return f"org-{self.organization.slug}"
        return f"buero-{self.office.slug}"

    @property
    def provider_name(self) -> str:
        return self.organization.name if self.organization_id else self.office.name


class ConsultationException(models.Model):
    """A dated exception: no hours on that day, or extra hours on a day the rule does not produce."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("no hours that day")
        EXTRA = "extra", _("extra hours that day")

    hours = models.ForeignKey(
        ConsultationHours, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("hours")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CANCELLED)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = ScopedManager(municipality="hours__municipality")

    class Meta:
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["hours", "date"], name="consultation_exception_one_per_day"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(start_time__lt=F("end_time")),
                name="consultation_exception_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> BookingQuerySet:
        """Bookings that hold their room and counsellor (a cancelled one frees both)."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def overlapping(self, start: object, end: object) -> BookingQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)


BookingManager = models.Manager.from_queryset(BookingQuerySet)


class Booking(models.Model):
    """One appointment of one family in one slot. ``token_hash`` is the SHA-256 of the manage link's
    token; the token itself is only ever in the family's confirmation."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("did not come")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("municipality"),
    )
    hours = models.ForeignKey(
        ConsultationHours, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("hours")
    )
    # Denormalised from the hours: scopes what office and provider staff see, also after the hours change.
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("office")
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("independent provider"),
    )
    room = models.ForeignKey(
        "tenancy.Room", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("counsellor"),
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    language = models.CharField(_("language of the messages"), max_length=10, default="de")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    # Personal data: blank only once erased (see the constraint below).
    person_name = models.CharField(_("name or pseudonym"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    contact_email = models.EmailField(_("email"), blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(_("interpreter language"), max_length=10, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality", _manager_class=BookingManager)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["room", "starts_at"], name="booking_room_starts"),
            models.Index(fields=["hours", "starts_at"], name="booking_hours_starts"),
            models.Index(fields=["counsellor", "starts_at"], name="booking_counsellor_starts"),
            models.Index(fields=["ends_at"], name="booking_ends"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="booking_start_before_end"),
            models.CheckConstraint(
                condition=(
                    Q(personal_data_erased_at__isnull=True)
                    & ~Q(person_name="")
                    & (~Q(contact_phone="") | ~Q(contact_email=""))
                )
                | Q(
                    personal_data_erased_at__isnull=False,
                    person_name="",
                    contact_phone="",
                    contact_email="",
                    interpreter_language="",
                    token_hash__isnull=True,
                ),
                name="booking_personal_data_present_or_erased",
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this string appears in logs and in the admin.
        return f"{_('Booking')} {str(self.uuid)[:8]}"

    @property
    def is_erased(self) -> bool:
        return self.personal_data_erased_at is not None

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class WalkInTicket(models.Model):
    """A numbered ticket of the walk-in queue. Deliberately without any personal data."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        CALLED = "called", _("called")
        DONE = "done", _("done")
        LEFT = "left", _("left without being seen")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="walk_in_tickets",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.CASCADE, related_name="walk_in_tickets", verbose_name=_("office")
    )
    day = models.DateField(_("day"))
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(_("drawn at"), default=timezone.now)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("walk-in ticket")
        verbose_name_plural = _("walk-in tickets")
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "day", "number"], name="walk_in_ticket_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}"


class CounsellorFeed(models.Model):
    """The private calendar feed of one counsellor: a revocable token (stored hashed)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counsellor_feeds",
        verbose_name=_("counsellor"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"],
                condition=Q(revoked_at__isnull=True),
                name="counsellor_feed_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d.%m.%Y})"
