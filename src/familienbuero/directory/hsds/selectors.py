"""Reads behind the HSDS API and export. Call inside the municipality's scope (the middleware enters it)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from familienbuero.directory.models import Organization, Service, ServiceAtLocation, TaxonomyTerm
from familienbuero.tenancy.models import Location

LOCATION_PREFETCH = ("translations", "district")


def published_services() -> QuerySet[Service]:
    """Published services of the active municipality; nothing else ever leaves through HSDS."""
    return Service.objects.filter(is_published=True).select_related(
        "organization", "organization__municipality"
    )


def with_details(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything ``mapping.service_to_hsds`` touches, in a fixed number of queries."""
    return services.prefetch_related(
        "translations",
        "organization__translations",
        "languages",
        "cost_options",
        "contacts",
        "schedules",
        "districts",
        Prefetch(
            "terms", queryset=TaxonomyTerm.objects.select_related("parent").prefetch_related("translations")
        ),
        Prefetch(
            "service_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__district", "location__municipality"
            ).prefetch_related("location__translations"),
        ),
    )


def with_brief(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.prefetch_related("translations", "organization__translations")


def search_services(
    services: QuerySet[Service],
    *,
    search: str | None = None,
    taxonomy_term_id: UUID | None = None,
    taxonomy: str | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[Service]:
    """The HSDA search parameters. Full text is a plain ``icontains`` on name and description in any
    language until the directory's own search module takes over."""
    if search:
        services = services.filter(
            Q(translations__name__icontains=search) | Q(translations__description__icontains=search)
        )
    if taxonomy_term_id is not None:
        services = services.filter(terms__uuid=taxonomy_term_id)
    if taxonomy is not None:
        services = services.filter(terms__taxonomy=taxonomy)
    if organization_id is not None:
        services = services.filter(organization__uuid=organization_id)
    if modified_after is not None:
        services = services.filter(updated_at__gte=modified_after)
    if search or taxonomy_term_id is not None or taxonomy is not None:
        # The joins over translations and terms repeat rows; a subquery keeps ordering and paging simple.
        services = Service.objects.filter(pk__in=services.values("pk")).select_related(
            "organization", "organization__municipality"
        )
    return services.order_by("slug", "pk")


def organizations() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related("translations").order_by("name", "pk")


def organizations_search(search: str | None) -> QuerySet[Organization]:
    queryset = organizations()
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset


def locations(search: str | None = None) -> QuerySet[Location]:
    queryset = Location.objects.select_related("district", "municipality").prefetch_related("translations")
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(street__icontains=search) | Q(city__icontains=search)
        )
    return queryset.order_by("name", "pk")


def taxonomy_terms(
    *,
    search: str | None = None,
    taxonomy: str | None = None,
    parent_id: UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    queryset = TaxonomyTerm.objects.select_related("parent").prefetch_related("translations")
    if search:
        matching = TaxonomyTerm.objects.filter(
            Q(code__icontains=search) | Q(translations__name__icontains=search)
        ).values("pk")
        queryset = queryset.filter(pk__in=matching)
    if taxonomy is not None:
        queryset = queryset.filter(taxonomy=taxonomy)
    if parent_id is not None:
        queryset = queryset.filter(parent__uuid=parent_id)
    if top_only:
        queryset = queryset.filter(parent__isnull=True)
    return queryset.order_by("taxonomy", "position", "code", "pk")
