"""Reads of the funding plan: plan against actual per line and per source, the own share, what remains,
and the report to a funder. All arithmetic is ``Decimal``; every result is rounded to cents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from familienbuero.funding.models import BudgetLine, Expense, FundingSource, Project, ReportingDeadline
from familienbuero.funding.money import cents
from familienbuero.tenancy.models import Municipality

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineRow:
    line: BudgetLine
    planned: Decimal
    actual: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.actual

    @property
    def overspent(self) -> bool:
        return self.actual > self.planned

    @property
    def overspent_by(self) -> Decimal:
        return max(self.actual - self.planned, ZERO)


@dataclass(frozen=True)
class SourceRow:
    source: FundingSource
    eligible_total: Decimal  # planned cost of the lines the source may pay for
    planned: Decimal  # what the grant pays (rate × eligible, or the fixed amount)
    actual: Decimal  # expenses booked to this source
    deadlines: tuple[ReportingDeadline, ...] = ()

    @property
    def own_share(self) -> Decimal:
        """What the municipality pays itself of the lines this grant covers."""
        return self.eligible_total - self.planned

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.actual

    @property
    def overspent(self) -> bool:
        return self.actual > self.planned

    @property
    def own_share_below_required(self) -> bool:
        required = self.source.required_own_contribution
        return required is not None and self.own_share < required


@dataclass(frozen=True)
class ProjectPlan:
    project: Project
    lines: tuple[LineRow, ...]
    grants: tuple[SourceRow, ...]
    own_funds: tuple[SourceRow, ...]
    unassigned_actual: Decimal  # expenses booked to no source

    @property
    def total_planned(self) -> Decimal:
        return sum((row.planned for row in self.lines), ZERO)

    @property
    def total_actual(self) -> Decimal:
        return sum((row.actual for row in self.lines), ZERO)

    @property
    def total_remaining(self) -> Decimal:
        return self.total_planned - self.total_actual

    @property
    def grants_planned(self) -> Decimal:
        return sum((row.planned for row in self.grants), ZERO)

    @property
    def grants_actual(self) -> Decimal:
        return sum((row.actual for row in self.grants), ZERO)

    @property
    def own_share_planned(self) -> Decimal:
        """The municipality's own share: the total minus the grants."""
        return self.total_planned - self.grants_planned

    @property
    def own_share_actual(self) -> Decimal:
        return self.total_actual - self.grants_actual

    @property
    def overspent_lines(self) -> list[LineRow]:
        return [row for row in self.lines if row.overspent]

    @property
    def overspent(self) -> bool:
        return self.total_actual > self.total_planned


def grant_amount(source: FundingSource, eligible_total: Decimal) -> Decimal:
    if source.kind != FundingSource.Kind.GRANT:
        return ZERO
    if source.fixed_amount is not None:
        return cents(source.fixed_amount)
    if source.rate is not None:
        return cents(eligible_total * source.rate / Decimal(100))
    return ZERO


def projects(municipality: Municipality) -> QuerySet[Project]:
    return Project.objects.filter(municipality=municipality).select_related("office")


def project_or_404(municipality: Municipality, pk: int) -> Project:
    project = projects(municipality).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def line_or_404(municipality: Municipality, pk: int) -> BudgetLine:
    line = BudgetLine.objects.filter(municipality=municipality, pk=pk).select_related("project").first()
    if line is None:
        raise Http404
    return line


def source_or_404(municipality: Municipality, pk: int) -> FundingSource:
    source = FundingSource.objects.filter(municipality=municipality, pk=pk).select_related("project").first()
    if source is None:
        raise Http404
    return source


def deadline_or_404(municipality: Municipality, pk: int) -> ReportingDeadline:
    deadline = (
        ReportingDeadline.objects.filter(municipality=municipality, pk=pk)
        .select_related("source__project")
        .first()
    )
    if deadline is None:
        raise Http404
    return deadline


def expense_or_404(municipality: Municipality, pk: int) -> Expense:
    expense = Expense.objects.filter(municipality=municipality, pk=pk).select_related("line__project").first()
    if expense is None:
        raise Http404
    return expense


def project_expenses(project: Project) -> QuerySet[Expense]:
    return (
        Expense.objects.filter(line__project=project)
        .select_related("line", "source")
        .order_by("-spent_on", "-pk")
    )


def project_plan(project: Project) -> ProjectPlan:
    """Plan against actual for one project (four queries, whatever the number of lines and sources)."""
    lines = list(BudgetLine.objects.filter(project=project))
    sources = list(
        FundingSource.objects.filter(project=project).prefetch_related("eligible_lines", "deadlines")
    )
    expenses = Expense.objects.filter(line__project=project)
    by_line = {row["line"]: row["total"] for row in expenses.values("line").annotate(total=Sum("amount"))}
    by_source = {
        row["source"]: row["total"] for row in expenses.values("source").annotate(total=Sum("amount"))
    }
    line_rows = tuple(
        LineRow(line=line, planned=cents(line.planned_total), actual=cents(by_line.get(line.pk) or ZERO))
        for line in lines
    )
    grants: list[SourceRow] = []
    own: list[tuple[FundingSource, Decimal]] = []
    for source in sources:
        eligible = cents(sum((line.planned_total for line in source.eligible_lines.all()), ZERO))
        if not source.is_grant:
            own.append((source, eligible))
            continue
        grants.append(
            SourceRow(
                source=source,
                eligible_total=eligible,
                planned=grant_amount(source, eligible),
                actual=cents(by_source.get(source.pk) or ZERO),
                deadlines=tuple(source.deadlines.all()),
            )
        )
    total = sum((row.planned for row in line_rows), ZERO)
    own_share = total - sum((row.planned for row in grants), ZERO)
    own_rows = tuple(
        SourceRow(
            source=source,
            eligible_total=eligible,
            # Own funds: a fixed budget if one was set, else whatever the grants leave to the municipality.
            planned=cents(source.fixed_amount) if source.fixed_amount is not None else own_share,
            actual=cents(by_source.get(source.pk) or ZERO),
            deadlines=tuple(source.deadlines.all()),
        )
        for source, eligible in own
    )
    return ProjectPlan(
        project=project,
        lines=line_rows,
        grants=tuple(grants),
        own_funds=own_rows,
        unassigned_actual=cents(by_source.get(None) or ZERO),
    )


