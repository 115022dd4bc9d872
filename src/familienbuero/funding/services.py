"""Writes of the funding plan, one function per use case. Amounts arrive as ``Decimal`` (the forms parse
what was typed with ``money.parse_amount``) and are stored rounded to cents."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django_scopes import scope, scopes_disabled

from familienbuero.funding import audit
from familienbuero.funding.models import BudgetLine, Expense, FundingSource, Project, ReportingDeadline
from familienbuero.funding.money import cents
from familienbuero.tenancy.models import Municipality, Office

logger = logging.getLogger(__name__)

#: A reporting deadline is announced to the coordinators this many days before it is due (once).
REMIND_DAYS_BEFORE_DEADLINE = 14


def _amount(value: Decimal | None) -> Decimal | None:
    return None if value is None else cents(value)


@transaction.atomic
def project_create(
    *,
    municipality: Municipality,
    name: str,
    starts_on: date,
    ends_on: date,
    office: Office | None = None,
    description: str = "",
) -> Project:
    if office is not None and office.municipality_id != municipality.pk:
        raise ValidationError({"office": _("This office belongs to another municipality.")})
    project = Project(
        municipality=municipality,
        office=office,
        name=name,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    name: str,
    starts_on: date,
    ends_on: date,
    office: Office | None = None,
    description: str = "",
) -> Project:
    if office is not None and office.municipality_id != project.municipality_id:
        raise ValidationError({"office": _("This office belongs to another municipality.")})
    project.name, project.office, project.description = name, office, description
    project.starts_on, project.ends_on = starts_on, ends_on
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_delete(*, project: Project) -> None:
    """Deletes a project with its lines, sources and deadlines – only while no expense is recorded."""
    if Expense.objects.filter(line__project=project).exists():
        raise ValidationError(
            _("This project has recorded expenses. It cannot be deleted; delete or move the expenses first.")
        )
    # One by one, so that every line, source and deadline leaves its own change-log entry.
    for deadline in ReportingDeadline.objects.filter(source__project=project):
        deadline.delete()
    for source in FundingSource.objects.filter(project=project):
        source.delete()
    for line in BudgetLine.objects.filter(project=project):
        line.delete()
    project.delete()


def _check_line(kind: str, years: int) -> None:
    if kind == BudgetLine.Kind.ONE_OFF and years != 1:
        raise ValidationError({"years": _("A one-off line is paid in one year only.")})


@transaction.atomic
def line_add(
    *,
    project: Project,
    name: str,
    planned_amount: Decimal,
    kind: str = BudgetLine.Kind.ONE_OFF,
    years: int = 1,
    position: int | None = None,
) -> BudgetLine:
    _check_line(kind, years)
    if position is None:
        position = BudgetLine.objects.filter(project=project).count() + 1
    line = BudgetLine(
        municipality_id=project.municipality_id,
        project=project,
        position=position,
        name=name,
        kind=kind,
        planned_amount=cents(planned_amount),
        years=years,
    )
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def line_update(
    *,
    line: BudgetLine,
    name: str,
    planned_amount: Decimal,
    kind: str = BudgetLine.Kind.ONE_OFF,
    years: int = 1,
) -> BudgetLine:
    """Corrects a line. Its expenses stay; a smaller plan than spent is shown as over budget."""
    _check_line(kind, years)
    line.name, line.kind, line.years = name, kind, years
    line.planned_amount = cents(planned_amount)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def line_delete(*, line: BudgetLine) -> None:
    count = line.expenses.count()
    if count:
        raise ValidationError(
            ngettext(
                "The line “%(line)s” cannot be deleted: %(count)s expense is recorded on it. "
                "Delete it or book it to another line first.",
                "The line “%(line)s” cannot be deleted: %(count)s expenses are recorded on it. "
                "Delete them or book them to another line first.",
                count,
            )
            % {"line": line.name, "count": count},
            code="line_has_expenses",
        )
    line.delete()


def _check_source(
    *,
    project: Project,
    kind: str,
    rate: Decimal | None,
    fixed_amount: Decimal | None,
    lines: list[BudgetLine],
) -> None:
    if kind == FundingSource.Kind.GRANT and (rate is None) == (fixed_amount is None):
        raise ValidationError(_("A grant has either a rate or a fixed amount (one of the two)."))
    if kind == FundingSource.Kind.OWN_FUNDS and rate is not None:
        raise ValidationError({"rate": _("Own funds have no rate.")})
    if any(line.project_id != project.pk for line in lines):
        raise ValidationError({"eligible_lines": _("Only lines of this project can be eligible.")})


def _set_eligible_lines(source: FundingSource, lines: list[BudgetLine]) -> None:
    before = [line.name for line in source.eligible_lines.order_by("position", "pk")]
    source.eligible_lines.set(lines)
    after = [line.name for line in sorted(lines, key=lambda line: (line.position, line.pk))]
    audit.log_eligible_lines(source, before, after)


def _save_source(
    source: FundingSource,
    name: str,
    funder: str,
    kind: str,
    rate: Decimal | None,
    fixed_amount: Decimal | None,
    required_own_contribution: Decimal | None,
    starts_on: date,
    ends_on: date,
    lines: list[BudgetLine],
) -> FundingSource:
    """Sets a source's terms (checked by the caller), saves it and its eligible lines (change-logged)."""
    source.name, source.funder, source.kind = name, funder, kind
    source.rate, source.fixed_amount = rate, _amount(fixed_amount)
    source.required_own_contribution = _amount(required_own_contribution)
    source.starts_on, source.ends_on = starts_on, ends_on
    source.full_clean()
    source.save()
    _set_eligible_lines(source, lines)
    return source


