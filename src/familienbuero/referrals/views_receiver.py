"""Back office of the receiving organisation (provider staff): the referrals addressed to it that it may
see, and the outcome. Templates get ``selectors.ReceivedReferral`` only – never the referral row."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.referrals import selectors, services
from familienbuero.referrals.forms import OutcomeForm
from familienbuero.referrals.models import Referral
from familienbuero.referrals.views_office import PAGE_SIZE, add_errors


@staff_required(Capability.RECEIVE_REFERRALS)
def inbox(request: HttpRequest) -> HttpResponse:
    referrals = selectors.received_referrals(request.user, request.municipality).order_by("created_at")
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("seite"))
    received = [selectors.as_received(referral) for referral in page.object_list]
    return render(request, "referrals/staff/inbox.html", {"page": page, "received": received})


def _render_detail(
    request: HttpRequest, referral: Referral, *, form: OutcomeForm | None = None, status: int = 200
) -> HttpResponse:
    allowed = services.next_statuses(referral.status, side="receiver")
    context = {
        "item": selectors.as_received(referral),
        "outcome_form": form or OutcomeForm(allowed=allowed),
    }
    return render(request, "referrals/staff/inbox_detail.html", context, status=status)


@staff_required(Capability.RECEIVE_REFERRALS)
def inbox_detail(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
    referral = selectors.received_referral_or_404(request.user, request.municipality, referral_uuid)
    record_access(request, referral, AccessLog.Action.VIEW)
    return _render_detail(request, referral)


@staff_required(Capability.RECEIVE_REFERRALS)
@require_POST
def inbox_outcome(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
    referral = selectors.received_referral_or_404(request.user, request.municipality, referral_uuid)
    form = OutcomeForm(request.POST, allowed=services.next_statuses(referral.status, side="receiver"))
    if form.is_valid():
        try:
            services.referral_record_outcome(
                referral=referral, status=form.cleaned_data["status"], actor=request.user, side="receiver"
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect(
                "referrals:inbox", municipality_slug=request.municipality.slug, language=request.LANGUAGE_CODE
            )
    return _render_detail(request, referral, form=form, status=422)
