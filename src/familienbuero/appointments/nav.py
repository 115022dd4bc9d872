"""Back-office entries: appointments for whoever manages consultations, the walk-in queue for the desk."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability
from familienbuero.core.nav import NavItem


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality
    kwargs = {"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE}
    items = []
    if permissions.has_capability(request.user, Capability.MANAGE_CONSULTATIONS, municipality.pk):
        items.append(
            NavItem("appointments", _("Appointments"), reverse("appointments-staff:day", kwargs=kwargs))
        )
    if permissions.has_capability(request.user, Capability.RECEPTION, municipality.pk):
        items.append(NavItem("queue", _("Walk-in queue"), reverse("appointments-staff:queue", kwargs=kwargs)))
    return items
