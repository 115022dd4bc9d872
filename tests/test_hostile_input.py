"""Hostile input against every public form and every public endpoint (hypothesis): over-long strings,
control characters, wrong types (lists, missing and extra fields), HTML/JS payloads, SQL fragments,
right-to-left overrides, dates far in the past and future.

For every public POST form: never a 500; either the submission is refused and NOTHING in the database
changes, or it is accepted and exactly the declared rows appear, complete; no submitted markup comes back
unescaped. For every public GET URL (pages, search, open data, the HSDS API) with hostile query
parameters: never a 500, nothing reflected unescaped.

Coverage: ``PUBLIC_FORMS`` below, plus ``FORMS`` dicts in ``tests/<app>/hostile.py`` (same shape) for the
apps' own forms. A view decorated with ``core.ratelimits.public_form_limit`` that is not registered fails
``test_every_public_form_is_covered``; so does any URL that stores data from an anonymous POST.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from familienbuero.public.models import AccessibilityFeedback
from tests.access import ANON
from tests.test_permission_matrix import MATRIX

HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(document.cookie)",
    "'; DROP TABLE public_accessibilityfeedback; --",
    "' OR '1'='1' --",
    '" OR ""="',
    "1; SELECT pg_sleep(10)",
    "\u202egnp.exe",  # right-to-left override
    "\u202e<b>\u202d",
    "\u200f\u200e\u2066\u2069",
    "\x00",
    "a\x00b",
    "\x07\x08\x1b[31m\x7f",
    "\r\nSet-Cookie: injected=1",
    "x" * 10_000,
    "ü" * 5_000,
    "𝕏" * 300,
    "{{ 7|add:7 }}{% debug %}",
    "${7*7}",
    "%00%0d%0a",
    "../../../../etc/passwd",
    "0001-01-01",
    "9999-12-31",
    "-999999-01-01",
    "2026-02-30",
    "99999999999999999999",
    "-1",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "null",
    "true",
]
VALUE = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=200),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
    st.integers().map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)
# Wrong types: a list where one value is expected (``a=1&a=2``).
FIELD_VALUE = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))
MARKUP = re.compile(r"<[a-zA-Z/!]")


@dataclass(frozen=True)
class PublicForm:
    """A public POST endpoint and what an accepted submission may change."""

    path: str  # with {m} for the municipality "stadt-a" of the ``tenants`` fixture
    fields: list[str]
    #: creates what the form needs (an event, consultation hours) and returns the path instead of ``path``
    setup: Callable[[Any], str] | None = None
    #: Statuses that mean "accepted".
    accepted: tuple[int, ...] = (302,)
    #: table -> rows added by one accepted submission (None: at least one; "app_*": any table of the app);
    #: every other table must stay unchanged.
    stores: dict[str, int | None] = field(default_factory=dict)
    #: tables a refused or accepted request may touch anyway (e.g. the login's failure log).
    may_change: frozenset[str] = frozenset()
    #: checks that an accepted submission is stored completely: (submitted data) -> None
    verify: Callable[[dict[str, str]], None] | None = None
    #: the client to use ("anonymous" or a function of the tenants fixture)
    client: Callable[[Any], Client] | None = None


def last(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value[-1] if isinstance(value, list) else value


def feedback_stored_completely(data: dict[str, Any]) -> None:
    with scopes_disabled():
        assert AccessibilityFeedback.objects.filter(
            message=last(data, "message").strip(),
            page=last(data, "page").strip(),
            name=last(data, "name").strip(),
            email=last(data, "email").strip(),
            due_on__isnull=False,
        ).exists()


def password_only_client(tenants) -> Client:
    client = Client()
    client.force_login(tenants[0].users["office_staff"])
    return client


AXES = frozenset({"axes_accessattempt", "axes_accessfailurelog", "axes_accesslog"})

PUBLIC_FORMS: dict[str, PublicForm] = {
    "public:accessibility-feedback": PublicForm(
        "/{m}/de/barrierefreiheit/rueckmeldung/",
        ["message", "page", "name", "email"],
        # The feedback and its entry in the change log (django-auditlog, privacy/audit.py).
        stores={"public_accessibilityfeedback": 1, "auditlog_logentry": 1},
        verify=feedback_stored_completely,
    ),
    # Never accepted with hostile values (no such user); failures are logged by django-axes.
    "accounts:login": PublicForm(
        "/konto/anmelden/", ["username", "password", "next"], accepted=(), may_change=AXES
    ),
    # The second factor after the password: hostile codes are refused, nothing stored.
    "accounts:verify": PublicForm(
        "/konto/zwei-faktor/",
        ["token", "next"],
        accepted=(),
        may_change=frozenset({"django_session", "otp_totp_totpdevice"}),
        client=password_only_client,
    ),
    "accounts:setup": PublicForm(
        "/konto/zwei-faktor/einrichten/",
        ["token", "next"],
        accepted=(),
        may_change=frozenset({"django_session", "otp_totp_totpdevice"}),
        client=password_only_client,
    ),
    # Sets the language cookie; stores nothing; must not redirect elsewhere.
    "set_language": PublicForm("/i18n/setlang/", ["language", "next"], accepted=(302,)),
}


def event_registration_path(tenants) -> str:
    from tests.events.factories import make_event

    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=50)
    return f"/{{m}}/de/veranstaltungen/{event.uuid}/anmelden/"


def holiday_wishes_path(tenants) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from familienbuero.events.models import PriorityClass, Programme
    from tests.events.factories import make_event

    office = tenants[0].office
    now = timezone.now()
    with scopes_disabled():
        programme = Programme.objects.create(
            municipality=office.municipality,
            office=office,
            name="Ferienspaß",
            wish_opens=now - timedelta(days=1),
            wish_closes=now + timedelta(days=1),
            max_wishes=2,
        )
        PriorityClass.objects.create(programme=programme, position=0, label="Alle")
        make_event(office, capacity=5, title="Zirkus", programme=programme)
    return f"/{{m}}/de/veranstaltungen/ferienprogramm/{programme.uuid}/wuensche/"


def booking_path(tenants) -> str:
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from familienbuero.appointments import recurrence
    from tests.appointments.conftest import make_hours

    with scopes_disabled():
        hours = make_hours(tenants[0], organization=tenants[0].organization)
    day = timezone.localdate() + timedelta(days=7)
    day += timedelta(days=(7 - day.weekday()) % 7)  # the Monday after next week
    slot = datetime.combine(day, time(9, 30), tzinfo=recurrence.TZ)
    return f"/{{m}}/de/beratung/buchen/{hours.uuid}/{slot:%Y%m%dT%H%M}/"


def booking_token(tenants) -> str:
    """A booking (the appointments tests' Monday, 9:30) and its manage token."""
    from datetime import datetime, time

    from django_scopes import scope

    from familienbuero.appointments import recurrence, services
    from tests import factories
    from tests.appointments.conftest import MONDAY, NOW, make_hours

    with scopes_disabled():
        factories.RoomFactory(location=tenants[0].office.home_location, name="Beratungsraum")
        hours = make_hours(tenants[0], organization=tenants[0].organization)
    with scope(municipality=tenants[0].municipality):
        _booking, token = services.book_slot(
            hours=hours,
            start=datetime.combine(MONDAY, time(9, 30), tzinfo=recurrence.TZ),
            now=NOW,
            person_name="Zaphira Quellmann",
            contact_phone="0281 9988776",
        )
    return token


def registration_stored_completely(data: dict[str, Any]) -> None:
    from familienbuero.events.models import Registration

    with scopes_disabled():
        assert Registration.objects.filter(
            contact_name=last(data, "contact_name").strip(), email=last(data, "email").strip()
        ).exists()


def booking_stored_completely(data: dict[str, Any]) -> None:
    from familienbuero.appointments.models import Booking

    with scopes_disabled():
        assert Booking.objects.filter(person_name=last(data, "person_name").strip()).exists()


TUTOR_FIELDS = ["name", "email", "phone", "subjects", "languages", "slots", "places", "district"]
TUTOR_FIELDS += ["grade_min", "grade_max", "max_pupils", "privacy"]

PUBLIC_FORMS.update(
    {
        "events-public:register": PublicForm(
            "",
            ["contact_name", "email", "phone", "p0-name", "p0-age", "p1-name", "p1-age"],
            setup=event_registration_path,
            stores={"events_*": None},
            verify=registration_stored_completely,
        ),
        "events-public:wishes": PublicForm(
            "",
            ["contact_name", "email", "priority_class", "k0-first_name", "k0-age", "k0-wish1", "k0-wish2"],
            setup=holiday_wishes_path,
            stores={"events_*": None},
        ),
        "volunteering-public:tutor-register": PublicForm(
            "/{m}/de/ehrenamt/nachhilfe/mitmachen/",
            TUTOR_FIELDS,
            stores={"volunteering_*": None},
        ),
        # The manage link's actions: hostile input never changes anything but what the action means.
        "appointments:cancel": PublicForm(
            "",
            ["slot", "reason"],
            setup=lambda tenants: f"/{{m}}/de/beratung/termin/{booking_token(tenants)}/absagen/",
            stores={"appointments_*": None},
            may_change=frozenset({"appointments_booking"}),
        ),
        "appointments:move": PublicForm(
            "",
            ["slot"],
            setup=lambda tenants: f"/{{m}}/de/beratung/termin/{booking_token(tenants)}/verschieben/",
            stores={"appointments_*": None},
            may_change=frozenset({"appointments_booking"}),
        ),
        "appointments:book": PublicForm(
            "",
            ["person_name", "contact_phone", "contact_email", "interpreter_needed", "interpreter_language"],
            setup=booking_path,
            stores={"appointments_*": None},
            verify=booking_stored_completely,
        ),
    }
)

for _module in sorted(Path(__file__).parent.glob("*/hostile.py")):
    _forms = importlib.import_module(f"tests.{_module.parent.name}.hostile").FORMS
    assert not set(_forms) & set(PUBLIC_FORMS), f"{_module}: forms already registered"
    PUBLIC_FORMS.update(_forms)

#: URL names that answer a POST but are no public form (they need a login or answer 405).
NOT_PUBLIC_POST = {"accounts:logout"}


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {
        t: after.get(t, 0) - before.get(t, 0)
        for t in set(before) | set(after)
        if after.get(t) != before.get(t)
    }


def assert_stores(declared: dict[str, int | None], changes: dict[str, int], name: str) -> None:
    """An accepted submission adds exactly the declared rows and touches nothing else."""
    assert changes, f"{name}: accepted but nothing stored"
    for table, delta in changes.items():
        rule = next(
            (
                n
                for key, n in declared.items()
                if key == table or (key.endswith("*") and table.startswith(key[:-1]))
            ),
            "undeclared",
        )
        assert rule != "undeclared", f"{name}: accepted submission changed {table}"
        assert delta > 0, f"{name}: accepted submission removed rows from {table}"
        assert rule is None or delta == rule, f"{name}: {table} changed by {delta}, expected {rule}"


def assert_escaped(html: str, values: list[str]) -> None:
    for value in values:
        if MARKUP.search(value) and len(value) < 5000:
            assert value not in html, f"rendered unescaped: {value[:80]!r}"
    assert "<script>alert(1)</script>" not in html
    assert "onerror=alert(1)" not in html.replace("onerror=alert(1)&gt;", "")


def assert_refusal_explained(html: str, name: str) -> None:
    """A form refused as invalid (422) says why: a message is on the page, and every field marked invalid
    points (``aria-describedby``) only at elements that are there and hold text."""
    document = lxml.html.fromstring(html)
    messages = document.xpath(
        '//*[contains(@class, "field__errors") or contains(@class, "form-errors") or @role="alert"]'
    )
    assert any(m.text_content().strip() for m in messages), f"{name}: refused without a message"
    for element in document.xpath('//*[@aria-invalid="true"]'):
        for ref in (element.get("aria-describedby") or "").split():
            target = document.get_element_by_id(ref, None)
            assert target is not None and target.text_content().strip(), (
                f"{name}: {element.get('name')} points at {ref!r}, which is not on the page"
            )


def flat_values(data: dict[str, Any]) -> list[str]:
    values = []
    for value in data.values():
        values.extend(value if isinstance(value, list) else [value])
    return values


def form_data(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    # Missing fields, every field, and extra unexpected ones.
    keys = st.sampled_from([*fields, "csrfmiddlewaretoken", "id", "municipality", "status", "__proto__"])
    return st.dictionaries(keys, FIELD_VALUE, max_size=len(fields) + 3)


HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.mark.parametrize("name", sorted(PUBLIC_FORMS))
def test_hostile_posts_never_break_store_half_or_render_unescaped(tenants, name):
    spec = PUBLIC_FORMS[name]
    client = spec.client(tenants) if spec.client else Client()
    path = (spec.setup(tenants) if spec.setup else spec.path).format(m="stadt-a")

    # Valid in form, hostile in content: accepted where the form accepts anything, and then stored as sent.
    payload = {
        f: ["<script>alert(1)</script>", "\u202egnp.exe", "'; DROP TABLE x; --"][i % 3]
        for i, f in enumerate(spec.fields)
    }
    payload.pop("email", None)

    @HYPOTHESIS
    @given(data=form_data(spec.fields))
    @example(data=payload)
    def run(data):
        before = table_counts()
        response = client.post(path, data)
        assert response.status_code < 500, (name, data)
        changes = changed_tables(before, table_counts())
        unexpected = {t: n for t, n in changes.items() if t not in spec.may_change}
        if response.status_code in spec.accepted and spec.stores:
            assert_stores(spec.stores, unexpected, name)
            if spec.verify:
                spec.verify(data)
        else:
            assert unexpected == {}, f"{name}: refused ({response.status_code}) but stored {unexpected}"
            if response.status_code == 422:
                assert_refusal_explained(response.content.decode(errors="replace"), name)
        location = response.get("Location", "")
        assert "\n" not in location and "\r" not in location
        assert not re.match(r"^(?:[a-z]+:)?//", location, re.I) or location.startswith("http://testserver/")
        assert_escaped(response.content.decode(errors="replace"), flat_values(data))

    run()


PUBLIC_GET = sorted(
    name
    for name, (path, expected) in MATRIX.items()
    if (expected.get(ANON) == 200 and name not in PUBLIC_FORMS and "{m}" in path) or path.startswith("/api/")
)
QUERY_KEYS = ["q", "alter", "thema", "bezirk", "page", "per_page", "lang", "search", "seite", "bis", "format"]


@pytest.mark.parametrize("name", PUBLIC_GET)
def test_hostile_query_parameters_on_public_pages_and_apis(tenants, name):
    path = MATRIX[name][0].format(m="stadt-a").split("?")[0]
    client = Client()

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=st.dictionaries(st.sampled_from([*QUERY_KEYS, "x"]), FIELD_VALUE, max_size=4))
    def run(params):
        params = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
        params = {k: [item.replace("\x00", "") for item in v] for k, v in params.items()}
        before = table_counts()
        response = client.get(path, params)
        assert response.status_code < 500, (name, params)
        assert changed_tables(before, table_counts()) == {}
        if response.get("Content-Type", "").startswith("text/html"):
            assert_escaped(response.content.decode(errors="replace"), flat_values(params))

    run()


def test_every_public_form_is_covered(tenants):
    """Statically: every view under a public-form rate limit is registered. Behaviourally: no URL of the
    project stores anything from an anonymous POST unless it is registered here."""
    limited = set()

    def walk(resolver: URLResolver, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                callback = pattern.callback
                view_class = getattr(callback, "view_class", None)
                marked = getattr(callback, "public_form_limit", None) or getattr(
                    getattr(view_class, "post", None), "public_form_limit", None
                )
                if marked:
                    limited.add(f"{namespace}{pattern.name}")

    walk(get_resolver())
    assert "public:accessibility-feedback" in limited and "accounts:login" in limited
    assert limited - set(PUBLIC_FORMS) == set(), "register new public forms in PUBLIC_FORMS"
    assert set(PUBLIC_FORMS) - {"set_language"} - limited <= MISSING_RATE_LIMIT

    storing = []
    for name, (path, _expected) in sorted(MATRIX.items()):
        if name in PUBLIC_FORMS or name in NOT_PUBLIC_POST:
            continue
        before = table_counts()
        response = Client().post(
            path.format(m="stadt-a"), {"message": "x", "name": "x", "email": "a@b.example"}
        )
        if response.status_code < 400 and changed_tables(before, table_counts()):
            storing.append(name)
    assert storing == [], "these URLs store data from an anonymous POST; register them in PUBLIC_FORMS"


#: Public forms known to lack a rate limit (reported; remove the entry when the limit is added — the
#: strict xfail then fails as a reminder).
MISSING_RATE_LIMIT: set[str] = set()


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="no public_form_limit yet"))
        if n in MISSING_RATE_LIMIT
        else n
        for n in sorted(PUBLIC_FORMS)
        if n != "set_language"  # stores nothing, sets a cookie
    ],
)
def test_registered_public_forms_are_rate_limited(tenants, name):
    from django.urls import resolve

    spec = PUBLIC_FORMS[name]
    match = resolve((spec.setup(tenants) if spec.setup else spec.path).format(m="stadt-a"))
    view_class = getattr(match.func, "view_class", None)
    marked = getattr(match.func, "public_form_limit", None) or getattr(
        getattr(view_class, "post", None), "public_form_limit", None
    )
    assert marked, f"{name} has no rate limit (core.ratelimits.public_form_limit)"
