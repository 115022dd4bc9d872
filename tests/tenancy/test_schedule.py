from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import OpeningException, OpeningHours
from familienbuero.tenancy.selectors import office_schedule
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 23)


@pytest.fixture
def office(db):
    with scopes_disabled():
        office = factories.OfficeFactory()
        outreach = factories.LocationFactory(municipality=office.municipality, name="Spielplatz")
        factories.OpeningHoursFactory(office=office, weekday=0, opens=time(9), closes=time(12))
        factories.OpeningHoursFactory(
            office=office, weekday=1, opens=time(14), closes=time(17), location=outreach
        )
        yield office


def test_week_shows_where_the_mobile_office_stands_each_day(office):
    with scopes_disabled():
        week = office_schedule(office=office, start=MONDAY, days=7)
    assert [day.day.weekday() for day in week] == list(range(7))
    assert week[0].periods[0].location == office.home_location
    assert week[1].periods[0].location.name == "Spielplatz"
    assert not week[2].is_open


def test_closure_replaces_the_weekly_rule_and_keeps_its_reason(office):
    with scopes_disabled():
        OpeningException.objects.create(office=office, date=MONDAY, closed=True, reason="Betriebsausflug")
        week = office_schedule(office=office, start=MONDAY, days=2)
    assert not week[0].is_open
    assert week[0].closed_reason == "Betriebsausflug"
    assert week[1].is_open


def test_special_hours_replace_the_rule_of_that_day(office):
    with scopes_disabled():
        OpeningException.objects.create(
            office=office, date=MONDAY, closed=False, opens=time(15), closes=time(19)
        )
        day = office_schedule(office=office, start=MONDAY, days=1)[0]
    assert [(p.opens, p.closes) for p in day.periods] == [(time(15), time(19))]
    assert day.periods[0].location == office.home_location


def test_rules_apply_only_within_their_validity(office):
    with scopes_disabled():
        OpeningHours.objects.filter(office=office, weekday=0).update(valid_until=date(2026, 11, 22))
        day = office_schedule(office=office, start=MONDAY, days=1)[0]
    assert not day.is_open


@pytest.mark.parametrize(
    ("clock", "open_now"),
    [((8, 59), False), ((9, 0), True), ((11, 59), True), ((12, 0), False)],
)
def test_open_now_respects_local_time_boundaries(office, clock, open_now):
    now = datetime(2026, 11, 23, *clock, tzinfo=BERLIN)
    with scopes_disabled():
        period = office_schedule(office=office, start=now.date(), days=1)[0].period_at(now.time())
    assert (period is not None) is open_now


def test_database_refuses_closing_before_opening(office):
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(
            office=office, weekday=2, opens=time(12), closes=time(9), location=office.home_location
        )


def test_form_validation_explains_closing_before_opening(office):
    with scopes_disabled():
        rule = OpeningHours(
            office=office, weekday=2, opens=time(12), closes=time(9), location=office.home_location
        )
        with pytest.raises(ValidationError) as error:
            rule.full_clean()
    assert "closes" in error.value.message_dict


def test_location_of_another_municipality_is_refused(office):
    with scopes_disabled():
        foreign = factories.LocationFactory()
        rule = OpeningHours(office=office, weekday=2, opens=time(9), closes=time(12), location=foreign)
        with pytest.raises(ValidationError) as error:
            rule.full_clean()
    assert "location" in error.value.message_dict
