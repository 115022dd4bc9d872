"""Back-office entry "Volunteering" (tutoring, internships, playground sponsorships) for the navigators."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.core.nav import NavItem
from familienbuero.volunteering.permissions import can_coordinate


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality
    if not can_coordinate(request.user, municipality.pk):
        return []
    kwargs = {"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE}
    return [NavItem("volunteering", _("Volunteering"), reverse("volunteering:overview", kwargs=kwargs))]
