"""The one mapping between our directory models and Open Referral HSDS 3.0 objects.

The API (``api.py``), the export (``exporter.py``) and the import (``importer.py``) all go through this
module, so that what the API shows, what ``export_hsds`` writes and what ``import_hsds`` reads stay the
same thing.

Conventions
-----------
- **Ids** are our UUIDs (organisation, service, service-at-location, location, taxonomy term). Objects
  that have no UUID of their own (phones, addresses, languages, schedules, costs, contacts, service
  areas, attributes, accessibility entries, the three vocabularies) get a *derived* id: a UUIDv5 of
  the parent's UUID and a key built from their content. The same data therefore always has the same
  ids, and export → import → export is stable; ids chosen by another system for such objects are not
  kept.
- **Languages**: HSDS is single-language. The API fills the text fields in the requested language,
  field by field falling back to German (then to any language present). The export writes German into
  the HSDS fields and every other language into ``x_familienbuero.translations``.
- **Extension**: fields HSDS has no place for (URL names, kind of organisation, free of charge, BuT,
  anonymous use, the exact confirmation time, districts, accessibility flags) travel in an object
  ``x_familienbuero`` on the entity. HSDS allows additional properties; consumers may ignore it.
- Empty text is ``null`` in HSDS and ``""`` in our models.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import models
from django.utils import timezone, translation

from familienbuero.directory.models import (
    Contact,
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
    TaxonomyTerm,
)
from familienbuero.tenancy.models import District, Location, Municipality

HSDS_VERSION = "3.0"
EXTENSION = "x_familienbuero"
DEFAULT_LANGUAGE = "de"
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
#: Namespace of the derived ids of things that belong to no UUID-carrying object (the vocabularies).
NAMESPACE = uuid.UUID("0f6b1c2e-5d0a-5c8e-9a51-66616d696c69")

ORGANIZATION_TEXT = ("description",)
SERVICE_TEXT = (
    "name",
    "alternate_name",
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
)
LOCATION_TEXT = ("directions", "accessibility_notes")
ACCESSIBILITY_FLAGS = ("step_free_access", "accessible_toilet", "baby_changing")
SERVICE_FLAGS = ("free_of_charge", "but_eligible", "anonymous_possible")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CURRENCY = "EUR"

# First two digits of the official municipality key (AGS) → federal state.
STATES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


@dataclass(frozen=True)
class Options:
    """How to render: ``language`` for the HSDS text fields; ``all_translations`` adds the others."""

    language: str = DEFAULT_LANGUAGE
    all_translations: bool = False


EXPORT = Options(language=DEFAULT_LANGUAGE, all_translations=True)


# --- small helpers -------------------------------------------------------------------------------


def derived_id(parent: uuid.UUID | str, *parts: object) -> str:
    """A stable id for an object without a UUID of its own, from its parent's id and its content."""
    parent_uuid = parent if isinstance(parent, uuid.UUID) else uuid.UUID(str(parent))
    return str(uuid.uuid5(parent_uuid, ":".join("" if p is None else str(p) for p in parts)))


