"""Back office of the contact statistics: record a contact on one screen, correct the own ones for seven
days, the dashboard with its exports, and the annual report of an office for funders.

Office staff see the figures of their offices, coordinators those of every office; everything else is
a 404 (``staff_required``). The context holds plain figures (``reports.Dashboard``), never a record of
another person.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.contacts import exports, forms, reports, services
from familienbuero.contacts.charts import bar_chart
from familienbuero.contacts.models import ContactRecord

SESSION_KEY = "contacts:last-used"


def _form(request: HttpRequest, data: Any = None, initial: dict[str, Any] | None = None) -> forms.ContactForm:
    municipality = request.municipality
    return forms.ContactForm(
        data,
        initial=initial,
        offices=reports.offices_for(request.user, municipality),
        topics=reports.topic_terms(),
        districts=reports.districts(municipality),
        services=reports.referable_services(municipality),
        referrals=reports.recent_referrals(request.user, municipality),
        locations=reports.locations(municipality),
    )


def _add_errors(form: forms.ContactForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _form_context(form: forms.ContactForm, **extra: Any) -> dict[str, Any]:
    return {
        "form": form,
        "essential": forms.FieldGroup(form, forms.ESSENTIAL_FIELDS, first=True),
        "details": forms.FieldGroup(form, [n for n in form.fields if n not in forms.ESSENTIAL_FIELDS]),
        **extra,
    }


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in services.EDITABLE_FIELDS if name in data}


def _to(request: HttpRequest, name: str) -> HttpResponse:
    return redirect(name, municipality_slug=request.municipality.slug, language=request.LANGUAGE_CODE)


@staff_required(Capability.RECORD_CONTACTS)
def record(request: HttpRequest) -> HttpResponse:
    offices = reports.offices_for(request.user, request.municipality)
    if request.method != "POST":
        initial = forms.initial_values(remembered=request.session.get(SESSION_KEY, {}), offices=offices)
        form = _form(request, initial=initial)
        return render(request, "contacts/record.html", _form_context(form, recent=_recent(request)))
    form = _form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_contact(actor=request.user, topics=data["topics"], **_fields(data))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            request.session[SESSION_KEY] = forms.remembered_values(data)
            messages.success(request, _("Contact recorded. The form is ready for the next one."))
            return _to(request, "contacts:record")
    return render(request, "contacts/record.html", _form_context(form, recent=_recent(request)), status=422)


def _recent(request: HttpRequest) -> list[ContactRecord]:
    return list(reports.own_records(request.user, request.municipality)[:5])


@staff_required(Capability.RECORD_CONTACTS)
def own_list(request: HttpRequest) -> HttpResponse:
    records = reports.own_records(request.user, request.municipality)[:200]
    context = {"records": records}
    return render(request, "contacts/own_list.html", context)


@staff_required(Capability.RECORD_CONTACTS)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    record_ = reports.correctable_record_or_404(request.user, request.municipality, pk)
    if request.method != "POST":
        initial = {name: getattr(record_, name) for name in services.EDITABLE_FIELDS}
        initial["contact_at"] = timezone.localtime(record_.contact_at)
        initial["topics"] = list(record_.topics.all())
        form = _form(request, initial=initial)
        return render(request, "contacts/correct.html", _form_context(form, record=record_))
    form = _form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_contact(
                record=record_, actor=request.user, topics=data["topics"], **_fields(data)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The contact was corrected."))
            return _to(request, "contacts:own-list")
    return render(request, "contacts/correct.html", _form_context(form, record=record_), status=422)


@staff_required(Capability.RECORD_CONTACTS)
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact entered twice by mistake: the recorder deletes it (seven days); the change log keeps it."""
    record_ = reports.correctable_record_or_404(request.user, request.municipality, pk)
    if request.method == "POST":
        services.delete_contact(record=record_, actor=request.user)
        messages.success(request, _("The contact was deleted."))
        return _to(request, "contacts:own-list")
    return render(request, "contacts/delete.html", {"record": record_})


