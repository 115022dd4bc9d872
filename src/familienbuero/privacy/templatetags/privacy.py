from __future__ import annotations

from django import template

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability

register = template.Library()


@register.inclusion_tag("privacy/includes/subnav.html", takes_context=True)
def privacy_subnav(context: template.Context, current: str = "") -> dict[str, object]:
    """The data-protection sub-navigation: only the pages the user's roles allow."""
    request = context["request"]
    municipality_id = request.municipality.pk

    def can(capability: str) -> bool:
        return permissions.has_capability(request.user, capability, municipality_id)

    return {
        "municipality": request.municipality,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "current": current,
        "can_view_log": can(Capability.VIEW_AUDIT_LOG),
        "can_handle_requests": can(Capability.DATA_SUBJECT_REQUESTS),
        "can_manage_retention": can(Capability.MANAGE_RETENTION),
    }
