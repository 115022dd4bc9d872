"""Partner editors maintain their own organisation's public information."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.directory.forms import OrganizationPublicInfoForm
from familienbuero.directory.models import Organization


@staff_required(Capability.BACKOFFICE)
def organization_edit(request: HttpRequest, org_slug: str) -> HttpResponse:
    municipality = request.municipality
    allowed = permissions.organization_ids_for(
        request.user, municipality.pk, Capability.EDIT_OWN_ORGANISATION
    )
    if not (
        request.user.is_superuser
        or permissions.has_capability(request.user, Capability.MANAGE_ORGANISATIONS, municipality.pk)
    ):
        organizations = Organization.objects.filter(pk__in=allowed)
    else:
        organizations = Organization.objects.all()
    organization = organizations.filter(slug=org_slug).first()
    if organization is None:
        raise Http404
    organization.set_current_language("de")
    form = OrganizationPublicInfoForm(
        request.POST if request.method == "POST" else None, instance=organization
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The public information was saved."))
        return redirect(
            "tenancy:staff-dashboard", municipality_slug=municipality.slug, language=request.LANGUAGE_CODE
        )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "directory/staff/organization_edit.html",
        {"form": form, "organization": organization},
        status=status,
    )
