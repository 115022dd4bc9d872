"""Service directory. For now the organisations (partners and independent providers); services follow."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields


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
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("URL name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True, max_length=300)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ()/-]{5,30}$", _("Enter a phone number with digits only."))],
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
