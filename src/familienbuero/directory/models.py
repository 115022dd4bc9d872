"""Service directory, aligned with Open Referral HSDS 3.0: organisations, services, where and when they
take place, languages, costs, contacts, and the shared vocabularies (topics, target groups, life phases)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

from familienbuero.core.validators import phone_validator
from familienbuero.tenancy.models import WEEKDAYS


class Organization(TranslatableModel):
    """A provider of offers: the office itself, a school, a club, an independent provider (freier Träger)."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Youth welfare office / public body")
        SCHOOL = "school", _("School or after-school care")
        DAYCARE = "daycare", _("Day-care centre")
        CLUB = "club", _("Club or association")
        PROVIDER = "provider", _("Independent provider (freier Träger)")
        OTHER = "other", _("Other")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="organizations",
        verbose_name=_("municipality"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("URL name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True, max_length=300)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )
    translations = TranslatedFields(
        description=models.TextField(_("description"), blank=True, max_length=4000),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="organization_unique_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(TranslatableModel):
    """A term of the shared vocabularies (HSDS ``taxonomy_term``), the same for every municipality:
    topics, target groups and life phases. Contact statistics and the coverage matrix use them too."""

    class Taxonomy(models.TextChoices):
        TOPIC = "topic", _("Topic")
        TARGET_GROUP = "target_group", _("Target group")
        LIFE_PHASE = "life_phase", _("Life phase")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.CharField(_("vocabulary"), max_length=20, choices=Taxonomy.choices)
    code = models.SlugField(_("code"), max_length=60)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=120),
        description=models.CharField(_("description"), max_length=300, blank=True),
    )

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_unique_code"),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.code


class Service(TranslatableModel):
    """An offer (HSDS ``service``): a course, counselling, a club's sports group, tutoring …

    The row holds the *published* content. Partner editors' changes wait in ``ServiceChange`` until
    office staff publish them; a new service proposed by a partner stays unpublished until then.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("discontinued")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("municipality"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    slug = models.SlugField(_("URL name"), max_length=80)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    is_published = models.BooleanField(_("published"), default=True)
    url = models.URLField(_("website"), blank=True, max_length=300)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    but_eligible = models.BooleanField(
        _("fundable by the education and participation package (BuT)"), default=False
    )
    anonymous_possible = models.BooleanField(_("anonymous use possible"), default=False)
    interpretation_services = models.CharField(_("interpretation"), max_length=300, blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services", verbose_name=_("terms"))
    districts = models.ManyToManyField(
        "tenancy.District", blank=True, related_name="services", verbose_name=_("districts served")
    )
    confirmed_at = models.DateTimeField(
        _("last confirmed"),
        default=timezone.now,
        help_text=_("Entries not confirmed for a year are marked stale."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        alternate_name=models.CharField(_("other name"), max_length=200, blank=True),
        description=models.TextField(_("description"), max_length=4000),
        application_process=models.TextField(_("how to take part"), blank=True, max_length=2000),
        eligibility_description=models.TextField(_("who it is for"), blank=True, max_length=2000),
        fees_description=models.TextField(_("costs"), blank=True, max_length=1000),
    )

    objects = ScopedManager(municipality="municipality", _manager_class=TranslatableManager)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="service_unique_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.slug

    def clean(self) -> None:
        errors = {}
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            errors["maximum_age"] = _("The maximum age must not be below the minimum age.")
        if (
            self.organization_id
            and self.municipality_id
            and self.organization.municipality_id != self.municipality_id
        ):
            errors["organization"] = _("The organisation belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class ServiceLanguage(models.Model):
    """A language the service is offered in (HSDS ``language``), as an ISO 639-1 code."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(
        _("language code"),
        max_length=3,
        validators=[RegexValidator(r"^[a-z]{2,3}$", _("Use a code like de or tr."))],
    )

    objects = ScopedManager(municipality="service__municipality")

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="service_language_unique")]

    def __str__(self) -> str:
        return self.code


class ServiceAtLocation(models.Model):
    """Where a service takes place (HSDS ``service_at_location``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_locations")
    location = models.ForeignKey(
        "tenancy.Location",
        on_delete=models.CASCADE,
        related_name="service_locations",
        verbose_name=_("location"),
    )

    objects = ScopedManager(municipality="service__municipality")

    class Meta:
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"

    def clean(self) -> None:
        if (
            self.service_id
            and self.location_id
            and self.service.municipality_id != self.location.municipality_id
        ):
            raise ValidationError({"location": _("The location belongs to another municipality.")})


class ServiceSchedule(models.Model):
    """A weekly time of a service (HSDS ``schedule`` with freq=WEEKLY), optionally at one location."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = ScopedManager(municipality="service__municipality")

    class Meta:
        verbose_name = _("time")
        verbose_name_plural = _("times")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="service_schedule_opens_before_closes"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="service_schedule_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class CostOption(models.Model):
    """A price (HSDS ``cost_option``), e.g. course fee 30 € (BuT pays it)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("option"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects = ScopedManager(municipality="service__municipality")

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="cost_option_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return self.option


class Contact(models.Model):
    """A named contact person of a service (HSDS ``contact``)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )

    objects = ScopedManager(municipality="service__municipality")

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class ServiceChange(models.Model):
    """A change to a service proposed by a partner editor, waiting for review by office staff.

    ``proposed`` holds the new values of the editable fields (JSON); publishing copies them onto the
    service. Until then the public sees the published service only.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned with comment")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="service_changes",
        verbose_name=_("municipality"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="service_changes", verbose_name=_("organisation")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("service"),
        help_text=_("Empty for a newly proposed service."),
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    comment = models.TextField(_("comment of the reviewer"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="pending", reviewed_at__isnull=True) | ~Q(state="pending"),
                name="service_change_pending_not_reviewed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.get_state_display()}"
