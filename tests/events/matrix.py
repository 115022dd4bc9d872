"""Events: public pages for everybody; the back office for office staff and coordinators only."""

from __future__ import annotations

from datetime import UTC, datetime

from familienbuero.accounts.roles import Role
from tests.access import ANON, EVERYONE_404, NOT_FOUND, PUBLIC

NO_EVENT = "00000000-0000-4000-8000-000000000000"
MANAGERS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
NO_SUCH = {ANON: 302, **NOT_FOUND}
MANAGERS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
TOKEN = "x" * 43
_NOW = datetime.now(tz=UTC)
THIS_MONTH = f"{_NOW.year}/{_NOW.month}"  # a month in the calendar's range

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "events-public:list": ("/{m}/de/veranstaltungen/?alter=6&kostenlos=on", PUBLIC),
    "events-public:ical": ("/{m}/de/veranstaltungen/kalender.ics", PUBLIC),
    "events-public:calendar": ("/{m}/de/veranstaltungen/monat/?alter=6&kostenlos=on", PUBLIC),
    "events-public:calendar-month": (f"/{{m}}/de/veranstaltungen/monat/{THIS_MONTH}/?alter=6", PUBLIC),
    "events-public:detail": (f"/{{m}}/de/veranstaltungen/{NO_EVENT}/", EVERYONE_404),
    "events-public:register": (f"/{{m}}/de/veranstaltungen/{NO_EVENT}/anmelden/", EVERYONE_404),
    "events-public:manage": (f"/{{m}}/de/veranstaltungen/anmeldung/{TOKEN}/", EVERYONE_404),
    "events-public:cancel": (
        f"/{{m}}/de/veranstaltungen/anmeldung/{TOKEN}/{NO_EVENT}/abmelden/",
        {role: 405 for role in PUBLIC},
    ),
    "events-public:confirm": (
        f"/{{m}}/de/veranstaltungen/anmeldung/{TOKEN}/{NO_EVENT}/bestaetigen/",
        {role: 405 for role in PUBLIC},
    ),
    "events-public:programme": (f"/{{m}}/de/veranstaltungen/ferienprogramm/{NO_EVENT}/", EVERYONE_404),
    "events-public:wishes": (f"/{{m}}/de/veranstaltungen/ferienprogramm/{NO_EVENT}/wuensche/", EVERYONE_404),
    "events-public:wishes-manage": (
        f"/{{m}}/de/veranstaltungen/ferienprogramm/wuensche/{TOKEN}/",
        EVERYONE_404,
    ),
    "events:programme": (f"/{{m}}/de/intern/veranstaltungen/ferienprogramm/{NO_EVENT}/", NO_SUCH),
    "events:programme-create": ("/{m}/de/intern/veranstaltungen/ferienprogramm/neu/", MANAGERS),
    "events:programme-edit": (
        f"/{{m}}/de/intern/veranstaltungen/ferienprogramm/{NO_EVENT}/bearbeiten/",
        NO_SUCH,
    ),
    "events:draw": (f"/{{m}}/de/intern/veranstaltungen/ferienprogramm/{NO_EVENT}/auslosen/", MANAGERS_POST),
    "events:list": ("/{m}/de/intern/veranstaltungen/", MANAGERS),
    "events:create": ("/{m}/de/intern/veranstaltungen/neu/", MANAGERS),
    "events:detail": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/", NO_SUCH),
    "events:edit": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/bearbeiten/", NO_SUCH),
    "events:capacity": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/plaetze/", MANAGERS_POST),
    "events:cancel": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/absagen/", MANAGERS_POST),
    "events:question-add": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/fragen/", MANAGERS_POST),
    "events:attendance": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/anwesenheit/", NO_SUCH),
    "events:check-in": (f"/{{m}}/de/intern/veranstaltungen/{NO_EVENT}/einlass/1/", NO_SUCH),
}
