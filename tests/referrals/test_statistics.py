"""Statistics: counts per service, topic and outcome, median days to first contact – and no personal data
in the context, the page or the CSV export."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db.models import Model
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.directory.models import Service
from familienbuero.referrals import selectors, services
from familienbuero.referrals.models import Referral
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, PERSONAL_STRINGS
from tests.referrals.factories import ServiceFactory

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 2, 2, 9, 0, tzinfo=BERLIN)
STATS = A_URL + "statistik/"


def outcome(referral, status, at, side="receiver"):
    with scopes_disabled(), time_machine.travel(at, tick=False):
        services.referral_record_outcome(referral=referral, status=status, actor=None, side=side)


def make_referrals(world):
    with time_machine.travel(START, tick=False):
        r1 = world.refer()
        r2 = world.refer()
        r3 = world.refer(service=world.other_service, consent=False)
        world.refer(service=world.b_service)  # another municipality: never counted in A
    outcome(r1, "contacted", START + timedelta(days=1))
    outcome(r1, "completed", START + timedelta(days=20))
    outcome(r2, "accepted", START + timedelta(days=3))
    outcome(r3, "declined", START + timedelta(days=2), side="office")
    return r1, r2, r3


def walk(value, seen=None):
    """Every value reachable from a template context (dataclasses, mappings, sequences, forms skipped)."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from walk(getattr(value, item.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item, seen)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from walk(item, seen)


def test_counts_per_service_topic_and_outcome_and_median_time_to_first_contact(world):
    make_referrals(world)
    with scopes_disabled():
        stats = selectors.referral_statistics(world.a.municipality)
    assert stats.total == 3
    assert stats.with_consent == 2
    assert stats.contacted == 2
    assert stats.median_days_to_first_contact == 2.0  # 1 and 3 days
    by_service = {row.service: row for row in stats.by_service}
    assert by_service[str(world.service)].count == 2
    assert by_service[str(world.service)].contacted == 2
    assert by_service[str(world.service)].median_days_to_first_contact == 2.0
    assert by_service[str(world.other_service)].count == 1
    assert by_service[str(world.other_service)].median_days_to_first_contact is None
    assert {row.label: row.count for row in stats.by_topic} == {str(t): 3 for t in world.topics[:2]}
    labels = dict(Referral.Status.choices)
    assert {row.label: row.count for row in stats.by_outcome} == {
        str(labels[value]): 1 for value in ("accepted", "completed", "declined")
    }


def test_the_page_and_its_context_hold_no_personal_data(world, django_assert_max_num_queries):
    make_referrals(world)
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with django_assert_max_num_queries(25):
        response = client.get(STATS)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(world.service) in html and str(world.topics[0]) in html
    for needle in PERSONAL_STRINGS:
        assert needle not in html
    for value in walk({key: response.context[key] for key in ("stats", "query")}):
        assert not isinstance(value, Model), value
        for needle in PERSONAL_STRINGS:
            assert needle not in str(value)


def test_the_csv_export_holds_the_same_figures_and_no_personal_data(world):
    make_referrals(world)
    client = verified_client(world.a.users[Role.COORDINATOR])
    response = client.get(STATS + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    for needle in PERSONAL_STRINGS:
        assert needle not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][3:6] == ["3", "2", "2,0"]
    assert any(row[1] == str(world.service) and row[3] == "2" for row in rows)


def test_spreadsheet_formulas_in_service_names_are_defused(world):
    with scopes_disabled():
        evil = ServiceFactory(
            municipality=world.a.municipality,
            organization=world.a.organization,
            name='=HYPERLINK("http://evil.example","x")',
        )
    world.refer(service=evil)
    text = verified_client(world.a.users[Role.OFFICE_STAFF]).get(STATS + "csv/").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any(row[1] == "'" + '=HYPERLINK("http://evil.example","x")' for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_period_filter_and_bad_periods(world):
    make_referrals(world)
    with time_machine.travel(START + timedelta(days=40), tick=False):
        world.refer()
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    later = client.get(STATS, {"date_from": (START + timedelta(days=30)).date().isoformat()})
    assert later.status_code == 200
    assert later.context["stats"].total == 1
    first_day = START.date().isoformat()
    assert client.get(STATS, {"date_from": first_day, "date_to": first_day}).context["stats"].total == 3
    bad = client.get(STATS, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert bad.status_code == 422
    assert client.get(STATS, {"date_from": "gestern"}).status_code == 422
    assert client.get(STATS + "csv/", {"date_from": "gestern"}).status_code == 422


def test_statistics_survive_a_service_being_discontinued(world):
    make_referrals(world)
    with scopes_disabled():
        Service.objects.filter(pk=world.service.pk).update(status=Service.Status.DEFUNCT, is_published=False)
        stats = selectors.referral_statistics(world.a.municipality)
    assert stats.total == 3
    assert str(world.service) in {row.service for row in stats.by_service}


def test_list_pages_have_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(12):
        world.refer()
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    receiver = verified_client(world.a.users[Role.PROVIDER_STAFF])
    with django_assert_max_num_queries(20):
        assert office.get(A_URL).status_code == 200
    with django_assert_max_num_queries(20):
        assert receiver.get(A_URL + "eingang/").status_code == 200