def overview(municipality: Municipality) -> list[ProjectPlan]:
    return [project_plan(project) for project in projects(municipality)]


# --- reports to funders ----------------------------------------------------------------------------

#: Outputs other apps contribute, found by module and function name so that this app does not depend
#: on them: ``function(municipality, *, office_ids, date_from, date_to) -> list[tuple[label, number]]``
#: (the hook format of the contacts app, which also reads the events and appointments apps). An app that
#: is not installed, or a missing function, shows "not recorded".
OUTPUT_HOOKS: tuple[tuple[object, str, str, str], ...] = (
    (
        _("Contacts (anonymous contact statistics)"),
        "familienbuero.contacts.reports",
        "contact_figures",
        "familienbuero.contacts",
    ),
    (_("Events and courses"), "familienbuero.contacts.reports", "event_figures", "familienbuero.events"),
    (
        _("Consultation appointments"),
        "familienbuero.contacts.reports",
        "consultation_figures",
        "familienbuero.appointments",
    ),
    (
        _("Volunteering (tutoring, internships, playground sponsors)"),
        "familienbuero.volunteering.reports",
        "volunteering_figures",
        "familienbuero.volunteering",
    ),
)


@dataclass(frozen=True)
class OutputBlock:
    label: str
    rows: tuple[tuple[str, object], ...] = ()
    recorded: bool = False


@dataclass(frozen=True)
class GrantReport:
    source: FundingSource
    date_from: date
    date_to: date
    expenses: tuple[Expense, ...]
    per_line: tuple[tuple[BudgetLine, Decimal], ...]
    outputs: tuple[OutputBlock, ...] = field(default=())

    @property
    def total(self) -> Decimal:
        return sum((expense.amount for expense in self.expenses), ZERO)

    @property
    def grant_share(self) -> Decimal:
        """The part of the reported expenses the grant pays (its rate, or up to its fixed amount)."""
        if self.source.fixed_amount is not None:
            return min(cents(self.source.fixed_amount), self.total)
        return grant_amount(self.source, self.total)

    @property
    def own_share(self) -> Decimal:
        return self.total - self.grant_share


def _hook(module_name: str, function_name: str) -> Callable[..., list[tuple[str, object]]] | None:
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is not None and module_name.startswith(error.name):
            return None
        raise
    return getattr(module, function_name, None)


def report_outputs(
    municipality: Municipality, *, office_ids: set[int] | None, date_from: date, date_to: date
) -> tuple[OutputBlock, ...]:
    blocks = []
    for label, module_name, function_name, app in OUTPUT_HOOKS:
        function = _hook(module_name, function_name) if apps.is_installed(app) else None
        if function is None:
            blocks.append(OutputBlock(label=str(label)))
            continue
        rows = function(municipality, office_ids=office_ids, date_from=date_from, date_to=date_to)
        blocks.append(
            OutputBlock(
                label=str(label), rows=tuple((str(name), value) for name, value in rows), recorded=True
            )
        )
    return tuple(blocks)


def grant_report(source: FundingSource, *, with_outputs: bool = True) -> GrantReport:
    """Expenses of the funding period on the lines the grant covers (those booked to another source
    excluded), per line, and the outputs of the period."""
    eligible_ids = list(source.eligible_lines.values_list("pk", flat=True))
    expenses = tuple(
        Expense.objects.filter(
            line_id__in=eligible_ids, spent_on__gte=source.starts_on, spent_on__lte=source.ends_on
        )
        .filter(Q(source=source) | Q(source__isnull=True))
        .select_related("line")
        .order_by("spent_on", "pk")
    )
    totals: dict[int, Decimal] = {}
    lines: dict[int, BudgetLine] = {}
    for expense in expenses:
        totals[expense.line_id] = totals.get(expense.line_id, ZERO) + expense.amount
        lines[expense.line_id] = expense.line
    per_line = tuple(
        (lines[pk], cents(total))
        for pk, total in sorted(totals.items(), key=lambda item: (lines[item[0]].position, item[0]))
    )
    project = source.project
    outputs: tuple[OutputBlock, ...] = ()
    if with_outputs:
        outputs = report_outputs(
            project.municipality,
            office_ids={project.office_id} if project.office_id else None,
            date_from=source.starts_on,
            date_to=source.ends_on,
        )
    return GrantReport(
        source=source,
        date_from=source.starts_on,
        date_to=source.ends_on,
        expenses=expenses,
        per_line=per_line,
        outputs=outputs,
    )
