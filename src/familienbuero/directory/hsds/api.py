"""The read-only HSDS 3.0 API (HSDA-style) per municipality: ``/api/hsds/<municipality>/services/`` ….

The tenant comes from the URL only: ``TenantMiddleware`` resolves ``municipality_slug`` (404 for unknown
municipalities), enters the scope and sets ``request.municipality``; the views never read the slug.
Only published services are shown. Text fields are in the language of ``?lang=`` or else the first
supported language of ``Accept-Language``, field by field falling back to German (``Content-Language``
names the requested language). Bad parameters answer 400 with a JSON error.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from familienbuero.directory.hsds import mapping, schemas, selectors

T = TypeVar("T")

Lang = Literal["de", "en", "tr", "ar", "uk", "de-ls"]
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
NO_NUL = r"^[^\x00]*$"

LangParam = Annotated[
    Lang | None,
    Query(description="Language of the text fields (default: Accept-Language, else German)."),
]
SearchParam = Annotated[
    str | None, Query(max_length=200, pattern=NO_NUL, description="Full text search (name, description).")
]
PageParam = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number of paginated result.")]
PerPageParam = Annotated[
    int, Query(ge=1, le=MAX_PER_PAGE, description=f"Results per page (at most {MAX_PER_PAGE}).")
]
Slug = Annotated[str, Path(description="URL name of the municipality, e.g. voerde.")]

api = NinjaAPI(
    title="Familienbüro – HSDS 3.0 API",
    version="3.0",
    description=(
        "Read-only Open Referral HSDS 3.0 data of one municipality's family service directory, in the "
        "style of the HSDA 3.0 API reference. Text fields are in the language of `lang` (or "
        "Accept-Language), falling back to German. Fields without a place in HSDS are in "
        "`x_familienbuero`. An unknown municipality answers 404 with the platform's HTML page."
    ),
    docs_url=None,  # the docs UI loads assets from CDNs; the JSON schema is enough
    openapi_url="/openapi.json",
    urls_namespace="hsds",
)

ERRORS: dict[int, Any] = {400: schemas.Error, 404: schemas.Error}


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": ".".join(str(part) for part in error.get("loc", ())), "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "Invalid request parameters.", "errors": errors}, status=400
    )


class BadParameter(Exception):
    pass


@api.exception_handler(BadParameter)
def bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


def _options(request: HttpRequest, lang: str | None, response: HttpResponse) -> mapping.Options:
    language = lang
    if language is None:
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            code = code.lower()
            if code in mapping.LANGUAGE_CODES or (code := code.split("-")[0]) in mapping.LANGUAGE_CODES:
                language = code
                break
    language = language or mapping.DEFAULT_LANGUAGE
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language"
    return mapping.Options(language=language)


def _aware_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise BadParameter("modified_after is out of range.") from error


def _page(items: QuerySet[T] | list[T], page: int, per_page: int) -> tuple[list[T], dict[str, Any]]:
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = math.ceil(total / per_page)
    contents = list(items[(page - 1) * per_page : page * per_page])
    return contents, {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
    }


def _taxonomy_key(taxonomy_id: UUID | None) -> str | None:
    """Our vocabulary for an HSDS taxonomy id; an unknown id matches nothing (not an error)."""
    if taxonomy_id is None:
        return None
    return mapping.taxonomy_key_for_id(str(taxonomy_id)) or "-none-"


@api.get("/{municipality_slug}/", response={200: schemas.Meta, 404: schemas.Error}, url_name="meta")
def meta(
    request: HttpRequest, municipality_slug: Slug, response: HttpResponse, lang: LangParam = None
) -> dict:
    """Information about this API and its relationship with HSDS."""
    opts = _options(request, lang, response)
    return {
        "version": mapping.HSDS_VERSION,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
        "language": opts.language,
    }


@api.get(
    "/{municipality_slug}/services/",
    response={200: schemas.ServicePage, **ERRORS},
    url_name="services",
    exclude_unset=True,
)
def services(
    request: HttpRequest,
    municipality_slug: Slug,
    response: HttpResponse,
    search: SearchParam = None,
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: Annotated[datetime | None, Query(description="Modified on or after (ISO 8601).")] = None,
    minimal: Annotated[bool, Query(description="Only id and last_modified.")] = False,
    full: Annotated[bool, Query(description="Fully nested services.")] = False,
    page: PageParam = 1,
    per_page: PerPageParam = 50,
    lang: LangParam = None,
) -> dict:
    """Published services, paginated; one-to-one fields unless `full` (or only ids with `minimal`)."""
    opts = _options(request, lang, response)
    queryset = selectors.search_services(
        selectors.published_services(),
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy=_taxonomy_key(taxonomy_id),
        organization_id=organization_id,
        modified_after=_aware_utc(modified_after),
    )
    if minimal:
        items, page_meta = _page(queryset, page, per_page)
        return {**page_meta, "contents": [mapping.service_to_hsds_minimal(s) for s in items]}
    if full:
        items, page_meta = _page(selectors.with_details(queryset), page, per_page)
        return {**page_meta, "contents": [mapping.service_to_hsds(s, opts) for s in items]}
    items, page_meta = _page(selectors.with_brief(queryset), page, per_page)
    return {**page_meta, "contents": [mapping.service_to_hsds_brief(s, opts) for s in items]}


@api.get(
    "/{municipality_slug}/services/{id}/",
    response={200: schemas.Service, **ERRORS},
    url_name="service",
    exclude_unset=True,
)
def service(
    request: HttpRequest, municipality_slug: Slug, id: UUID, response: HttpResponse, lang: LangParam = None
) -> dict:
    """One published service, fully nested."""
    opts = _options(request, lang, response)
    found = selectors.with_details(selectors.published_services().filter(uuid=id)).first()
    if found is None:
        raise Http404
    return mapping.service_to_hsds(found, opts)


@api.get(
    "/{municipality_slug}/organizations/",
    response={200: schemas.OrganizationPage, **ERRORS},
    url_name="organizations",
    exclude_unset=True,
)
def organizations(
    request: HttpRequest,
    municipality_slug: Slug,
    response: HttpResponse,
    search: SearchParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 50,
    lang: LangParam = None,
) -> dict:
    """The municipality's organisations (providers and partners)."""
    opts = _options(request, lang, response)
    items, page_meta = _page(selectors.organizations_search(search), page, per_page)
    return {**page_meta, "contents": [mapping.organization_to_hsds(o, opts) for o in items]}


