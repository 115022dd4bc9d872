"""Data protection pages: the data protection officer (audit log, retention, requests, consents);
coordinators handle data-subject requests and consents. Nobody else sees any of it."""

from __future__ import annotations

from familienbuero.accounts.roles import Role
from tests.access import ANON, NOT_FOUND

DPO = {ANON: 302, **NOT_FOUND, Role.DATA_PROTECTION: 200}
REQUESTS = {ANON: 302, **NOT_FOUND, Role.DATA_PROTECTION: 200, Role.COORDINATOR: 200}
REQUESTS_POST = {ANON: 302, **NOT_FOUND, Role.DATA_PROTECTION: 405, Role.COORDINATOR: 405}
P = "/{m}/de/intern/datenschutz/"

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "privacy:index": (P, REQUESTS),
    "privacy:access-log": (P + "zugriffe/", DPO),
    "privacy:access-log-csv": (P + "zugriffe/csv/", DPO),
    "privacy:change-log": (P + "aenderungen/", DPO),
    "privacy:change-log-csv": (P + "aenderungen/csv/", DPO),
    "privacy:subject": (P + "auskunft/", REQUESTS),
    "privacy:subject-export": (P + "auskunft/export/", REQUESTS_POST),
    "privacy:subject-erase": (P + "auskunft/loeschen/", REQUESTS_POST),
    "privacy:consents": (P + "einwilligungen/", REQUESTS),
    "privacy:consent-new": (P + "einwilligungen/neu/", REQUESTS),
    "privacy:consent-revoke": (P + "einwilligungen/1/widerruf/", REQUESTS_POST),
    "privacy:retention": (P + "fristen/", DPO),
    "privacy:retention-set": (P + "fristen/referrals/", {ANON: 302, **NOT_FOUND, Role.DATA_PROTECTION: 405}),
    "privacy:upcoming": (P + "loeschungen/", DPO),
    "privacy:processing-records": (P + "verzeichnis/", DPO),
}
