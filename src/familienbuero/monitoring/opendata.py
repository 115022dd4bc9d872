"""Open data: a registry of statistics, their disclosure-controlled CSV, CSVW and DCAT-AP.de descriptions.

Why: a municipality may publish aggregated figures of its family office (Open.NRW, GovData) without any
manual export step and without ever publishing a figure small enough to identify a family. A statistic
is registered once (:func:`register`) and is then available for every municipality as

* a CSV file (RFC 4180: UTF-8 without byte-order mark, comma, CRLF, header row, totals row and column;
  figures below the threshold as ``"<5"``, protecting suppressions as ``"."`` – see ``disclosure.py``),
* a W3C "CSV on the Web" metadata file describing columns, data types, markers, licence and publisher,
* an entry in the municipality's DCAT-AP.de catalogue (JSON-LD) that portals harvest.

Everything here is German: the data and their metadata are published in German (DCAT-AP.de asks for
German texts; other languages would have to carry language tags). Only the HTML page is translated.
This module builds plain Python structures; ``views.py`` turns them into responses.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone, translation

from familienbuero.monitoring.disclosure import (
    DEFAULT_THRESHOLD,
    HIDDEN_MARKER,
    ProtectedTable,
    protect,
    small_marker,
)
from familienbuero.tenancy.models import Municipality

LICENSE_URI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
LICENSE_NAME = "Datenlizenz Deutschland – Namensnennung – 2.0"
LICENSE_TEXT_URL = "https://www.govdata.de/dl-de/by-2-0"

THEME = "http://publications.europa.eu/resource/authority/data-theme/"
THEME_GOVERNMENT = THEME + "GOVE"
THEME_SOCIETY = THEME + "SOCI"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCY_IRREGULAR = FREQUENCY + "IRREG"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
LANGUAGE_GERMAN = "http://publications.europa.eu/resource/authority/language/DEU"

TOTAL_LABEL = "Insgesamt"
TOTAL_NAME = "insgesamt"

_NAME = re.compile(r"[a-z][a-z0-9_]*")
#: A label starting with one of these would be run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CrossTable:
    """A two-way table of counts as a dataset's ``build`` function returns it.

    ``rows`` and ``columns`` are (machine name, German label) pairs. The shape must not depend on the
    counts (e.g. list every district, not only districts with rooms): which rows exist is published.
    """

    row_dimension: str
    column_dimension: str
    row_name: str
    rows: Sequence[tuple[str, str]]
    columns: Sequence[tuple[str, str]]
    counts: Sequence[Sequence[int]]
    unit: str


def snapshot(today: date) -> tuple[date, date]:
    """Temporal coverage of a statistic of the current state: the day it is produced (Stichtag)."""
    return today, today


@dataclass(frozen=True)
class Dataset:
    """A registered statistic. Title and description are German and free of place and date
    (DCAT-AP.de convention 19: those go to the geocoding and ``dct:temporal``)."""

    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    themes: tuple[str, ...]
    build: Callable[[Municipality], CrossTable]
    accrual_periodicity: str = FREQUENCY_IRREGULAR
    coverage: Callable[[date], tuple[date, date]] = snapshot
    threshold: int = DEFAULT_THRESHOLD


_registry: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    """Adds a statistic to every municipality's open data. Call once, e.g. in ``AppConfig.ready()``."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", dataset.slug) or dataset.slug == "catalog":
        raise ValueError(f"invalid dataset slug {dataset.slug!r}")
    protect([], dataset.threshold)  # refuses an unusable threshold now rather than on the first download
    existing = _registry.get(dataset.slug)
    if existing is not None and existing != dataset:
        raise ValueError(f"another dataset is already registered as {dataset.slug!r}")
    _registry[dataset.slug] = dataset
    return dataset


def unregister(slug: str) -> None:
    """Removes a statistic (tests register temporary ones)."""
    _registry.pop(slug, None)


def registered() -> list[Dataset]:
    return sorted(_registry.values(), key=lambda dataset: dataset.slug)


def get_dataset(slug: str) -> Dataset | None:
    return _registry.get(slug)


@dataclass(frozen=True)
class Release:
    """One statistic of one municipality on one day, after disclosure control."""

    dataset: Dataset
    municipality: Municipality
    table: CrossTable
    protected: ProtectedTable
    produced: date
    coverage: tuple[date, date]

    @property
    def publisher(self) -> str:
        return publisher_name(self.municipality)

    def header(self) -> list[str]:
        return [self.table.row_dimension, *(label for _name, label in self.table.columns), TOTAL_LABEL]

    def body(self) -> list[list[str]]:
        """Data rows and the totals row, every figure already disclosure-controlled."""
        protected = self.protected
        lines = [
            [label, *map(str, cells), str(total)]
            for (_name, label), cells, total in zip(
                self.table.rows, protected.cells, protected.row_totals, strict=True
            )
        ]
        lines.append([TOTAL_LABEL, *map(str, protected.column_totals), str(protected.grand_total)])
        return lines


def publisher_name(municipality: Municipality) -> str:
    return municipality.authority_name or municipality.name


