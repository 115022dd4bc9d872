"""Playground sponsorships: the sponsor's phone page behind a personal link (the token is the only
credential; an ended sponsorship's link is 404), and the back office: playgrounds with overdue checks,
sponsors and their links, the defects list for the city department with status, the defect photos."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.core.ratelimits import public_form_limit
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.volunteering import playgrounds
from familienbuero.volunteering.forms import DefectStatusForm, PlaygroundForm, ReportForm, SponsorshipForm
from familienbuero.volunteering.models import Playground, PlaygroundReport, Sponsorship
from familienbuero.volunteering.permissions import COORDINATE
from familienbuero.volunteering.views_staff import _back, _kwargs, add_errors

# --- sponsor (public, personal link) ---------------------------------------------------------------


def _sponsorship_or_404(request: HttpRequest, token: str) -> Sponsorship:
    return get_object_or_404(
        Sponsorship.objects.select_related("playground"),
        municipality=request.municipality,
        token=token,
        is_active=True,
    )


@public_form_limit("volunteering-playground-report")
def sponsor_report(request: HttpRequest, token: str) -> HttpResponse:
    sponsorship = _sponsorship_or_404(request, token)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            playgrounds.report_submit(
                sponsorship=sponsorship,
                kind=data["kind"],
                what=data["what"],
                where=data["where"],
                urgency=data["urgency"],
                photo=data["photo"],
                department_url=request.build_absolute_uri(
                    reverse(
                        "volunteering:defect-list",
                        kwargs={"municipality_slug": request.municipality.slug, "language": "de"},
                    )
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("volunteering-public:sponsor-thanks", **_kwargs(request), token=sponsorship.token)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "volunteering/public/sponsor_report.html",
        {"form": form, "sponsorship": sponsorship, "playground": sponsorship.playground},
        status=status,
    )


def sponsor_thanks(request: HttpRequest, token: str) -> HttpResponse:
    sponsorship = _sponsorship_or_404(request, token)
    return render(request, "volunteering/public/sponsor_thanks.html", {"sponsorship": sponsorship})


# --- back office -----------------------------------------------------------------------------------


@staff_required(COORDINATE)
def playground_list(request: HttpRequest) -> HttpResponse:
    rows = playgrounds.states(request.municipality, timezone.localdate())
    return render(request, "volunteering/staff/playground_list.html", {"rows": rows})


def _playground_or_404(request: HttpRequest, playground_uuid: str) -> Playground:
    return get_object_or_404(Playground, municipality=request.municipality, uuid=playground_uuid)


@staff_required(COORDINATE)
def playground_edit(request: HttpRequest, playground_uuid: str | None = None) -> HttpResponse:
    playground = (
        _playground_or_404(request, playground_uuid)
        if playground_uuid
        else Playground(municipality=request.municipality)
    )
    form = PlaygroundForm(
        request.POST if request.method == "POST" else None,
        instance=playground,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The playground is saved."))
        return _back(request, "playground-edit", playground_uuid=playground.uuid)
    return _render_playground(
        request, playground, form, SponsorshipForm(), 422 if request.method == "POST" else 200
    )


def _render_playground(
    request: HttpRequest,
    playground: Playground,
    form: PlaygroundForm,
    sponsor_form: SponsorshipForm,
    status: int,
) -> HttpResponse:
    sponsorships = playground.sponsorships.filter(is_active=True) if playground.pk else []
    for sponsorship in sponsorships:  # their names and contact details are on the page
        record_access(request, sponsorship, AccessLog.Action.VIEW)
    links = [
        (
            s,
            request.build_absolute_uri(
                reverse(
                    "volunteering-public:sponsor-report",
                    kwargs={**_kwargs(request), "language": "de", "token": s.token},
                )
            ),
        )
        for s in sponsorships
    ]
    return render(
        request,
        "volunteering/staff/playground_edit.html",
        {
            "playground": playground,
            "form": form,
            "sponsor_form": sponsor_form,
            "links": links,
            "reports": playground.reports.select_related("sponsorship")[:20] if playground.pk else [],
        },
        status=status,
    )


@staff_required(COORDINATE)
@require_POST
def sponsorship_add(request: HttpRequest, playground_uuid: str) -> HttpResponse:
    playground = _playground_or_404(request, playground_uuid)
    form = SponsorshipForm(request.POST)
    if form.is_valid():
        try:
            playgrounds.sponsorship_create(playground=playground, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The sponsor is added. Send them their personal link."))
            return _back(request, "playground-edit", playground_uuid=playground.uuid)
    edit_form = PlaygroundForm(instance=playground, municipality=request.municipality)
    return _render_playground(request, playground, edit_form, form, 422)


@staff_required(COORDINATE)
@require_POST
def sponsorship_end(request: HttpRequest, sponsorship_pk: int) -> HttpResponse:
    sponsorship = get_object_or_404(Sponsorship, municipality=request.municipality, pk=sponsorship_pk)
    playgrounds.sponsorship_end(sponsorship=sponsorship)
    messages.success(request, _("The sponsorship is ended; the personal link no longer works."))
    return _back(request, "playground-edit", playground_uuid=sponsorship.playground.uuid)


@staff_required(COORDINATE)
def defect_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("status", "open")
    defects = PlaygroundReport.objects.filter(
        municipality=request.municipality, kind=PlaygroundReport.Kind.DEFECT
    ).select_related("playground")
    if show == "open":
        defects = defects.filter(status__in=playgrounds.OPEN_STATUSES)
    rows = [(d, DefectStatusForm(initial={"status": d.status}, prefix=f"d{d.pk}")) for d in defects]
    return render(request, "volunteering/staff/defect_list.html", {"rows": rows, "show": show})


@staff_required(COORDINATE)
@require_POST
def defect_status(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = get_object_or_404(
        PlaygroundReport, municipality=request.municipality, pk=report_pk, kind=PlaygroundReport.Kind.DEFECT
    )
    form = DefectStatusForm(request.POST, prefix=f"d{report.pk}")
    if form.is_valid():
        playgrounds.report_set_status(report=report, status=form.cleaned_data["status"])
        messages.success(request, _("The status is saved."))
    return _back(request, "defect-list")


@staff_required(COORDINATE)
def defect_photo(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = get_object_or_404(PlaygroundReport, municipality=request.municipality, pk=report_pk)
    if not report.photo:
        raise Http404
    response = FileResponse(report.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
