"""Consultations in the permission matrix: public booking pages for everybody; the back office for the
roles managing consultations (coordinator, office staff, provider staff), the queue for the desk."""

from __future__ import annotations

from familienbuero.accounts.roles import Role
from tests.access import ANON, EVERYONE_404, NOT_FOUND, PUBLIC, ROLES

CONSULTING = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200, Role.PROVIDER_STAFF: 200}
CONSULTING_POST = {
    ANON: 302,
    **NOT_FOUND,
    Role.COORDINATOR: 405,
    Role.OFFICE_STAFF: 405,
    Role.PROVIDER_STAFF: 405,
}
DESK = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
DESK_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
NO_UUID = "00000000-0000-4000-8000-000000000000"
STAFF = "/{m}/de/intern/termine/"

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "appointments:index": ("/{m}/de/beratung/", PUBLIC),
    "appointments:slots": ("/{m}/de/beratung/termine/", PUBLIC),
    "appointments:book": (f"/{{m}}/de/beratung/buchen/{NO_UUID}/20270301T0900/", EVERYONE_404),
    # A wrong manage token gives the "link not valid" page with status 404.
    "appointments:manage": ("/{m}/de/beratung/termin/falsch/", EVERYONE_404),
    "appointments:cancel": ("/{m}/de/beratung/termin/falsch/absagen/", {role: 405 for role in ROLES}),
    "appointments:move": ("/{m}/de/beratung/termin/falsch/verschieben/", EVERYONE_404),
    # Free/busy of a provider without hours ("traeger" has hours in matrix_objects.py).
    "appointments:provider-feed": ("/{m}/de/beratung/anbieter/org-verein/frei-belegt.ics", EVERYONE_404),
    "appointments:counsellor-feed": ("/{m}/de/beratung/kalender/falsch.ics", EVERYONE_404),
    "appointments-staff:day": (STAFF, CONSULTING),
    "appointments-staff:week": (STAFF + "woche/", CONSULTING),
    "appointments-staff:booking": (f"{STAFF}buchung/{NO_UUID}/", {ANON: 302, **NOT_FOUND}),
    "appointments-staff:booking-attendance": (f"{STAFF}buchung/{NO_UUID}/anwesenheit/", CONSULTING_POST),
    "appointments-staff:booking-cancel": (f"{STAFF}buchung/{NO_UUID}/absagen/", CONSULTING_POST),
    "appointments-staff:hours": (STAFF + "sprechzeiten/", CONSULTING),
    "appointments-staff:hours-create": (STAFF + "sprechzeiten/neu/", CONSULTING),
    "appointments-staff:hours-edit": (f"{STAFF}sprechzeiten/{NO_UUID}/", {ANON: 302, **NOT_FOUND}),
    "appointments-staff:hours-exception-add": (f"{STAFF}sprechzeiten/{NO_UUID}/ausnahmen/", CONSULTING_POST),
    "appointments-staff:hours-exception-delete": (
        f"{STAFF}sprechzeiten/{NO_UUID}/ausnahmen/1/loeschen/",
        CONSULTING_POST,
    ),
    "appointments-staff:queue": (STAFF + "warteschlange/", DESK),
    "appointments-staff:queue-add": (STAFF + "warteschlange/buero/neu/", DESK_POST),
    "appointments-staff:queue-next": (STAFF + "warteschlange/buero/aufrufen/", DESK_POST),
    "appointments-staff:queue-display": (STAFF + "warteschlange/buero/anzeige/", DESK),
    "appointments-staff:queue-left": (STAFF + "warteschlange/buero/1/gegangen/", DESK_POST),
    "appointments-staff:feed": (STAFF + "kalender/", CONSULTING),
    "appointments-staff:feed-renew": (STAFF + "kalender/neu/", CONSULTING_POST),
    "appointments-staff:feed-revoke": (STAFF + "kalender/widerrufen/", CONSULTING_POST),
}
