"""Dashboard figures equal counts computed by hand from the fixture below; office staff see their offices,
coordinators all of them, nobody of another municipality sees any figure."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest
import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.contacts import reports
from familienbuero.referrals import services as referral_services
from tests.conftest import verified_client
from tests.contacts.conftest import A_URL, B_URL, BERLIN
from tests.referrals.factories import ServiceFactory

TODAY = datetime(2026, 4, 2, 12, 0, tzinfo=BERLIN)
PERIOD = "?date_from=2026-01-01&date_to=2026-03-31"
DASHBOARD = A_URL + "auswertung/"


def at(month, day, hour=10, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def fixture_data(world):
    """Five contacts of A in the period (four of the main office), one before it, one of B."""
    t0, t1, t2 = world.topics
    with scopes_disabled():
        service = ServiceFactory(municipality=world.a.municipality, organization=world.a.organization)
    world.record(at=at(1, 12), target_group="parent", age_band="27-44", persons=2, district=world.mitte,
                 language="de", channel="walk_in", topics=[t0, t1])  # fmt: skip
    world.record(at=at(1, 14), target_group="youth", age_band="14-17", persons=1, district=world.nord,
                 language="tr", channel="phone", topics=[t0], follow_up_needed=True)  # fmt: skip
    world.record(at=at(2, 3), target_group="parent", age_band="27-44", persons=3, district=world.sued,
                 language="ar", interpreter="used", channel="outreach", topics=[t2], referral_made=True,
                 referred_service=service)  # fmt: skip
    world.record(at=at(2, 20), target_group="child", age_band="6-9", persons=1, language="de",
                 channel="event")  # fmt: skip
    world.record(at=at(2, 5), actor=world.colleague, office=world.a.other_office, target_group="parent",
                 persons=1, district=world.mitte, topics=[t1])  # fmt: skip
    world.record(at=at(12, 31, 23, 30, year=2025), persons=9)  # before the period (Berlin time)
    world.record(at=at(2, 1), tenant=world.b, persons=4, district=world.b_district)
    with scopes_disabled(), time_machine.travel(at(2, 3), tick=False):
        referral_services.referral_create(
            municipality=world.a.municipality, office=world.a.office, service=service, topics=[t2],
            person_name="Pseudonym", contact_phone="0281 123456", consent_given=False, actor=None,
        )  # fmt: skip
    return world


def rows(breakdown):
    return {row.label: (row.contacts, row.persons) for row in breakdown.rows}


def board_for(user, query=PERIOD):
    with time_machine.travel(TODAY, tick=False):
        response = verified_client(user).get(DASHBOARD + query)
    assert response.status_code == 200
    return response.context["board"]


def test_coordinator_figures_equal_the_hand_counts(fixture_data):
    world = fixture_data
    board = board_for(world.a.users[Role.COORDINATOR])
    t0, t1, t2 = (str(t) for t in world.topics)
    by = {b.key: b for b in board.breakdowns}
    assert (board.total_contacts, board.total_persons) == (5, 8)
    assert board.follow_up_needed == 1
    channel = {
        value: rows(by["channel"])[_label("Channel", value)]
        for value in ("walk_in", "phone", "outreach", "event", "online")
    }
    assert channel == {
        "walk_in": (2, 3),
        "phone": (1, 1),
        "outreach": (1, 3),
        "event": (1, 1),
        "online": (0, 0),
    }
    assert rows(by["target_group"])[(_label("TargetGroup", "parent"))] == (3, 6)
    assert rows(by["target_group"])[(_label("TargetGroup", "youth"))] == (1, 1)
    assert rows(by["target_group"])[(_label("TargetGroup", "child"))] == (1, 1)
    assert rows(by["age_band"])[(_label("AgeBand", "27-44"))] == (2, 5)
    assert rows(by["district"]) == {"Mitte": (2, 3), "Nord": (1, 1), "Süd": (1, 3), "keine Angabe": (1, 1)}
    assert rows(by["topic"]) == {t0: (2, 3), t1: (2, 3), t2: (1, 3)}
    assert rows(by["language"]) == {"Deutsch": (3, 4), "Türkisch": (1, 1), "Arabisch": (1, 3)}
    assert rows(board.target_districts) == {"Mitte (Mitte)": (2, 3), "Süd (Mitte)": (1, 3)}
    assert (board.target_district_contacts, board.contacts_with_district, board.target_share) == (3, 4, 75.0)
    assert rows(board.timeline) == {"Januar 2026": (2, 3), "Februar 2026": (3, 5), "März 2026": (0, 0)}
    assert board.referrals.contacts_with_referral == 1
    assert board.referrals.referrals == 1
    assert {row.label: row.contacts for row in board.referrals.by_outcome}["offen"] == 1


def _label(enum, value):
    from familienbuero.contacts import models

    return str(getattr(models, enum)(value).label)


def test_weeks_and_years(fixture_data):
    world = fixture_data
    weeks = rows(board_for(world.a.users[Role.COORDINATOR], PERIOD + "&interval=week").timeline)
    assert weeks["Woche 3/2026"] == (2, 3)  # 12 and 14 January 2026
    assert weeks["Woche 6/2026"] == (2, 4)  # 3 and 5 February
    assert sum(c for c, _p in weeks.values()) == 5
    query = "?date_from=2025-01-01&date_to=2026-12-31&interval=year"
    years = rows(board_for(world.a.users[Role.COORDINATOR], query).timeline)
    assert years == {"2025": (1, 9), "2026": (5, 8)}


def test_office_staff_see_their_office_only(fixture_data):
    world = fixture_data
    board = board_for(world.a.users[Role.OFFICE_STAFF])
    assert (board.total_contacts, board.total_persons) == (4, 7)
    colleague = board_for(world.colleague)
    assert (colleague.total_contacts, colleague.total_persons) == (1, 1)
    with time_machine.travel(TODAY, tick=False):
        response = verified_client(world.a.users[Role.OFFICE_STAFF]).get(
            DASHBOARD + PERIOD + f"&office={world.a.other_office.pk}"
        )
    assert response.status_code == 422  # not one of the user's offices


def test_coordinator_filters_by_office(fixture_data):
    world = fixture_data
    board = board_for(world.a.users[Role.COORDINATOR], PERIOD + f"&office={world.a.other_office.pk}")
    assert (board.total_contacts, board.total_persons) == (1, 1)
    assert board.referrals.referrals == 0


@pytest.mark.parametrize("path", ["auswertung/", "auswertung/kontakte.csv", "auswertung/kontakte.xlsx",
                                  "jahresbericht/", "jahresbericht/bericht.xlsx"])  # fmt: skip
def test_a_coordinator_of_another_municipality_sees_no_figure(fixture_data, path):
    world = fixture_data
    client = verified_client(world.b.users[Role.COORDINATOR])
    with time_machine.travel(TODAY, tick=False):
        assert client.get(A_URL + path + PERIOD).status_code == 404
        own = client.get(B_URL + "auswertung/" + PERIOD)
    assert (own.context["board"].total_contacts, own.context["board"].total_persons) == (1, 4)


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.PARTNER_EDITOR])
def test_provider_and_partner_roles_see_no_figure(fixture_data, role):
    client = verified_client(fixture_data.a.users[role])
    for path in ("auswertung/", "auswertung/kontakte.csv", "jahresbericht/"):
        assert client.get(A_URL + path + PERIOD).status_code == 404


def test_csv_and_xlsx_hold_the_same_figures(fixture_data):
    client = verified_client(fixture_data.a.users[Role.COORDINATOR])
    with time_machine.travel(TODAY, tick=False):
        csv_response = client.get(DASHBOARD + "kontakte.csv" + PERIOD)
        xlsx_response = client.get(DASHBOARD + "kontakte.xlsx" + PERIOD)
    lines = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Bereich", "Bezeichnung", "Kontakte", "Personen"]
    assert ["Alle Kontakte", "Kontakte", "5", "8"] in lines
    assert ["Kontakte nach Wohnbezirk", "Mitte", "2", "3"] in lines
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert ("Alle Kontakte", "Kontakte", 5, 8) in values
    assert ("Kontakte nach Wohnbezirk", "Mitte", 2, 3) in values


def test_page_shows_svg_charts_with_tables_and_no_script(fixture_data):
    client = verified_client(fixture_data.a.users[Role.COORDINATOR])
    with time_machine.travel(TODAY, tick=False):
        html = client.get(DASHBOARD + PERIOD).content.decode()
    assert html.count("<svg") == html.count('class="chart-table"') == 11  # every chart has its table
    assert "<script>" not in html and "style=" not in html
    assert 'role="img"' in html and "<title" in html


def test_dashboard_queries_do_not_grow_with_the_records(fixture_data, django_assert_max_num_queries):
    world = fixture_data
    for day in range(1, 28):
        world.record(at=at(3, day), district=world.nord, topics=world.topics)
    with scopes_disabled(), django_assert_max_num_queries(20):
        reports.dashboard(
            world.a.municipality, office_ids=None, date_from=at(1, 1).date(), date_to=at(3, 31).date()
        )


def test_contact_figures_for_other_apps(fixture_data):
    world = fixture_data
    with scopes_disabled():
        figures = dict(
            reports.contact_figures(
                world.a.municipality,
                office_ids={world.a.office.pk},
                date_from=at(1, 1).date(),
                date_to=at(3, 31).date(),
            )
        )
    assert list(figures.values()) == [4, 7, 1, 2]
