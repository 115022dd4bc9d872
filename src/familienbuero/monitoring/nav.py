"""Back-office navigation entry of the social-area monitoring."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.core.nav import NavItem
from familienbuero.monitoring.permissions import VIEW


def nav_items(request: HttpRequest) -> list[NavItem]:
    if not permissions.has_capability(request.user, VIEW, request.municipality.pk):
        return []
    url = reverse(
        "monitoring-staff:index",
        kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE},
    )
    return [NavItem(key="social-area", label=_("Social area"), url=url)]
