"""Public open-data pages of a municipality: overview, CSV, CSVW metadata and the DCAT-AP.de catalogue.

Thin views over ``opendata.py``. The tenant middleware has set ``request.municipality`` and entered its
scope. No login, no cookies, no personal data: only disclosure-controlled aggregates. Every address in
the files is absolute and uses the German URL, so a catalogue fetched under /en/ names the same
resources as one fetched under /de/.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from familienbuero.monitoring import opendata
from familienbuero.monitoring.disclosure import HIDDEN_MARKER, small_marker
from familienbuero.tenancy.models import Municipality

CANONICAL_LANGUAGE = "de"


def _url(request: HttpRequest, name: str, **kwargs: str) -> str:
    municipality = request.municipality
    path = reverse(
        f"monitoring:{name}",
        kwargs={"municipality_slug": municipality.slug, "language": CANONICAL_LANGUAGE, **kwargs},
    )
    return request.build_absolute_uri(path)


def _links(request: HttpRequest) -> opendata.Links:
    return opendata.Links(
        page=_url(request, "index"),
        catalog=_url(request, "catalog"),
        csv=lambda slug: _url(request, "csv", dataset_slug=slug),
        metadata=lambda slug: _url(request, "csv-metadata", dataset_slug=slug),
    )


def _release(municipality: Municipality, dataset_slug: str) -> opendata.Release:
    dataset = opendata.get_dataset(dataset_slug)
    if dataset is None:
        raise Http404("unknown dataset")
    return opendata.release(dataset, municipality)


def _marked(item: opendata.Release) -> list[tuple[str, list[tuple[str, str]]]]:
    """Table rows for the page: label and (figure, "small" | "hidden" | "") pairs."""
    small = small_marker(item.dataset.threshold)

    def kind(value: str) -> str:
        return "small" if value == small else "hidden" if value == HIDDEN_MARKER else ""

    return [(label, [(value, kind(value)) for value in values]) for label, *values in item.body()]


def _open(response: HttpResponse) -> HttpResponse:
    """Open data may be read by any web application (no credentials are involved)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: dict[str, Any], content_type: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _open(HttpResponse(body, content_type=f"{content_type}; charset=utf-8"))


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    links = _links(request)
    releases = [opendata.release(dataset, municipality) for dataset in opendata.registered()]
    items = [
        {
            "release": item,
            "csv_url": links.csv(item.dataset.slug),
            "metadata_url": links.metadata(item.dataset.slug),
            "header": item.header(),
            "body": _marked(item),
        }
        for item in releases
    ]
    threshold = opendata.DEFAULT_THRESHOLD  # every registered statistic uses it (see open points)
    context = {
        "items": items,
        "catalog_url": links.catalog,
        "licence_name": opendata.LICENSE_NAME,
        "licence_url": opendata.LICENSE_TEXT_URL,
        "publisher": opendata.publisher_name(municipality),
        "threshold": threshold,
        "max_small": threshold - 1,
        "small_marker": small_marker(threshold),
        "hidden_marker": HIDDEN_MARKER,
    }
    return render(request, "monitoring/opendata.html", context)


@require_safe
def dataset_csv(request: HttpRequest, dataset_slug: str) -> HttpResponse:
    item = _release(request.municipality, dataset_slug)
    response = HttpResponse(opendata.csv_text(item), content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'inline; filename="{dataset_slug}.csv"'
    response["Link"] = (
        f'<{_url(request, "csv-metadata", dataset_slug=dataset_slug)}>; rel="describedby"; '
        'type="application/csvm+json"'
    )
    return _open(response)


@require_safe
def dataset_metadata(request: HttpRequest, dataset_slug: str) -> HttpResponse:
    item = _release(request.municipality, dataset_slug)
    metadata = opendata.csvw_metadata(item, _url(request, "csv", dataset_slug=dataset_slug))
    return _json(metadata, "application/csvm+json")


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    releases = [opendata.release(dataset, municipality) for dataset in opendata.registered()]
    return _json(opendata.dcat_catalog(municipality, releases, _links(request)), "application/ld+json")