@api.get(
    "/{municipality_slug}/organizations/{id}/",
    response={200: schemas.OrganizationDetail, **ERRORS},
    url_name="organization",
    exclude_unset=True,
)
def organization(
    request: HttpRequest,
    municipality_slug: Slug,
    id: UUID,
    response: HttpResponse,
    full_service: Annotated[bool, Query(description="Fully nested services.")] = False,
    lang: LangParam = None,
) -> dict:
    """One organisation with its published services."""
    opts = _options(request, lang, response)
    found = selectors.organizations().filter(uuid=id).first()
    if found is None:
        raise Http404
    services = selectors.published_services().filter(organization=found).order_by("slug", "pk")
    data = mapping.organization_to_hsds(found, opts)
    if full_service:
        data["services"] = [mapping.service_to_hsds(s, opts) for s in selectors.with_details(services)]
    else:
        data["services"] = [mapping.service_to_hsds_brief(s, opts) for s in selectors.with_brief(services)]
    return data


@api.get(
    "/{municipality_slug}/locations/",
    response={200: schemas.LocationPage, **ERRORS},
    url_name="locations",
    exclude_unset=True,
)
def locations(
    request: HttpRequest,
    municipality_slug: Slug,
    response: HttpResponse,
    search: SearchParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 50,
    lang: LangParam = None,
) -> dict:
    """The municipality's locations with address and accessibility."""
    opts = _options(request, lang, response)
    items, page_meta = _page(selectors.locations(search), page, per_page)
    return {**page_meta, "contents": [mapping.location_to_hsds(loc, opts) for loc in items]}


@api.get(
    "/{municipality_slug}/locations/{id}/",
    response={200: schemas.Location, **ERRORS},
    url_name="location",
    exclude_unset=True,
)
def location(
    request: HttpRequest, municipality_slug: Slug, id: UUID, response: HttpResponse, lang: LangParam = None
) -> dict:
    opts = _options(request, lang, response)
    found = selectors.locations().filter(uuid=id).first()
    if found is None:
        raise Http404
    return mapping.location_to_hsds(found, opts)


@api.get(
    "/{municipality_slug}/taxonomies/",
    response={200: schemas.TaxonomyPage, **ERRORS},
    url_name="taxonomies",
    exclude_unset=True,
)
def taxonomies(
    request: HttpRequest,
    municipality_slug: Slug,
    response: HttpResponse,
    page: PageParam = 1,
    per_page: PerPageParam = 50,
    lang: LangParam = None,
) -> dict:
    """The shared vocabularies: topics, target groups, life phases."""
    opts = _options(request, lang, response)
    items, page_meta = _page(list(mapping.TAXONOMY_KEYS), page, per_page)
    return {**page_meta, "contents": [mapping.taxonomy_to_hsds(key, opts) for key in items]}


@api.get(
    "/{municipality_slug}/taxonomies/{id}/",
    response={200: schemas.Taxonomy, **ERRORS},
    url_name="taxonomy",
    exclude_unset=True,
)
def taxonomy(
    request: HttpRequest, municipality_slug: Slug, id: UUID, response: HttpResponse, lang: LangParam = None
) -> dict:
    opts = _options(request, lang, response)
    key = mapping.taxonomy_key_for_id(str(id))
    if key is None:
        raise Http404
    return mapping.taxonomy_to_hsds(key, opts)


@api.get(
    "/{municipality_slug}/taxonomy_terms/",
    response={200: schemas.TaxonomyTermPage, **ERRORS},
    url_name="taxonomy-terms",
    exclude_unset=True,
)
def taxonomy_terms(
    request: HttpRequest,
    municipality_slug: Slug,
    response: HttpResponse,
    search: SearchParam = None,
    taxonomy_id: UUID | None = None,
    parent_id: UUID | None = None,
    top_only: bool = False,
    page: PageParam = 1,
    per_page: PerPageParam = 50,
    lang: LangParam = None,
) -> dict:
    """Terms of the shared vocabularies (the same in every municipality)."""
    opts = _options(request, lang, response)
    queryset = selectors.taxonomy_terms(
        search=search, taxonomy=_taxonomy_key(taxonomy_id), parent_id=parent_id, top_only=top_only
    )
    items, page_meta = _page(queryset, page, per_page)
    return {**page_meta, "contents": [mapping.taxonomy_term_to_hsds(term, opts) for term in items]}


@api.get(
    "/{municipality_slug}/taxonomy_terms/{id}/",
    response={200: schemas.TaxonomyTerm, **ERRORS},
    url_name="taxonomy-term",
    exclude_unset=True,
)
def taxonomy_term(
    request: HttpRequest, municipality_slug: Slug, id: UUID, response: HttpResponse, lang: LangParam = None
) -> dict:
    opts = _options(request, lang, response)
    found = selectors.taxonomy_terms().filter(uuid=id).first()
    if found is None:
        raise Http404
    return mapping.taxonomy_term_to_hsds(found, opts)
