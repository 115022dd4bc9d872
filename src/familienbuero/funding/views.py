"""Funding plan pages of the coordinators: plan against actual, recording expenses, reports to funders.
Every object is looked up within the current municipality; others' objects are 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.funding import exports, selectors, services
from familienbuero.funding.forms import DeadlineForm, ExpenseForm, LineForm, ProjectForm, SourceForm
from familienbuero.funding.models import Project
from familienbuero.funding.money import format_eur
from familienbuero.tenancy.models import Office

MANAGE = Capability.MANAGE_FUNDING


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _to_project(request: HttpRequest, project: Project) -> HttpResponse:
    return redirect(
        "funding:project",
        municipality_slug=request.municipality.slug,
        language=request.LANGUAGE_CODE,
        pk=project.pk,
    )


def _form_page(
    request: HttpRequest, form: forms.Form, title: str, project: Project | None = None
) -> HttpResponse:
    status = 422 if form.is_bound else 200
    return render(
        request, "funding/staff/form.html", {"form": form, "title": title, "project": project}, status=status
    )


def _amount_text(value: object) -> str:
    """An amount as the edit form shows it, in the notation it accepts (``87.500,00``)."""
    return "" if value is None else format_eur(value).removesuffix(" €")  # type: ignore[arg-type]


def _confirm_page(
    request: HttpRequest, *, title: str, question: str, project: Project, back: str
) -> HttpResponse:
    context = {"title": title, "question": question, "project": project, "back": back}
    return render(request, "funding/staff/confirm_delete.html", context)


def _project_url(request: HttpRequest, project: Project) -> str:
    return reverse(
        "funding:project",
        kwargs={
            "municipality_slug": request.municipality.slug,
            "language": request.LANGUAGE_CODE,
            "pk": project.pk,
        },
    )


@staff_required(MANAGE)
def overview(request: HttpRequest) -> HttpResponse:
    plans = selectors.overview(request.municipality)
    return render(request, "funding/staff/overview.html", {"plans": plans})


@staff_required(MANAGE)
def project_create(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(municipality=request.municipality)
    form = ProjectForm(request.POST if request.method == "POST" else None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(municipality=request.municipality, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, project)
    return _form_page(request, form, _("New project"))


@staff_required(MANAGE)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    offices = Office.objects.filter(municipality=request.municipality)
    initial = {
        "name": project.name,
        "office": project.office,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "description": project.description,
    }
    form = ProjectForm(request.POST if request.method == "POST" else None, offices=offices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return _to_project(request, project)
    return _form_page(request, form, _("Edit the project"), project)


@staff_required(MANAGE)
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    if request.method == "POST":
        try:
            services.project_delete(project=project)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _to_project(request, project)
        messages.success(request, _("The project “%(name)s” is deleted.") % {"name": project.name})
        return redirect(
            "funding:overview", municipality_slug=request.municipality.slug, language=request.LANGUAGE_CODE
        )
    return _confirm_page(
        request,
        title=_("Delete the project"),
        question=_("Delete the project “%(name)s” with all its budget lines and funding sources?")
        % {"name": project.name},
        project=project,
        back=_project_url(request, project),
    )


@staff_required(MANAGE)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    plan = selectors.project_plan(project)
    expenses = selectors.project_expenses(project)
    return render(
        request, "funding/staff/project.html", {"project": project, "plan": plan, "expenses": expenses}
    )


@staff_required(MANAGE)
def line_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    form = LineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_add(project=project, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, project)
    return _form_page(request, form, _("New budget line"), project)


@staff_required(MANAGE)
def line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_or_404(request.municipality, pk)
    initial = {
        "name": line.name,
        "kind": line.kind,
        "planned_amount": _amount_text(line.planned_amount),
        "years": line.years,
    }
    form = LineForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_update(line=line, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The budget line is saved."))
            return _to_project(request, line.project)
    return _form_page(request, form, _("Edit the budget line"), line.project)


@staff_required(MANAGE)
def line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_or_404(request.municipality, pk)
    if request.method == "POST":
        try:
            services.line_delete(line=line)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The budget line “%(name)s” is deleted.") % {"name": line.name})
        return _to_project(request, line.project)
    return _confirm_page(
        request,
        title=_("Delete the budget line"),
        question=_("Delete the budget line “%(name)s”?") % {"name": line.name},
        project=line.project,
        back=_project_url(request, line.project),
    )


@staff_required(MANAGE)
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    form = SourceForm(request.POST if request.method == "POST" else None, project=project)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["eligible_lines"] = list(data["eligible_lines"])
        try:
            services.source_add(project=project, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, project)
    return _form_page(request, form, _("New funding source"), project)


@staff_required(MANAGE)
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    initial = {
        "name": source.name,
        "funder": source.funder,
        "kind": source.kind,
        "rate": "" if source.rate is None else _amount_text(source.rate),
        "fixed_amount": _amount_text(source.fixed_amount),
        "eligible_lines": list(source.eligible_lines.all()),
        "required_own_contribution": _amount_text(source.required_own_contribution),
        "starts_on": source.starts_on,
        "ends_on": source.ends_on,
    }
    form = SourceForm(
        request.POST if request.method == "POST" else None, project=source.project, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["eligible_lines"] = list(data["eligible_lines"])
        try:
            services.source_update(source=source, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The funding source is saved."))
            return _to_project(request, source.project)
    return _form_page(request, form, _("Edit the funding source"), source.project)


@staff_required(MANAGE)
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    if request.method == "POST":
        try:
            services.source_delete(source=source)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The funding source “%(name)s” is deleted.") % {"name": source.name})
        return _to_project(request, source.project)
    return _confirm_page(
        request,
        title=_("Delete the funding source"),
        question=_("Delete the funding source “%(name)s” with its reporting deadlines?")
        % {"name": source.name},
        project=source.project,
        back=_project_url(request, source.project),
    )


@staff_required(MANAGE)
def deadline_add(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    form = DeadlineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_add(source=source, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, source.project)
    return _form_page(
        request, form, _("New reporting deadline for %(source)s") % {"source": source}, source.project
    )


@staff_required(MANAGE)
def deadline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = selectors.deadline_or_404(request.municipality, pk)
    form = DeadlineForm(
        request.POST if request.method == "POST" else None,
        initial={"label": deadline.label, "due_on": deadline.due_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_update(deadline=deadline, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The reporting deadline is saved."))
            return _to_project(request, deadline.source.project)
    return _form_page(request, form, _("Edit the reporting deadline"), deadline.source.project)


@staff_required(MANAGE)
def deadline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = selectors.deadline_or_404(request.municipality, pk)
    project = deadline.source.project
    if request.method == "POST":
        services.deadline_delete(deadline=deadline)
        message = _("The reporting deadline “%(label)s” is deleted.") % {"label": deadline.label}
        messages.success(request, message)
        return _to_project(request, project)
    return _confirm_page(
        request,
        title=_("Delete the reporting deadline"),
        question=_("Delete the reporting deadline “%(label)s” (%(date)s)?")
        % {"label": deadline.label, "date": deadline.due_on.strftime("%d.%m.%Y")},
        project=project,
        back=_project_url(request, project),
    )


@staff_required(MANAGE)
def expense_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    form = ExpenseForm(request.POST if request.method == "POST" else None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            expense = services.expense_record(**form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Expense %(voucher)s recorded.") % {"voucher": expense.voucher_reference}
            )
            return _to_project(request, project)
    return _form_page(request, form, _("Record an expense"), project)


@staff_required(MANAGE)
def expense_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expense = selectors.expense_or_404(request.municipality, pk)
    project = expense.line.project
    initial = {
        "line": expense.line,
        "spent_on": expense.spent_on,
        "amount": _amount_text(expense.amount),
        "voucher_reference": expense.voucher_reference,
        "source": expense.source,
        "note": expense.note,
    }
    form = ExpenseForm(request.POST if request.method == "POST" else None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_update(expense=expense, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Expense %(voucher)s corrected.") % {"voucher": expense.voucher_reference}
            )
            return _to_project(request, project)
    return _form_page(request, form, _("Correct the expense"), project)


@staff_required(MANAGE)
def expense_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes."""
    expense = selectors.expense_or_404(request.municipality, pk)
    project = expense.line.project
    if request.method == "POST":
        services.expense_delete(expense=expense)
        messages.success(request, _("Expense deleted."))
        return _to_project(request, project)
    return _confirm_page(
        request,
        title=_("Delete the expense"),
        question=_("Delete the expense %(voucher)s of %(date)s over %(amount)s (%(line)s)?")
        % {
            "voucher": expense.voucher_reference,
            "date": expense.spent_on.strftime("%d.%m.%Y"),
            "amount": format_eur(expense.amount),
            "line": expense.line.name,
        },
        project=project,
        back=_project_url(request, project),
    )


@staff_required(MANAGE)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    return render(request, "funding/staff/report.html", {"report": selectors.grant_report(source)})


@staff_required(MANAGE)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    content = exports.report_xlsx(selectors.grant_report(source))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="verwendungsnachweis-{source.pk}.xlsx"'
    return response
