"""Funding plan pages of the coordinators: plan against actual, recording expenses, reports to funders.
Every object is looked up within the current municipality; others' objects are 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.funding import exports, selectors, services
from familienbuero.funding.forms import DeadlineForm, ExpenseForm, LineForm, ProjectForm, SourceForm
from familienbuero.funding.models import Project
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


@staff_required(MANAGE)
def overview(request: HttpRequest) -> HttpResponse:
    plans = selectors.overview(request.municipality)
    return render(request, "funding/staff/overview.html", {"plans": plans})


@staff_required(MANAGE)
def project_create(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(municipality=request.municipality)
    form = ProjectForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(municipality=request.municipality, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, project)
    return _form_page(request, form, _("New project"))


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
    form = LineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_add(project=project, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_project(request, project)
    return _form_page(request, form, _("New budget line"), project)


@staff_required(MANAGE)
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    form = SourceForm(request.POST or None, project=project)
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
def deadline_add(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_or_404(request.municipality, pk)
    form = DeadlineForm(request.POST or None)
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
def expense_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_or_404(request.municipality, pk)
    form = ExpenseForm(request.POST or None, project=project)
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
@require_POST
def expense_delete(request: HttpRequest, pk: int) -> HttpResponse:
    expense = selectors.expense_or_404(request.municipality, pk)
    project = expense.line.project
    services.expense_delete(expense=expense)
    messages.success(request, _("Expense deleted."))
    return _to_project(request, project)


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