# --- dashboard -----------------------------------------------------------------------------------------


def _dashboard(request: HttpRequest) -> tuple[forms.PeriodForm, reports.Dashboard | None]:
    municipality = request.municipality
    form = forms.PeriodForm(request.GET or {}, offices=reports.offices_for(request.user, municipality))
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    board = reports.dashboard(
        municipality,
        office_ids=permissions.office_ids_for(request.user, municipality.pk),
        date_from=data["date_from"],
        date_to=data["date_to"],
        office=data["office"],
        interval=data["interval"],
    )
    return form, board


def _charts(board: reports.Dashboard) -> list[dict[str, Any]]:
    charts = []
    for breakdown in (board.timeline, *board.breakdowns, board.target_districts):
        chart_id = f"chart-{breakdown.key}"
        charts.append(
            {
                "breakdown": breakdown,
                "id": chart_id,
                "svg": bar_chart(
                    breakdown,
                    chart_id=chart_id,
                    title=breakdown.title,
                    description=_("Bar chart; the table below shows the same figures."),
                ),
            }
        )
    return charts


@staff_required(Capability.VIEW_CONTACT_STATISTICS)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, board = _dashboard(request)
    context = {
        "form": form,
        "board": board,
        "charts": _charts(board) if board else [],
        "query": request.GET.urlencode(),
        "period": exports.period_text(board.date_from, board.date_to) if board else "",
    }
    return render(request, "contacts/dashboard.html", context, status=200 if board else 422)


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    form, board = _dashboard(request)
    if board is None:
        context = {"form": form, "board": None, "charts": [], "query": "", "period": ""}
        return render(request, "contacts/dashboard.html", context, status=422)
    lines = exports.dashboard_lines(board)
    name = f"kontakte-{board.date_from:%Y%m%d}-{board.date_to:%Y%m%d}"
    if kind == "csv":
        return exports.csv_response(lines, f"{name}.csv")
    title = _("Contacts")
    subtitle = exports.period_text(board.date_from, board.date_to)
    if board.office is not None:
        subtitle = f"{board.office.name}, {subtitle}"
    return exports.xlsx_response(lines, f"{name}.xlsx", title, subtitle)


@staff_required(Capability.VIEW_CONTACT_STATISTICS)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@staff_required(Capability.VIEW_CONTACT_STATISTICS)
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


# --- annual report ---------------------------------------------------------------------------------------


def _report(request: HttpRequest) -> tuple[forms.YearForm, reports.AnnualReport | None]:
    offices = reports.offices_for(request.user, request.municipality)
    data = request.GET or None
    if data is None:
        first = offices.first()
        data = {"office": first.pk if first else "", "year": timezone.localdate().year}
    form = forms.YearForm(data, offices=offices)
    if not form.is_valid():
        return form, None
    report = reports.annual_report(
        request.municipality, office=form.cleaned_data["office"], year=form.cleaned_data["year"]
    )
    return form, report


@staff_required(Capability.VIEW_CONTACT_STATISTICS)
def annual_report(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    context = {
        "form": form,
        "report": report,
        "query": f"office={report.office.pk}&year={report.year}" if report else "",
        "not_recorded": reports.NOT_RECORDED,
    }
    return render(request, "contacts/annual_report.html", context, status=200 if report else 422)


@staff_required(Capability.VIEW_CONTACT_STATISTICS)
def annual_report_xlsx(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        context = {"form": form, "report": None, "query": "", "not_recorded": reports.NOT_RECORDED}
        return render(request, "contacts/annual_report.html", context, status=422)
    title = _("Annual report %(year)d") % {"year": report.year}
    return exports.xlsx_response(
        exports.report_lines(report),
        f"jahresbericht-{report.office.slug}-{report.year}.xlsx",
        title,
        report.office.name,
    )
