"""Test data for the service directory and its search. Use inside ``scopes_disabled()``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from decimal import Decimal

from familienbuero.directory.models import (
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
    TaxonomyTerm,
)
from familienbuero.directory.search import index_service
from familienbuero.tenancy.models import District, Location, Municipality
from tests import factories


def district(municipality: Municipality, slug: str, lat: str | None, lon: str | None) -> District:
    return District.objects.create(
        municipality=municipality,
        slug=slug,
        name=slug.replace("-", " ").title(),
        latitude=Decimal(lat) if lat else None,
        longitude=Decimal(lon) if lon else None,
    )


def location(
    municipality: Municipality,
    name: str,
    lat: str,
    lon: str,
    *,
    district: District | None = None,
    step_free=False,
) -> Location:
    return factories.LocationFactory(
        municipality=municipality,
        name=name,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        district=district,
        step_free_access=step_free,
    )


def term(code: str) -> TaxonomyTerm:
    """A term of the seeded vocabulary (migration 0004), by code."""
    return TaxonomyTerm.objects.get(code=code)


def service(
    municipality: Municipality,
    slug: str,
    name: str,
    description: str = "Ein Angebot.",
    *,
    organization: Organization | None = None,
    translations: dict[str, tuple[str, str]] | None = None,
    terms: Sequence[str] = (),
    languages: Sequence[str] = (),
    locations: Sequence[Location] = (),
    districts: Sequence[District] = (),
    times: Sequence[tuple[int, time, time]] = (),
    index: bool = True,
    **fields: object,
) -> Service:
    """A service with its German text (and other languages), indexed for search unless ``index=False``."""
    organization = organization or factories.OrganizationFactory(municipality=municipality)
    obj = Service(municipality=municipality, organization=organization, slug=slug, **fields)
    obj.set_current_language("de")
    obj.name, obj.description = name, description
    obj.save()
    for language, (other_name, other_description) in (translations or {}).items():
        obj.set_current_language(language)
        obj.name, obj.description = other_name, other_description
        obj.save()
    obj.set_current_language("de")
    obj.terms.set([term(code) for code in terms])
    obj.districts.set(districts)
    for code in languages:
        ServiceLanguage.objects.create(service=obj, code=code)
    for place in locations:
        ServiceAtLocation.objects.create(service=obj, location=place)
    for weekday, opens, closes in times:
        ServiceSchedule.objects.create(service=obj, weekday=weekday, opens=opens, closes=closes)
    if index:
        index_service(obj)
    return obj
