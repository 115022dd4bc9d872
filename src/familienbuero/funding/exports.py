"""The report to a funder as an XLSX workbook: expenses, totals per line, grant and own share, outputs.
Amounts are written as ``Decimal`` values with a euro number format (never converted to float)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from familienbuero.funding.selectors import GrantReport

EURO = '#,##0.00 "€"'


def report_xlsx(report: GrantReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Expenses")[:31]
    bold = Font(bold=True)
    source = report.source
    sheet.append([_("Use-of-funds report"), source.name])
    sheet["A1"].font = bold
    sheet.append([_("Project"), source.project.name])
    sheet.append([_("Funder"), source.funder])
    sheet.append([_("Funding period"), report.date_from, report.date_to])
    sheet.append([])
    sheet.append([_("Date"), _("Budget line"), _("Voucher reference"), _("Note"), _("Amount")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for expense in report.expenses:
        sheet.append(
            [expense.spent_on, str(expense.line), expense.voucher_reference, expense.note, expense.amount]
        )
        sheet.cell(row=sheet.max_row, column=5).number_format = EURO
    sheet.append([])
    for label, value in [
        (_("Total expenses"), report.total),
        (_("Paid by the grant"), report.grant_share),
        (_("Own share"), report.own_share),
    ]:
        sheet.append(["", "", "", label, value])
        sheet.cell(row=sheet.max_row, column=4).font = bold
        sheet.cell(row=sheet.max_row, column=5).number_format = EURO
    for row in sheet.iter_rows(min_row=7, max_col=1):
        for cell in row:
            cell.number_format = "DD.MM.YYYY"
    for column, width in zip("ABCDE", (12, 50, 20, 30, 16), strict=True):
        sheet.column_dimensions[column].width = width

    per_line = workbook.create_sheet(_("Per line")[:31])
    per_line.append([_("Budget line"), _("Amount")])
    for line, total in report.per_line:
        per_line.append([str(line), total])
        per_line.cell(row=per_line.max_row, column=2).number_format = EURO
    per_line.column_dimensions["A"].width = 60
    per_line.column_dimensions["B"].width = 16

    outputs = workbook.create_sheet(_("Outputs")[:31])
    outputs.append([_("Area"), _("Figure"), _("Value")])
    for block in report.outputs:
        if not block.recorded:
            outputs.append([block.label, _("not recorded"), ""])
        for name, value in block.rows:
            outputs.append([block.label, name, value])
    outputs.column_dimensions["A"].width = 40
    outputs.column_dimensions["B"].width = 40

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
