"""Back office start page: the offices the staff member works for, with this week's schedule."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.directory.models import Organization
from familienbuero.public.models import AccessibilityFeedback
from familienbuero.tenancy.models import Office
from familienbuero.tenancy.selectors import office_schedule


@staff_required(Capability.BACKOFFICE)
def dashboard(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    office_ids = permissions.office_ids_for(request.user, municipality.pk)
    offices = Office.objects.filter(is_active=True).select_related("home_location")
    if office_ids is not None:
        offices = offices.filter(pk__in=office_ids)
    today = timezone.localdate()
    office_weeks = [(office, office_schedule(office=office, start=today, days=7)) for office in offices]
    editable_orgs = Organization.objects.filter(
        pk__in=permissions.organization_ids_for(
            request.user, municipality.pk, Capability.EDIT_OWN_ORGANISATION
        )
    )
    staff_orgs = Organization.objects.filter(
        pk__in=permissions.organization_ids_for(request.user, municipality.pk, Capability.BACKOFFICE)
    )
    context = {
        "office_weeks": office_weeks,
        "editable_orgs": editable_orgs,
        "staff_orgs": staff_orgs,
        "memberships": [
            m for m in permissions.memberships_of(request.user) if m.municipality_id == municipality.pk
        ],
        "open_feedback": (
            AccessibilityFeedback.objects.filter(status=AccessibilityFeedback.Status.OPEN).count()
            if permissions.has_capability(request.user, Capability.MANAGE_LEGAL, municipality.pk)
            else 0
        ),
    }
    return render(request, "tenancy/staff/dashboard.html", context)
