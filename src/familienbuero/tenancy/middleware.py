"""Resolves the tenant (municipality) and the language once per request, from the URL only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django_scopes import scope

from familienbuero.tenancy.models import Municipality

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class TenantMiddleware:
    """For URLs under ``/<municipality>/<language>/``: 404 for unknown slugs, else run the view
    with ``request.municipality`` set, the language activated and the tenant scope entered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.municipality = None
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if "municipality_slug" not in view_kwargs:
            return None
        kwargs = dict(view_kwargs)
        slug = kwargs.pop("municipality_slug")
        language = kwargs.pop("language", None)
        if language is not None:
            if language not in LANGUAGE_CODES:
                translation.activate(settings.LANGUAGE_CODE)
                request.LANGUAGE_CODE = settings.LANGUAGE_CODE
                raise Http404("unknown language")
            translation.activate(language)
            request.LANGUAGE_CODE = language
        municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
        if municipality is None:
            if language is None:
                translation.activate(settings.LANGUAGE_CODE)
            raise Http404("unknown municipality")
        request.municipality = municipality
        with scope(municipality=municipality):
            response = view_func(request, *view_args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response
