from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability
from familienbuero.core.nav import NavItem


def nav_items(request: object) -> list[NavItem]:
    municipality = request.municipality  # type: ignore[attr-defined]
    user = request.user  # type: ignore[attr-defined]
    if not any(
        permissions.has_capability(user, capability, municipality.pk)
        for capability in (
            Capability.VIEW_AUDIT_LOG,
            Capability.DATA_SUBJECT_REQUESTS,
            Capability.MANAGE_RETENTION,
        )
    ):
        return []
    url = reverse(
        "privacy:index",
        kwargs={"municipality_slug": municipality.slug, "language": request.LANGUAGE_CODE},  # type: ignore[attr-defined]
    )
    return [NavItem(key="privacy", label=_("Data protection"), url=url)]
