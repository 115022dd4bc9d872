"""Writes of the social-area monitoring: the district-statistics import and the index weights.

The import is all or nothing: every row is checked first, and a file with a single bad row stores
nothing. The errors name the row (line number of the file, header = line 1) and what is wrong.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from auditlog.context import auditlog_value, set_actor
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from familienbuero.accounts.models import User
from familienbuero.monitoring.models import BurdenIndexWeights, DistrictStatistics
from familienbuero.tenancy.models import District, Municipality

#: CSV column -> model field, in the order of the documented format (README, docs/examples).
COLUMNS: dict[str, str] = {
    "stichtag": "reference_date",
    "bezirk": "district",
    "einwohner": "population",
    "familien_mit_kindern_unter_18": "families_with_children",
    "personen_unter_20": "persons_under_20",
    "migrationshintergrund": "migration_background",
    "arbeitslose_sgb2": "unemployed_sgb2",
    "arbeitslose_sgb3": "unemployed_sgb3",
    "kita_familien": "kita_families",
    "kita_einkommen_bis_15000": "income_up_to_15000",
    "kita_einkommen_15001_bis_36000": "income_15001_to_36000",
    "hze_gesamt": "hze_total",
    "hze_stationaer": "hze_residential",
}
COUNT_COLUMNS = [column for column in COLUMNS if column not in ("stichtag", "bezirk")]
#: Optional column: area of the district in km² (2.1 or 2,1); empty or missing = unknown.
AREA_COLUMN = "flaeche_km2"
_AREA = re.compile(r"^\d{1,5}([.,]\d{1,2})?$")
MAX_FILE_BYTES = 2 * 1024 * 1024
_NUMBER = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+)$")  # 14412 or 14.412 (German thousands separator)


@dataclass(frozen=True)
class RowError:
    line: int  # line of the file; 1 is the header
    message: str

    def __str__(self) -> str:
        return _("Row %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ImportRejected(Exception):
    """The file has errors; nothing was stored."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def _parse_date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _decode(content: bytes | str) -> str:
    if isinstance(content, str):
        return content.lstrip("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252")  # spreadsheet exports on Windows


def _part_errors(values: dict[str, int]) -> list[str]:
    """Parts larger than their wholes, as readable sentences."""
    labels = column_labels()
    checks = [
        (["familien_mit_kindern_unter_18"], "einwohner"),
        (["personen_unter_20"], "einwohner"),
        (["migrationshintergrund"], "einwohner"),
        (["arbeitslose_sgb2", "arbeitslose_sgb3"], "einwohner"),
        (["kita_familien"], "familien_mit_kindern_unter_18"),
        (["kita_einkommen_bis_15000", "kita_einkommen_15001_bis_36000"], "kita_familien"),
        (["hze_stationaer"], "hze_gesamt"),
    ]
    messages = []
    for parts, whole in checks:
        part = sum(values[p] for p in parts)
        if part > values[whole]:
            messages.append(
                _("%(part)s (%(part_value)s) is larger than %(whole)s (%(whole_value)s).")
                % {
                    "part": _(" plus ").join(f"{labels[p]} ({p})" for p in parts),
                    "part_value": part,
                    "whole": f"{labels[whole]} ({whole})",
                    "whole_value": values[whole],
                }
            )
    return messages


def column_labels() -> dict[str, str]:
    fields = {f.name: f for f in DistrictStatistics._meta.get_fields()}
    labels = {column: str(fields[field].verbose_name) for column, field in COLUMNS.items()}
    labels[AREA_COLUMN] = _("%(label)s – optional") % {"label": fields["area_km2"].verbose_name}
    return labels


