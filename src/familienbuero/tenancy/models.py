"""Tenancy: municipalities (tenants), their offices, locations, rooms and opening hours.

A ``Municipality`` is the tenant. Every other row here reaches it through a foreign key, and the
default manager of each refuses to run without an active ``django_scopes.scope(municipality=…)``.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

from familienbuero.core.validators import phone_validator, postcode_validator

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

municipality_key_validator = RegexValidator(
    r"^\d{8}$", _("The official municipality key has exactly eight digits, e.g. 05170044.")
)


RESERVED_SLUGS = {"admin", "konto", "i18n", "static", "media", "healthz", "api", "intern"}


def not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("This URL name is reserved by the platform."))


class Municipality(models.Model):
    """The tenant: one town or district with its youth welfare office."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("URL name"), max_length=60, unique=True, validators=[not_reserved])
    official_key = models.CharField(
        _("official municipality key"), max_length=8, blank=True, validators=[municipality_key_validator]
    )
    authority_name = models.CharField(
        _("authority"), max_length=200, blank=True, help_text=_("e.g. Stadt Voerde – Fachdienst Jugend")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (Bezirk) of a municipality, grouped into social areas (Sozialräume)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="districts", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("URL name"), max_length=60)
    social_area = models.CharField(_("social area"), max_length=120, blank=True)
    # Centre of the district: search results can be ranked by distance to it.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="district_unique_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(TranslatableModel):
    """A place where an office or an offer is found: an address with its accessibility."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="locations", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=160)
    street = models.CharField(_("street and number"), max_length=160)
    postcode = models.CharField(_("postcode"), max_length=5, validators=[postcode_validator])
    city = models.CharField(_("city"), max_length=120)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    baby_changing = models.BooleanField(_("baby changing and nursing room"), default=False)
    translations = TranslatedFields(
        directions=models.TextField(
            _("how to get there"), blank=True, max_length=2000, help_text=_("Bus stops, parking, entrance.")
        ),
        accessibility_notes=models.TextField(_("accessibility notes"), blank=True, max_length=2000),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.district_id and self.district.municipality_id != self.municipality_id:
            raise ValidationError({"district": _("The district belongs to another municipality.")})

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Room(models.Model):
    """A room at a location: the open reception desk, the private counselling room, a group room."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("Reception and open desk")
        COUNSELLING = "counselling", _("Private counselling room")
        GROUP = "group", _("Group room")

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("location")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (persons)"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    step_free = models.BooleanField(_("step-free"), default=False)
    private = models.BooleanField(
        _("not visible from outside"), default=False, help_text=_("Needed for confidential counselling.")
    )

    objects = ScopedManager(municipality="location__municipality")

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["location", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.location})"


def _check_same_municipality(municipality_id: int | None, **locations: Location | None) -> None:
    errors = {
        field: _("The location belongs to another municipality.")
        for field, location in locations.items()
        if location is not None
        and municipality_id is not None
        and location.municipality_id != municipality_id
    }
    if errors:
        raise ValidationError(errors)


class Office(TranslatableModel):
    """A Familienbüro: a walk-in point run by the youth welfare office, stationary or mobile."""

    class Kind(models.TextChoices):
        STATIONARY = "stationary", _("Stationary office")
        MOBILE = "mobile", _("Mobile office")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="offices", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("URL name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATIONARY)
    home_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="home_of_offices",
        verbose_name=_("main location"),
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    translations = TranslatedFields(
        description=models.TextField(_("description"), blank=True, max_length=4000),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="office_unique_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        home = self.home_location if self.home_location_id else None
        _check_same_municipality(self.municipality_id, home_location=home)


class OpeningHours(models.Model):
    """A weekly rule: on this weekday the office is open at this location from … to …."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("office")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="opening_hours",
        verbose_name=_("location"),
        help_text=_("For a mobile office: where it stands at that time."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = ScopedManager(municipality="office__municipality")

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="opening_hours_opens_before_closes"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_hours_weekday_range"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=F("valid_until")),
                name="opening_hours_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError({"valid_until": _("The end date must not be before the start date.")})
        if self.office_id:
            location = self.location if self.location_id else None
            _check_same_municipality(self.office.municipality_id, location=location)


class OpeningException(models.Model):
    """A dated exception: closed that day, or open at other times or at another place."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="opening_exceptions", verbose_name=_("office")
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opening_exceptions",
        verbose_name=_("location"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = ScopedManager(municipality="office__municipality")

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["date", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True)
                | (Q(opens__isnull=False) & Q(closes__isnull=False) & Q(opens__lt=F("closes"))),
                name="opening_exception_times_when_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    def clean(self) -> None:
        if not self.closed:
            if self.opens is None or self.closes is None:
                raise ValidationError(_("Enter opening and closing time, or mark the day as closed."))
            if self.opens >= self.closes:
                raise ValidationError({"closes": _("The closing time must be after the opening time.")})
        if self.office_id:
            location = self.location if self.location_id else None
            _check_same_municipality(self.office.municipality_id, location=location)
