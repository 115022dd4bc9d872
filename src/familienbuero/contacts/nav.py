"""Back-office entries: "Record contact" for those who record, "Contact statistics" for those who see them."""

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
    if permissions.has_capability(request.user, Capability.RECORD_CONTACTS, municipality.pk):
        items.append(NavItem("contacts", _("Record contact"), reverse("contacts:record", kwargs=kwargs)))
    if permissions.has_capability(request.user, Capability.VIEW_CONTACT_STATISTICS, municipality.pk):
        items.append(
            NavItem(
                "contact-statistics", _("Contact statistics"), reverse("contacts:dashboard", kwargs=kwargs)
            )
        )
    return items
