"""Funding plan with real objects (tests/test_permission_matrix.py, ``OBJECT_MATRIX``): a project with
one budget line, one grant covering it with a reporting deadline and one expense; the project page, its
add, edit and delete pages and the grant's report (page and spreadsheet) are for the municipality's
coordinators only (a delete page only asks; the POST deletes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django_scopes import scope

from familienbuero.funding import services
from tests.funding.matrix import COORDINATORS, STAFF


def objects(tenant) -> dict[str, str]:
    municipality = tenant.municipality
    with scope(municipality=municipality):
        project = services.project_create(
            municipality=municipality,
            name="Spielplatz",
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
        line = services.line_add(project=project, name="Spielgeräte", planned_amount=Decimal("1000"))
        source = services.source_add(
            project=project,
            name="Zuschuss",
            rate=Decimal("50"),
            eligible_lines=[line],
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
        deadline = services.deadline_add(source=source, due_on=date(2027, 3, 31), label="Zwischenbericht")
        expense = services.expense_record(
            line=line,
            spent_on=date(2026, 3, 1),
            amount=Decimal("10"),
            voucher_reference="RE-1",
            source=source,
        )
    return {
        "funding_project": str(project.pk),
        "funding_line": str(line.pk),
        "funding_source": str(source.pk),
        "funding_expense": str(expense.pk),
        "funding_deadline": str(deadline.pk),
    }


OBJECT_MATRIX = {
    "funding:project": (STAFF + "{funding_project}/", COORDINATORS),
    "funding:line-add": (STAFF + "{funding_project}/posten/", COORDINATORS),
    "funding:source-add": (STAFF + "{funding_project}/quelle/", COORDINATORS),
    "funding:expense-add": (STAFF + "{funding_project}/ausgabe/", COORDINATORS),
    "funding:expense-delete": (STAFF + "ausgabe/{funding_expense}/loeschen/", COORDINATORS),
    "funding:deadline-add": (STAFF + "quelle/{funding_source}/frist/", COORDINATORS),
    "funding:report": (STAFF + "quelle/{funding_source}/bericht/", COORDINATORS),
    "funding:report-xlsx": (STAFF + "quelle/{funding_source}/bericht.xlsx", COORDINATORS),
    "funding:project-edit": (STAFF + "{funding_project}/bearbeiten/", COORDINATORS),
    "funding:project-delete": (STAFF + "{funding_project}/loeschen/", COORDINATORS),
    "funding:line-edit": (STAFF + "posten/{funding_line}/", COORDINATORS),
    "funding:line-delete": (STAFF + "posten/{funding_line}/loeschen/", COORDINATORS),
    "funding:source-edit": (STAFF + "quelle/{funding_source}/bearbeiten/", COORDINATORS),
    "funding:source-delete": (STAFF + "quelle/{funding_source}/loeschen/", COORDINATORS),
    "funding:expense-edit": (STAFF + "ausgabe/{funding_expense}/", COORDINATORS),
    "funding:deadline-edit": (STAFF + "frist/{funding_deadline}/", COORDINATORS),
    "funding:deadline-delete": (STAFF + "frist/{funding_deadline}/loeschen/", COORDINATORS),
}
