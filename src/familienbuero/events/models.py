"""Events and courses of the family offices, registrations without an account, waiting lists,
attendance, and holiday programmes whose places are drawn by lot.

Registrations keep their rows after the retention period: the personal fields are blanked, status and
attendance stay, so the counts (registered, waiting, attended per session) remain for the statistics.
"""

from __future__ import annotations

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

from familienbuero.core.validators import phone_validator
from familienbuero.events.labels import RETENTION_DAYS

#: Personal data of participants is erased this many days after the event's last session.
DEFAULT_RETENTION_DAYS = RETENTION_DAYS
#: A promoted registration must be confirmed within this many hours, else the next one moves up.
DEFAULT_CONFIRM_HOURS = 48

#: The personal fields of a registration; the retention job blanks exactly these.
PERSONAL_FIELDS = ("contact_name", "email", "phone", "participant_name")


def new_token() -> str:
    """The secret of a manage link: 32 random bytes, URL-safe (unguessable, not derived from anything)."""
    return secrets.token_urlsafe(32)


class Programme(models.Model):
    """A holiday programme: wishes first, then a draw by lot, then first come, first served."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="programmes",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    wish_opens = models.DateTimeField(_("wishes from"))
    wish_closes = models.DateTimeField(_("wishes until"))
    max_wishes = models.PositiveSmallIntegerField(
        _("wishes per child"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_courses_per_child = models.PositiveSmallIntegerField(
        _("courses per child at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    draw_planned_on = models.DateField(
        _("draw planned on"),
        null=True,
        blank=True,
        help_text=_(
            "Shown to families: when they learn the result. Staff start the draw on the programme page."
        ),
    )
    seed = models.CharField(_("seed of the draw"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("holiday programme")
        verbose_name_plural = _("holiday programmes")
        ordering = ["-wish_opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wish_opens__lt=F("wish_closes")), name="programme_wish_phase_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_drawn(self) -> bool:
        return self.drawn_at is not None

    def wish_phase_open(self, now: object = None) -> bool:
        now = now or timezone.now()
        return not self.is_drawn and self.wish_opens <= now < self.wish_closes


class PriorityClass(models.Model):
    """A priority class of a programme; position 0 is drawn first (e.g. BuT entitlement, then residents)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="priority_classes",
        verbose_name=_("holiday programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)

    objects = ScopedManager(municipality="programme__municipality")

    class Meta:
        verbose_name = _("priority class")
        verbose_name_plural = _("priority classes")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="priority_class_unique_position"),
        ]

    def __str__(self) -> str:
        return self.label


class Event(TranslatableModel):
    """A single event or a course with several sessions, organised by an office with its partners."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("single event")
        COURSE = "course", _("course with several sessions")

    class Cost(models.TextChoices):
        FREE = "free", _("free of charge")
        FEE = "fee", _("fee")
        BUT = "but", _("fee, fundable by BuT")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.PROTECT, related_name="events", verbose_name=_("office")
    )
    location = models.ForeignKey(
        "tenancy.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("location"),
    )
    room = models.ForeignKey(
        "tenancy.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room"),
    )
    organiser = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    co_host = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_hosted_events",
        verbose_name=_("co-host"),
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("service"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("holiday programme"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    target_groups = models.ManyToManyField(
        "directory.TaxonomyTerm",
        blank=True,
        related_name="events",
        limit_choices_to={"taxonomy": "target_group"},
        verbose_name=_("target groups"),
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    fee = models.DecimalField(
        _("fee (EUR)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    registration_opens = models.DateTimeField(_("registration from"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration until"), null=True, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=60,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. de,tr."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    confirm_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a place from the waiting list"),
        default=DEFAULT_CONFIRM_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
    )
    starts_at = models.DateTimeField(_("first session"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("last session ends"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=models.TextField(_("description"), max_length=4000),
        what_to_bring=models.TextField(_("what to bring"), blank=True, max_length=1000),
        accessibility_notes=models.TextField(_("accessibility"), blank=True, max_length=1000),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "starts_at"], name="event_municipality_start")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="event_age_range_ordered",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_opens__lt=F("registration_closes")),
                name="event_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or str(self.uuid)[:8]

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_free(self) -> bool:
        return self.cost == self.Cost.FREE

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def registration_state(self, now: object = None) -> str:
        """ "open", "not_yet", "closed", "lottery" (wish phase of a programme) or "cancelled"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.programme_id and not self.programme.is_drawn:
            return "lottery"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if self.registration_closes and now >= self.registration_closes:
            return "closed"
        if self.starts_at and now >= self.starts_at:
            return "closed"
        return "open"