def _header_errors(header: list[str]) -> list[RowError]:
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column and column not in COLUMNS and column != AREA_COLUMN]
    errors = []
    if missing:
        errors.append(RowError(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
    if unknown:
        errors.append(RowError(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}))
    return errors


def _counts(raw: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    values: dict[str, int] = {}
    errors: list[str] = []
    for column in COUNT_COLUMNS:
        value = raw[column]
        if value.startswith("-") and _NUMBER.match(value[1:]):
            errors.append(_("%(column)s is negative (%(value)s).") % {"column": column, "value": value})
        elif not _NUMBER.match(value):
            errors.append(
                _("%(column)s: “%(value)s” is not a whole number.") % {"column": column, "value": value}
            )
        else:
            values[column] = int(value.replace(".", ""))
    if not errors:
        errors += _part_errors(values)
    return values, errors


def _area(raw: dict[str, str]) -> tuple[Decimal | None, list[str]]:
    value = raw.get(AREA_COLUMN, "")
    if not value:
        return None, []
    if not _AREA.match(value) or not Decimal(value.replace(",", ".")):
        message = _("%(column)s: “%(value)s” is not an area above 0 (e.g. 2.5).")
        return None, [message % {"column": AREA_COLUMN, "value": value}]
    return Decimal(value.replace(",", ".")), []


def _district_lookup(municipality: Municipality) -> dict[str, District]:
    with scope(municipality=municipality):
        districts = list(District.objects.filter(municipality=municipality))
    by_key: dict[str, District] = {}
    for district in districts:
        by_key[district.slug.lower()] = district
        by_key[district.name.strip().lower()] = district
    return by_key


def parse_district_statistics(municipality: Municipality, content: bytes | str) -> list[DistrictStatistics]:
    """Checks every row; returns unsaved rows, or raises ``ImportRejected`` listing every bad row."""
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    errors = _header_errors(header)
    if errors:
        raise ImportRejected(errors)
    by_key = _district_lookup(municipality)
    rows: list[DistrictStatistics] = []
    seen: dict[tuple[int, date], int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = _("%(found)s fields instead of %(expected)s.") % {
                "found": len(cells),
                "expected": len(header),
            }
            errors.append(RowError(line, message))
            continue
        raw = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
        row_errors: list[str] = []
        district = by_key.get(raw["bezirk"].lower())
        if district is None:
            row_errors.append(_("Unknown district “%(name)s”.") % {"name": raw["bezirk"]})
        reference_date = _parse_date(raw["stichtag"])
        if reference_date is None:
            row_errors.append(
                _("“%(value)s” is not a date (use 2021-12-31 or 31.12.2021).") % {"value": raw["stichtag"]}
            )
        values, count_errors = _counts(raw)
        area, area_errors = _area(raw)
        row_errors += count_errors + area_errors
        if district is not None and reference_date is not None:
            key = (district.pk, reference_date)
            if key in seen:
                row_errors.append(
                    _("%(district)s on %(date)s is already in row %(line)s.")
                    % {"district": district.name, "date": f"{reference_date:%d.%m.%Y}", "line": seen[key]}
                )
            seen.setdefault(key, line)
        if row_errors:
            errors += [RowError(line, message) for message in row_errors]
            continue
        rows.append(
            DistrictStatistics(
                municipality=municipality,
                district=district,
                reference_date=reference_date,
                area_km2=area,
                **{COLUMNS[column]: number for column, number in values.items()},
            )
        )
    if not rows and not errors:
        errors.append(RowError(2, _("The file contains no rows.")))
    if errors:
        raise ImportRejected(errors)
    return rows


@contextlib.contextmanager
def _audit_actor(actor: User | None) -> Iterator[None]:
    """The audit log (django-auditlog) names ``actor``; the context variable is restored afterwards
    (``set_actor`` leaves it set; the same helper as in contacts.services)."""
    if actor is None:
        yield
        return
    previous = auditlog_value.get(None)
    token = auditlog_value.set(previous)
    remote = previous or {}
    try:
        with set_actor(actor, remote_addr=remote.get("remote_addr"), remote_port=remote.get("remote_port")):
            yield
    finally:
        auditlog_value.reset(token)


def import_district_statistics(
    municipality: Municipality, content: bytes | str, *, actor: User | None = None
) -> int:
    """Stores every row of the file, or nothing (``ImportRejected``). A district's figures for a
    reference date that was imported before are replaced; the audit log records who stored what.
    Returns the number of rows stored."""
    with _audit_actor(actor), transaction.atomic():
        return _store(municipality, parse_district_statistics(municipality, content))


def _store(municipality: Municipality, rows: list[DistrictStatistics]) -> int:
    fields = [field for field in COLUMNS.values() if field not in ("district", "reference_date")]
    fields.append("area_km2")
    with scope(municipality=municipality):
        for row in rows:
            DistrictStatistics.objects.update_or_create(
                municipality=municipality,
                district=row.district,
                reference_date=row.reference_date,
                defaults={field: getattr(row, field) for field in fields},
            )
    return len(rows)


def save_weights(*, weights: BurdenIndexWeights, actor: User | None) -> BurdenIndexWeights:
    with _audit_actor(actor), transaction.atomic():
        weights.save()
    return weights


def weights_for(municipality: Municipality) -> BurdenIndexWeights:
    """The municipality's weights; the defaults (unsaved) until a coordinator sets them."""
    with scope(municipality=municipality):
        found = BurdenIndexWeights.objects.filter(municipality=municipality).first()
    return found or BurdenIndexWeights(municipality=municipality)
