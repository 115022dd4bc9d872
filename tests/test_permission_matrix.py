"""Every URL name, every role, own and other municipality: who gets what.

Adding a URL without adding it here (or to its app's ``tests/<app>/matrix.py``, a module with a
``MATRIX`` dict of the same shape) fails ``test_every_url_name_is_in_the_matrix``.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from familienbuero.directory.hsds import mapping
from tests import factories
from tests.access import (
    ACTS,
    ADMIN,
    ANON,
    FAMILY,
    PUBLIC,
    ROLES,
    STAFF_ONLY,
    TOKEN_SUFFIX,
    WRONG_TOKEN,
    expected_status,
)
from tests.conftest import verified_client

# Service directory: partner editors propose, office staff and coordinators review.
# The platform admin is no editor of any organisation: the partners' own pages are not theirs.
PARTNER_EDITOR_ONLY = {ANON: 302, **{role: 404 for role in Role}, Role.PARTNER_EDITOR: 200, ADMIN: 404}
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
    # coordinators). A service or change that does not exist is 404 for everybody; the real ones (and the
    # organisation "traeger-b" of B) are in tests/directory/matrix_objects.py.
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
        "/{m}/de/intern/organisationen/traeger/angebote/vorschlag/999999/",
        {ANON: 302, **{role: 404 for role in Role}},
    ),
    "directory:review-list": ("/{m}/de/intern/organisationen/aenderungen/", REVIEWERS),
    "directory:review-detail": (
        "/{m}/de/intern/organisationen/aenderungen/999999/",
        {ANON: 302, **{role: 404 for role in Role}},
    ),
    "directory:review-publish": (
        "/{m}/de/intern/organisationen/aenderungen/999999/veroeffentlichen/",
        REVIEWERS_POST,
    ),
    "directory:review-return": (
        "/{m}/de/intern/organisationen/aenderungen/999999/zurueckgeben/",
        REVIEWERS_POST,
    ),
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


# --- real objects of A and of B ---------------------------------------------------------------------
# An app's ``tests/<app>/matrix_objects.py`` has ``objects(tenant) -> {placeholder: value}`` (creates one
# of each object in the tenant's municipality) and ``OBJECT_MATRIX``: url name -> (path with those
# placeholders, expected status per role with A's objects in A). Every cell is then checked three times:
# A's objects in A (as expected), B's objects in A (404 where A's gave 200: nobody reaches another
# municipality's objects through their own one) and, for the back office, B's objects in B (404 for every
# role of A; the platform admin gets what they get in A). Placeholders ending in ``_token`` are personal
# links: only the family holds them, everybody else visits the URL with a wrong token.
#
# A URL that answers a GET with 405 for some role is POST only: it is also posted to (``POST_DATA``), by
# every role that must not act (the expected status is the GET's: 302 to the login, 404) and, with B's
# objects, by every role (404 through A's address, 404 in B's back office for A's roles): each of those
# POSTs is refused and changes nothing in the database and sends no mail. A role that may act (a 405 on
# GET; ``ACTS`` in a module's optional ``POST_MATRIX``, which overrides single cells) is not posted as in
# its own municipality: that would change the fixture the other cells read. On a personal link only the
# family may act; everybody else holds a wrong token and gets 404.
OBJECT_MATRIX: dict[str, tuple[str, dict[str, int]]] = {}
POST_MATRIX: dict[str, dict[str, int | str]] = {}
#: url name -> the form a POST sends (default: none), from a module's optional ``POST_DATA``: what an
#: allowed role would send to act, so that a POST let through by mistake shows as a change.
POST_DATA: dict[str, dict[str, str]] = {}
OBJECT_BUILDERS = []
for _module in sorted(Path(__file__).parent.glob("*/matrix_objects.py")):
    _objects_module = importlib.import_module(f"tests.{_module.parent.name}.matrix_objects")
    assert not set(_objects_module.OBJECT_MATRIX) & set(OBJECT_MATRIX), f"{_module}: URL names twice"
    OBJECT_MATRIX.update(_objects_module.OBJECT_MATRIX)
    POST_MATRIX.update(getattr(_objects_module, "POST_MATRIX", {}))
    POST_DATA.update(getattr(_objects_module, "POST_DATA", {}))
    OBJECT_BUILDERS.append(_objects_module.objects)
PLACEHOLDER = re.compile(r"{(\w+)}")
#: URL parameters that do not name an object of a municipality.
NOT_OBJECTS = {"municipality_slug", "language", "year", "month", "key", "dataset_slug", "office_slug"}
#: URLs whose object is the same for every municipality (the shared HSDS vocabularies): checked with a
#: real one in A and in B (there is no "B's object"); placeholders as in ``OBJECT_MATRIX``.
SHARED_OBJECTS: dict[str, tuple[str, dict[str, int]]] = {
    "hsds:taxonomy": (f"/api/hsds/{{m}}/taxonomies/{mapping.taxonomy_id('topic')}/", PUBLIC),
    "hsds:taxonomy-term": ("/api/hsds/{m}/taxonomy_terms/{taxonomy_term}/", PUBLIC),
}
#: URLs with an object parameter still checked only with an object that does not exist (404 for all);
#: shrink this set, never grow it: a new URL with an object gets an ``OBJECT_MATRIX`` entry.
WITHOUT_OBJECTS: set[str] = set()
POST_ONLY = sorted(
    name
    for name, (_path, expected) in OBJECT_MATRIX.items()
    if any(expected_status(expected, role) == 405 for role in ROLES)
)
#: Tables a refused POST may write to: the session of the visitor (a flash message, the language).
VOLATILE = {"sessions.Session"}


def post_status(name: str, role: str) -> int | str:
    """What a POST (``POST_DATA``) of ``role`` to a POST-only URL with A's objects in A gets, or ``ACTS``."""
    path, expected = OBJECT_MATRIX[name]
    if role in POST_MATRIX.get(name, {}):
        return POST_MATRIX[name][role]
    status = expected_status(expected, role)
    if status != 405:
        return status
    return 404 if TOKEN_SUFFIX + "}" in path and role != FAMILY else ACTS


