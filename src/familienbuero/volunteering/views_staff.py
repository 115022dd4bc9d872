"""Back office "Ehrenamt": tutors and their review, tutoring requests, proposals of the matching,
confirmation or override, sessions held. Everything of another municipality is 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.volunteering import selectors, services
from familienbuero.volunteering.choices import Language, Place, SchoolType, Subject, labels, slot_label
from familienbuero.volunteering.forms import OverrideForm, TutoringRequestForm, TutorReviewForm
from familienbuero.volunteering.models import Match, Tutor, TutoringRequest
from familienbuero.volunteering.permissions import COORDINATE


def add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _kwargs(request: HttpRequest) -> dict[str, str]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE}


def _back(request: HttpRequest, name: str, **extra: object) -> HttpResponse:
    return redirect(f"volunteering:{name}", **_kwargs(request), **extra)


def describe(obj: Tutor | TutoringRequest) -> dict[str, str]:
    """Codes as readable, translated text (for the detail pages)."""
    return {
        "subjects": labels(Subject, obj.subjects),
        "languages": labels(Language, obj.languages),
        "places": labels(Place, obj.places),
        "slots": ", ".join(slot_label(code) for code in obj.slots),
        "school_types": labels(
            SchoolType, getattr(obj, "school_types", None) or [getattr(obj, "school_type", "")]
        )
        if getattr(obj, "school_types", None) or getattr(obj, "school_type", "")
        else _("every school type"),
    }


@staff_required(COORDINATE)
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteering/staff/overview.html",
        {"figures": selectors.overview(request.municipality, timezone.localdate())},
    )


# --- tutors ----------------------------------------------------------------------------------------


@staff_required(COORDINATE)
def tutor_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tutors = (
        Tutor.objects.filter(municipality=request.municipality)
        .annotate(active=Count("matches", filter=Q(matches__status__in=Match.ACTIVE)))
        .order_by("status", "name")
    )
    rows = [(tutor, tutor.clearance_overdue(today), tutor.is_eligible(today)) for tutor in tutors]
    return render(request, "volunteering/staff/tutor_list.html", {"rows": rows})


@staff_required(COORDINATE)
def tutor_detail(request: HttpRequest, tutor_uuid: str) -> HttpResponse:
    tutor = get_object_or_404(Tutor, municipality=request.municipality, uuid=tutor_uuid)
    form = TutorReviewForm(request.POST if request.method == "POST" else None, instance=tutor)
    if request.method == "POST" and form.is_valid():
        try:
            services.tutor_review(
                tutor=tutor,
                actor=request.user,
                status=form.cleaned_data["status"],
                clearance_seen_on=form.cleaned_data["clearance_seen_on"],
                training_done=form.cleaned_data["training_done"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The review is saved."))
            return _back(request, "tutor-detail", tutor_uuid=tutor.uuid)
    today = timezone.localdate()
    tutor.refresh_from_db()
    record_access(request, tutor, AccessLog.Action.VIEW)
    return render(
        request,
        "volunteering/staff/tutor_detail.html",
        {
            "tutor": tutor,
            "form": form,
            "text": describe(tutor),
            "overdue": tutor.clearance_overdue(today),
            "eligible": tutor.is_eligible(today),
            "matches": tutor.matches.select_related("request").exclude(status=Match.Status.ENDED),
        },
        status=422 if request.method == "POST" else 200,
    )


# --- requests --------------------------------------------------------------------------------------


@staff_required(COORDINATE)
def request_list(request: HttpRequest) -> HttpResponse:
    requests = TutoringRequest.objects.filter(municipality=request.municipality).order_by(
        "status", "-created_at"
    )
    return render(request, "volunteering/staff/request_list.html", {"requests": requests})


@staff_required(COORDINATE)
def request_create(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = TutoringRequestForm(request.POST if request.method == "POST" else None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(
                municipality=municipality, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The request is saved."))
            return _back(request, "request-detail", request_uuid=created.uuid)
    status = 422 if request.method == "POST" else 200
    return render(request, "volunteering/staff/request_create.html", {"form": form}, status=status)


def _request_or_404(request: HttpRequest, request_uuid: str) -> TutoringRequest:
    return get_object_or_404(TutoringRequest, municipality=request.municipality, uuid=request_uuid)


@staff_required(COORDINATE)
def request_detail(request: HttpRequest, request_uuid: str) -> HttpResponse:
    tutoring_request = _request_or_404(request, request_uuid)
    form = OverrideForm(tutors=selectors.eligible_tutors(request.municipality, timezone.localdate()))
    return _render_request(request, tutoring_request, form)


def _render_request(
    request: HttpRequest, tutoring_request: TutoringRequest, form: OverrideForm, status: int = 200
) -> HttpResponse:
    record_access(request, tutoring_request, AccessLog.Action.VIEW)
    return render(
        request,
        "volunteering/staff/request_detail.html",
        {
            "item": tutoring_request,
            "text": describe(tutoring_request),
            "matches": tutoring_request.matches.select_related("tutor"),
            "form": form,
        },
        status=status,
    )


@staff_required(COORDINATE)
@require_POST
def request_override(request: HttpRequest, request_uuid: str) -> HttpResponse:
    tutoring_request = _request_or_404(request, request_uuid)
    form = OverrideForm(
        request.POST, tutors=selectors.eligible_tutors(request.municipality, timezone.localdate())
    )
    if form.is_valid():
        try:
            services.match_override(
                request=tutoring_request, tutor=form.cleaned_data["tutor"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The tutor is assigned; tutor and parent are informed."))
            return _back(request, "request-detail", request_uuid=tutoring_request.uuid)
    return _render_request(request, tutoring_request, form, status=422)


@staff_required(COORDINATE)
@require_POST
def request_close(request: HttpRequest, request_uuid: str) -> HttpResponse:
    tutoring_request = _request_or_404(request, request_uuid)
    services.request_close(request=tutoring_request, actor=request.user)
    messages.success(request, _("The request is closed."))
    return _back(request, "request-detail", request_uuid=tutoring_request.uuid)


# --- matching --------------------------------------------------------------------------------------


@staff_required(COORDINATE)
def proposals(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    matches = (
        Match.objects.filter(municipality=municipality)
        .exclude(status=Match.Status.ENDED)
        .select_related("tutor", "request")
        .order_by("status", "-score")
    )
    return render(
        request,
        "volunteering/staff/proposals.html",
        {
            "proposed": [m for m in matches if m.status == Match.Status.PROPOSED],
            "confirmed": [m for m in matches if m.status == Match.Status.CONFIRMED],
            "open_requests": TutoringRequest.objects.filter(
                municipality=municipality, status=TutoringRequest.Status.OPEN
            )
            .exclude(matches__status__in=Match.ACTIVE)
            .count(),
        },
    )


@staff_required(COORDINATE)
@require_POST
def run_matching(request: HttpRequest) -> HttpResponse:
    created = services.propose_matches(municipality=request.municipality)
    messages.success(request, _("The matching proposes %(count)d new pairs.") % {"count": len(created)})
    return _back(request, "proposals")


def _match_or_404(request: HttpRequest, match_pk: int) -> Match:
    return get_object_or_404(Match, municipality=request.municipality, pk=match_pk)


@staff_required(COORDINATE)
@require_POST
def match_confirm(request: HttpRequest, match_pk: int) -> HttpResponse:
    match = _match_or_404(request, match_pk)
    try:
        services.match_confirm(match=match, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The match is confirmed; tutor and parent are informed."))
    return _back(request, "proposals")


@staff_required(COORDINATE)
@require_POST
def match_discard(request: HttpRequest, match_pk: int) -> HttpResponse:
    match = _match_or_404(request, match_pk)
    try:
        services.match_discard(match=match)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, "proposals")


@staff_required(COORDINATE)
@require_POST
def match_end(request: HttpRequest, match_pk: int) -> HttpResponse:
    match = _match_or_404(request, match_pk)
    try:
        services.match_end(match=match, actor=request.user, close_request=request.POST.get("reopen") != "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The match is ended."))
    return _back(request, "proposals")


@staff_required(COORDINATE)
@require_POST
def session_log(request: HttpRequest, match_pk: int) -> HttpResponse:
    match = _match_or_404(request, match_pk)
    try:
        count = services.session_log(match=match, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Session logged (%(count)d so far).") % {"count": count})
    return _back(request, "proposals")