@transaction.atomic
def source_add(
    *,
    project: Project,
    name: str,
    starts_on: date,
    ends_on: date,
    kind: str = FundingSource.Kind.GRANT,
    funder: str = "",
    rate: Decimal | None = None,
    fixed_amount: Decimal | None = None,
    eligible_lines: list[BudgetLine] | None = None,
    required_own_contribution: Decimal | None = None,
) -> FundingSource:
    lines = list(eligible_lines or [])
    _check_source(project=project, kind=kind, rate=rate, fixed_amount=fixed_amount, lines=lines)
    source = FundingSource(municipality_id=project.municipality_id, project=project)
    return _save_source(
        source, name, funder, kind, rate, fixed_amount, required_own_contribution, starts_on, ends_on, lines
    )


@transaction.atomic
def source_update(
    *,
    source: FundingSource,
    name: str,
    starts_on: date,
    ends_on: date,
    kind: str = FundingSource.Kind.GRANT,
    funder: str = "",
    rate: Decimal | None = None,
    fixed_amount: Decimal | None = None,
    eligible_lines: list[BudgetLine] | None = None,
    required_own_contribution: Decimal | None = None,
) -> FundingSource:
    """Corrects a source's terms. Refused where expenses already charged to it would no longer fit
    (a line no longer eligible, a date outside the new period)."""
    lines = list(eligible_lines or [])
    _check_source(project=source.project, kind=kind, rate=rate, fixed_amount=fixed_amount, lines=lines)
    booked = Expense.objects.filter(source=source).select_related("line")
    if kind == FundingSource.Kind.GRANT:
        eligible = {line.pk for line in lines}
        outside = sorted({e.line.name for e in booked if e.line_id not in eligible})
        if outside:
            raise ValidationError(
                {
                    "eligible_lines": _("Expenses of these lines are charged to this source: %(lines)s")
                    % {"lines": ", ".join(outside)}
                }
            )
    if booked.exclude(spent_on__gte=starts_on, spent_on__lte=ends_on).exists():
        raise ValidationError(_("Expenses charged to this source lie outside the new funding period."))
    return _save_source(
        source, name, funder, kind, rate, fixed_amount, required_own_contribution, starts_on, ends_on, lines
    )


@transaction.atomic
def source_delete(*, source: FundingSource) -> None:
    count = source.expenses.count()
    if count:
        raise ValidationError(
            ngettext(
                "The source “%(source)s” cannot be deleted: %(count)s expense is charged to it.",
                "The source “%(source)s” cannot be deleted: %(count)s expenses are charged to it.",
                count,
            )
            % {"source": source.name, "count": count},
            code="source_has_expenses",
        )
    for deadline in source.deadlines.all():
        deadline.delete()
    source.delete()


@transaction.atomic
def deadline_add(*, source: FundingSource, due_on: date, label: str) -> ReportingDeadline:
    deadline = ReportingDeadline(
        municipality_id=source.municipality_id, source=source, due_on=due_on, label=label
    )
    deadline.full_clean()
    deadline.save()
    return deadline