def url_patterns(
    resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""
) -> dict[str, str]:
    """url name -> its route (the prefixes of its includes joined)."""
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(url_patterns(pattern, inner, prefix + str(pattern.pattern)))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = prefix + str(pattern.pattern)
    return found


def object_url_names() -> set[str]:
    names = set()
    for name, route in url_patterns().items():
        params = set(re.findall(r"<(?:\w+:)?(\w+)>", route)) - NOT_OBJECTS
        if params and not name.startswith("admin:"):
            names.add(name)
    return names


def test_every_url_with_an_object_is_checked_with_objects_of_a_and_b():
    unchecked = object_url_names() - set(OBJECT_MATRIX) - WITHOUT_OBJECTS - set(SHARED_OBJECTS)
    assert unchecked == set(), "add these URL names to an app's OBJECT_MATRIX (tests/<app>/matrix_objects.py)"
    assert set(OBJECT_MATRIX) <= set(MATRIX), "OBJECT_MATRIX names a URL that is not in MATRIX"
    assert not WITHOUT_OBJECTS & set(OBJECT_MATRIX), "remove these from WITHOUT_OBJECTS"
    assert set(POST_MATRIX) | set(POST_DATA) <= set(POST_ONLY), "POST_MATRIX/POST_DATA: not a POST-only URL"


@dataclass
class World:
    tenants: tuple
    objects: tuple[dict[str, str], dict[str, str]]  # of A, of B
    admin: User
    sessions: dict[str, dict] = field(default_factory=dict)  # role -> a verified login's session data


