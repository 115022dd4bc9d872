"""Public service directory: search (works without JavaScript; htmx refreshes the results live) and
the page of one service. Only published, not discontinued services are shown."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf.locale import LANG_INFO
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from familienbuero.core.templatetags.familienbuero import translated
from familienbuero.directory import cards
from familienbuero.directory.forms_search import ServiceSearchForm
from familienbuero.directory.models import Organization, Service, TaxonomyTerm
from familienbuero.directory.search import SearchResult, is_open, search_services
from familienbuero.public.structured_data import SCHEMA_DAYS, jsonld_script
from familienbuero.tenancy.models import Location

PAGE_SIZE = 20
SLUG_MARK = "service-slug-mark"
TERM_FACETS = {"thema": "topic", "zielgruppe": "target_group", "lebensphase": "life_phase"}


def _option(param: str, value: str, label: str, count: int, selected: bool, lang: str = "") -> dict[str, Any]:
    """One checkbox of a facet, as a dict with its element id (the template engine finds a key faster
    than an attribute, and the facets of a page hold dozens of options)."""
    return {
        "param": param,
        "value": value,
        "id": f"f-{param}-{value}",
        "label": label,
        "count": count,
        "selected": selected,
        "lang": lang,
    }


def _facet(label: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    """A fieldset of checkboxes (each option names its own parameter)."""
    return {"label": label, "options": options}


def language_name(code: str) -> str:
    """A language's name in the page language (Django knows about a hundred), else its code."""
    info = LANG_INFO.get(code)
    if info is None:
        return code
    return str(_(info["name"]))


def _facets(form: ServiceSearchForm, result: SearchResult) -> list[dict[str, Any]]:
    data = form.cleaned_data
    language = get_language() or "de"
    facets = []
    for param, facet in TERM_FACETS.items():
        chosen = set(data.get(param) or [])
        options = []
        for term in form.terms[param]:
            count = result.count(facet, term.pk)
            if count or term.code in chosen:
                name, name_language = term.name(language)
                lang = name_language if name_language != language else ""
                options.append(_option(param, term.code, name, count, term.code in chosen, lang))
        facets.append(_facet(str(form.fields[param].label), options))
    chosen = set(data.get("stadtteil") or [])
    facets.append(
        _facet(
            str(form.fields["stadtteil"].label),
            [
                _option("stadtteil", d.slug, d.name, result.count("district", d.pk), d.slug in chosen)
                for d in form.districts
                if result.count("district", d.pk) or d.slug in chosen
            ],
        )
    )
    chosen = set(data.get("sprache") or [])
    codes = sorted(
        set(result.facets.get("language", {})) | chosen, key=lambda c: (c != "de", language_name(c))
    )
    facets.append(
        _facet(
            str(form.fields["sprache"].label),
            [
                _option("sprache", code, language_name(code), result.count("language", code), code in chosen)
                for code in codes
            ],
        )
    )
    facets.append(
        _facet(
            _("Other properties"),
            [
                _option(name, "1", str(form.fields[name].label), result.count(facet), bool(data.get(name)))
                for name, facet in (
                    ("kostenlos", "free"),
                    ("barrierefrei", "barrier_free"),
                    ("offen", "open_now"),
                )
            ],
        )
    )
    return [facet for facet in facets if facet["options"]]


def _page_url(request: HttpRequest, page: int) -> str:
    params = [(k, v) for k, values in request.GET.lists() for v in values if k != "seite"]
    if page > 1:
        params.append(("seite", str(page)))
    return f"{request.path}?{urlencode(params)}" if params else request.path


def _valid_part(form: ServiceSearchForm) -> ServiceSearchForm:
    """The same search without the fields that failed validation, so that a typo in one filter still
    shows results for the others (next to the error message)."""
    data = form.data.copy()
    for name in form.errors:
        data.pop(name, None)
    valid = ServiceSearchForm(data, municipality=form.municipality)
    valid.is_valid()
    return valid


