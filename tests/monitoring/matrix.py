"""Social-area monitoring (staff): coordinators and office staff read; coordinators import and weigh."""

from familienbuero.accounts.roles import Role
from tests.access import ANON

NOBODY = {ANON: 302, **{role: 404 for role in Role}}
READERS = {**NOBODY, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
COORDINATORS = {**NOBODY, Role.COORDINATOR: 200}
BASE = "/{m}/de/intern/sozialraum/"

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "monitoring-staff:index": (BASE, READERS),
    "monitoring-staff:coverage": (BASE + "angebotsmatrix/", READERS),
    "monitoring-staff:import": (BASE + "import/", COORDINATORS),
    "monitoring-staff:weights": (BASE + "gewichtung/", COORDINATORS),
    # The fixture has no quarter: 404 for everybody who may read reports, too.
    "monitoring-staff:report": (BASE + "quartier/keins/", NOBODY),
    "monitoring-staff:report-csv": (BASE + "quartier/keins/bericht.csv", NOBODY),
    "monitoring-staff:report-xlsx": (BASE + "quartier/keins/bericht.xlsx", NOBODY),
}
