"""CSV and XLSX of the dashboard and of the annual report: the same figures as the page, one table.

Labels can come from staff input (district and service names): a cell that a spreadsheet would run as a
formula is written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from familienbuero.contacts.reports import NOT_RECORDED, AnnualReport, Breakdown, Dashboard

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Line = tuple[str, str, object, object]


def _text(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _breakdown_lines(breakdown: Breakdown) -> list[Line]:
    return [(breakdown.title, row.label, row.contacts, row.persons) for row in breakdown.rows]


def dashboard_lines(board: Dashboard) -> list[Line]:
    lines: list[Line] = [
        (_("All contacts"), _("Contacts"), board.total_contacts, board.total_persons),
        (_("All contacts"), _("Follow-up needed"), board.follow_up_needed, ""),
        *_breakdown_lines(board.timeline),
    ]
    for breakdown in board.breakdowns:
        lines += _breakdown_lines(breakdown)
    lines += _breakdown_lines(board.target_districts)
    lines.append((_("Referrals"), _("Contacts with a referral"), board.referrals.contacts_with_referral, ""))
    lines.append((_("Referrals"), _("Referrals recorded"), board.referrals.referrals, ""))
    lines += [(_("Referral outcome"), row.label, row.contacts, "") for row in board.referrals.by_outcome]
    lines += _other_lines(_("Events and participation"), board.events)
    return lines


def _other_lines(title: str, figures: object) -> list[Line]:
    if not figures.recorded:
        return [(title, str(NOT_RECORDED), "", "")]
    return [(title, label, value, "") for label, value in figures.rows]


def report_lines(report: AnnualReport) -> list[Line]:
    lines: list[Line] = [
        (_("All contacts"), _("Contacts"), report.total_contacts, report.total_persons),
        *_breakdown_lines(report.by_month),
        *_breakdown_lines(report.by_target_group),
        *_breakdown_lines(report.by_district),
        *_breakdown_lines(report.by_topic),
        (_("Referrals"), _("Contacts with a referral"), report.referrals.contacts_with_referral, ""),
        (_("Referrals"), _("Referrals recorded"), report.referrals.referrals, ""),
    ]
    lines += [(_("Referral outcome"), row.label, row.contacts, "") for row in report.referrals.by_outcome]
    lines += _other_lines(_("Events and participation"), report.events)
    lines += _other_lines(_("Consultation hours held"), report.consultations)
    return lines


def _header() -> list[str]:
    return [_("Part"), _("Label"), _("Contacts"), _("Persons")]


def csv_response(lines: Iterable[Line], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(_header())
    for part, label, contacts, persons in lines:
        writer.writerow([_text(part), _text(label), contacts, persons])
    return response


def xlsx_response(lines: Iterable[Line], filename: str, title: str, subtitle: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(_header())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for part, label, contacts, persons in lines:
        sheet.append([part, label, contacts, persons])
        for cell in sheet[sheet.max_row][:2]:
            cell.data_type = "s"  # text, never a formula
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 12
    sheet.column_dimensions["D"].width = 12
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def period_text(date_from: object, date_to: object) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(date_from, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(date_to, "SHORT_DATE_FORMAT"),
    }