@pytest.fixture
def world(tenants) -> World:
    """The two municipalities with one of each object (``OBJECT_BUILDERS``) and a platform admin."""
    with scopes_disabled():
        admin = factories.UserFactory(username="platform-admin", is_superuser=True, is_staff=True)
        # B's organisation has a slug of its own: B's organisation under A's address then names nothing
        # of A (with the same slug it would simply be A's organisation).
        tenants[1].organization.slug = "traeger-b"
        tenants[1].organization.save(update_fields=["slug"])
        built: tuple[dict[str, str], dict[str, str]] = ({}, {})
        for build in OBJECT_BUILDERS:
            for index, tenant in enumerate(tenants):
                built[index].update(build(tenant))
    return World(tenants, built, admin)


def client_for(world: World, role: str) -> Client:
    """A fresh client (a session of its own) of the role. The role logs in (password and second factor)
    once; every further client gets a new session with the same data, which is what a login would store
    (logging in anew for each of the many URLs was a third of the matrix's time)."""
    if role in (ANON, FAMILY):
        return Client()
    if role not in world.sessions:
        user = world.admin if role == ADMIN else world.tenants[0].users[role]
        world.sessions[role] = dict(verified_client(user).session.items())
    client = Client()
    session = client.session
    session.update(world.sessions[role])
    session.save()
    return client


def fill(path: str, municipality: str, objects: dict[str, str], role: str) -> str:
    values = {
        key: value if role == FAMILY or not key.endswith(TOKEN_SUFFIX) else WRONG_TOKEN
        for key, value in objects.items()
    }
    return path.format(m=municipality, **values)


def mismatches(
    world, role, matrix, names, municipality: str, objects, want_for
) -> list[tuple[str, object, object]]:
    """(url name, expected, got) for every URL whose answer differs; an exception counts as an answer.
    All URLs of one role share one set of fixture data (building it per URL made this the slowest part
    of the suite) but each gets a fresh client."""
    found = []
    for name in names:
        path, expected = matrix[name]
        want = want_for(expected_status(expected, role))
        try:
            got = client_for(world, role).get(fill(path, municipality, objects, role)).status_code
        except Exception as error:  # a 500 in one view must not hide the rest of the matrix
            got = f"{type(error).__name__}: {error}"
        if got != want:
            found.append((name, want, got))
    return found


def refused_posts(
    role, client, names, municipality: str, objects, want_for
) -> list[tuple[str, object, object]]:
    """(url name, expected, got) for every POST whose answer differs; ``want_for`` maps the cell
    (``post_status``) to the expected status, or to None for a POST the matrix does not send."""
    found = []
    for name in names:
        want = want_for(post_status(name, role))
        if want is None:
            continue
        path = fill(OBJECT_MATRIX[name][0], municipality, objects, role)
        try:
            got = client.post(path, POST_DATA.get(name, {})).status_code
        except Exception as error:
            got = f"{type(error).__name__}: {error}"
        if got != want:
            found.append((f"POST {name}", want, got))
    return found


def database_state() -> dict[str, list[tuple]]:
    """Every row of every table (``VOLATILE`` aside)."""
    with scopes_disabled():
        return {
            model._meta.label: list(model._base_manager.order_by("pk").values_list())
            for model in apps.get_models(include_auto_created=True)
            if model._meta.label not in VOLATILE
        }


