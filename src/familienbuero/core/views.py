"""Friendly error pages in the visitor's language (German when the URL named no valid language)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the error may come from a context processor or the database.
    return HttpResponseServerError(loader.render_to_string("500.html"))
