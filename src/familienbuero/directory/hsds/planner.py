"""Validation of an HSDS dataset without writing: turns the flat tables into planned rows and collects
every problem (errors) and everything it had to leave out (warnings, ignored fields)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django_scopes import scopes_disabled

from familienbuero.directory.hsds import dataset, mapping
from familienbuero.directory.hsds.dataset import Record, Tables
from familienbuero.directory.models import (
    Contact,
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from familienbuero.tenancy.models import Location, Municipality

EXT = mapping.EXTENSION
# Per table: the HSDS fields we read (or derive and so may ignore silently); any other filled-in field
# is reported as ignored.
KNOWN = {
    "organizations": {*["id", "name", "description", "email", "website", "phones"], EXT},
    "services": {
        *[
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "last_modified",
        ],
        EXT,
    },
    "locations": {*["id", "location_type", "name", "transportation", "latitude", "longitude"], EXT},
    "addresses": set(
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ]
    ),
    "accessibility": set(["id", "location_id", "description", "details"]),
    "phones": set(["id", "number", "service_id", "organization_id", "contact_id"]),
    "service_at_locations": set(["id", "service_id", "location_id"]),
    "schedules": set(
        [
            "id",
            "service_id",
            "service_at_location_id",
            "freq",
            "wkst",
            "byday",
            "opens_at",
            "closes_at",
            "valid_from",
            "valid_to",
            "interval",
        ]
    ),
    "languages": set(["id", "service_id", "name", "code"]),
    "cost_options": set(["id", "service_id", "option", "amount", "currency"]),
    "contacts": set(["id", "service_id", "name", "title", "email"]),
    "service_areas": {*["id", "service_id", "name", "description"], EXT},
    "attributes": set(["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"]),
}
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        lines = [f"warning: {w}" for w in self.warnings]
        lines += [f"ignored (not supported): {name} ×{n}" for name, n in sorted(self.ignored.items())]
        return lines


# --- value parsing ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _uuid(value: Any) -> str | None:
    return str(value).lower() if isinstance(value, str) and UUID_RE.match(value) else None


def _check(model: type[models.Model], name: str, value: Any, where: str, errors: list[str]) -> Any:
    """Django's own field validation (length, format, choices) for one value."""
    try:
        return model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        errors.append(f"{where}.{name}: {' '.join(str(m) for m in error.messages)} (value {value!r:.60})")
        return None


def _translation_model(model: type[models.Model]) -> type[models.Model]:
    return model._parler_meta.root_model