def posts(world: World, role: str) -> dict[str, list[tuple[str, object, object]]]:
    """The POSTs of ``role`` to every POST-only URL that it must not act on (see ``OBJECT_MATRIX``)."""
    client = client_for(world, role)  # logging in writes (last login, access log): before the count
    before, mails = database_state(), len(mail.outbox)
    a_objects, b_objects = world.objects
    back_office = [name for name in POST_ONLY if "intern" in OBJECT_MATRIX[name][0]]
    links = [name for name in POST_ONLY if TOKEN_SUFFIX + "}" in OBJECT_MATRIX[name][0]]

    def own(status):
        return None if status == ACTS else status

    def refused(status):
        return 404 if status == ACTS else status

    def in_b(status):
        if role != ADMIN:
            return 404
        return None if status == ACTS else status

    found = {
        "POST, A's objects in A": refused_posts(role, client, POST_ONLY, "stadt-a", a_objects, own),
        "POST, B's objects through A": refused_posts(role, client, POST_ONLY, "stadt-a", b_objects, refused),
    }
    if role in Role or role == ADMIN:
        found["POST, B's back office"] = refused_posts(role, client, back_office, "stadt-b", b_objects, in_b)
    if role == FAMILY:
        found["POST, A's links under B"] = refused_posts(role, client, links, "stadt-b", a_objects, refused)
    after = database_state()
    changed = sorted(label for label in before if after[label] != before[label])
    if len(mail.outbox) != mails:
        changed.append("mail sent")
    found["refused POSTs changed"] = changed
    return found


def same(status: int) -> int:
    return status


def not_found_instead_of_200(status: int) -> int:
    return 404 if status == 200 else status


def own_municipality(world: World, role: str) -> list[tuple[str, object, object]]:
    a_objects = world.objects[0]
    wrong = mismatches(world, role, MATRIX, sorted(MATRIX), "stadt-a", a_objects, same)
    wrong += mismatches(world, role, SHARED_OBJECTS, sorted(SHARED_OBJECTS), "stadt-a", a_objects, same)
    wrong += mismatches(world, role, SHARED_OBJECTS, sorted(SHARED_OBJECTS), "stadt-b", a_objects, same)
    return wrong + mismatches(world, role, OBJECT_MATRIX, sorted(OBJECT_MATRIX), "stadt-a", a_objects, same)


def objects_of_b_through_a(world: World, role: str) -> list[tuple[str, object, object]]:
    """B's objects (B's tokens for the family) under A's address: 404 wherever A's gave 200."""
    names = sorted(OBJECT_MATRIX)
    return mismatches(
        world, role, OBJECT_MATRIX, names, "stadt-a", world.objects[1], not_found_instead_of_200
    )


def back_office_of_b(world: World, role: str) -> list[tuple[str, object, object]]:
    """A's roles in B's back office, with B's objects: 404. The platform admin is at home everywhere."""

    def want_for(status: int) -> int:
        return status if role == ADMIN else 404

    b_objects = world.objects[1]
    # URLs with real objects are checked with B's ones below (B's organisation is not called "traeger").
    without_objects = sorted(TENANT_URLS - set(OBJECT_MATRIX))
    wrong = mismatches(world, role, MATRIX, without_objects, "stadt-b", b_objects, want_for)
    object_urls = sorted(name for name in OBJECT_MATRIX if "intern" in OBJECT_MATRIX[name][0])
    return wrong + mismatches(world, role, OBJECT_MATRIX, object_urls, "stadt-b", b_objects, want_for)


def family_links_under_b(world: World) -> list[tuple[str, object, object]]:
    """A's tokens under B's address: 404."""
    token_urls = sorted(name for name, (path, _e) in OBJECT_MATRIX.items() if TOKEN_SUFFIX + "}" in path)
    assert token_urls, "the family's personal links are in the matrix"
    return mismatches(
        world, FAMILY, OBJECT_MATRIX, token_urls, "stadt-b", world.objects[0], not_found_instead_of_200
    )


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_status_for_objects_of_a_and_of_b(world, role):
    """One fixture per role (building it is the slow part): every cell of the role, all mismatches
    reported together, each with the check it failed."""
    wrong = {
        "A's objects in A": own_municipality(world, role),
        "B's objects through A": objects_of_b_through_a(world, role),
    }
    if role in Role or role == ADMIN:
        wrong["B's back office"] = back_office_of_b(world, role)
    if role == FAMILY:
        wrong["A's links under B"] = family_links_under_b(world)
    wrong.update(posts(world, role))
    wrong = {check: cells for check, cells in wrong.items() if cells}
    assert wrong == {}, f"{role}: (url name, expected, got) {wrong}"
