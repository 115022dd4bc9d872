"""Public printable notices: HTML with a print stylesheet, or ``?format=pdf`` for the same sheet as PDF.

Public like the pages they point to: no login, and only what is published.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from familienbuero.directory import notices
from familienbuero.directory.models import Service
from familienbuero.tenancy.models import Office


def _respond(request: HttpRequest, context: dict[str, Any], filename: str) -> HttpResponse:
    if request.GET.get("format") == "pdf":
        response = HttpResponse(notices.render_pdf(context, request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}-{request.LANGUAGE_CODE}.pdf"'
        return response
    return render(request, "directory/notices/page.html", context)


def service_notice(request: HttpRequest, slug: str) -> HttpResponse:
    service = (
        Service.objects.filter(
            slug=slug,
            is_published=True,
            status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED],
        )
        .select_related("organization")
        .first()
    )
    if service is None:
        raise Http404
    return _respond(request, notices.service_notice(request, service), f"aushang-{service.slug}")


def office_notice(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = Office.objects.filter(slug=office_slug, is_active=True).select_related("home_location").first()
    if office is None:
        raise Http404
    return _respond(request, notices.office_notice(request, office), f"aushang-{office.slug}")
