"""Internships: offers of local businesses, clubs and institutions; youths' interests (entered by the
youth on a public form or by staff); suggested offers; placements tracked from proposed to done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.core.ratelimits import public_form_limit
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.volunteering import internships
from familienbuero.volunteering.choices import InternshipField, labels
from familienbuero.volunteering.forms import (
    InternshipOfferForm,
    PlacementForm,
    PublicYouthInterestForm,
    YouthInterestForm,
)
from familienbuero.volunteering.models import InternshipOffer, Placement, YouthInterest
from familienbuero.volunteering.permissions import COORDINATE
from familienbuero.volunteering.views_staff import _back, add_errors

# --- public ----------------------------------------------------------------------------------------


@public_form_limit("volunteering-youth-interest")
def youth_interest_public(request: HttpRequest) -> HttpResponse:
    form = PublicYouthInterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            internships.interest_create(municipality=request.municipality, actor=None, **form.interest_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(
                "volunteering-public:internship-thanks",
                municipality_slug=request.municipality.slug,
                language=request.LANGUAGE_CODE,
            )
    status = 422 if request.method == "POST" else 200
    return render(request, "volunteering/public/internship_interest.html", {"form": form}, status=status)


def youth_interest_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteering/public/internship_thanks.html")


# --- offers ----------------------------------------------------------------------------------------


@staff_required(COORDINATE)
def offer_list(request: HttpRequest) -> HttpResponse:
    offers = InternshipOffer.objects.filter(municipality=request.municipality).order_by(
        "-is_active", "starts_on"
    )
    fields = dict(InternshipField.choices)
    rows = [(offer, fields.get(offer.field, offer.field)) for offer in offers]
    return render(request, "volunteering/staff/offer_list.html", {"rows": rows})


@staff_required(COORDINATE)
def offer_edit(request: HttpRequest, offer_uuid: str | None = None) -> HttpResponse:
    offer = (
        get_object_or_404(InternshipOffer, municipality=request.municipality, uuid=offer_uuid)
        if offer_uuid
        else InternshipOffer(municipality=request.municipality)
    )
    form = InternshipOfferForm(request.POST if request.method == "POST" else None, instance=offer)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The internship offer is saved."))
        return _back(request, "offer-list")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "volunteering/staff/offer_edit.html", {"form": form, "offer": offer}, status=status
    )


# --- interests and placements ---------------------------------------------------------------------


@staff_required(COORDINATE)
def interest_list(request: HttpRequest) -> HttpResponse:
    interests = YouthInterest.objects.filter(municipality=request.municipality).order_by(
        "closed_at", "-created_at"
    )
    return render(request, "volunteering/staff/interest_list.html", {"interests": interests})


@staff_required(COORDINATE)
def interest_create(request: HttpRequest) -> HttpResponse:
    form = YouthInterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            interest = internships.interest_create(
                municipality=request.municipality, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _back(request, "interest-detail", interest_uuid=interest.uuid)
    status = 422 if request.method == "POST" else 200
    return render(request, "volunteering/staff/interest_create.html", {"form": form}, status=status)


def _interest_or_404(request: HttpRequest, interest_uuid: str) -> YouthInterest:
    return get_object_or_404(YouthInterest, municipality=request.municipality, uuid=interest_uuid)


def _render_interest(
    request: HttpRequest, interest: YouthInterest, status: int = 200, bound: dict | None = None
) -> HttpResponse:
    bound = bound or {}
    placements = interest.placements.select_related("offer")
    record_access(request, interest, AccessLog.Action.VIEW)
    return render(
        request,
        "volunteering/staff/interest_detail.html",
        {
            "interest": interest,
            "fields_text": labels(InternshipField, interest.fields),
            "suggestions": internships.suggestions(interest) if interest.closed_at is None else [],
            "placements": [(p, bound.get(p.pk) or PlacementForm(placement=p)) for p in placements],
        },
        status=status,
    )


@staff_required(COORDINATE)
def interest_detail(request: HttpRequest, interest_uuid: str) -> HttpResponse:
    return _render_interest(request, _interest_or_404(request, interest_uuid))


@staff_required(COORDINATE)
@require_POST
def placement_propose(request: HttpRequest, interest_uuid: str, offer_uuid: str) -> HttpResponse:
    interest = _interest_or_404(request, interest_uuid)
    offer = get_object_or_404(InternshipOffer, municipality=request.municipality, uuid=offer_uuid)
    try:
        internships.placement_propose(interest=interest, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, "interest-detail", interest_uuid=interest.uuid)


@staff_required(COORDINATE)
@require_POST
def placement_update(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement, municipality=request.municipality, pk=placement_pk)
    form = PlacementForm(request.POST, placement=placement)
    if form.is_valid():
        try:
            internships.placement_update(
                placement=placement,
                status=form.cleaned_data["status"],
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The placement is updated."))
            return _back(request, "interest-detail", interest_uuid=placement.interest.uuid)
    return _render_interest(request, placement.interest, status=422, bound={placement.pk: form})


@staff_required(COORDINATE)
@require_POST
def interest_close(request: HttpRequest, interest_uuid: str) -> HttpResponse:
    interest = internships.interest_close(interest=_interest_or_404(request, interest_uuid))
    return _back(request, "interest-detail", interest_uuid=interest.uuid)