def service_search(request: HttpRequest) -> HttpResponse:
    """The search page; with ``HX-Request`` only the results (and, out of band, facets and count).
    Invalid filters answer 422 with a message, and the results of the valid rest."""
    form = ServiceSearchForm(request.GET, municipality=request.municipality)
    status = 200 if form.is_valid() else 422
    valid = form if status == 200 else _valid_part(form)
    result = search_services(
        municipality=request.municipality,
        query=valid.cleaned_data.get("q") or "",
        filters=valid.filters(),
        language=request.LANGUAGE_CODE,
        near_district=valid.near_district(),
        page=valid.cleaned_data.get("seite") or 1,
        page_size=PAGE_SIZE,
    )
    # One reverse() for the page instead of one per card (each takes most of a millisecond).
    detail_url = reverse(
        "directory-public:detail",
        kwargs={
            "municipality_slug": request.municipality.slug,
            "language": request.LANGUAGE_CODE,
            "service_slug": SLUG_MARK,
        },
    )
    context: dict[str, Any] = {
        "form": form,
        "result": result,
        "cards": [
            cards.card(
                hit,
                detail_url.replace(SLUG_MARK, hit.service.slug),
                [language_name(code) for code in hit.languages],
            )
            for hit in result.hits
        ],
        "facets": _facets(valid, result),
        "near": valid.near_district(),
        "near_choices": form.fields["naehe"].choices[1:],
        "first_index": (result.page - 1) * PAGE_SIZE + 1,
        "previous_url": _page_url(request, result.page - 1) if result.page > 1 else "",
        "next_url": _page_url(request, result.page + 1) if result.page < result.num_pages else "",
        "first_url": _page_url(request, 1),
        "filters_open": status == 422 or valid.active_filter_count() > 0,
    }
    template = "directory/public/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template = "directory/public/search_live.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _public_service(slug: str) -> Service:
    service = (
        Service.objects.filter(slug=slug, is_published=True)
        .exclude(status=Service.Status.DEFUNCT)
        .select_related("organization")
        .prefetch_related(
            "translations",
            "terms__translations",
            "languages",
            "cost_options",
            "contacts",
            "districts",
            "schedules__service_at_location__location",
            "service_locations__location__translations",
        )
        .first()
    )
    if service is None:
        raise Http404("no such service")
    return service


def service_detail(request: HttpRequest, service_slug: str) -> HttpResponse:
    service = _public_service(service_slug)
    now = timezone.localtime()
    locations: list[Location] = [sal.location for sal in service.service_locations.all()]
    terms = list(service.terms.all())
    url = request.build_absolute_uri(
        reverse(
            "directory-public:detail",
            kwargs={
                "municipality_slug": request.municipality.slug,
                "language": request.LANGUAGE_CODE,
                "service_slug": service.slug,
            },
        )
    )
    context = {
        "service": service,
        "organization": service.organization,
        "locations": locations,
        "schedules": sorted(service.schedules.all(), key=lambda s: (s.weekday, s.opens)),
        "open_now": is_open(service, now),
        "ages": cards.age_range(service.minimum_age, service.maximum_age),
        "term_groups": [
            (_("Topics"), [t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.TOPIC]),
            (_("For whom"), [t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.TARGET_GROUP]),
            (_("Life phase"), [t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.LIFE_PHASE]),
        ],
        "languages": [language_name(lang.code) for lang in service.languages.all()],
        "cost_options": list(service.cost_options.all()),
        "contacts": list(service.contacts.all()),
        "districts": list(service.districts.all()),
        "is_stale": service.confirmed_at < now - timedelta(days=365),
        "search_url": reverse(
            "directory-public:search",
            kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE},
        ),
        "jsonld": jsonld_script(service_jsonld(service=service, url=url, locations=locations)),
    }
    return render(request, "directory/public/detail.html", context)


def service_jsonld(*, service: Service, url: str, locations: list[Location]) -> dict[str, Any]:
    """schema.org ``GovernmentService`` (offers of public bodies) or ``Service``, in German."""
    with override("de"):
        name = translated(service, "name").text
        description = translated(service, "description").text
    organization = service.organization
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if organization.kind == Organization.Kind.PUBLIC else "Service",
        "name": name,
        "description": description,
        "url": url,
        "provider": {
            "@type": "GovernmentOrganization"
            if organization.kind == Organization.Kind.PUBLIC
            else "Organization",
            "name": organization.name,
            **({"url": organization.website} if organization.website else {}),
        },
        "areaServed": {"@type": "City", "name": service.municipality.name},
        "availableLanguage": sorted(lang.code for lang in service.languages.all()),
    }
    if service.minimum_age is not None or service.maximum_age is not None:
        data["audience"] = {
            "@type": "PeopleAudience",
            **({"suggestedMinAge": service.minimum_age} if service.minimum_age is not None else {}),
            **({"suggestedMaxAge": service.maximum_age} if service.maximum_age is not None else {}),
        }
    if service.free_of_charge:
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    channel: dict[str, Any] = {"@type": "ServiceChannel"}
    if locations:
        channel["serviceLocation"] = [
            {
                "@type": "Place",
                "name": location.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": location.street,
                    "postalCode": location.postcode,
                    "addressLocality": location.city,
                    "addressCountry": "DE",
                },
                **(
                    {
                        "geo": {
                            "@type": "GeoCoordinates",
                            "latitude": float(location.latitude),
                            "longitude": float(location.longitude),
                        }
                    }
                    if location.has_coordinates
                    else {}
                ),
            }
            for location in locations
        ]
    if service.phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": service.phone}
    if len(channel) > 1:
        data["availableChannel"] = channel
    schedules = list(service.schedules.all())
    if schedules:
        data["hoursAvailable"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[s.weekday]}",
                "opens": s.opens.strftime("%H:%M"),
                "closes": s.closes.strftime("%H:%M"),
            }
            for s in schedules
        ]
    if service.email:
        data["email"] = service.email
    return data
