"""Reading HSDS 3.0 datasets into flat tables, whatever their layout.

Supported layouts:

- one JSON file: an object with arrays per table (``organizations``, ``services``, ``locations``,
  ``taxonomy_terms`` …), objects may be nested (a service with its ``organization``,
  ``service_at_locations`` with their ``location`` …) — this is what ``export_hsds`` writes;
- a directory with one file per table, ``<table>.json`` (an array) or ``<table>.csv`` (the tabular
  layout of the Open Referral specification, ``datapackage.json`` beside it is not needed);
  singular names (``service_at_location.csv``) are accepted.

Nested objects are flattened into their tables with the link id (``service_id`` …) filled in from the
parent, so that the importer sees one shape only.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from familienbuero.directory.hsds.mapping import EXTENSION

Record = dict[str, Any]
Tables = dict[str, list[Record]]

TABLES = (
    "organizations",
    "services",
    "locations",
    "addresses",
    "accessibility",
    "phones",
    "service_at_locations",
    "schedules",
    "languages",
    "cost_options",
    "contacts",
    "service_areas",
    "attributes",
    "taxonomies",
    "taxonomy_terms",
)
# Tables of HSDS 3.0 that have no counterpart here: read, counted, reported as ignored.
IGNORED_TABLES = (
    "funding",
    "programs",
    "required_documents",
    "metadata",
    "organization_identifiers",
    "meta_table_descriptions",
)
ALIASES = {
    "organization": "organizations",
    "service": "services",
    "location": "locations",
    "address": "addresses",
    "accessibility_for_disabilities": "accessibility",
    "phone": "phones",
    "service_at_location": "service_at_locations",
    "schedule": "schedules",
    "language": "languages",
    "cost_option": "cost_options",
    "contact": "contacts",
    "service_area": "service_areas",
    "attribute": "attributes",
    "taxonomy": "taxonomies",
    "taxonomy_term": "taxonomy_terms",
    "program": "programs",
    "required_document": "required_documents",
    "organization_identifier": "organization_identifiers",
    "meta_table_description": "meta_table_descriptions",
}
# parent table -> nested key -> (child table, link field set on the child, or None for a single object
# that the parent refers to by ``<key>_id``)
NESTED: dict[str, dict[str, tuple[str, str | None]]] = {
    "organizations": {
        "phones": ("phones", "organization_id"),
        "services": ("services", "organization_id"),
        "contacts": ("contacts", "organization_id"),
        "locations": ("locations", "organization_id"),
        "attributes": ("attributes", "link_id"),
    },
    "services": {
        "organization": ("organizations", None),
        "phones": ("phones", "service_id"),
        "schedules": ("schedules", "service_id"),
        "service_areas": ("service_areas", "service_id"),
        "service_at_locations": ("service_at_locations", "service_id"),
        "languages": ("languages", "service_id"),
        "cost_options": ("cost_options", "service_id"),
        "contacts": ("contacts", "service_id"),
        "attributes": ("attributes", "link_id"),
    },
    "service_at_locations": {
        "location": ("locations", None),
        "schedules": ("schedules", "service_at_location_id"),
        "phones": ("phones", "service_at_location_id"),
        "contacts": ("contacts", "service_at_location_id"),
        "attributes": ("attributes", "link_id"),
    },
    "locations": {
        "addresses": ("addresses", "location_id"),
        "accessibility": ("accessibility", "location_id"),
        "phones": ("phones", "location_id"),
        "schedules": ("schedules", "location_id"),
        "languages": ("languages", "location_id"),
        "contacts": ("contacts", "location_id"),
        "attributes": ("attributes", "link_id"),
    },
    "contacts": {"phones": ("phones", "contact_id")},
    "phones": {"languages": ("languages", "phone_id")},
    "attributes": {"taxonomy_term": ("taxonomy_terms", None)},
    "taxonomy_terms": {"taxonomy_detail": ("taxonomies", None)},
}
LINK_ENTITY = {"organizations": "organization", "services": "service", "locations": "location"}


class DatasetError(Exception):
    """The files cannot be read as an HSDS dataset at all."""


def _table_name(name: str) -> str | None:
    name = ALIASES.get(name, name)
    return name if name in TABLES or name in IGNORED_TABLES else None


def _read_csv(path: Path) -> list[Record]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [
            {key: (value if value != "" else None) for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f"{path.name}: not valid JSON ({error})") from error


def _read_directory(path: Path, raw: dict[str, list[Any]], notes: list[str]) -> Record:
    header: Record = {}
    for file in sorted(path.iterdir()):
        if file.name == "datapackage.json" or file.suffix not in (".json", ".csv"):
            continue
        if file.stem == EXTENSION and file.suffix == ".json":
            header = _read_json(file)
            continue
        table = _table_name(file.stem)
        if table is None:
            notes.append(f"{file.name}: not an HSDS table, skipped")
            continue
        content = _read_csv(file) if file.suffix == ".csv" else _read_json(file)
        if not isinstance(content, list):
            raise DatasetError(f"{file.name}: expected a list of objects")
        raw[table].extend(content)
    return header


def _read_file(path: Path, raw: dict[str, list[Any]], notes: list[str]) -> Record:
    content = _read_json(path)
    if isinstance(content, list):
        content = {"services": content}
    if not isinstance(content, dict):
        raise DatasetError(f"{path.name}: expected an object with one array per table")
    header: Record = {}
    for key, value in content.items():
        if key == EXTENSION:
            header = value
            continue
        table = _table_name(key)
        if table is None:
            notes.append(f"top-level key {key!r}: not an HSDS table, skipped")
            continue
        if not isinstance(value, list):
            raise DatasetError(f"{key}: expected a list of objects")
        raw[table].extend(value)
    return header


def read(path: Path) -> tuple[Tables, Record, list[str]]:
    """Reads a file or directory; returns the flat tables, the ``x_familienbuero`` header and notes
    about files that were skipped."""
    raw: dict[str, list[Any]] = defaultdict(list)
    notes: list[str] = []
    if path.is_dir():
        header = _read_directory(path, raw, notes)
    elif path.is_file():
        header = _read_file(path, raw, notes)
    else:
        raise DatasetError(f"{path}: no such file or directory")
    return flatten(raw), header if isinstance(header, dict) else {}, notes


class _Flattener:
    """Moves nested objects into their tables. The first occurrence of an id wins; a later one only
    fills in fields the first lacks. Link ids (``service_id`` …) are filled in from the parent."""

    def __init__(self) -> None:
        self.tables: Tables = {name: [] for name in (*TABLES, *IGNORED_TABLES)}
        self.by_id: dict[tuple[str, str], Record] = {}

    def add(self, table: str, value: Any, link: tuple[str, Any, str | None] | None = None) -> Record | None:
        if not isinstance(value, dict):
            self.tables.setdefault("_invalid", []).append({"table": table, "value": repr(value)[:80]})
            return None
        record = dict(value)
        nested = {key: record.pop(key) for key in NESTED.get(table, {}) if key in record}
        if link is not None:
            field, parent_id, entity = link
            if record.get(field) in (None, ""):
                record[field] = parent_id
            if field == "link_id" and not record.get("link_entity"):
                record["link_entity"] = entity
        record = self._merge(table, record)
        for key, child in nested.items():
            self._add_nested(table, record, key, child)
        return record

    def _merge(self, table: str, record: Record) -> Record:
        key = (table, str(record["id"]).lower()) if record.get("id") not in (None, "") else None
        if key is None or key not in self.by_id:
            self.tables[table].append(record)
            if key is not None:
                self.by_id[key] = record
            return record
        existing = self.by_id[key]
        for field, value in record.items():
            if existing.get(field) in (None, "", []):
                existing[field] = value
        return existing

    def _add_nested(self, table: str, record: Record, key: str, child: Any) -> None:
        child_table, link_field = NESTED[table][key]
        if child in (None, ""):
            return
        if link_field is None:
            added = self.add(child_table, child)
            if added is not None and added.get("id") and not record.get(f"{key}_id"):
                record[f"{key}_id"] = added["id"]
            return
        for item in child if isinstance(child, list) else [child]:
            self.add(child_table, item, (link_field, record.get("id"), LINK_ENTITY.get(table)))


def flatten(raw: dict[str, list[Any]]) -> Tables:
    flattener = _Flattener()
    # Top-level records of the referenced tables first: they win over copies nested in services.
    order = ("organizations", "locations", "taxonomies", "taxonomy_terms")
    for table in (*order, *(t for t in (*TABLES, *IGNORED_TABLES) if t not in order)):
        for record in raw.get(table, []):
            flattener.add(table, record)
    return flattener.tables
