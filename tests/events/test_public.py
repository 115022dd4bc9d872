"""Public pages: list with filters, detail, registration of several children, manage page, iCal."""

from __future__ import annotations

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from familienbuero.events.models import Answer, Registration
from tests.events.conftest import A_PUBLIC
from tests.events.factories import make_event


@pytest.fixture
def swim(tenants):
    with scopes_disabled():
        return make_event(
            tenants[0].office,
            capacity=1,
            title="Schwimmkurs",
            minimum_age=5,
            maximum_age=9,
            questions=(
                (
                    "Kann Ihr Kind schon schwimmen?",
                    "Für die Einteilung in Gruppen.",
                    True,
                    "nein\nein bisschen\nja",
                ),
            ),
        )


def form_data(swim, **extra):
    with scopes_disabled():
        question = swim.questions.get()
    data = {
        "contact_name": "Anna Beispiel",
        "email": "anna@example.org",
        "phone": "",
        "p0-name": "Mia",
        "p0-age": "6",
        f"p0-q{question.pk}": "nein",
        "p1-name": "Noah",
        "p1-age": "8",
        f"p1-q{question.pk}": "ja",
    }
    data.update(extra)
    return data


def test_two_children_one_place_one_waiting(client, swim):
    response = client.post(f"{A_PUBLIC}{swim.uuid}/anmelden/", form_data(swim))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Mia" in page and "Noah" in page
    assert "Warteliste, Platz 1" in page
    with scopes_disabled():
        assert Registration.objects.filter(event=swim).count() == 2
        assert Answer.objects.filter(registration__event=swim).count() == 2
    assert len(mail.outbox) == 1 and "Warteliste" in mail.outbox[0].body
    assert "/veranstaltungen/anmeldung/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"contact_name": "x" * 121}, "höchstens 120 Zeichen"),
        ({"email": "kein-at-zeichen"}, "gültige E-Mail-Adresse"),
        ({"email": "", "phone": ""}, "E-Mail-Adresse oder eine Telefonnummer"),
        ({"p0-age": "12"}, "Altersbereich"),
        ({"p0-name": "M" * 61}, "höchstens 60 Zeichen"),
        ({"p0-q{q}": ""}, "Bitte beantworten"),
        ({"p0-q{q}": "vielleicht"}, "gültige Auswahl"),
        ({"p0-age": "abc"}, "ganze Zahl"),
        ({"phone": "<script>"}, "Telefonnummer"),
    ],
)
def test_malformed_input_is_refused_and_nothing_stored(client, swim, change, message):
    with scopes_disabled():
        question = swim.questions.get()
    change = {key.format(q=question.pk): value for key, value in change.items()}
    response = client.post(f"{A_PUBLIC}{swim.uuid}/anmelden/", form_data(swim, **change))
    assert response.status_code == 422
    assert message in response.content.decode()
    with scopes_disabled():
        assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_list_filters_and_detail(client, tenants, swim):
    with scopes_disabled():
        make_event(tenants[0].office, title="Infoabend Kita und Schule")
    page = client.get(f"{A_PUBLIC}?alter=6").content.decode()
    assert "Schwimmkurs" in page and "Infoabend" in page
    page = client.get(f"{A_PUBLIC}?alter=12").content.decode()
    assert "Schwimmkurs" not in page and "Infoabend" in page
    detail = client.get(f"{A_PUBLIC}{swim.uuid}/").content.decode()
    assert "Kann Ihr Kind" not in detail and "Anmelden" in detail
    form = client.get(f"{A_PUBLIC}{swim.uuid}/anmelden/").content.decode()
    assert "Kann Ihr Kind schon schwimmen?" in form and "Für die Einteilung in Gruppen." in form


def test_other_municipality_does_not_show_the_event(client, swim):
    assert client.get(f"/stadt-b/de/veranstaltungen/{swim.uuid}/").status_code == 404
    assert "Schwimmkurs" not in client.get("/stadt-b/de/veranstaltungen/").content.decode()


def test_ical_feed(client, swim):
    response = client.get(f"{A_PUBLIC}kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Schwimmkurs" in body
