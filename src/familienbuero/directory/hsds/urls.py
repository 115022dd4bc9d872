"""URLs of the HSDS API, mounted at ``/api/hsds/`` by the project's ``urls.py``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern

from familienbuero.directory.hsds.api import api


def _slug_from_tenant(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``TenantMiddleware`` consumes the ``municipality_slug`` URL argument; django-ninja still expects
    it (it is a documented path parameter), so hand it back — from the resolved tenant, never unscoped."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        municipality = getattr(request, "municipality", None)
        if municipality is None:
            raise Http404("unknown municipality")
        kwargs["municipality_slug"] = municipality.slug
        return view(request, *args, **kwargs)

    return wrapped


app_name = "hsds"
patterns, _app_name, _namespace = api.urls
for pattern in patterns:
    if isinstance(pattern, URLPattern) and "municipality_slug" in pattern.pattern.converters:
        pattern.callback = _slug_from_tenant(pattern.callback)
urlpatterns = patterns
