"""Funding plan: coordinators only (capability MANAGE_FUNDING); everybody else, and every role of another
municipality, gets a 404. The fixture has no project, so object URLs are 404 for everybody."""

from familienbuero.accounts.roles import Role
from tests.access import ANON, NOT_FOUND

STAFF = "/{m}/de/intern/finanzierung/"
COORDINATORS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200}
NOBODY = {ANON: 302, **NOT_FOUND}

MATRIX = {
    "funding:overview": (STAFF, COORDINATORS),
    "funding:project-create": (STAFF + "neu/", COORDINATORS),
    "funding:project": (STAFF + "999999/", NOBODY),
    "funding:project-edit": (STAFF + "999999/bearbeiten/", NOBODY),
    "funding:project-delete": (STAFF + "999999/loeschen/", NOBODY),
    "funding:line-add": (STAFF + "999999/posten/", NOBODY),
    "funding:line-edit": (STAFF + "posten/999999/", NOBODY),
    "funding:line-delete": (STAFF + "posten/999999/loeschen/", NOBODY),
    "funding:source-add": (STAFF + "999999/quelle/", NOBODY),
    "funding:expense-add": (STAFF + "999999/ausgabe/", NOBODY),
    "funding:expense-edit": (STAFF + "ausgabe/999999/", NOBODY),
    "funding:expense-delete": (STAFF + "ausgabe/999999/loeschen/", NOBODY),
    "funding:source-edit": (STAFF + "quelle/999999/bearbeiten/", NOBODY),
    "funding:source-delete": (STAFF + "quelle/999999/loeschen/", NOBODY),
    "funding:deadline-add": (STAFF + "quelle/999999/frist/", NOBODY),
    "funding:deadline-edit": (STAFF + "frist/999999/", NOBODY),
    "funding:deadline-delete": (STAFF + "frist/999999/loeschen/", NOBODY),
    "funding:report": (STAFF + "quelle/999999/bericht/", NOBODY),
    "funding:report-xlsx": (STAFF + "quelle/999999/bericht.xlsx", NOBODY),
}
