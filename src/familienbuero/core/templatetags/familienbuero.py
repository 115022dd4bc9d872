"""Template helpers: translated content with its real language, map links that load nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from parler.models import TranslatableModel

register = template.Library()


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


@register.simple_tag
def translated(obj: TranslatableModel, field: str) -> TranslatedText:
    """The field in the page language, else in German; ``is_fallback`` lets templates set ``lang``."""
    return in_page_language(
        lambda code: (
            (obj.safe_translation_getter(field, language_code=code) or "")
            if obj.has_translation(code)
            else None
        )
    )


def in_page_language(value_in: Callable[[str], str | None]) -> TranslatedText:
    """The text in the page language if there is a translation with it, else the German one (also when
    empty). ``value_in(code)``: the text in that language, ``None`` without a translation."""
    language = get_language() or "de"
    for candidate in (language, "de"):
        value = value_in(candidate)
        if value is not None and (value or candidate == "de"):
            return TranslatedText(value, candidate, candidate != language)
    return TranslatedText("", language, False)


@register.simple_tag
def osm_url(latitude: Decimal, longitude: Decimal) -> str:
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"


@register.simple_tag
def osm_route_url(latitude: Decimal, longitude: Decimal) -> str:
    return f"https://www.openstreetmap.org/directions?to={latitude}%2C{longitude}"


@register.simple_tag
def geo_uri(latitude: Decimal, longitude: Decimal) -> str:
    return f"geo:{latitude},{longitude}"


@register.filter
def in_german(value: object) -> str:
    """Text staff entered only in German, marked ``lang="de"`` for screen readers (WCAG 3.1.2) – for a
    variable inside ``{% blocktranslate %}``, where no element can be written around it."""
    return format_html('<span lang="de">{}</span>', value) if value else ""


@register.filter
def bdi(value: object) -> str:
    """A name or address isolated from the text around it (``<bdi>``): in an Arabic sentence a German
    name keeps its own direction – for a variable inside ``{% blocktranslate %}``."""
    return format_html("<bdi>{}</bdi>", value) if value else ""


@register.filter
def minutes(value: object) -> int:
    """A timedelta in whole minutes (at least 1)."""
    seconds = getattr(value, "total_seconds", lambda: 0)()
    return max(1, round(seconds / 60))


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def app_nav_items(request: object, current: str) -> list[dict[str, object]]:
    """Entries contributed by apps: ``<app>/nav.py`` with ``nav_items(request) -> list[NavItem]``."""
    from familienbuero.core.nav import collect

    return [
        {"label": item.label, "url": item.url, "current": item.key == current, "badge": item.badge}
        for item in collect(request)
    ]


def _service_nav(user: object, municipality_id: int) -> dict[str, object]:
    """Nav entries of the service directory: the review queue (with the number waiting) for
    reviewers, "Our services" for each organisation the user edits."""
    from familienbuero.accounts import permissions
    from familienbuero.accounts.roles import Capability
    from familienbuero.directory.models import Organization, ServiceChange

    can_review = permissions.has_capability(user, Capability.REVIEW_SERVICES, municipality_id)
    org_ids = permissions.organization_ids_for(user, municipality_id, Capability.PROPOSE_SERVICES)
    return {
        "can_review_services": can_review,
        "pending_service_changes": (
            ServiceChange.objects.filter(state=ServiceChange.State.PENDING).count() if can_review else 0
        ),
        "partner_organizations": (
            list(Organization.objects.filter(pk__in=org_ids).values("slug", "name")) if org_ids else []
        ),
    }


@register.inclusion_tag("includes/public_nav.html", takes_context=True)
def public_nav(context: template.Context) -> dict[str, object]:
    """The public quick links (find offers, advice, events, participation, volunteering, sign language)."""
    from familienbuero.core.public_nav import public_links

    request = context["request"]
    language = context.get("LANGUAGE_CODE") or get_language() or "de"
    return {"links": public_links(request.municipality.slug, language, request.path)}


@register.inclusion_tag("includes/staff_nav.html", takes_context=True)
def staff_nav(context: template.Context, current: str = "") -> dict[str, object]:
    """The back-office navigation, showing only what the user's roles allow."""
    from familienbuero.accounts import permissions
    from familienbuero.accounts.roles import Capability

    request = context["request"]
    municipality_id = request.municipality.pk
    return {
        "request": request,
        "municipality": request.municipality,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "current": current,
        "can_refer": permissions.has_capability(request.user, Capability.REFER, municipality_id),
        "can_receive_referrals": permissions.has_capability(
            request.user, Capability.RECEIVE_REFERRALS, municipality_id
        ),
        "can_admin": permissions.has_capability(request.user, Capability.ADMIN, municipality_id),
        "can_manage_legal": permissions.has_capability(
            request.user, Capability.MANAGE_LEGAL, municipality_id
        ),
        **_service_nav(request.user, municipality_id),
        "app_items": app_nav_items(request, current),
        "csrf_token": context.get("csrf_token"),
    }