def _int(value: Any, where: str, errors: list[str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.append(f"{where}: not a number ({value!r:.40})")
        return None
    if not number.is_integer():
        errors.append(f"{where}: not a whole number ({value!r:.40})")
        return None
    return int(number)


def _decimal(value: Any, places: str, where: str, errors: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        result = Decimal(str(value)).quantize(Decimal(places))
    except (InvalidOperation, ValueError):
        errors.append(f"{where}: not a number ({value!r:.40})")
        return None
    if not result.is_finite():
        errors.append(f"{where}: not a number ({value!r:.40})")
        return None
    return result


def _date(value: Any, where: str, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        errors.append(f"{where}: not a date YYYY-MM-DD ({value!r:.40})")
        return None


def _time(value: Any, where: str, errors: list[str]) -> time | None:
    match = TIME_RE.match(_text(value))
    if not match:
        errors.append(f"{where}: not a time HH:MM ({value!r:.40})")
        return None
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def _datetime(value: Any, where: str, errors: list[str]) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        errors.append(f"{where}: not a date and time ({value!r:.40})")
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


# --- planning (validation without writing) -------------------------------------------------------


@dataclass
class Planned:
    model: type[models.Model]
    uuid: str
    values: dict[str, Any]
    texts: dict[str, dict[str, str]]  # language -> field -> text
    extra: dict[str, Any] = field(default_factory=dict)


class Planner:
    def __init__(self, municipality: Municipality, tables: Tables, language: str, report: Report) -> None:
        self.municipality = municipality
        self.tables = tables
        self.language = language
        self.report = report
        self.errors = report.errors
        self.children: dict[tuple[str, str, str], list[Record]] = {}
        for table, records in tables.items():
            for record in records:
                for link in ("service_id", "organization_id", "location_id", "contact_id", "link_id"):
                    if record.get(link):
                        self.children.setdefault((table, link, str(record[link]).lower()), []).append(record)
                link = "service_at_location_id"
                if record.get(link):
                    self.children.setdefault((table, link, str(record[link]).lower()), []).append(record)

    def of(self, table: str, link: str, parent_id: str) -> list[Record]:
        return self.children.get((table, link, parent_id), [])

    # -- helpers --

    def _ignore_unknown(self, table: str, record: Record) -> None:
        for key, value in record.items():
            if key not in KNOWN.get(table, set()) and value not in (None, "", [], {}):
                self.report.ignored[f"{table}.{key}"] += 1

    def _id(self, table: str, record: Record, index: int) -> str | None:
        value = _uuid(record.get("id"))
        if value is None:
            self.errors.append(f"{table}[{index}]: id {record.get('id')!r:.60} is missing or not a UUID")
        return value

    def _texts(self, model: type[models.Model], record: Record, main: dict[str, str], where: str) -> dict:
        """``{language: {field: text}}``: ``main`` in the dataset's language, the others from the
        extension's ``translations``; every text checked against the translation model's fields."""
        translation_model = _translation_model(model)
        texts = {self.language: dict(main)}
        translations = self._ext(record).get("translations") or {}
        if not isinstance(translations, dict):
            self.errors.append(f"{where}.{EXT}.translations: expected an object")
            translations = {}
        for code, values in translations.items():
            if code not in mapping.LANGUAGE_CODES or not isinstance(values, dict):
                self.errors.append(f"{where}.{EXT}.translations: unknown language {code!r:.20}")
                continue
            if code != self.language:
                texts[code] = {name: _text(values.get(name)) for name in main}
        for code, values in texts.items():
            for name, value in values.items():
                values[name] = _check(translation_model, name, value, f"{where}[{code}]", self.errors) or ""
        return texts

    @staticmethod
    def _ext(record: Record) -> dict[str, Any]:
        value = record.get(EXT)
        return value if isinstance(value, dict) else {}

    def _foreign_uuids(self, model: type[models.Model], uuids: set[str], table: str) -> None:
        if not uuids:
            return
        owner = "service__municipality" if model is ServiceAtLocation else "municipality"
        with scopes_disabled():
            clashes = model.objects.filter(uuid__in=uuids).exclude(**{owner: self.municipality})
            for uuid in sorted(str(u) for u in clashes.values_list("uuid", flat=True)):
                self.errors.append(f"{table}[{uuid}]: this id belongs to another municipality")

    # -- the plan --

    def plan(self) -> dict[str, Any]:
        for table in dataset.IGNORED_TABLES:
            if self.tables.get(table):
                self.report.ignored[f"table {table}"] += len(self.tables[table])
        for invalid in self.tables.get("_invalid", []):
            self.errors.append(f"{invalid['table']}: expected an object, got {invalid['value']}")
        locations = self._locations()
        organizations = self._organizations()
        services = self._services(organizations, locations)
        self._foreign_uuids(Organization, set(organizations), "organizations")
        self._foreign_uuids(Location, set(locations), "locations")
        self._foreign_uuids(Service, {s.uuid for s in services}, "services")
        sal_uuids = {sal["uuid"] for s in services for sal in s.extra["service_at_locations"]}
        self._foreign_uuids(ServiceAtLocation, sal_uuids, "service_at_locations")
        return {"organizations": organizations, "locations": locations, "services": services}

    def _organizations(self) -> dict[str, Planned]:
        result = {}
        for index, record in enumerate(self.tables["organizations"]):
            self._ignore_unknown("organizations", record)
            uuid = self._id("organizations", record, index)
            where = f"organizations[{uuid or index}]"
            if uuid is None:
                continue
            ext = self._ext(record)
            kind = ext.get("kind") or Organization.Kind.OTHER
            values = {
                "name": _check(Organization, "name", _text(record.get("name")), where, self.errors),
                "slug": ext.get("slug") or slugify(_text(record.get("name")))[:80],
                "kind": _check(Organization, "kind", kind, where, self.errors),
                "website": _check(Organization, "website", _text(record.get("website")), where, self.errors),
                "email": _check(Organization, "email", _text(record.get("email")), where, self.errors),
                "phone": self._phone(Organization, self.of("phones", "organization_id", uuid), where),
            }
            _check(Organization, "slug", values["slug"], where, self.errors)
            texts = self._texts(
                Organization, record, {"description": _text(record.get("description"))}, where
            )
            result[uuid] = Planned(Organization, uuid, values, texts)
        return result

    def _phone(self, model: type[models.Model], phones: list[Record], where: str) -> str:
        for phone in phones:
            self._ignore_unknown("phones", phone)
        if len(phones) > 1:
            self.report.warnings.append(f"{where}: only the first of {len(phones)} phone numbers is kept")
        number = _text(phones[0].get("number")) if phones else ""
        return _check(model, "phone", number, where, self.errors) or ""

    def _locations(self) -> dict[str, Planned]:
        result = {}
        for index, record in enumerate(self.tables["locations"]):
            self._ignore_unknown("locations", record)
            uuid = self._id("locations", record, index)
            if uuid is None:
                continue
            where = f"locations[{uuid}]"
            if (record.get("location_type") or "physical") != "physical":
                self.report.warnings.append(f"{where}: a {record.get('location_type')} location is skipped")
                continue
            planned = self._location(uuid, record, where)
            if planned is not None:
                result[uuid] = planned
        return result

    def _location(self, uuid: str, record: Record, where: str) -> Planned | None:
        addresses = self.of("addresses", "location_id", uuid)
        for address in addresses:
            self._ignore_unknown("addresses", address)
        physical = [a for a in addresses if (a.get("address_type") or "physical") == "physical"] or addresses
        if not physical:
            self.errors.append(f"{where}: a physical location needs an address (street, postcode, city)")
            return None
        address = physical[0]
        if len(addresses) > 1:
            self.report.warnings.append(f"{where}: only one of {len(addresses)} addresses is kept")
        if _text(address.get("country")).upper() not in ("", "DE", "DEU"):
            self.errors.append(f"{where}: only addresses in Germany are supported")
        ext = self._ext(record)
        values: dict[str, Any] = {
            "name": _text(record.get("name")) or _text(address.get("address_1")),
            "street": _text(address.get("address_1")),
            "postcode": _text(address.get("postal_code")),
            "city": _text(address.get("city")),
        }
        for name in list(values):
            values[name] = _check(Location, name, values[name], where, self.errors)
        for name in ("latitude", "longitude"):
            values[name] = _decimal(record.get(name), "0.000001", f"{where}.{name}", self.errors)
            _check(Location, name, values[name], where, self.errors)
        for flag in mapping.ACCESSIBILITY_FLAGS:
            values[flag] = bool(ext.get(flag, False))
        # Our own flags come back from the extension; every other accessibility entry becomes a note.
        flag_ids = {mapping.derived_id(uuid, "accessibility", flag) for flag in mapping.ACCESSIBILITY_FLAGS}
        notes = []
        for entry in self.of("accessibility", "location_id", uuid):
            self._ignore_unknown("accessibility", entry)
            if _text(entry.get("id")).lower() not in flag_ids:
                parts = (_text(entry.get("description")), _text(entry.get("details")))
                notes.append(": ".join(part for part in parts if part))
        main = {"directions": _text(record.get("transportation")), "accessibility_notes": "\n".join(notes)}
        texts = self._texts(Location, record, main, where)
        region = _text(address.get("region"))
        district_slug = ext.get("district") or slugify(region)[:60] or None
        district = {"slug": district_slug, "name": region or district_slug} if district_slug else None
        return Planned(Location, uuid, values, texts, {"district": district})

    def _term(self, record: Record, where: str) -> int | None:
        """Our term for an attribute: by UUID, else by vocabulary and code as the dataset describes it."""
        term_id = _uuid(record.get("taxonomy_term_id"))
        if term_id is None:
            self.errors.append(
                f"{where}: taxonomy_term_id {record.get('taxonomy_term_id')!r:.60} is not a UUID"
            )
            return None
        if term_id not in self.term_cache:
            pk = TaxonomyTerm.objects.filter(uuid=term_id).values_list("pk", flat=True).first()
            described = next(
                (t for t in self.tables["taxonomy_terms"] if _text(t.get("id")).lower() == term_id), None
            )
            if pk is None and described is not None:
                key = described.get("taxonomy")
                if key not in mapping.TAXONOMY_KEYS:
                    key = mapping.taxonomy_key_for_id(_text(described.get("taxonomy_id")).lower())
                code = _text(described.get("code"))
                pk = (
                    TaxonomyTerm.objects.filter(taxonomy=key, code=code).values_list("pk", flat=True).first()
                    if key and code
                    else None
                )
            self.term_cache[term_id] = pk
        if self.term_cache[term_id] is None:
            self.errors.append(
                f"{where}: unknown taxonomy term {term_id} (terms are not created by an import)"
            )
        return self.term_cache[term_id]

    def _services(self, organizations: dict[str, Planned], locations: dict[str, Planned]) -> list[Planned]:
        self.term_cache: dict[str, int | None] = {}
        existing_orgs = set(Organization.objects.values_list("uuid", flat=True))
        existing_locations = set(Location.objects.values_list("uuid", flat=True))
        skipped_locations = {
            _text(r.get("id")).lower()
            for r in self.tables["locations"]
            if (r.get("location_type") or "physical") != "physical"
        }
        result = []
        for index, record in enumerate(self.tables["services"]):
            self._ignore_unknown("services", record)
            uuid = self._id("services", record, index)
            if uuid is None:
                continue
            where = f"services[{uuid}]"
            org = _uuid(record.get("organization_id"))
            if org is None or (org not in organizations and not any(str(u) == org for u in existing_orgs)):
                self.errors.append(
                    f"{where}: organization {record.get('organization_id')!r:.60} is not known"
                )
            planned = self._service(uuid, record, where)
            planned.extra["organization"] = org
            sals = []
            for sal in self.of("service_at_locations", "service_id", uuid):
                self._ignore_unknown("service_at_locations", sal)
                sal_id, location = _uuid(sal.get("id")), _uuid(sal.get("location_id"))
                if location in skipped_locations:
                    self.report.warnings.append(f"{where}: service at a non-physical location skipped")
                    continue
                if sal_id is None:
                    self.errors.append(
                        f"{where}.service_at_locations: id {sal.get('id')!r:.60} is not a UUID"
                    )
                    continue
                if location is None or (
                    location not in locations and not any(str(u) == location for u in existing_locations)
                ):
                    self.errors.append(f"{where}.service_at_locations[{sal_id}]: location is not known")
                    continue
                times = self._schedules(self.of("schedules", "service_at_location_id", sal_id), where)
                sals.append({"uuid": sal_id, "location": location, "schedules": times})
            if len({sal["location"] for sal in sals}) < len(sals):
                self.errors.append(f"{where}: the same location twice in service_at_locations")
            planned.extra["service_at_locations"] = sals
            own = [s for s in self.of("schedules", "service_id", uuid) if not s.get("service_at_location_id")]
            planned.extra["schedules"] = self._schedules(own, where)
            attributes = [
                a
                for a in self.of("attributes", "link_id", uuid)
                if (a.get("link_entity") or "service") == "service"
            ]
            for attribute in attributes:
                self._ignore_unknown("attributes", attribute)
            planned.extra["terms"] = {self._term(a, f"{where}.attributes") for a in attributes} - {None}
            result.append(planned)
        return result

    def _service(self, uuid: str, record: Record, where: str) -> Planned:
        ext = self._ext(record)
        errors = self.errors
        costs = self._cost_options(self.of("cost_options", "service_id", uuid), where)
        values: dict[str, Any] = {
            "slug": ext.get("slug") or slugify(_text(record.get("name")))[:80],
            "status": _text(record.get("status")) or Service.Status.ACTIVE,
            "url": _text(record.get("url")),
            "email": _text(record.get("email")),
            "interpretation_services": _text(record.get("interpretation_services")),
        }
        for name in list(values):
            values[name] = _check(Service, name, values[name], where, errors)
        values["phone"] = self._phone(Service, self.of("phones", "service_id", uuid), where)
        for name in ("minimum_age", "maximum_age"):
            values[name] = _check(
                Service, name, _int(record.get(name), f"{where}.{name}", errors), where, errors
            )
        low, high = values["minimum_age"], values["maximum_age"]
        if low is not None and high is not None and low > high:
            errors.append(f"{where}: minimum_age is above maximum_age")
        for flag in mapping.SERVICE_FLAGS:
            default = flag == "free_of_charge" and not any(amount for _option, amount in costs)
            values[flag] = bool(ext.get(flag, default))
        confirmed = _datetime(ext.get("confirmed_at"), f"{where}.{EXT}.confirmed_at", errors)
        assured = _date(record.get("assured_date"), f"{where}.assured_date", errors)
        if confirmed is None and assured is not None:
            confirmed = timezone.make_aware(datetime.combine(assured, time()))
        values["confirmed_at"] = confirmed
        main = {name: _text(record.get(name)) for name in mapping.SERVICE_TEXT}
        texts = self._texts(Service, record, main, where)
        codes = []
        for language in self.of("languages", "service_id", uuid):
            self._ignore_unknown("languages", language)
            code = _text(language.get("code")).strip().lower()
            if not code:
                self.report.warnings.append(f"{where}: a language without code is skipped")
            elif _check(ServiceLanguage, "code", code, f"{where}.languages", errors) and code not in codes:
                codes.append(code)
        contacts = []
        for contact in self.of("contacts", "service_id", uuid):
            self._ignore_unknown("contacts", contact)
            cwhere = f"{where}.contacts[{contact.get('id')}]"
            contacts.append(
                {
                    name: _check(Contact, name, _text(contact.get(name)), cwhere, errors)
                    for name in ("name", "title", "email")
                }
                | {
                    "phone": self._phone(
                        Contact, self.of("phones", "contact_id", _text(contact.get("id")).lower()), cwhere
                    )
                }
            )
        areas = []
        for area in self.of("service_areas", "service_id", uuid):
            self._ignore_unknown("service_areas", area)
            spec = self._ext(area).get("district") or {}
            name = _text(area.get("name"))
            slug = spec.get("slug") or slugify(name)[:60]
            if not slug:
                errors.append(f"{where}.service_areas[{area.get('id')}]: a service area needs a name")
                continue
            areas.append(
                {
                    "slug": slug,
                    "name": name or slug,
                    "social_area": _text(spec.get("social_area") if spec else area.get("description")),
                    "latitude": _decimal(spec.get("latitude"), "0.000001", f"{where}.service_areas", errors),
                    "longitude": _decimal(
                        spec.get("longitude"), "0.000001", f"{where}.service_areas", errors
                    ),
                }
            )
        extra = {"languages": codes, "cost_options": costs, "contacts": contacts, "districts": areas}
        return Planned(Service, uuid, values, texts, extra)

    def _cost_options(self, records: list[Record], where: str) -> list[tuple[str, Decimal | None]]:
        result = []
        for record in records:
            self._ignore_unknown("cost_options", record)
            cwhere = f"{where}.cost_options[{record.get('id')}]"
            currency = _text(record.get("currency")).upper()
            if currency and currency != mapping.CURRENCY:
                self.errors.append(f"{cwhere}: only amounts in EUR are supported (currency {currency!r:.10})")
            option = _text(record.get("option")) or _text(record.get("amount_description"))
            amount = _decimal(record.get("amount"), "0.01", f"{cwhere}.amount", self.errors)
            option = _check(CostOption, "option", option, cwhere, self.errors)
            amount = _check(CostOption, "amount", amount, cwhere, self.errors)
            result.append((option, amount))
        return result

    def _schedules(self, records: list[Record], where: str) -> list[tuple[Any, ...]]:
        """Weekly times only: one row per weekday of ``byday``; other rules are skipped with a warning."""
        result = []
        for record in records:
            self._ignore_unknown("schedules", record)
            swhere = f"{where}.schedules[{record.get('id')}]"
            freq = _text(record.get("freq") or "WEEKLY").upper()
            days = [d.strip().upper() for d in _text(record.get("byday")).split(",") if d.strip()]
            interval = _text(record.get("interval") or "1")
            if freq != "WEEKLY" or interval not in ("1", "1.0") or not days:
                self.report.warnings.append(f"{swhere}: only weekly times with byday are supported, skipped")
                continue
            if any(day not in mapping.WEEKDAY_CODES for day in days):
                self.report.warnings.append(
                    f"{swhere}: byday {record.get('byday')!r:.30} not supported, skipped"
                )
                continue
            if not record.get("opens_at") or not record.get("closes_at"):
                self.report.warnings.append(f"{swhere}: no opens_at/closes_at, skipped")
                continue
            opens = _time(record.get("opens_at"), f"{swhere}.opens_at", self.errors)
            closes = _time(record.get("closes_at"), f"{swhere}.closes_at", self.errors)
            if opens and closes and opens >= closes:
                self.errors.append(f"{swhere}: closes_at must be after opens_at")
            valid_from = _date(record.get("valid_from"), f"{swhere}.valid_from", self.errors)
            valid_until = _date(record.get("valid_to"), f"{swhere}.valid_to", self.errors)
            for day in days:
                result.append((mapping.WEEKDAY_CODES.index(day), opens, closes, valid_from, valid_until))
        return result
