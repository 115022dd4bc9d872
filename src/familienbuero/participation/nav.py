"""Back-office entry "Children's participation", with the number of ideas waiting for moderation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability
from familienbuero.core.nav import NavItem
from familienbuero.participation.models import Idea


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality
    if not permissions.has_capability(request.user, Capability.MANAGE_PARTICIPATION, municipality.pk):
        return []
    kwargs = {"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE}
    waiting = Idea.objects.filter(municipality=municipality, status=Idea.Status.PENDING).count()
    return [
        NavItem(
            "participation",
            _("Children's participation"),
            reverse("participation-staff:list", kwargs=kwargs),
            badge=waiting or None,
        )
    ]
