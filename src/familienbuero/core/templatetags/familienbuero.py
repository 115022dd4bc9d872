"""Template helpers: translated content with its real language, map links that load nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import template
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
    language = get_language() or "de"
    for candidate in (language, "de"):
        if obj.has_translation(candidate):
            value = obj.safe_translation_getter(field, language_code=candidate) or ""
            if value or candidate == "de":
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
def minutes(value: object) -> int:
    """A timedelta in whole minutes (at least 1)."""
    seconds = getattr(value, "total_seconds", lambda: 0)()
    return max(1, round(seconds / 60))