@transaction.atomic
def deadline_update(*, deadline: ReportingDeadline, due_on: date, label: str) -> ReportingDeadline:
    """Corrects a deadline; a new date gets its own reminder again."""
    if due_on != deadline.due_on:
        deadline.reminded_at = None
    deadline.due_on, deadline.label = due_on, label
    deadline.full_clean()
    deadline.save()
    return deadline


@transaction.atomic
def deadline_delete(*, deadline: ReportingDeadline) -> None:
    deadline.delete()


def _check_expense(
    *, line: BudgetLine, spent_on: date, amount: Decimal, source: FundingSource | None
) -> Decimal:
    amount = cents(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    if source is not None:
        if source.project_id != line.project_id:
            raise ValidationError({"source": _("This funding source belongs to another project.")})
        if source.is_grant and not source.eligible_lines.filter(pk=line.pk).exists():
            raise ValidationError({"source": _("This grant does not cover the chosen line.")})
        if not source.starts_on <= spent_on <= source.ends_on:
            raise ValidationError({"spent_on": _("The date lies outside the funding period of the source.")})
    return amount


@transaction.atomic
def expense_record(
    *,
    line: BudgetLine,
    spent_on: date,
    amount: Decimal,
    voucher_reference: str,
    source: FundingSource | None = None,
    note: str = "",
) -> Expense:
    """Records money spent. Spending more than planned is allowed (it happens) and shown on the plan."""
    amount = _check_expense(line=line, spent_on=spent_on, amount=amount, source=source)
    expense = Expense(
        municipality_id=line.municipality_id,
        line=line,
        source=source,
        spent_on=spent_on,
        amount=amount,
        voucher_reference=voucher_reference.strip(),
        note=note,
    )
    expense.full_clean()
    expense.save()
    return expense


@transaction.atomic
def expense_update(
    *,
    expense: Expense,
    line: BudgetLine,
    spent_on: date,
    amount: Decimal,
    voucher_reference: str,
    source: FundingSource | None = None,
    note: str = "",
) -> Expense:
    """Corrects a recorded expense (a typo in the amount, the wrong line or source)."""
    if line.project_id != expense.line.project_id:
        raise ValidationError({"line": _("Only lines of this project can be chosen.")})
    amount = _check_expense(line=line, spent_on=spent_on, amount=amount, source=source)
    expense.line, expense.source, expense.spent_on, expense.amount = line, source, spent_on, amount
    expense.voucher_reference, expense.note = voucher_reference.strip(), note
    expense.full_clean()
    expense.save()
    return expense


@transaction.atomic
def expense_delete(*, expense: Expense) -> None:
    expense.delete()


def _coordinator_addresses(municipality: Municipality) -> list[str]:
    from familienbuero.accounts.models import Membership
    from familienbuero.accounts.roles import Role

    with scope(municipality=municipality):
        return sorted(
            set(
                Membership.objects.filter(
                    municipality=municipality, role=Role.COORDINATOR, user__is_active=True
                )
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )


def send_deadline_reminders(*, now: datetime | None = None) -> int:
    """Mails the coordinators about reporting deadlines due within two weeks (once per deadline)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE_DEADLINE)
    sent = 0
    with scopes_disabled():
        due = ReportingDeadline.objects.filter(
            reminded_at__isnull=True, due_on__gte=today, due_on__lte=horizon
        ).select_related("source__project", "municipality")
        for deadline in due:
            recipients = _coordinator_addresses(deadline.municipality)
            if not recipients:
                logger.warning("No coordinator address for municipality %s", deadline.municipality_id)
                continue
            with override("de"):
                subject = _("Reminder: report to the funder due on %(date)s") % {
                    "date": deadline.due_on.strftime("%d.%m.%Y")
                }
                body = _(
                    'The report "%(label)s" for the funding source "%(source)s" of the project '
                    '"%(project)s" is due on %(date)s.\n\nThe report with the expenses and outputs of '
                    "the funding period can be printed or downloaded in the back office under Funding plan."
                ) % {
                    "label": deadline.label,
                    "source": deadline.source.name,
                    "project": deadline.source.project.name,
                    "date": deadline.due_on.strftime("%d.%m.%Y"),
                }
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            ReportingDeadline.objects.filter(pk=deadline.pk).update(reminded_at=now)
            sent += 1
    return sent