def _numbered(keys: Iterable[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Appends an occurrence number to repeated keys, so that identical rows still get distinct ids."""
    seen: Counter[tuple[object, ...]] = Counter()
    result = []
    for key in keys:
        seen[key] += 1
        result.append((*key, seen[key]) if seen[key] > 1 else key)
    return result


def _null(value: str | None) -> str | None:
    return value or None


def _translations_by_language(obj: models.Model) -> dict[str, Any]:
    return {t.language_code: t for t in obj.translations.all()}


def translated(obj: models.Model, field: str, opts: Options) -> str:
    """The field in the requested language, else German, else any language present ('' if none)."""
    rows = _translations_by_language(obj)
    for code in (opts.language, DEFAULT_LANGUAGE):
        if code in rows and getattr(rows[code], field):
            return getattr(rows[code], field)
    for code in sorted(rows):
        if getattr(rows[code], field):
            return getattr(rows[code], field)
    return ""


def other_translations(obj: models.Model, fields: tuple[str, ...], opts: Options) -> dict[str, Any]:
    """Every language but the one in the HSDS fields, for the export (``{lang: {field: text}}``)."""
    rows = _translations_by_language(obj)
    return {
        code: {field: getattr(rows[code], field) or None for field in fields}
        for code in sorted(rows)
        if code != opts.language
    }


def _extension(data: dict[str, Any], obj: models.Model, fields: tuple[str, ...], opts: Options) -> dict:
    if opts.all_translations:
        data["translations"] = other_translations(obj, fields, opts)
    return data


def hsds_time(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second or value.microsecond else "%H:%M")


def hsds_datetime(value: datetime) -> str:
    return value.astimezone(timezone.get_fixed_timezone(0)).isoformat().replace("+00:00", "Z")


def hsds_decimal(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _label(field_owner: type[models.Model], field: str, opts: Options) -> str:
    with translation.override(opts.language):
        return str(field_owner._meta.get_field(field).verbose_name)


# --- vocabularies ----------------------------------------------------------------------------------


def taxonomy_id(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy:{key}"))


TAXONOMY_KEYS = tuple(TaxonomyTerm.Taxonomy.values)


def taxonomy_key_for_id(value: str) -> str | None:
    return next((key for key in TAXONOMY_KEYS if taxonomy_id(key) == value), None)


def taxonomy_to_hsds(key: str, opts: Options) -> dict[str, Any]:
    with translation.override(opts.language):
        label = str(TaxonomyTerm.Taxonomy(key).label)
    return {"id": taxonomy_id(key), "name": label, "description": label, "uri": None, "version": None}


def taxonomy_term_to_hsds(term: TaxonomyTerm, opts: Options) -> dict[str, Any]:
    rows = _translations_by_language(term)
    language = next((c for c in (opts.language, DEFAULT_LANGUAGE) if c in rows), min(rows, default=None))
    return {
        "id": str(term.uuid),
        "code": term.code,
        "name": translated(term, "name", opts) or term.code,
        "description": translated(term, "description", opts),
        "parent_id": str(term.parent.uuid) if term.parent_id else None,
        "taxonomy": term.taxonomy,
        "taxonomy_id": taxonomy_id(term.taxonomy),
        "language": language,
    }


# --- organisations ---------------------------------------------------------------------------------


def _phones(parent: uuid.UUID | str, number: str) -> list[dict[str, Any]]:
    return [{"id": derived_id(parent, "phone", number), "number": number}] if number else []


def organization_to_hsds(org: Organization, opts: Options) -> dict[str, Any]:
    return {
        "id": str(org.uuid),
        "name": org.name,
        "description": translated(org, "description", opts),
        "email": _null(org.email),
        "website": _null(org.website),
        "phones": _phones(org.uuid, org.phone),
        EXTENSION: _extension({"slug": org.slug, "kind": org.kind}, org, ORGANIZATION_TEXT, opts),
    }


# --- locations -------------------------------------------------------------------------------------


def state_of(municipality: Municipality) -> str:
    return STATES.get((municipality.official_key or "")[:2], "")


def location_to_hsds(location: Location, opts: Options) -> dict[str, Any]:
    lid = str(location.uuid)
    district = location.district
    accessibility = [
        {
            "id": derived_id(lid, "accessibility", flag),
            "location_id": lid,
            "description": _label(Location, flag, opts),
        }
        for flag in ACCESSIBILITY_FLAGS
        if getattr(location, flag)
    ]
    notes = translated(location, "accessibility_notes", opts)
    if notes:
        accessibility.append(
            {"id": derived_id(lid, "accessibility", "notes"), "location_id": lid, "description": notes}
        )
    extension = {"district": district.slug if district else None}
    extension.update({flag: getattr(location, flag) for flag in ACCESSIBILITY_FLAGS})
    return {
        "id": lid,
        "location_type": "physical",
        "name": location.name,
        "transportation": _null(translated(location, "directions", opts)),
        "latitude": hsds_decimal(location.latitude),
        "longitude": hsds_decimal(location.longitude),
        "addresses": [
            {
                "id": derived_id(lid, "address"),
                "location_id": lid,
                "address_1": location.street,
                "city": location.city,
                "region": district.name if district else None,
                "state_province": state_of(location.municipality),
                "postal_code": location.postcode,
                "country": "DE",
                "address_type": "physical",
            }
        ],
        "accessibility": accessibility,
        EXTENSION: _extension(extension, location, LOCATION_TEXT, opts),
    }


# --- services --------------------------------------------------------------------------------------


def _schedule_key(schedule: ServiceSchedule) -> tuple[object, ...]:
    sal = schedule.service_at_location
    return (
        "schedule",
        sal.uuid if sal else "",
        schedule.weekday,
        hsds_time(schedule.opens),
        hsds_time(schedule.closes),
        schedule.valid_from or "",
        schedule.valid_until or "",
    )


def schedules_to_hsds(service: Service, schedules: list[ServiceSchedule]) -> list[dict[str, Any]]:
    schedules = sorted(schedules, key=lambda s: tuple(str(part) for part in _schedule_key(s)))
    result = []
    for schedule, key in zip(schedules, _numbered(_schedule_key(s) for s in schedules), strict=True):
        result.append(
            {
                "id": derived_id(service.uuid, *key),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": WEEKDAY_CODES[schedule.weekday],
                "opens_at": hsds_time(schedule.opens),
                "closes_at": hsds_time(schedule.closes),
                "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
                "valid_to": schedule.valid_until.isoformat() if schedule.valid_until else None,
            }
        )
    return result


def _cost_options(service: Service) -> list[dict[str, Any]]:
    costs: list[CostOption] = sorted(
        service.cost_options.all(), key=lambda c: (c.option, c.amount is None, c.amount or 0)
    )
    keys = _numbered(("cost_option", c.option, c.amount) for c in costs)
    return [
        {
            "id": derived_id(service.uuid, *key),
            "option": cost.option,
            "amount": hsds_decimal(cost.amount),
            "currency": CURRENCY if cost.amount is not None else None,
        }
        for cost, key in zip(costs, keys, strict=True)
    ]


def _contacts(service: Service) -> list[dict[str, Any]]:
    contacts: list[Contact] = sorted(
        service.contacts.all(), key=lambda c: (c.name, c.title, c.email, c.phone)
    )
    keys = _numbered(("contact", c.name, c.title, c.email, c.phone) for c in contacts)
    result = []
    for contact, key in zip(contacts, keys, strict=True):
        cid = derived_id(service.uuid, *key)
        result.append(
            {
                "id": cid,
                "name": contact.name,
                "title": _null(contact.title),
                "email": _null(contact.email),
                "phones": _phones(cid, contact.phone),
            }
        )
    return result


def _languages(service: Service) -> list[dict[str, Any]]:
    languages: list[ServiceLanguage] = sorted(service.languages.all(), key=lambda lang: lang.code)
    return [
        {
            "id": derived_id(service.uuid, "language", lang.code),
            "name": LANG_INFO.get(lang.code, {}).get("name"),
            "code": lang.code,
        }
        for lang in languages
    ]


def _service_areas(service: Service) -> list[dict[str, Any]]:
    districts: list[District] = sorted(service.districts.all(), key=lambda d: d.slug)
    return [
        {
            "id": derived_id(service.uuid, "service_area", district.slug),
            "name": district.name,
            "description": _null(district.social_area),
            EXTENSION: {
                "district": {
                    "slug": district.slug,
                    "social_area": district.social_area or None,
                    "latitude": hsds_decimal(district.latitude),
                    "longitude": hsds_decimal(district.longitude),
                }
            },
        }
        for district in districts
    ]


def _attributes(service: Service, opts: Options) -> list[dict[str, Any]]:
    terms: list[TaxonomyTerm] = sorted(service.terms.all(), key=lambda t: (t.taxonomy, t.position, t.code))
    return [
        {
            "id": derived_id(service.uuid, "attribute", term.uuid),
            "link_id": str(service.uuid),
            "link_type": term.taxonomy,
            "link_entity": "service",
            "taxonomy_term_id": str(term.uuid),
            "taxonomy_term": taxonomy_term_to_hsds(term, opts),
        }
        for term in terms
    ]


def service_to_hsds_minimal(service: Service) -> dict[str, Any]:
    return {"id": str(service.uuid), "last_modified": hsds_datetime(service.updated_at)}


def service_to_hsds_brief(service: Service, opts: Options, *, organization: bool = True) -> dict[str, Any]:
    """The one-to-one fields of a service (HSDA list form), with its organisation."""
    text = {field: _null(translated(service, field, opts)) for field in SERVICE_TEXT}
    extension = {
        "slug": service.slug,
        **{flag: getattr(service, flag) for flag in SERVICE_FLAGS},
        "confirmed_at": hsds_datetime(service.confirmed_at),
    }
    data: dict[str, Any] = {
        "id": str(service.uuid),
        "organization_id": str(service.organization.uuid),
        "name": text["name"] or service.slug,
        "alternate_name": text["alternate_name"],
        "description": text["description"],
        "url": _null(service.url),
        "email": _null(service.email),
        "status": service.status,
        "interpretation_services": _null(service.interpretation_services),
        "application_process": text["application_process"],
        "fees_description": text["fees_description"],
        "eligibility_description": text["eligibility_description"],
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": timezone.localtime(service.confirmed_at).date().isoformat(),
        "last_modified": hsds_datetime(service.updated_at),
        EXTENSION: _extension(extension, service, SERVICE_TEXT, opts),
    }
    if organization:
        data["organization"] = organization_to_hsds(service.organization, opts)
    return data


def service_to_hsds(service: Service, opts: Options) -> dict[str, Any]:
    """The fully nested service (HSDA ``GET /services/{id}``)."""
    schedules = list(service.schedules.all())
    service_locations: list[ServiceAtLocation] = sorted(
        service.service_locations.all(), key=lambda sal: (sal.location.name, str(sal.uuid))
    )
    data = service_to_hsds_brief(service, opts)
    data.update(
        {
            "phones": _phones(service.uuid, service.phone),
            "schedules": schedules_to_hsds(service, [s for s in schedules if not s.service_at_location_id]),
            "service_areas": _service_areas(service),
            "service_at_locations": [
                {
                    "id": str(sal.uuid),
                    "service_id": str(service.uuid),
                    "location_id": str(sal.location.uuid),
                    "schedules": schedules_to_hsds(
                        service, [s for s in schedules if s.service_at_location_id == sal.pk]
                    ),
                    "location": location_to_hsds(sal.location, opts),
                }
                for sal in service_locations
            ],
            "languages": _languages(service),
            "cost_options": _cost_options(service),
            "contacts": _contacts(service),
            "attributes": _attributes(service, opts),
        }
    )
    return data
