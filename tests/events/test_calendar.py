"""Public month calendar: sessions on their days (Monday first, ISO weeks), today marked, the list's
filters kept across month navigation, full/cancelled states, tenancy."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from lxml import html

from familienbuero.events.month import shift
from tests.events.conftest import A_PUBLIC, register
from tests.events.factories import make_event


def next_month() -> tuple[int, int]:
    today = timezone.localdate()
    return shift(today.year, today.month, 1)


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def month_url(year: int, month: int, query: str = "") -> str:
    return f"{A_PUBLIC}monat/{year}/{month}/" + (f"?{query}" if query else "")


def cells(page: str) -> dict[str, str]:
    """Text of each day cell of the grid, by ISO date."""
    tree = html.fromstring(page)
    return {
        cell.xpath(".//time/@datetime")[0]: cell.text_content()
        for cell in tree.xpath("//table[contains(@class, 'month-grid')]//td[.//time]")
    }


def list_days(page: str) -> dict[str, str]:
    """The narrow-screen day list: heading date -> the text of that day's entries."""
    tree = html.fromstring(page)
    days = {}
    for heading in tree.xpath("//section[contains(@class, 'month-list')]/h3"):
        entries = heading.getnext()
        days[heading.xpath(".//time/@datetime")[0]] = entries.text_content()
    return days


@pytest.fixture
def month_events(tenants):
    year, month = next_month()
    office = tenants[0].office
    with scopes_disabled():
        swim = make_event(
            office,
            title="Schwimmkurs",
            capacity=1,
            minimum_age=5,
            maximum_age=9,
            cost="fee",
            start=at(date(year, month, 15), 15),
        )
        info = make_event(office, title="Infoabend Kita", start=at(date(year, month, 3), 19), sessions=2)
    return year, month, swim, info


def test_the_grid_shows_an_event_on_its_day_and_not_on_others(client, month_events):
    year, month, _swim, _info = month_events
    response = client.get(month_url(year, month))
    assert response.status_code == 200
    page = response.content.decode()
    grid = cells(page)
    fifteenth = date(year, month, 15).isoformat()
    assert "Schwimmkurs" in grid[fifteenth] and "15:00–17:00" in grid[fifteenth]
    assert [day for day, text in grid.items() if "Schwimmkurs" in text] == [fifteenth]
    # A course appears on each of its dates (the 3rd and a week later).
    info_days = [day for day, text in grid.items() if "Infoabend Kita" in text]
    assert info_days == [date(year, month, 3).isoformat(), date(year, month, 10).isoformat()]
    # The day list for phones has the same days.
    assert [d for d, text in list_days(page).items() if "Schwimmkurs" in text] == [fifteenth]
    # Not in the month before or after.
    for other in (shift(year, month, -1), shift(year, month, 1)):
        assert "Schwimmkurs" not in client.get(month_url(*other)).content.decode()


def test_weeks_start_on_monday_with_iso_week_numbers_and_today_is_marked(client, tenants):
    page = client.get(f"{A_PUBLIC}monat/").content.decode()
    tree = html.fromstring(page)
    headers = [th.text_content() for th in tree.xpath("//table[contains(@class,'month-grid')]/thead//th")]
    assert headers[0] == "KWWoche" and "Montag" in headers[1] and "Sonntag" in headers[7]
    today = timezone.localdate()
    current = tree.xpath("//td[@aria-current='date']")
    assert len(current) == 1 and current[0].xpath(".//time/@datetime") == [today.isoformat()]
    assert "heute" in current[0].text_content()
    weeks = [th.text_content() for th in tree.xpath("//tbody/tr/th[@scope='row']")]
    assert str(today.isocalendar().week) in weeks
    assert tree.xpath("//table/caption")


def test_filters_stay_in_the_url_across_month_navigation(client, month_events):
    year, month, swim, _info = month_events
    with scopes_disabled():
        make_event(swim.office, title="Teenietreff", start=at(date(year, month, 20), 16), minimum_age=12)
    previous = shift(year, month, -1)
    page = client.get(month_url(*previous, "alter=7&kostenlos=on")).content.decode()
    tree = html.fromstring(page)
    next_link = tree.xpath("//a[@rel='next']/@href")[0]
    assert (
        next_link.startswith(month_url(year, month))
        and "alter=7" in next_link
        and "kostenlos=on" in next_link
    )
    assert tree.xpath("//input[@name='alter']/@value") == ["7"]
    following = client.get(next_link).content.decode()
    # The swimming course has a fee, the teen club is for 12 and older: only the free info evening stays.
    assert "Infoabend Kita" in following
    assert "Schwimmkurs" not in following and "Teenietreff" not in following
    back = html.fromstring(following).xpath("//a[@rel='prev']/@href")[0]
    assert "alter=7" in back and "kostenlos=on" in back
    # Without the filters all three are there.
    unfiltered = client.get(month_url(year, month)).content.decode()
    assert all(title in unfiltered for title in ("Infoabend Kita", "Schwimmkurs", "Teenietreff"))


def test_list_and_month_link_each_other_with_the_filters(client, month_events):
    list_page = html.fromstring(client.get(f"{A_PUBLIC}?alter=6").content.decode())
    link = [a for a in list_page.xpath("//main//a") if a.text_content() == "Als Monatskalender anzeigen"]
    assert link and link[0].get("href").endswith("/veranstaltungen/monat/?alter=6")
    month_page = html.fromstring(client.get(link[0].get("href")).content.decode())
    back = [a for a in month_page.xpath("//main//a") if a.text_content() == "Als Liste anzeigen"]
    assert back and back[0].get("href") == f"{A_PUBLIC}?alter=6"


def test_full_and_cancelled_states_are_shown(client, month_events):
    year, month, swim, info = month_events
    register(swim, "Mia", age=6)
    with scopes_disabled():
        info.status = "cancelled"
        info.save(update_fields=["status"])
    grid = cells(client.get(month_url(year, month)).content.decode())
    assert "Ausgebucht – Warteliste" in grid[date(year, month, 15).isoformat()]
    assert "Abgesagt" in grid[date(year, month, 3).isoformat()]


def test_broken_filter_and_months_out_of_range(client, month_events):
    year, month, _swim, _info = month_events
    response = client.get(month_url(year, month, "alter=abc"))
    assert response.status_code == 422
    assert "ganze Zahl" in response.content.decode()
    assert "alter=abc" not in "".join(html.fromstring(response.content).xpath("//a[@rel]/@href"))
    assert client.get(month_url(year, 13)).status_code == 404
    assert client.get(month_url(year + 5, month)).status_code == 404
    assert client.get(month_url(year - 5, month)).status_code == 404


def test_another_municipality_does_not_show_the_event(client, month_events):
    year, month, _swim, _info = month_events
    page = client.get(f"/stadt-b/de/veranstaltungen/monat/{year}/{month}/").content.decode()
    assert "Schwimmkurs" not in page and "Infoabend" not in page


def test_past_sessions_of_the_month_have_no_booking_state(client, tenants):
    now = timezone.now()
    with scopes_disabled():
        make_event(tenants[0].office, title="Vorbei", start=now - timedelta(days=40), sessions=8)
    today = timezone.localdate()
    page = client.get(month_url(today.year, today.month)).content.decode()
    entries = [
        li.text_content()
        for li in html.fromstring(page).xpath("//table//li[contains(@class, 'month-entry')]")
        if "Vorbei" in li.text_content()
    ]
    assert entries, "the course's dates of this month are shown"
    # The course has begun: none of its dates offers places any more.
    assert not [text for text in entries if "Plätze frei" in text]
