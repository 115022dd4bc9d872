"""Back office: accessibility feedback tickets with their one-month deadline."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.public import services
from familienbuero.public.models import AccessibilityFeedback


@staff_required(Capability.MANAGE_LEGAL)
def feedback_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tickets = AccessibilityFeedback.objects.all()
    return render(
        request,
        "public/staff/feedback_list.html",
        {"tickets": tickets, "today": today, "soon": today + timedelta(days=services.REMIND_DAYS_BEFORE_DUE)},
    )


@staff_required(Capability.MANAGE_LEGAL)
@require_POST
def feedback_answered(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = AccessibilityFeedback.objects.filter(pk=pk).first()
    if feedback is None:
        raise Http404
    services.feedback_mark_answered(feedback=feedback)
    messages.success(request, _("The feedback is marked as answered."))
    return redirect(
        "public-staff:feedback-list",
        municipality_slug=request.municipality.slug,
        language=request.LANGUAGE_CODE,
    )
