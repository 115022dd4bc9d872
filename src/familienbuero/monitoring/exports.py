"""The social-area report as CSV (semicolon, UTF-8 with BOM) and as an XLSX workbook (openpyxl)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from familienbuero.monitoring.reports import SocialAreaReport

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (district names come from the coordinators)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: int | Decimal | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return number_format(value, 1)
    return str(value)


def _title(report: SocialAreaReport) -> str:
    return _("Social-area report %(quarter)s, reference date %(date)s") % {
        "quarter": report.quarter.name,
        "date": date_format(report.reference_date, "SHORT_DATE_FORMAT"),
    }


def _figure_rows(report: SocialAreaReport) -> list[list[object]]:
    return [
        [figure.section, figure.label, figure.value, _("%") if figure.is_percent else _("count")]
        for figure in report.figures()
    ]


def _district_header() -> list[str]:
    return [
        _("District"),
        _("Densest district"),
        _("Inhabitants"),
        _("Share of the quarter's inhabitants (%)"),
        _("Inhabitants per km²"),
        _("Rank in the city (density)"),
        _("Families with children under 18"),
        _("Persons under 20"),
        _("Migration background"),
        _("Share of inhabitants with migration background (%)"),
        _("Rank in the city (migration share)"),
        _("Kita families with up to 15,000 € (%)"),
        _("Educational support cases"),
        _("Share of the quarter's cases (%)"),
        _("Residential cases"),
        _("Share of the quarter's residential cases (%)"),
    ]


def _district_rows(report: SocialAreaReport) -> list[list[object]]:
    return [
        [
            d.name,
            _("yes") if d.is_focus else _("no"),
            d.population,
            d.population_share,
            d.density,
            d.density_rank,
            d.families_with_children,
            d.persons_under_20,
            d.migration_background,
            d.migration_share,
            d.migration_rank,
            d.low_income_share,
            d.hze_total,
            d.hze_share,
            d.hze_residential,
            d.hze_residential_share,
        ]
        for d in report.sub_districts
    ]


def _ranking_header(report: SocialAreaReport) -> list[str]:
    return [
        _("Rank"),
        _("District"),
        _("Quarter"),
        *[
            _("%(indicator)s (%%, weight %(weight)s)") % {"indicator": i.label, "weight": w}
            for i, w in zip(report.burden.indicators, report.burden.weights, strict=True)
        ],
        _("Burden index"),
    ]


def _ranking_rows(report: SocialAreaReport) -> list[list[object]]:
    return [[r.rank, r.name, r.quarters, *r.rates, r.index] for r in report.burden.ranking]


def report_csv(report: SocialAreaReport) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_text(_title(report))])
    writer.writerow([_("Section"), _("Figure"), _("Value"), _("Unit")])
    for section, label, value, unit in _figure_rows(report):
        writer.writerow([_text(section), _text(label), _number(value), unit])
    writer.writerow([])
    writer.writerow(_district_header())
    for row in _district_rows(report):
        writer.writerow([_text(row[0]), row[1], *[_number(v) for v in row[2:]]])
    writer.writerow([])
    writer.writerow(_ranking_header(report))
    for rank, name, quarters, *values in _ranking_rows(report):
        writer.writerow(
            [
                rank,
                _text(name),
                _text(quarters),
                *[_number(v) for v in values[:-1]],
                number_format(values[-1], 2),
            ]
        )
    return out.getvalue()


def _sheet_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return _text(value)
    return value


def report_xlsx(report: SocialAreaReport) -> bytes:
    workbook = Workbook()
    sheets = [
        (
            workbook.active,
            _("Report"),
            [_("Section"), _("Figure"), _("Value"), _("Unit")],
            _figure_rows(report),
        ),
        (workbook.create_sheet(), _("Districts"), _district_header(), _district_rows(report)),
        (workbook.create_sheet(), _("Burden index"), _ranking_header(report), _ranking_rows(report)),
    ]
    for sheet, title, header, rows in sheets:
        sheet.title = title[:31]
        sheet.append([_title(report)])
        sheet["A1"].font = Font(bold=True)
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_sheet_value(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
