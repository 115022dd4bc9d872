"""Funding plan of a project: budget lines (what it costs), funding sources (who pays which part) and
expenses (what was actually spent). Every amount is a ``DecimalField`` in euros with two places.

The municipality's own share is not stored: it is computed (``selectors.project_plan``) as the total
of the lines minus the grants, so it cannot drift from the figures it is made of.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

AMOUNT = {"max_digits": 12, "decimal_places": 2}


class Project(models.Model):
    """Something the municipality finances from several sources, e.g. the mobile family office."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="funding_projects"
    )
    office = models.ForeignKey(
        "tenancy.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_projects",
        verbose_name=_("office"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="funding_project_period"),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    """One position of the cost plan. A yearly line costs its amount in each of its years."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("one-off")
        YEARLY = "yearly", _("yearly")

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ONE_OFF)
    planned_amount = models.DecimalField(
        _("planned amount (€)"), **AMOUNT, validators=[MinValueValidator(Decimal("0.00"))]
    )
    years = models.PositiveSmallIntegerField(
        _("years"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("For a yearly line: in how many years of the plan it is paid."),
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0), name="funding_line_amount_not_negative"
            ),
            models.CheckConstraint(condition=Q(years__gte=1), name="funding_line_years_positive"),
            models.CheckConstraint(
                condition=Q(kind="yearly") | Q(years=1), name="funding_line_one_off_single_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    @property
    def planned_total(self) -> Decimal:
        return self.planned_amount * self.years


class FundingSource(models.Model):
    """A grant (a rate of the eligible lines, or a fixed amount) or the municipality's own funds."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("grant")
        OWN_FUNDS = "own", _("own funds")

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GRANT)
    rate = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100.00"))],
        help_text=_("Share of the eligible lines the grant pays, e.g. 60."),
    )
    fixed_amount = models.DecimalField(_("fixed amount (€)"), **AMOUNT, null=True, blank=True)
    eligible_lines = models.ManyToManyField(
        BudgetLine, related_name="sources", blank=True, verbose_name=_("eligible lines")
    )
    required_own_contribution = models.DecimalField(
        _("required own contribution (€)"), **AMOUNT, null=True, blank=True
    )
    starts_on = models.DateField(_("funding period from"))
    ends_on = models.DateField(_("funding period until"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="funding_source_period"),
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | Q(fixed_amount__isnull=True),
                name="funding_source_rate_or_fixed",
            ),
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | Q(rate__gt=0, rate__lte=100),
                name="funding_source_rate_range",
            ),
            models.CheckConstraint(
                condition=Q(fixed_amount__isnull=True) | Q(fixed_amount__gte=0),
                name="funding_source_fixed_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_grant(self) -> bool:
        return self.kind == self.Kind.GRANT


class ReportingDeadline(models.Model):
    """A date by which the funder expects a report (interim or final use-of-funds statement)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(_("due on"))
    label = models.CharField(_("what is due"), max_length=200)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.due_on:%d.%m.%Y})"


class Expense(models.Model):
    """Money actually spent on a line, with the voucher it is booked under."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("line")
    )
    source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("paid from"),
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (€)"), **AMOUNT)
    voucher_reference = models.CharField(_("voucher reference"), max_length=80)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_expense_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_reference}: {self.amount} €"
