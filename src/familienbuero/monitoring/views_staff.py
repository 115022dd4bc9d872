"""Back-office pages of the social-area monitoring: overview, import, report (+ CSV/XLSX), index
weights and the coverage matrix. Thin: parse → authorise (decorator) → selector/service → render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from familienbuero.accounts import permissions as account_permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.monitoring import coverage, exports, reports, services
from familienbuero.monitoring.forms import (
    BurdenIndexWeightsForm,
    CoverageFilterForm,
    DistrictStatisticsUploadForm,
    ReferenceDateForm,
)
from familienbuero.monitoring.models import Quarter
from familienbuero.monitoring.permissions import MANAGE, VIEW


def _can_manage(request: HttpRequest) -> bool:
    return account_permissions.has_capability(request.user, MANAGE, request.municipality.pk)


def _staff_url(request: HttpRequest, name: str, **kwargs: str) -> str:
    from django.urls import reverse

    return reverse(
        f"monitoring-staff:{name}",
        kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **kwargs},
    )


@staff_required(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    quarters = Quarter.objects.filter(municipality=request.municipality).prefetch_related("districts")
    context = {
        "quarters": quarters,
        "dates": reports.reference_dates(request.municipality),
        "can_manage": _can_manage(request),
        "columns": list(services.column_labels().items()),
    }
    return render(request, "monitoring/staff/index.html", context)


@staff_required(MANAGE)
def import_statistics(request: HttpRequest) -> HttpResponse:
    form = DistrictStatisticsUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            stored = services.import_district_statistics(
                request.municipality, form.cleaned_data["file"].read(), actor=request.user
            )
        except services.ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                ngettext("%(count)s row imported.", "%(count)s rows imported.", stored) % {"count": stored},
            )
            return redirect(_staff_url(request, "index"))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "errors": errors, "columns": list(services.column_labels().items())}
    return render(request, "monitoring/staff/import.html", context, status=status)


def _report(
    request: HttpRequest, quarter_slug: str
) -> tuple[Quarter, ReferenceDateForm, reports.SocialAreaReport | None]:
    quarter = Quarter.objects.filter(municipality=request.municipality, slug=quarter_slug).first()
    if quarter is None:
        raise Http404
    dates = reports.reference_dates(request.municipality)
    data = (
        request.GET if "stichtag" in request.GET else ({"stichtag": dates[0].isoformat()} if dates else None)
    )
    form = ReferenceDateForm(data, dates=dates)
    if data is None or not form.is_valid():
        return quarter, form, None
    return quarter, form, reports.social_area_report(quarter, form.cleaned_data["stichtag"])


@staff_required(VIEW)
def report(request: HttpRequest, quarter_slug: str) -> HttpResponse:
    quarter, form, found = _report(request, quarter_slug)
    context = {
        "quarter": quarter,
        "form": form,
        "report": found,
        "query": f"stichtag={found.reference_date.isoformat()}" if found else "",
        "can_manage": _can_manage(request),
    }
    status = 422 if found is None and "stichtag" in request.GET else 200
    return render(request, "monitoring/staff/report.html", context, status=status)


def _export_name(found: reports.SocialAreaReport, extension: str) -> str:
    return f"sozialraum-{found.quarter.slug}-{found.reference_date.isoformat()}.{extension}"


@staff_required(VIEW)
def report_csv(request: HttpRequest, quarter_slug: str) -> HttpResponse:
    _quarter, _form, found = _report(request, quarter_slug)
    if found is None:
        raise Http404
    response = HttpResponse(exports.report_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(found, "csv")}"'
    return response


@staff_required(VIEW)
def report_xlsx(request: HttpRequest, quarter_slug: str) -> HttpResponse:
    _quarter, _form, found = _report(request, quarter_slug)
    if found is None:
        raise Http404
    response = HttpResponse(
        exports.report_xlsx(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(found, "xlsx")}"'
    return response


@staff_required(MANAGE)
def weights(request: HttpRequest) -> HttpResponse:
    instance = services.weights_for(request.municipality)
    form = BurdenIndexWeightsForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_weights(weights=form.save(commit=False), actor=request.user)
        messages.success(request, _("The weights of the burden index were saved."))
        return redirect(_staff_url(request, "weights"))
    status = 422 if request.method == "POST" else 200
    return render(request, "monitoring/staff/weights.html", {"form": form}, status=status)


@staff_required(VIEW)
def coverage_matrix(request: HttpRequest) -> HttpResponse:
    form = CoverageFilterForm(request.GET or None)
    topic = form.cleaned_data["thema"] if form.is_bound and form.is_valid() else None
    matrix = coverage.coverage_matrix(request.municipality, topic)
    context = {"form": form, "matrix": matrix, "topic": topic}
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(request, "monitoring/staff/coverage.html", context, status=status)
