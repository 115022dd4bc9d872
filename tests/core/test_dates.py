"""Dates in the family's language: the named styles of ``core/dates.py`` and where families see them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation
from django_scopes import scopes_disabled

from familienbuero.core import dates
from tests.events.factories import make_event

THURSDAY = datetime(2027, 3, 4, 9, 5, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("de", "weekday_date", "Donnerstag, 4. März 2027"),
        ("de", "date", "04.03.2027"),
        ("de", "weekday_datetime", "Do 04.03.2027, 09:05"),
        ("de", "day", "Do 4.3."),
        ("de-ls", "weekday_date", "Donnerstag, 4. März 2027"),
        ("en", "weekday_date", "Thursday 4 March 2027"),
        # Not the American 03/04/2027 of Django's English SHORT_DATE_FORMAT, which a family in
        # Germany would read as the 3rd of April.
        ("en", "date", "4 Mar 2027"),
        ("en", "weekday_datetime", "Thu 4 Mar 2027, 09:05"),
        ("tr", "weekday_date", "4 Mart 2027 Perşembe"),
        ("tr", "date", "04.03.2027"),
        # The month as it stands in a Ukrainian date: genitive ("березня"), not "Березень".
        ("uk", "long_date", "4 березня 2027"),
        ("uk", "day_month", "4 березня"),
        ("ar", "date", "4/3/2027"),
        ("ar", "weekday_date", "الخميس، 4 مارس 2027"),
        # A language without patterns of its own gets the German ones.
        ("fr", "date", "04.03.2027"),
    ],
)
def test_each_language_writes_dates_its_own_way(language, style, expected):
    with translation.override(language):
        assert dates.local_date(THURSDAY, style) == expected


def test_an_unknown_style_is_an_error_not_a_silent_german_date():
    with pytest.raises(ValueError, match="unknown date style"):
        dates.pattern("fancy", "de")


def test_the_filter_shows_a_datetime_in_local_time_and_nothing_for_a_non_date(settings):
    template = Template('{% load local_dates %}[{{ when|local_date:"date" }}][{{ text|local_date:"date" }}]')
    late_evening_utc = datetime(2027, 3, 4, 23, 30, tzinfo=UTC)  # already the 5th in Voerde
    with translation.override("de"):
        assert template.render(Context({"when": late_evening_utc, "text": "soon"})) == "[05.03.2027][]"
        assert template.render(Context({"when": date(2027, 3, 4), "text": None})) == "[04.03.2027][]"


@pytest.fixture
def course(tenants):
    with scopes_disabled():
        return make_event(tenants[0].office, capacity=5, title="Schwimmkurs", start=THURSDAY)


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("de", "Do 04.03.2027, 09:05", None),
        ("en", "Thu 4 Mar 2027, 09:05", "04.03.2027"),
        ("uk", "04.03.2027, 09:05", None),
    ],
)
def test_the_event_page_shows_the_sessions_dates_in_the_page_language(
    client, course, language, shown, not_shown
):
    page = client.get(f"/stadt-a/{language}/veranstaltungen/{course.uuid}/").content.decode()
    assert shown in page
    if not_shown:
        assert not_shown not in page


def test_the_event_list_heads_each_day_in_the_page_language(client, course):
    english = client.get("/stadt-a/en/veranstaltungen/").content.decode()
    german = client.get("/stadt-a/de/veranstaltungen/").content.decode()
    assert "Thursday 4 March 2027" in english and "4. März" not in english
    assert "Donnerstag, 4. März 2027" in german


def test_the_confirmation_mail_dates_the_sessions_in_the_familys_language(
    client, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/stadt-a/en/veranstaltungen/{course.uuid}/anmelden/",
            {"contact_name": "Anna Example", "email": "anna@example.org", "p0-name": "Mia", "p0-age": "6"},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "Thu 4 Mar 2027, 09:05" in message.body
