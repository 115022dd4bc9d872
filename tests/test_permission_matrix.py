"""Every URL name, every role, own and other municipality: who gets what.

Adding a URL without adding it here (or to its app's ``tests/<app>/matrix.py``, a module with a
``MATRIX`` dict of the same shape) fails ``test_every_url_name_is_in_the_matrix``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from familienbuero.accounts.roles import Role
from tests.access import ANON, PUBLIC, ROLES, STAFF_ONLY
from tests.conftest import verified_client

# Service directory: partner editors propose, office staff and coordinators review.
PARTNER_EDITOR_ONLY = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 200}
REVIEWERS = {ANON: 302, **{role: 404 for role in Role}, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
REVIEWERS_POST = {ANON: 302, **{role: 404 for role in Role}, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}

# Referrals: navigators (coordinators, office staff) refer; provider staff receive; nobody else sees any.
NOT_FOUND = {role: 404 for role in Role}
REFERRERS = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 200, Role.OFFICE_STAFF: 200}
REFERRERS_POST = {ANON: 302, **NOT_FOUND, Role.COORDINATOR: 405, Role.OFFICE_STAFF: 405}
NO_REFERRAL = "00000000-0000-4000-8000-000000000000"

# url name -> (path in municipality "stadt-a" with {m}, expected status per role in own municipality)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "platform-home": ("/", PUBLIC),
    "municipality-redirect": ("/{m}/", {role: 302 for role in ROLES}),
    "public:home": ("/{m}/de/", PUBLIC),
    "public:office": ("/{m}/de/buero/buero/", PUBLIC),
    "directory-public:search": ("/{m}/de/angebote/?q=Beratung&alter=8", PUBLIC),
    "directory-public:detail": ("/{m}/de/angebote/gibt-es-nicht/", {role: 404 for role in ROLES}),
    "tenancy:staff-dashboard": ("/{m}/de/intern/", STAFF_ONLY),
    "directory:staff-organization-edit": (
        "/{m}/de/intern/organisationen/traeger/bearbeiten/",
        {
            ANON: 302,
            Role.COORDINATOR: 200,
            Role.OFFICE_STAFF: 404,
            Role.PROVIDER_STAFF: 404,
            Role.PARTNER_EDITOR: 200,
            Role.DATA_PROTECTION: 404,
        },
    ),
    # Partner self-service (partner editors of the organisation) and the review queue (office staff and
    # coordinators). The fixture has no service and no change: those URLs are 404 for everybody.
    "directory:partner-services": ("/{m}/de/intern/organisationen/traeger/angebote/", PARTNER_EDITOR_ONLY),
    "directory:partner-service-new": (
        "/{m}/de/intern/organisationen/traeger/angebote/neu/",
        PARTNER_EDITOR_ONLY,
    ),
    "directory:partner-service-edit": (
        "/{m}/de/intern/organisationen/traeger/angebote/keins/bearbeiten/",
        {ANON: 302, **{role: 404 for role in Role}},
    ),
    "directory:partner-service-confirm": (
        "/{m}/de/intern/organisationen/traeger/angebote/keins/bestaetigen/",
        {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 405},
    ),
    "directory:partner-proposal-edit": (
        "/{m}/de/intern/organisationen/traeger/angebote/vorschlag/1/",
        {ANON: 302, **{role: 404 for role in Role}},
    ),
    "directory:review-list": ("/{m}/de/intern/organisationen/aenderungen/", REVIEWERS),
    "directory:review-detail": (
        "/{m}/de/intern/organisationen/aenderungen/1/",
        {ANON: 302, **{role: 404 for role in Role}},
    ),
    "directory:review-publish": (
        "/{m}/de/intern/organisationen/aenderungen/1/veroeffentlichen/",
        REVIEWERS_POST,
    ),
    "directory:review-return": ("/{m}/de/intern/organisationen/aenderungen/1/zurueckgeben/", REVIEWERS_POST),
    # Printable notices are public, like the pages they point to.
    "notices:service": ("/{m}/de/aushang/angebot/keins/", {role: 404 for role in ROLES}),
    "notices:office": ("/{m}/de/aushang/buero/buero/", PUBLIC),
    "public:imprint": ("/{m}/de/impressum/", PUBLIC),
    "public:privacy": ("/{m}/de/datenschutz/", PUBLIC),
    "public:accessibility": ("/{m}/de/barrierefreiheit/", PUBLIC),
    "public:accessibility-feedback": ("/{m}/de/barrierefreiheit/rueckmeldung/", PUBLIC),
    "public:accessibility-feedback-thanks": ("/{m}/de/barrierefreiheit/rueckmeldung/danke/", PUBLIC),
    "public:sign-language": ("/{m}/de/gebaerdensprache/", PUBLIC),
    "public:sign-language-video": ("/{m}/de/gebaerdensprache/video/", {role: 404 for role in ROLES}),
    "public-staff:feedback-list": (
        "/{m}/de/intern/barrierefreiheit/",
        {
            ANON: 302,
            Role.COORDINATOR: 200,
            Role.OFFICE_STAFF: 404,
            Role.PROVIDER_STAFF: 404,
            Role.PARTNER_EDITOR: 404,
            Role.DATA_PROTECTION: 404,
        },
    ),
    "public-staff:feedback-answered": (
        "/{m}/de/intern/barrierefreiheit/1/beantwortet/",
        {
            ANON: 302,
            Role.COORDINATOR: 405,
            Role.OFFICE_STAFF: 404,
            Role.PROVIDER_STAFF: 404,
            Role.PARTNER_EDITOR: 404,
            Role.DATA_PROTECTION: 404,
        },
    ),
    "referrals:list": ("/{m}/de/intern/vermittlungen/", REFERRERS),
    "referrals:create": ("/{m}/de/intern/vermittlungen/neu/", REFERRERS),
    "referrals:follow-up": ("/{m}/de/intern/vermittlungen/nachfassen/", REFERRERS),
    "referrals:detail": (f"/{{m}}/de/intern/vermittlungen/{NO_REFERRAL}/", {ANON: 302, **NOT_FOUND}),
    "referrals:outcome": (f"/{{m}}/de/intern/vermittlungen/{NO_REFERRAL}/ergebnis/", REFERRERS_POST),
    "referrals:consent-give": (f"/{{m}}/de/intern/vermittlungen/{NO_REFERRAL}/einwilligung/", REFERRERS_POST),
    "referrals:consent-revoke": (
        f"/{{m}}/de/intern/vermittlungen/{NO_REFERRAL}/einwilligung/1/widerruf/",
        REFERRERS_POST,
    ),
    "referrals:inbox": (
        "/{m}/de/intern/vermittlungen/eingang/",
        {ANON: 302, **NOT_FOUND, Role.PROVIDER_STAFF: 200},
    ),
    "referrals:inbox-detail": (
        f"/{{m}}/de/intern/vermittlungen/eingang/{NO_REFERRAL}/",
        {ANON: 302, **NOT_FOUND},
    ),
    "referrals:inbox-outcome": (
        f"/{{m}}/de/intern/vermittlungen/eingang/{NO_REFERRAL}/ergebnis/",
        {ANON: 302, **NOT_FOUND, Role.PROVIDER_STAFF: 405},
    ),
    "referrals:statistics": ("/{m}/de/intern/vermittlungen/statistik/", REFERRERS),
    "referrals:statistics-csv": ("/{m}/de/intern/vermittlungen/statistik/csv/", REFERRERS),
    "healthz": ("/healthz", PUBLIC),
    # HSDS API: public, read-only, published directory data only; unknown ids are 404.
    "hsds:api-root": ("/api/hsds/", {role: 404 for role in ROLES}),
    "hsds:openapi-json": ("/api/hsds/openapi.json", PUBLIC),
    "hsds:meta": ("/api/hsds/{m}/", PUBLIC),
    "hsds:services": ("/api/hsds/{m}/services/", PUBLIC),
    "hsds:service": ("/api/hsds/{m}/services/00000000-0000-4000-8000-000000000000/", {r: 404 for r in ROLES}),
    "hsds:organizations": ("/api/hsds/{m}/organizations/", PUBLIC),
    "hsds:organization": (
        "/api/hsds/{m}/organizations/00000000-0000-4000-8000-000000000000/",
        {r: 404 for r in ROLES},
    ),
    "hsds:locations": ("/api/hsds/{m}/locations/", PUBLIC),
    "hsds:location": (
        "/api/hsds/{m}/locations/00000000-0000-4000-8000-000000000000/",
        {r: 404 for r in ROLES},
    ),
    "hsds:taxonomies": ("/api/hsds/{m}/taxonomies/", PUBLIC),
    "hsds:taxonomy": (
        "/api/hsds/{m}/taxonomies/00000000-0000-4000-8000-000000000000/",
        {r: 404 for r in ROLES},
    ),
    "hsds:taxonomy-terms": ("/api/hsds/{m}/taxonomy_terms/", PUBLIC),
    "hsds:taxonomy-term": (
        "/api/hsds/{m}/taxonomy_terms/00000000-0000-4000-8000-000000000000/",
        {r: 404 for r in ROLES},
    ),
    # Open data: public, no login (disclosure-controlled aggregates only).
    "monitoring:index": ("/{m}/de/opendata/", PUBLIC),
    "monitoring:catalog": ("/{m}/de/opendata/catalog.jsonld", PUBLIC),
    "monitoring:csv": ("/{m}/de/opendata/raeume-nach-art-und-bezirk.csv", PUBLIC),
    "monitoring:csv-metadata": ("/{m}/de/opendata/raeume-nach-art-und-bezirk.csv-metadata.json", PUBLIC),
    "accounts:login": ("/konto/anmelden/", PUBLIC),
    "accounts:verify": ("/konto/zwei-faktor/", {ANON: 302, **{role: 302 for role in Role}}),
    "accounts:setup": ("/konto/zwei-faktor/einrichten/", {ANON: 302, **{role: 302 for role in Role}}),
    "accounts:logout": ("/konto/abmelden/", {role: 405 for role in ROLES}),
    "accounts:home": ("/konto/", {ANON: 302, **{role: 302 for role in Role}}),
    "set_language": ("/i18n/setlang/", {role: 302 for role in ROLES}),
}
for _module in sorted(Path(__file__).parent.glob("*/matrix.py")):
    _entries = importlib.import_module(f"tests.{_module.parent.name}.matrix").MATRIX
    assert not set(_entries) & set(MATRIX), f"{_module}: URL names already in the matrix"
    MATRIX.update(_entries)
TENANT_URLS = {name for name, (path, _expected) in MATRIX.items() if "{m}" in path and "intern" in path}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_name_is_in_the_matrix():
    names = {name for name in url_names() if not name.startswith("admin:")}
    assert names - set(MATRIX) == set(), "add new URL names to MATRIX with the roles allowed"


def client_for(tenants, role) -> Client:
    return Client() if role == ANON else verified_client(tenants[0].users[role])


def mismatches(tenants, role, names, municipality: str, expected_status) -> list[tuple[str, object, object]]:
    """(url name, expected, got) for every URL whose answer differs; an exception counts as an answer.
    All URLs of one role share one set of fixture data (building it per URL made this the slowest part
    of the suite) but each gets a fresh client."""
    found = []
    for name in names:
        path, expected = MATRIX[name]
        want = expected_status(expected, role)
        try:
            got = client_for(tenants, role).get(path.format(m=municipality)).status_code
        except Exception as error:  # a 500 in one view must not hide the rest of the matrix
            got = f"{type(error).__name__}: {error}"
        if got != want:
            found.append((name, want, got))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_status_in_own_municipality(tenants, role):
    wrong = mismatches(tenants, role, sorted(MATRIX), "stadt-a", lambda expected, role: expected[role])
    assert wrong == [], f"{role}: (url name, expected, got) {wrong}"


@pytest.mark.parametrize("role", list(Role))
def test_back_office_urls_of_another_municipality_are_404(tenants, role):
    wrong = mismatches(tenants, role, sorted(TENANT_URLS), "stadt-b", lambda expected, role: 404)
    assert wrong == [], f"{role}: (url name, expected, got) {wrong}"
