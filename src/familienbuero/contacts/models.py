"""Anonymous contact statistics: one ``ContactRecord`` per contact of an office with a family.

The record is anonymous *by construction*: every field is a choice, a number, a time or a reference to
another row that holds no personal data (office, place, district, topic, service). There is no free-text
field and no field that could hold a name, an address or a birth date, so a record cannot be linked to a
person. ``tests/contacts/test_model_fields.py`` fails as soon as someone adds such a field.

Two references need a word:

* ``referral`` points to the referral made during the contact (``SET_NULL``): the referral keeps the
  family's contact data only until its retention job erases it; the contact record copies nothing of it.
* ``created_by`` is the member of staff who entered the record. It exists for the rule "staff may correct
  their own records for seven days" (``services.correct_contact``) and for the audit log; it says
  nothing about the family.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

#: How long the member of staff who entered a record may still correct it.
CORRECTION_WINDOW = timedelta(days=7)
MAX_PERSONS = 50

#: Languages a contact can be held in (ISO codes; the names come from Django's catalogues at display).
LANGUAGE_CODES = (
    "de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa", "ckb", "ku", "sq", "fr", "es", "it",
    "el", "sr", "hr", "bs", "ur", "vi", "hu", "ti", "so", "prs", "ps", "dgs",
)  # fmt: skip


#: Names Django's language catalogue does not have.
EXTRA_LANGUAGE_NAMES = {
    "ku": _("Kurdish (Kurmanji)"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "prs": _("Dari"),
    "ps": _("Pashto"),
    "dgs": _("German Sign Language"),
}


def language_label(code: str) -> str:
    """The language's name in the active UI language."""
    if code in EXTRA_LANGUAGE_NAMES:
        return str(EXTRA_LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class Place(models.TextChoices):
    DESK = "desk", _("Desk")
    COUNSELLING_ROOM = "counselling_room", _("Counselling room")
    OUTREACH = "outreach", _("Outreach place")
    EVENT = "event", _("Event")


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    OUTREACH = "outreach", _("Outreach")
    EVENT = "event", _("Event")
    ONLINE = "online", _("Online")
    APPOINTMENT = "appointment", _("Appointment")


class Duration(models.TextChoices):
    UNDER_5 = "lt5", _("under 5 min")
    UP_TO_15 = "5-15", _("5–15 min")
    UP_TO_30 = "15-30", _("15–30 min")
    UP_TO_60 = "30-60", _("30–60 min")
    OVER_60 = "gt60", _("over 60 min")


class TargetGroup(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    YOUTH = "youth", _("Young person")
    PROFESSIONAL = "professional", _("Other professional")
    NOT_STATED = "not_stated", _("not stated")


class AgeBand(models.TextChoices):
    UNDER_3 = "0-2", _("under 3")
    FROM_3 = "3-5", _("3–5")
    FROM_6 = "6-9", _("6–9")
    FROM_10 = "10-13", _("10–13")
    FROM_14 = "14-17", _("14–17")
    FROM_18 = "18-26", _("18–26")
    FROM_27 = "27-44", _("27–44")
    FROM_45 = "45-64", _("45–64")
    FROM_65 = "65+", _("65 and older")
    NOT_STATED = "not_stated", _("not stated")


class Interpreter(models.TextChoices):
    NOT_NEEDED = "not_needed", _("not needed")
    USED = "used", _("interpreter present")
    NEEDED = "needed", _("needed, not available")


class Source(models.TextChoices):
    MANUAL = "manual", _("entered by staff")
    APPOINTMENT = "appointment", _("appointment attended")
    EVENT = "event", _("event attendance")


class ContactRecordQuerySet(models.QuerySet["ContactRecord"]):
    def for_offices(self, office_ids: set[int] | None) -> ContactRecordQuerySet:
        """``None`` means every office of the municipality (coordinators)."""
        return self if office_ids is None else self.filter(office_id__in=office_ids)

    def correctable_by(self, user: object, now: object = None) -> ContactRecordQuerySet:
        """The user's own records that are still inside the correction window."""
        now = now or timezone.now()
        return self.filter(created_by=user, created_at__gt=now - CORRECTION_WINDOW)


ContactRecordManager = models.Manager.from_queryset(ContactRecordQuerySet)


class ContactRecord(models.Model):
    """One contact of an office with one or more persons. Anonymous: see the module docstring.

    ``created_by`` (staff, never the family) is kept only for the seven-day own-correction rule and the
    audit log.
    """

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="contact_records",
        verbose_name=_("municipality"),
    )
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.PROTECT, related_name="contact_records", verbose_name=_("office")
    )
    contact_at = models.DateTimeField(_("date and time"), default=timezone.now)
    place = models.CharField(_("place"), max_length=20, choices=Place.choices, default=Place.DESK)
    location = models.ForeignKey(
        "tenancy.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    room = models.ForeignKey(
        "tenancy.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WALK_IN)
    duration = models.CharField(
        _("duration"), max_length=10, choices=Duration.choices, default=Duration.UP_TO_15
    )
    target_group = models.CharField(
        _("who"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.PARENT
    )
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.NOT_STATED
    )
    persons = models.PositiveSmallIntegerField(_("number of persons"), default=1)
    district = models.ForeignKey(
        "tenancy.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_records",
        verbose_name=_("district of residence"),
    )
    topics = models.ManyToManyField(
        "directory.TaxonomyTerm",
        blank=True,
        related_name="contact_records",
        limit_choices_to={"taxonomy": "topic"},
        verbose_name=_("topics"),
    )
    language = models.CharField(
        _("language used"), max_length=5, choices=[(code, code) for code in LANGUAGE_CODES], default="de"
    )
    interpreter = models.CharField(
        _("interpreter"), max_length=12, choices=Interpreter.choices, default=Interpreter.NOT_NEEDED
    )
    referral_made = models.BooleanField(_("referral made"), default=False)
    referred_service = models.ForeignKey(
        "directory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred to service"),
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_records",
        verbose_name=_("referral"),
    )
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.MANUAL, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ScopedManager(municipality="municipality", _manager_class=ContactRecordManager)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-contact_at"]
        indexes = [
            models.Index(fields=["municipality", "contact_at"], name="contact_municipality_at"),
            models.Index(fields=["office", "contact_at"], name="contact_office_at"),
            models.Index(fields=["created_by", "created_at"], name="contact_created_by_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(persons__gte=1, persons__lte=MAX_PERSONS), name="contact_persons_range"
            ),
            models.CheckConstraint(
                condition=Q(referral_made=True) | Q(referral__isnull=True, referred_service__isnull=True),
                name="contact_referral_only_if_made",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Contact')} {self.pk} {timezone.localtime(self.contact_at):%Y-%m-%d %H:%M}"

    def is_correctable_by(self, user: object, now: object = None) -> bool:
        now = now or timezone.now()
        return (
            self.created_by_id is not None
            and self.created_by_id == getattr(user, "pk", None)
            and self.created_at > now - CORRECTION_WINDOW
        )


class Dimension(models.TextChoices):
    """What a row of the daily summary counts (``value`` is the record's value in that dimension)."""

    TOTAL = "total", _("all contacts")
    CHANNEL = "channel", _("channel")
    TARGET_GROUP = "target_group", _("who")
    AGE_BAND = "age_band", _("age band")
    INTERPRETER = "interpreter", _("interpreter")
    PLACE = "place", _("place")
    DURATION = "duration", _("duration")
    DISTRICT = "district", _("district of residence")
    LANGUAGE = "language", _("language used")
    REFERRAL_MADE = "referral_made", _("referral made")
    FOLLOW_UP_NEEDED = "follow_up_needed", _("follow-up needed")
    TOPIC = "topic", _("topics")


class DailyContactCount(models.Model):
    """The contact records summed per office, local day (Europe/Berlin) and dimension value: what the
    dashboard and the annual report read instead of the records (``contacts/summary.py``).

    Derived data: the contact services keep it in step in the same transaction as every write of a record
    (``summary.apply``), ``manage.py rebuild_contact_summary`` recomputes it from the records. One row per
    office × day × dimension × value: ``contacts`` records (for ``topic``: records with that topic) and
    the sum of their ``persons``. ``value`` is the choice value, the district's or topic's id ("" for no
    district) or "1"/"0" for the two yes/no fields; ``total`` has the value "".
    """

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    office = models.ForeignKey(
        "tenancy.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    day = models.DateField(_("day"))
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    value = models.CharField(_("value"), max_length=20, blank=True)
    contacts = models.IntegerField(_("contacts"), default=0)
    persons = models.IntegerField(_("persons"), default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("daily contact count")
        verbose_name_plural = _("daily contact counts")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "dimension", "value"], name="contact_daily_count_unique"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "day"], name="contact_daily_municipality_day")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day} {self.dimension}={self.value}: {self.contacts}/{self.persons}"
