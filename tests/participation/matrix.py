"""Participation: the children's pages are public (the fixture has no round, so round URLs are 404 for
everybody); the back office is for coordinators and office staff, 404 for everybody else."""

from familienbuero.accounts.roles import Role
from tests.access import ANON, EVERYONE_404, NOT_FOUND, PUBLIC, ROLES

NO_UUID = "00000000-0000-4000-8000-000000000000"
PUBLIC_URL = "/{m}/de/mitmachen/"
STAFF = "/{m}/de/intern/beteiligung/"
MODERATORS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
MODERATORS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
NOBODY = {ANON: 302, **NOT_FOUND}

MATRIX = {
    "participation:list": (PUBLIC_URL, PUBLIC),
    "participation:image": (PUBLIC_URL + "bild/999999/", EVERYONE_404),
    "participation:round": (f"{PUBLIC_URL}{NO_UUID}/", EVERYONE_404),
    "participation:vote": (f"{PUBLIC_URL}{NO_UUID}/abstimmen/", {role: 405 for role in ROLES}),
    "participation:thanks": (f"{PUBLIC_URL}{NO_UUID}/danke/", EVERYONE_404),
    "participation:idea": (f"{PUBLIC_URL}{NO_UUID}/idee/", EVERYONE_404),
    "participation:idea-thanks": (f"{PUBLIC_URL}{NO_UUID}/idee/danke/", EVERYONE_404),
    "participation:result": (f"{PUBLIC_URL}{NO_UUID}/ergebnis/", EVERYONE_404),
    "participation:kiosk": (f"{PUBLIC_URL}{NO_UUID}/tablet/falsch/", EVERYONE_404),
    "participation:kiosk-vote": (
        f"{PUBLIC_URL}{NO_UUID}/tablet/falsch/abstimmen/",
        {role: 405 for role in ROLES},
    ),
    "participation:kiosk-done": (f"{PUBLIC_URL}{NO_UUID}/tablet/falsch/fertig/", EVERYONE_404),
    "participation-staff:list": (STAFF, MODERATORS),
    "participation-staff:create": (STAFF + "neu/", MODERATORS),
    "participation-staff:round": (f"{STAFF}{NO_UUID}/", NOBODY),
    "participation-staff:edit": (f"{STAFF}{NO_UUID}/bearbeiten/", NOBODY),
    "participation-staff:status": (f"{STAFF}{NO_UUID}/status/", MODERATORS_POST),
    "participation-staff:option-add": (f"{STAFF}{NO_UUID}/option/", NOBODY),
    "participation-staff:option-edit": (STAFF + "option/999999/", NOBODY),
    "participation-staff:codes": (f"{STAFF}{NO_UUID}/codes/", NOBODY),
    "participation-staff:result": (f"{STAFF}{NO_UUID}/ergebnis/", NOBODY),
    "participation-staff:idea-moderate": (STAFF + "idee/999999/", MODERATORS_POST),
}
