"""Volunteering URLs: public registration and reporting, the back office for navigators only."""

from __future__ import annotations

from familienbuero.accounts.roles import Role
from tests.access import ANON, EVERYONE_404, NOT_FOUND, PUBLIC

NAVIGATORS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
NAVIGATORS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
NONE_FOUND = {ANON: 302, **NOT_FOUND}
NO_UUID = "00000000-0000-4000-8000-000000000000"
STAFF = "/{m}/de/intern/ehrenamt/"

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "volunteering-public:index": ("/{m}/de/ehrenamt/", PUBLIC),
    "volunteering-public:tutor-register": ("/{m}/de/ehrenamt/nachhilfe/mitmachen/", PUBLIC),
    "volunteering-public:tutor-thanks": ("/{m}/de/ehrenamt/nachhilfe/danke/", PUBLIC),
    "volunteering:overview": (STAFF, NAVIGATORS),
    "volunteering:tutor-list": (STAFF + "nachhilfe/helfende/", NAVIGATORS),
    "volunteering:tutor-detail": (STAFF + f"nachhilfe/helfende/{NO_UUID}/", NONE_FOUND),
    "volunteering:request-list": (STAFF + "nachhilfe/anfragen/", NAVIGATORS),
    "volunteering:request-create": (STAFF + "nachhilfe/anfragen/neu/", NAVIGATORS),
    "volunteering:request-detail": (STAFF + f"nachhilfe/anfragen/{NO_UUID}/", NONE_FOUND),
    "volunteering:request-override": (STAFF + f"nachhilfe/anfragen/{NO_UUID}/zuordnen/", NAVIGATORS_POST),
    "volunteering:request-close": (STAFF + f"nachhilfe/anfragen/{NO_UUID}/schliessen/", NAVIGATORS_POST),
    "volunteering:proposals": (STAFF + "nachhilfe/vorschlaege/", NAVIGATORS),
    "volunteering:run-matching": (STAFF + "nachhilfe/vorschlaege/berechnen/", NAVIGATORS_POST),
    "volunteering:match-confirm": (STAFF + "nachhilfe/paare/1/bestaetigen/", NAVIGATORS_POST),
    "volunteering:match-discard": (STAFF + "nachhilfe/paare/1/verwerfen/", NAVIGATORS_POST),
    "volunteering:match-end": (STAFF + "nachhilfe/paare/1/beenden/", NAVIGATORS_POST),
    "volunteering:session-log": (STAFF + "nachhilfe/paare/1/termin/", NAVIGATORS_POST),
}
MATRIX.update(
    {
        "volunteering-public:internship-interest": ("/{m}/de/ehrenamt/praktikum/", PUBLIC),
        "volunteering-public:internship-thanks": ("/{m}/de/ehrenamt/praktikum/danke/", PUBLIC),
        "volunteering:offer-list": (STAFF + "praktika/", NAVIGATORS),
        "volunteering:offer-create": (STAFF + "praktika/neu/", NAVIGATORS),
        "volunteering:offer-edit": (STAFF + f"praktika/{NO_UUID}/", NONE_FOUND),
        "volunteering:interest-list": (STAFF + "praktika/interessen/", NAVIGATORS),
        "volunteering:interest-create": (STAFF + "praktika/interessen/neu/", NAVIGATORS),
        "volunteering:interest-detail": (STAFF + f"praktika/interessen/{NO_UUID}/", NONE_FOUND),
        "volunteering:placement-propose": (
            STAFF + f"praktika/interessen/{NO_UUID}/vorschlagen/{NO_UUID}/",
            NAVIGATORS_POST,
        ),
        "volunteering:interest-close": (
            STAFF + f"praktika/interessen/{NO_UUID}/schliessen/",
            NAVIGATORS_POST,
        ),
        "volunteering:placement-update": (STAFF + "praktika/vermittlungen/1/", NAVIGATORS_POST),
    }
)
MATRIX.update(
    {
        # The sponsor's personal link: an unknown token is 404 for everybody.
        "volunteering-public:sponsor-report": ("/{m}/de/ehrenamt/spielplatz/kein-token/", EVERYONE_404),
        "volunteering-public:sponsor-thanks": ("/{m}/de/ehrenamt/spielplatz/kein-token/danke/", EVERYONE_404),
        "volunteering:playground-list": (STAFF + "spielplaetze/", NAVIGATORS),
        "volunteering:playground-create": (STAFF + "spielplaetze/neu/", NAVIGATORS),
        "volunteering:playground-edit": (STAFF + f"spielplaetze/{NO_UUID}/", NONE_FOUND),
        "volunteering:sponsorship-add": (STAFF + f"spielplaetze/{NO_UUID}/paten/", NAVIGATORS_POST),
        "volunteering:sponsorship-end": (STAFF + "spielplaetze/paten/1/beenden/", NAVIGATORS_POST),
        "volunteering:defect-list": (STAFF + "spielplaetze/maengel/", NAVIGATORS),
        "volunteering:defect-status": (STAFF + "spielplaetze/maengel/1/status/", NAVIGATORS_POST),
        "volunteering:defect-photo": (STAFF + "spielplaetze/maengel/1/foto/", NONE_FOUND),
    }
)
