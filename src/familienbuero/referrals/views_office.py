"""Back office of the navigators (office staff, coordinators): refer on one screen, follow up, record the
consent or its revocation, record the outcome. Referrals of other offices are 404."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.referrals import selectors, services
from familienbuero.referrals.forms import ConsentForm, OutcomeForm, ReferralForm
from familienbuero.referrals.models import CONSENT_TEXTS, CURRENT_CONSENT_VERSION, Referral

PAGE_SIZE = 50


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form (at the field if the form has it)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _to_detail(request: HttpRequest, referral: Referral) -> HttpResponse:
    return redirect(
        "referrals:detail",
        municipality_slug=request.municipality.slug,
        language=request.LANGUAGE_CODE,
        referral_uuid=referral.uuid,
    )


def _consent_context(request: HttpRequest) -> dict[str, object]:
    return {
        "consent_text": CONSENT_TEXTS[CURRENT_CONSENT_VERSION],
        "consent_version": CURRENT_CONSENT_VERSION,
        "retention_days": selectors.referral_settings(request.municipality).retention_days,
    }


@staff_required(Capability.REFER)
def referral_list(request: HttpRequest) -> HttpResponse:
    referrals = selectors.office_referrals(request.user, request.municipality)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("seite"))
    overdue = selectors.follow_up_referrals(request.user, request.municipality, timezone.localdate()).count()
    return render(request, "referrals/staff/list.html", {"page": page, "overdue": overdue})


@staff_required(Capability.REFER)
def referral_create(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    data = request.POST if request.method == "POST" else None
    form = ReferralForm(
        data,
        offices=selectors.referring_offices(request.user, municipality),
        services=selectors.referable_services(municipality),
        topics=selectors.topic_terms(),
    )
    consent_form = ConsentForm(data)
    if data is not None and all([form.is_valid(), consent_form.is_valid()]):
        inbox_url = request.build_absolute_uri(
            reverse(
                "referrals:inbox",
                kwargs={"municipality_slug": municipality.slug, "language": "de"},
            )
        )
        try:
            referral = services.referral_create(
                municipality=municipality,
                office=form.chosen_office,
                service=form.cleaned_data["service"],
                topics=form.cleaned_data["topics"],
                person_name=form.cleaned_data["person_name"],
                contact_phone=form.cleaned_data["contact_phone"],
                contact_email=form.cleaned_data["contact_email"],
                preferred_language=form.cleaned_data["preferred_language"],
                note_for_receiver=form.cleaned_data["note_for_receiver"],
                consent_given=consent_form.cleaned_data["given"],
                actor=request.user,
                inbox_url=inbox_url,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if consent_form.cleaned_data["given"]:
                messages.success(
                    request,
                    _("The referral was passed on to %(organization)s.")
                    % {"organization": referral.organization.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The referral was saved. Without consent nothing is passed on: "
                        "give the family the contact details of the service."
                    ),
                )
            return _to_detail(request, referral)
    context = {"form": form, "consent_form": consent_form, **_consent_context(request)}
    return render(request, "referrals/staff/create.html", context, status=422 if data is not None else 200)


def _render_detail(
    request: HttpRequest,
    referral: Referral,
    *,
    outcome_form: OutcomeForm | None = None,
    consent_form: ConsentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    allowed = services.next_statuses(referral.status, side="office")
    context = {
        "referral": referral,
        "topics": referral.topics.prefetch_related("translations"),
        "preferred_language": selectors.language_name(referral.preferred_language),
        "consents": referral.consents.select_related("recipient", "given_by_staff", "revoked_by_staff"),
        "events": referral.events.select_related("actor"),
        "outcome_form": outcome_form or (OutcomeForm(allowed=allowed) if allowed else None),
        "consent_form": consent_form or ConsentForm(required=True),
        "can_give_consent": not (referral.is_closed or referral.is_erased or referral.has_consent_in_force),
        **_consent_context(request),
    }
    return render(request, "referrals/staff/detail.html", context, status=status)


@staff_required(Capability.REFER)
def referral_detail(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
    referral = selectors.office_referral_or_404(request.user, request.municipality, referral_uuid)
    record_access(request, referral, AccessLog.Action.VIEW)
    return _render_detail(request, referral)


@staff_required(Capability.REFER)
@require_POST
def referral_outcome(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
    referral = selectors.office_referral_or_404(request.user, request.municipality, referral_uuid)
    form = OutcomeForm(request.POST, allowed=services.next_statuses(referral.status, side="office"))
    if form.is_valid():
        try:
            services.referral_record_outcome(
                referral=referral, status=form.cleaned_data["status"], actor=request.user, side="office"
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The outcome was recorded."))
            return _to_detail(request, referral)
    return _render_detail(request, referral, outcome_form=form, status=422)


@staff_required(Capability.REFER)
@require_POST
def consent_give(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
    referral = selectors.office_referral_or_404(request.user, request.municipality, referral_uuid)
    form = ConsentForm(request.POST, required=True)
    if form.is_valid():
        inbox_url = request.build_absolute_uri(
            reverse(
                "referrals:inbox", kwargs={"municipality_slug": request.municipality.slug, "language": "de"}
            )
        )
        try:
            services.consent_give(referral=referral, actor=request.user, inbox_url=inbox_url)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The referral was passed on to %(organization)s.")
                % {"organization": referral.organization.name},
            )
            return _to_detail(request, referral)
    return _render_detail(request, referral, consent_form=form, status=422)


@staff_required(Capability.REFER)
@require_POST
def consent_revoke(request: HttpRequest, referral_uuid: uuid.UUID, consent_pk: int) -> HttpResponse:
    referral = selectors.office_referral_or_404(request.user, request.municipality, referral_uuid)
    consent = referral.consents.filter(pk=consent_pk).first()
    if consent is None:
        raise Http404
    services.consent_revoke(consent=consent, actor=request.user)
    messages.success(request, _("The consent is revoked. The organisation no longer sees the referral."))
    return _to_detail(request, referral)


@staff_required(Capability.REFER)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    referrals = selectors.follow_up_referrals(request.user, request.municipality, today)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "referrals/staff/follow_up.html", {"page": page, "today": today})
