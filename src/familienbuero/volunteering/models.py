"""Volunteering: tutors and tutoring requests with their matches, internship offers with youths'
interests and placements, playground sponsorships with check and defect reports.

Personal data is minimal (a child is a first name or pseudonym plus a parent's contact; a youth a first
name plus a contact) and every personal field is blanked by the retention jobs (``services``) once its
purpose has ended; the rows stay for the anonymous statistics.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from familienbuero.core.validators import phone_validator

#: The extended police clearance certificate ("erweitertes Führungszeugnis") is re-checked after this.
CLEARANCE_VALID_YEARS = 5


def _token() -> str:
    return secrets.token_urlsafe(32)


def neutral_label(instance: models.Model) -> str:
    """A label without personal data (kind and a short id) for ``__str__``: it appears in the admin, in
    the change log and in error reports, where a child's or volunteer's name must not."""
    uuid_value = getattr(instance, "uuid", None)
    ident = str(uuid_value)[:8] if uuid_value else f"#{instance.pk}"
    return f"{instance._meta.verbose_name} {ident}"


class TutorQuerySet(models.QuerySet["Tutor"]):
    def eligible(self, today: date) -> TutorQuerySet:
        """Approved, trained, with a clearance certificate seen less than five years ago: only these are
        ever proposed by the matching."""
        return self.filter(
            status=Tutor.Status.APPROVED,
            training_done=True,
            clearance_seen_on__isnull=False,
            clearance_seen_on__gt=today - relativedelta(years=CLEARANCE_VALID_YEARS),
        )

    def clearance_overdue(self, today: date) -> TutorQuerySet:
        return self.filter(status=Tutor.Status.APPROVED).filter(
            Q(clearance_seen_on__isnull=True)
            | Q(clearance_seen_on__lte=today - relativedelta(years=CLEARANCE_VALID_YEARS))
        )


TutorManager = models.Manager.from_queryset(TutorQuerySet)


class Tutor(models.Model):
    """A volunteer who gives free tutoring."""

    class Status(models.TextChoices):
        PENDING = "pending", _("registered, to be reviewed")
        APPROVED = "approved", _("approved")
        INACTIVE = "inactive", _("inactive")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="tutors",
        verbose_name=_("municipality"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    subjects = models.JSONField(_("subjects"), default=list)
    school_types = models.JSONField(_("school types"), default=list, blank=True)
    grade_min = models.PositiveSmallIntegerField(
        _("from grade"), default=1, validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    grade_max = models.PositiveSmallIntegerField(
        _("to grade"), default=13, validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    languages = models.JSONField(_("languages"), default=list)
    slots = models.JSONField(_("weekly availability"), default=list)
    places = models.JSONField(_("places"), default=list)
    district = models.ForeignKey(
        "tenancy.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    max_pupils = models.PositiveSmallIntegerField(
        _("maximum number of pupils"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    clearance_seen_on = models.DateField(_("police clearance certificate seen on"), null=True, blank=True)
    clearance_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate seen by"),
    )
    training_done = models.BooleanField(_("training done"), default=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    ended_at = models.DateTimeField(_("inactive since"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality", _manager_class=TutorManager)

    class Meta:
        verbose_name = _("tutor")
        verbose_name_plural = _("tutors")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_min__lte=models.F("grade_max")), name="tutor_grade_range"
            ),
            models.CheckConstraint(condition=Q(max_pupils__gte=1), name="tutor_max_pupils_positive"),
        ]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def display_name(self) -> str:
        """The name for the back office pages (``__str__`` is neutral: it appears in logs and the admin)."""
        return self.name or str(_("(personal data erased)"))

    @property
    def clearance_due(self) -> date | None:
        if self.clearance_seen_on is None:
            return None
        return self.clearance_seen_on + relativedelta(years=CLEARANCE_VALID_YEARS)

    def clearance_overdue(self, today: date) -> bool:
        due = self.clearance_due
        return due is None or due <= today

    def is_eligible(self, today: date) -> bool:
        return (
            self.status == self.Status.APPROVED and self.training_done and not self.clearance_overdue(today)
        )


class TutoringRequest(models.Model):
    """Tutoring wanted for a child: minimal data (first name or pseudonym, a parent's contact)."""

    class Source(models.TextChoices):
        STAFF = "staff", _("family office")
        SCHOOL = "school", _("school")
        PARENT = "parent", _("parent")

    class Priority(models.TextChoices):
        NONE = "", _("no priority")
        BUT = "but", _("entitled to education and participation benefits (BuT)")
        LOW_INCOME = "low_income", _("low income")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        MATCHED = "matched", _("tutor found")
        CLOSED = "closed", _("closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="tutoring_requests",
        verbose_name=_("municipality"),
    )
    source = models.CharField(_("request from"), max_length=10, choices=Source.choices, default=Source.STAFF)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    child_name = models.CharField(_("child's first name or pseudonym"), max_length=60, blank=True)
    parent_phone = models.CharField(
        _("parent's phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    parent_email = models.EmailField(_("parent's email"), blank=True)
    subjects = models.JSONField(_("subjects"), default=list)
    school_type = models.CharField(_("school type"), max_length=20)
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    languages = models.JSONField(_("languages"), default=list)
    slots = models.JSONField(_("weekly availability"), default=list)
    places = models.JSONField(_("places"), default=list)
    district = models.ForeignKey(
        "tenancy.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    priority = models.CharField(
        _("priority"), max_length=12, choices=Priority.choices, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("tutoring request")
        verbose_name_plural = _("tutoring requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def display_name(self) -> str:
        return self.child_name or str(_("(personal data erased)"))

    @property
    def has_priority(self) -> bool:
        return bool(self.priority)


class Match(models.Model):
    """A tutor for a child: proposed by the matching (or chosen by staff), confirmed, ended."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        ENDED = "ended", _("ended")

    ACTIVE = (Status.PROPOSED, Status.CONFIRMED)

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    request = models.ForeignKey(
        TutoringRequest, on_delete=models.CASCADE, related_name="matches", verbose_name=_("tutoring request")
    )
    tutor = models.ForeignKey(
        Tutor, on_delete=models.CASCADE, related_name="matches", verbose_name=_("tutor")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    overridden = models.BooleanField(_("chosen by staff"), default=False)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    sessions_held = models.PositiveIntegerField(_("sessions held"), default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["proposed", "confirmed"]),
                name="match_one_active_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tutor} – {self.request}"


class InternshipOffer(models.Model):
    """An internship place offered by a local business, club or institution."""

    class Kind(models.TextChoices):
        BUSINESS = "business", _("business")
        CLUB = "club", _("club")
        INSTITUTION = "institution", _("institution")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="internship_offers",
        verbose_name=_("municipality"),
    )
    provider_name = models.CharField(_("offered by"), max_length=160)
    provider_kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.BUSINESS)
    title = models.CharField(_("title"), max_length=160)
    field = models.CharField(_("field"), max_length=20)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=14, validators=[MinValueValidator(12), MaxValueValidator(27)]
    )
    places = models.PositiveSmallIntegerField(_("places"), default=1, validators=[MinValueValidator(1)])
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("internship offer")
        verbose_name_plural = _("internship offers")
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="internship_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider_name})"


class YouthInterest(models.Model):
    """A youth looking for an internship: first name, age, contact, fields and period."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="youth_interests",
        verbose_name=_("municipality"),
    )
    first_name = models.CharField(_("first name or pseudonym"), max_length=60, blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(12), MaxValueValidator(27)]
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    fields = models.JSONField(_("fields of interest"), default=list)
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("youth's internship interest")
        verbose_name_plural = _("youths' internship interests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def display_name(self) -> str:
        return self.first_name or str(_("(personal data erased)"))


class Placement(models.Model):
    """A youth's way through one internship offer."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPLIED = "applied", _("applied")
        ACCEPTED = "accepted", _("accepted")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    interest = models.ForeignKey(
        YouthInterest, on_delete=models.CASCADE, related_name="placements", verbose_name=_("youth")
    )
    offer = models.ForeignKey(
        InternshipOffer,
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("internship offer"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    feedback = models.TextField(_("feedback"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["interest", "offer"], name="placement_once_per_offer"),
        ]

    def __str__(self) -> str:
        return f"{self.interest} – {self.offer}"


class Playground(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="playgrounds",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=160)
    address = models.CharField(_("location"), max_length=200)
    district = models.ForeignKey(
        "tenancy.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line."))
    check_interval_days = models.PositiveSmallIntegerField(
        _("visual check every (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    department = models.CharField(_("responsible city department"), max_length=160, blank=True)
    department_email = models.EmailField(_("department email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("playground")
        verbose_name_plural = _("playgrounds")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def equipment_list(self) -> list[str]:
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class Sponsorship(models.Model):
    """A sponsor (a volunteer or a partner group) looking after one playground; reports through a
    personal link whose token is the only credential."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("volunteer")
        GROUP = "group", _("partner group")

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    playground = models.ForeignKey(
        Playground, on_delete=models.CASCADE, related_name="sponsorships", verbose_name=_("playground")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VOLUNTEER)
    name = models.CharField(_("sponsor"), max_length=160, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("playground sponsorship")
        verbose_name_plural = _("playground sponsorships")
        ordering = ["playground__name", "name"]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def display_name(self) -> str:
        return self.name or str(_("(personal data erased)"))


class PlaygroundReport(models.Model):
    """A visual check (all fine) or a defect, reported by a sponsor from a phone."""

    class Kind(models.TextChoices):
        CHECK = "check", _("check done, everything fine")
        DEFECT = "defect", _("defect")

    class Urgency(models.TextChoices):
        LOW = "low", _("can wait")
        MEDIUM = "medium", _("repair soon")
        HIGH = "high", _("dangerous – close it off")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        FORWARDED = "forwarded", _("forwarded to the department")
        IN_PROGRESS = "in_progress", _("in progress")
        FIXED = "fixed", _("fixed")
        REJECTED = "rejected", _("no action needed")

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    playground = models.ForeignKey(
        Playground, on_delete=models.CASCADE, related_name="reports", verbose_name=_("playground")
    )
    sponsorship = models.ForeignKey(
        Sponsorship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("reported by"),
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    what = models.CharField(_("what is broken"), max_length=300, blank=True)
    where = models.CharField(_("where exactly"), max_length=200, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, blank=True)
    photo = models.ImageField(_("photo"), upload_to="volunteering/defects/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("playground report")
        verbose_name_plural = _("playground reports")
        ordering = ["-reported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="check") | (~Q(what="") & ~Q(urgency="") & ~Q(status="")),
                name="playground_defect_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.playground}: {self.get_kind_display()}"
