"""Social-area monitoring: district-level counts per reference date, quarters and the burden index.

Every figure of the social-area report (concept §2.1) is computed from ``DistrictStatistics`` rows;
nothing in the report is typed in. The counts are aggregates delivered by the statistics office, the
youth welfare office and the Kita fee office – no personal data.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from familienbuero.tenancy.models import District, Municipality


class DistrictStatistics(models.Model):
    """The counts of one district on one reference date (Stichtag)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="district_statistics",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("district")
    )
    reference_date = models.DateField(_("reference date"))
    population = models.PositiveIntegerField(_("population"))
    families_with_children = models.PositiveIntegerField(_("families with children under 18"))
    persons_under_20 = models.PositiveIntegerField(_("persons under 20"))
    migration_background = models.PositiveIntegerField(_("persons with migration background"))
    unemployed_sgb2 = models.PositiveIntegerField(_("unemployed (SGB II)"))
    unemployed_sgb3 = models.PositiveIntegerField(_("unemployed (SGB III)"))
    kita_families = models.PositiveIntegerField(_("families in the Kita fee data"))
    income_up_to_15000 = models.PositiveIntegerField(_("families with up to 15,000 € gross income a year"))
    income_15001_to_36000 = models.PositiveIntegerField(
        _("families with 15,001 to 36,000 € gross income a year")
    )
    hze_total = models.PositiveIntegerField(_("educational support cases (HzE)"))
    hze_residential = models.PositiveIntegerField(_("residential educational support cases"))
    # Optional: with the areas the report computes population densities (the "densest districts").
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=7, decimal_places=2, null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("district statistics")
        verbose_name_plural = _("district statistics")
        ordering = ["-reference_date", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "reference_date"], name="district_statistics_unique_per_date"
            ),
            # Parts never exceed their whole (the import reports these before they reach the database).
            models.CheckConstraint(
                condition=Q(families_with_children__lte=F("population"))
                & Q(persons_under_20__lte=F("population"))
                & Q(migration_background__lte=F("population"))
                & Q(unemployed_sgb2__lte=F("population") - F("unemployed_sgb3"))
                & Q(kita_families__lte=F("families_with_children"))
                & Q(income_up_to_15000__lte=F("kita_families") - F("income_15001_to_36000"))
                & Q(hze_residential__lte=F("hze_total")),
                name="district_statistics_parts_within_wholes",
            ),
            models.CheckConstraint(
                condition=Q(area_km2__isnull=True) | Q(area_km2__gt=0),
                name="district_statistics_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.reference_date:%d.%m.%Y}"


class Quarter(models.Model):
    """A quarter (Quartier, Sozialraum): a named group of districts the report describes.

    ``focus_districts`` are the sub-districts the report looks at separately – in concept §2.1 the two
    densest districts with blocks of flats (Voerde Mitte and Buschmannshof), where the problems
    concentrate.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="quarters", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("URL name"), max_length=60)
    districts = models.ManyToManyField(District, related_name="quarters", verbose_name=_("districts"))
    focus_districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="focus_of_quarters",
        verbose_name=_("densest districts (focus)"),
        help_text=_("Districts of the quarter the report shows separately, e.g. those with blocks of flats."),
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="quarter_unique_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BurdenIndexWeights(models.Model):
    """The coordinator's weights of the composite burden index (see ``reports.burden_index``)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="burden_index_weights",
        verbose_name=_("municipality"),
    )
    young_people = models.PositiveSmallIntegerField(_("weight: share of persons under 20"), default=1)
    migration = models.PositiveSmallIntegerField(_("weight: share with migration background"), default=1)
    unemployment = models.PositiveSmallIntegerField(_("weight: unemployed per inhabitant"), default=1)
    low_income = models.PositiveSmallIntegerField(_("weight: share of families up to 15,000 €"), default=2)
    hze = models.PositiveSmallIntegerField(_("weight: educational support per person under 20"), default=2)
    hze_residential = models.PositiveSmallIntegerField(
        _("weight: residential educational support per person under 20"), default=1
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("burden index weights")
        verbose_name_plural = _("burden index weights")

    def __str__(self) -> str:
        return str(self.municipality)