class Session(models.Model):
    """One date of an event (a course has several)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    objects = ScopedManager(municipality="event__municipality")

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="event_session_starts_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"


class Question(models.Model):
    """A question the registration form asks for this event only, with the reason why it is needed."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=200)
    purpose = models.CharField(
        _("why we ask"),
        max_length=300,
        help_text=_("Shown with the question: what the answer is needed for."),
    )
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"), blank=True, max_length=1000, help_text=_("One per line; empty for a free answer.")
    )

    objects = ScopedManager(municipality="event__municipality")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def holding_place(self) -> RegistrationQuerySet:
        return self.filter(status__in=Registration.PLACE_STATUSES)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.WAITING).order_by("pk")


RegistrationManager = models.Manager.from_queryset(RegistrationQuerySet)


class Registration(models.Model):
    """One participant (a child, or the parent themself) registered for one event.

    All registrations sent together share one ``token``: the manage link of the household. The waiting
    list is ordered by ``pk``, which is taken while the event row is locked, so it is the order in which
    the registrations were accepted.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        OFFERED = "offered", _("place offered, please confirm")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("offer expired")

    class Source(models.TextChoices):
        FIRST_COME = "first_come", _("first come")
        LOTTERY = "lottery", _("draw")
        STAFF = "staff", _("entered by staff")

    PLACE_STATUSES = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE_STATUSES = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    token = models.CharField(_("manage key"), max_length=64, db_index=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FIRST_COME)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    offered_until = models.DateTimeField(_("confirm by"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Empty for an adult."),
    )

    # Personal data: blanked by the retention job.
    contact_name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True, max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    participant_name = models.CharField(_("first name of the participant"), max_length=60, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="event__municipality", _manager_class=RegistrationManager)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "pk"]
        indexes = [
            models.Index(fields=["event", "status"], name="event_registration_status"),
            # Whether a contact has registered for this event already, read under the event's lock.
            models.Index(fields=["event", "email"], name="event_registration_email"),
            models.Index(fields=["event", "phone"], name="event_registration_phone"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="offered", offered_until__isnull=False) | ~Q(status="offered"),
                name="event_registration_offer_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this string appears in logs and in the admin.
        return f"{_('Registration')} {str(self.uuid)[:8]}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_erased(self) -> bool:
        return self.personal_data_erased_at is not None


class Answer(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="answers", verbose_name=_("registration")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.CharField(_("answer"), max_length=300)

    objects = ScopedManager(municipality="registration__event__municipality")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="event_answer_unique"),
        ]

    def __str__(self) -> str:
        return str(self.question)


class Attendance(models.Model):
    """A participant was there at one session. Survives the erasure of the registration's personal data,
    so the attendance counts per session stay."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("registration")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedManager(municipality="session__event__municipality")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="event_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.registration}"


class WishApplication(models.Model):
    """A household's wishes for a holiday programme (one or several children)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="applications", verbose_name=_("holiday programme")
    )
    token = models.CharField(_("manage key"), max_length=64, unique=True, default=new_token, editable=False)
    priority_class = models.ForeignKey(
        PriorityClass, on_delete=models.PROTECT, related_name="applications", verbose_name=_("priority class")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    language = models.CharField(_("language"), max_length=10, default="de")
    results_sent_at = models.DateTimeField(_("results sent"), null=True, blank=True)
    contact_name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True, max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = ScopedManager(municipality="programme__municipality")

    class Meta:
        verbose_name = _("wish list")
        verbose_name_plural = _("wish lists")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return f"{_('Wish list')} {self.pk}"


class WishChild(models.Model):
    application = models.ForeignKey(
        WishApplication, on_delete=models.CASCADE, related_name="children", verbose_name=_("wish list")
    )
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), validators=[MaxValueValidator(20)])
    together = models.BooleanField(_("keep together with siblings"), default=False)
    lottery_number = models.PositiveIntegerField(_("position in the draw"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)

    objects = ScopedManager(municipality="application__programme__municipality")

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return f"{_('Child')} {self.pk}"


class Wish(models.Model):
    child = models.ForeignKey(
        WishChild, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("child")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("course")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    won = models.BooleanField(_("place allocated"), default=False)

    objects = ScopedManager(municipality="event__municipality")

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["child", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["child", "event"], name="event_wish_unique_course"),
            models.UniqueConstraint(fields=["child", "rank"], name="event_wish_unique_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}: {self.event}"
