"""Back-office navigation entry of the events app."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability
from familienbuero.core.nav import NavItem


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality
    if not permissions.has_capability(request.user, Capability.MANAGE_EVENTS, municipality.pk):
        return []
    url = reverse(
        "events:list", kwargs={"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE}
    )
    return [NavItem(key="events", label=_("Events and courses"), url=url)]