def release(dataset: Dataset, municipality: Municipality, today: date | None = None) -> Release:
    """Builds and protects ``dataset`` for ``municipality``; the German labels come from the catalogue."""
    today = today or timezone.localdate()
    with translation.override("de"):
        table = dataset.build(municipality)
        table = CrossTable(
            row_dimension=_label(table.row_dimension),
            column_dimension=_label(table.column_dimension),
            row_name=table.row_name,
            rows=[(name, _label(label)) for name, label in table.rows],
            columns=[(name, _label(label)) for name, label in table.columns],
            counts=[list(row) for row in table.counts],
            unit=str(table.unit),
        )
    _check_shape(table)
    return Release(
        dataset=dataset,
        municipality=municipality,
        table=table,
        protected=protect(table.counts, dataset.threshold),
        produced=today,
        coverage=dataset.coverage(today),
    )


def _label(text: object) -> str:
    """A label as text (lazy translations resolved), never starting like a spreadsheet formula."""
    text = str(text)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _check_shape(table: CrossTable) -> None:
    names = [table.row_name, *(name for name, _label in table.columns), TOTAL_NAME]
    for name in names:
        if not _NAME.fullmatch(name):
            raise ValueError(f"column name {name!r} is not a CSVW name (a-z, 0-9, _)")
    if len(set(names)) != len(names):
        raise ValueError("column names must be unique")
    labels = [label for _name, label in table.rows]
    if len(set(labels)) != len(labels) or TOTAL_LABEL in labels:
        raise ValueError("row labels must be unique and differ from the totals row")
    if len(table.counts) != len(table.rows) or any(len(row) != len(table.columns) for row in table.counts):
        raise ValueError("counts do not match the rows and columns")


