from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from familienbuero.core.languages import NATIVE_NAMES


def language_links(request: HttpRequest) -> list[dict[str, Any]]:
    """The current page in every offered language (only for pages under /<municipality>/<language>/)."""
    match = getattr(request, "resolver_match", None)
    if match is None or "language" not in match.kwargs:
        return []
    links = []
    current = get_language()
    # The same search, filters and page in the other language (a family switching to Arabic on a
    # result list keeps its results).
    query = request.GET.urlencode()
    for code, _name in settings.LANGUAGES:
        try:
            url = reverse(match.view_name, kwargs={**match.kwargs, "language": code})
        except NoReverseMatch:
            continue
        if query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": NATIVE_NAMES[code], "url": url, "current": code == current})
    return links


def legal_context(request: HttpRequest) -> dict[str, Any]:
    """Which municipality's legal pages the footer links to, and in which language."""
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        from familienbuero.tenancy.models import Municipality

        active = Municipality.objects.filter(is_active=True)
        municipality = (
            settings.PLATFORM_MUNICIPALITY and active.filter(slug=settings.PLATFORM_MUNICIPALITY).first()
        ) or active.order_by("pk").first()
    codes = {code for code, _name in settings.LANGUAGES}
    language = get_language()
    return {
        "legal_municipality": municipality,
        "legal_language": language if language in codes else settings.LANGUAGE_CODE,
    }


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        **legal_context(request),
        "municipality": getattr(request, "municipality", None),
        "language_links": language_links(request),
        "native_language_names": NATIVE_NAMES,
    }
