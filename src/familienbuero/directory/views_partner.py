"""Partner self-service: an editor maintains its own organisation's services through proposals.

Every lookup starts from the organisations the user edits, so another organisation's service or
proposal is simply not found (404), exactly like another municipality's.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.directory import review
from familienbuero.directory.forms_partner import ServiceProposalForm
from familienbuero.directory.models import Organization, Service, ServiceChange

TEMPLATE_DIR = "directory/partner"


def _own_organization(request: HttpRequest, org_slug: str) -> Organization:
    allowed = permissions.organization_ids_for(
        request.user, request.municipality.pk, Capability.PROPOSE_SERVICES
    )
    organization = Organization.objects.filter(pk__in=allowed, slug=org_slug).first()
    if organization is None:
        raise Http404
    return organization


def _own_service(organization: Organization, service_slug: str) -> Service:
    service = Service.objects.filter(organization=organization, slug=service_slug).first()
    if service is None:
        raise Http404
    return service


def _to_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    return redirect(
        "directory:partner-services",
        municipality_slug=request.municipality.slug,
        language=request.LANGUAGE_CODE,
        org_slug=organization.slug,
    )


@staff_required(Capability.PROPOSE_SERVICES)
def service_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    """The organisation's services with their open proposals, stale entries flagged."""
    organization = _own_organization(request, org_slug)
    now = timezone.now()
    open_changes = ServiceChange.objects.filter(state__in=review.OPEN_STATES).order_by("-created_at")
    services = list(
        Service.objects.filter(organization=organization)
        .prefetch_related("translations", Prefetch("changes", queryset=open_changes, to_attr="open_changes"))
        .order_by("slug")
    )
    for service in services:
        service.open_change = service.open_changes[0] if service.open_changes else None
        service.stale = review.is_stale(service, now)
    new_proposals = open_changes.filter(organization=organization, service__isnull=True)
    return render(
        request,
        f"{TEMPLATE_DIR}/service_list.html",
        {
            "organization": organization,
            "services": services,
            "new_proposals": new_proposals,
            "stale_count": sum(service.stale for service in services),
        },
    )


def _edit(
    request: HttpRequest,
    organization: Organization,
    *,
    service: Service | None = None,
    change: ServiceChange | None = None,
) -> HttpResponse:
    """One form for new proposals, revisions of them and changes to published services."""
    if service is not None:
        change = review.open_change_for(service)
    if change is not None:
        initial_proposal = change.proposed
    else:
        initial_proposal = review.service_snapshot(service) if service else review.empty_proposal()
    if request.method == "POST":
        form = ServiceProposalForm(request.POST)
        if form.is_valid():
            saved = review.propose_change(
                organization=organization,
                proposed=review.proposal_from_cleaned_data(form.cleaned_data),
                actor=request.user,
                service=service,
                change=None if service else change,
            )
            if saved is None:
                messages.info(request, _("Nothing was changed, so nothing was sent for review."))
            else:
                messages.success(
                    request, _("Your change was sent to the family office. It is shown once it is published.")
                )
            return _to_list(request, organization)
    else:
        form = ServiceProposalForm(initial=review.form_data(initial_proposal))
    return render(
        request,
        f"{TEMPLATE_DIR}/service_form.html",
        {"organization": organization, "service": service, "change": change, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@staff_required(Capability.PROPOSE_SERVICES)
def service_new(request: HttpRequest, org_slug: str) -> HttpResponse:
    return _edit(request, _own_organization(request, org_slug))


@staff_required(Capability.PROPOSE_SERVICES)
def service_edit(request: HttpRequest, org_slug: str, service_slug: str) -> HttpResponse:
    organization = _own_organization(request, org_slug)
    return _edit(request, organization, service=_own_service(organization, service_slug))


@staff_required(Capability.PROPOSE_SERVICES)
def proposal_edit(request: HttpRequest, org_slug: str, change_id: int) -> HttpResponse:
    """Revise a proposed *new* service (changes to existing services are edited via the service)."""
    organization = _own_organization(request, org_slug)
    change = ServiceChange.objects.filter(
        pk=change_id, organization=organization, service__isnull=True, state__in=review.OPEN_STATES
    ).first()
    if change is None:
        raise Http404
    return _edit(request, organization, change=change)


@staff_required(Capability.PROPOSE_SERVICES)
@require_POST
def service_confirm(request: HttpRequest, org_slug: str, service_slug: str) -> HttpResponse:
    """The entry is still correct: renews the confirmation without a review (nothing public changes)."""
    organization = _own_organization(request, org_slug)
    service = _own_service(organization, service_slug)
    review.confirm_unchanged(service=service)
    messages.success(request, _("Thank you: the entry is confirmed as correct."))
    return _to_list(request, organization)