def csv_text(item: Release) -> str:
    """The CSV file: header row, one row per table row, totals row; totals in the last column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(item.header())
    writer.writerows(item.body())
    return buffer.getvalue()


def marker_explanation(threshold: int) -> str:
    return (
        f"„{small_marker(threshold)}“: 1 bis {threshold - 1} (0 wird als 0 angegeben). "
        f"„{HIDDEN_MARKER}“: geheim gehalten – eine Summe unter {threshold} oder ein Wert, aus dem sich "
        f"sonst ein Wert unter {threshold} errechnen ließe; eine Zelle mit „{HIDDEN_MARKER}“ enthält "
        f"mindestens {threshold}."
    )


def _description(item: Release) -> str:
    return (
        f"{item.dataset.description} Zeilen: {item.table.row_dimension}; Spalten: "
        f"{item.table.column_dimension}; Werte: {item.table.unit}. Letzte Zeile und letzte Spalte: "
        f"Summen. Geheimhaltung: {marker_explanation(item.dataset.threshold)}"
    )


def _agent(municipality: Municipality, terms: str = "dct") -> dict[str, Any]:
    """The publisher; ``terms`` is the prefix of Dublin Core terms in the context (CSVW calls it "dc")."""
    return {
        "@type": "foaf:Agent",
        "foaf:name": publisher_name(municipality),
        f"{terms}:type": {"@id": "http://purl.org/adms/publishertype/LocalAuthority"},
    }


def csvw_metadata(item: Release, csv_url: str) -> dict[str, Any]:
    """W3C CSV on the Web metadata (``<file>.csv-metadata.json``) for the CSV at ``csv_url``."""
    threshold = item.dataset.threshold
    figure = {
        "datatype": {"base": "nonNegativeInteger"},
        "null": [small_marker(threshold), HIDDEN_MARKER],
    }
    columns: list[dict[str, Any]] = [
        {
            "name": item.table.row_name,
            "titles": {"de": item.table.row_dimension},
            "datatype": "string",
            "required": True,
            "dc:description": f"{item.table.row_dimension}; „{TOTAL_LABEL}“ = Summenzeile",
        }
    ]
    columns += [
        {
            "name": name,
            "titles": {"de": label},
            "dc:description": f"{item.table.unit}: {item.table.column_dimension} {label}",
            **figure,
        }
        for name, label in item.table.columns
    ]
    columns.append(
        {
            "name": TOTAL_NAME,
            "titles": {"de": TOTAL_LABEL},
            "dc:description": f"{item.table.unit}: Summe der Zeile",
            **figure,
        }
    )
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "de"}],
        "url": csv_url,
        "dc:title": item.dataset.title,
        "dc:description": _description(item),
        "dc:publisher": _agent(item.municipality, terms="dc"),
        "dc:license": {"@id": LICENSE_URI},
        "dc:rights": f"{LICENSE_NAME}, Namensnennung: {item.publisher}",
        "dc:modified": {"@value": item.produced.isoformat(), "@type": "xsd:date"},
        "dcat:keyword": list(item.dataset.keywords),
        "dialect": {
            "encoding": "utf-8",
            "delimiter": ",",
            "quoteChar": '"',
            "doubleQuote": True,
            "header": True,
            "headerRowCount": 1,
            "lineTerminators": ["\r\n"],
            "skipInitialSpace": False,
            "trim": False,
        },
        "tableSchema": {"columns": columns, "primaryKey": item.table.row_name},
    }


@dataclass(frozen=True)
class Links:
    """Absolute addresses the catalogue points to (built by the view from the request)."""

    page: str
    catalog: str
    csv: Callable[[str], str]
    metadata: Callable[[str], str]


CATALOG_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": "de"}


def _day(value: date) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _geocoding(municipality: Municipality) -> dict[str, Any]:
    """Political geocoding by the official municipality key (DCAT-AP.de conventions 8, 9 and 11);
    without a key, the name as free text (convention 10)."""
    if not municipality.official_key:
        return {"dcatde:geocodingDescription": _text(municipality.name)}
    key = {"@id": f"{GEOCODING}municipalityKey/{municipality.official_key}"}
    return {
        "dcatde:politicalGeocodingURI": key,
        "dcatde:politicalGeocodingLevelURI": {"@id": f"{GEOCODING}Level/municipality"},
        "dct:spatial": key,
    }


def _distributions(item: Release, links: Links) -> list[dict[str, Any]]:
    slug = item.dataset.slug
    licence = {
        "dct:license": {"@id": LICENSE_URI},
        "dcatde:licenseAttributionByText": item.publisher,
        "dct:modified": _day(item.produced),
        "adms:status": {"@id": "http://purl.org/adms/status/Completed"},
    }
    csv_url, metadata_url = links.csv(slug), links.metadata(slug)
    return [
        {
            "@id": f"{links.page}#{slug}-csv",
            "@type": "dcat:Distribution",
            "dct:title": _text(f"{item.dataset.title} (CSV)"),
            "dct:description": _text(_description(item)),
            "dcat:accessURL": {"@id": csv_url},
            "dcat:downloadURL": {"@id": csv_url},
            "dct:format": {"@id": f"{FILE_TYPE}CSV"},
            "dcat:mediaType": {"@id": f"{MEDIA_TYPE}text/csv"},
            "dct:conformsTo": {"@id": "https://www.rfc-editor.org/rfc/rfc4180"},
            "foaf:page": {"@id": metadata_url},
            **licence,
        },
        {
            "@id": f"{links.page}#{slug}-csvw",
            "@type": "dcat:Distribution",
            "dct:title": _text(f"{item.dataset.title} – Beschreibung der CSV-Datei (CSV on the Web)"),
            "dct:description": _text(
                "Maschinenlesbare Beschreibung der Spalten, Datentypen und Geheimhaltungszeichen "
                "nach W3C „CSV on the Web“."
            ),
            "dcat:accessURL": {"@id": metadata_url},
            "dcat:downloadURL": {"@id": metadata_url},
            "dct:format": {"@id": f"{FILE_TYPE}JSON_LD"},
            "dcat:mediaType": {"@id": f"{MEDIA_TYPE}application/csvm+json"},
            "dct:conformsTo": {"@id": "http://www.w3.org/ns/csvw"},
            **licence,
        },
    ]


def _dataset_node(item: Release, links: Links) -> dict[str, Any]:
    municipality, dataset = item.municipality, item.dataset
    start, end = item.coverage
    return {
        "@id": f"{links.page}#{dataset.slug}",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{links.page}#{dataset.slug}",
        "dct:title": _text(dataset.title),
        "dct:description": _text(_description(item)),
        "dcat:keyword": [_text(keyword) for keyword in dataset.keywords],
        "dcat:theme": [{"@id": theme} for theme in dataset.themes],
        "dct:publisher": _agent(municipality),
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": item.publisher,
            "vcard:hasURL": {"@id": links.page},
        },
        "dcat:landingPage": {"@id": f"{links.page}#{dataset.slug}"},
        "dct:language": {"@id": LANGUAGE_GERMAN},
        "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": dataset.accrual_periodicity},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _day(start),
            "dcat:endDate": _day(end),
        },
        "dct:modified": _day(item.produced),
        **_geocoding(municipality),
        "dcat:distribution": _distributions(item, links),
    }


def dcat_catalog(municipality: Municipality, releases: Sequence[Release], links: Links) -> dict[str, Any]:
    """The municipality's DCAT-AP.de catalogue as JSON-LD: one ``dcat:Dataset`` per registered statistic."""
    today = max((item.produced for item in releases), default=timezone.localdate())
    return {
        "@context": CATALOG_CONTEXT,
        "@id": f"{links.page}#katalog",
        "@type": "dcat:Catalog",
        "dct:title": _text(f"Offene Daten des Familienbüros {municipality.name}"),
        "dct:description": _text(
            "Zusammengefasste Zahlen des Familienbüros. Werte unter der Geheimhaltungsschwelle und "
            "Werte, aus denen sie errechnet werden könnten, sind geheim gehalten."
        ),
        "dct:publisher": _agent(municipality),
        "foaf:homepage": {"@id": links.page},
        "dct:language": {"@id": LANGUAGE_GERMAN},
        "dct:license": {"@id": LICENSE_URI},
        "dct:modified": _day(today),
        "dcat:themeTaxonomy": {"@id": "http://publications.europa.eu/resource/authority/data-theme"},
        **_geocoding(municipality),
        "dcat:dataset": [_dataset_node(item, links) for item in releases],
    }
