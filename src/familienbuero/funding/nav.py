"""Back-office entry "Funding plan" for those who keep it (coordinators)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability
from familienbuero.core.nav import NavItem


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality
    if not permissions.has_capability(request.user, Capability.MANAGE_FUNDING, municipality.pk):
        return []
    kwargs = {"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE}
    return [NavItem("funding", _("Funding plan"), reverse("funding:overview", kwargs=kwargs))]
