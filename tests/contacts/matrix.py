"""URLs of the contacts app: office staff and coordinators record and see the figures; provider staff,
partner editors and everyone in another municipality get a 404."""

from familienbuero.accounts.roles import Role
from tests.access import ANON, NOT_FOUND

RECORDERS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}

MATRIX = {
    "contacts:record": ("/{m}/de/intern/kontakte/", RECORDERS),
    "contacts:own-list": ("/{m}/de/intern/kontakte/meine/", RECORDERS),
    "contacts:correct": ("/{m}/de/intern/kontakte/999999/korrigieren/", {ANON: 302, **NOT_FOUND}),
    "contacts:delete": ("/{m}/de/intern/kontakte/999999/loeschen/", {ANON: 302, **NOT_FOUND}),
    "contacts:dashboard": ("/{m}/de/intern/kontakte/auswertung/", RECORDERS),
    "contacts:dashboard-csv": ("/{m}/de/intern/kontakte/auswertung/kontakte.csv", RECORDERS),
    "contacts:dashboard-xlsx": ("/{m}/de/intern/kontakte/auswertung/kontakte.xlsx", RECORDERS),
    "contacts:annual-report": ("/{m}/de/intern/kontakte/jahresbericht/", RECORDERS),
    "contacts:annual-report-xlsx": ("/{m}/de/intern/kontakte/jahresbericht/bericht.xlsx", RECORDERS),
}
