"""Staff enter an event's texts in further languages (German required, the others optional); the public
pages show the page language and fall back to German, marked with lang="de"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from lxml import html

from familienbuero.accounts.roles import Role
from familienbuero.events.models import Event
from tests.conftest import verified_client
from tests.events.conftest import A_STAFF

ARABIC_TITLE = "دورة الحاسوب للآباء"
DAY = timezone.localdate() + timedelta(days=20)


def event_data(office, **extra) -> dict[str, str]:
    data = {
        "title": "Computerkurs für Eltern",
        "description": "Grundlagen am Laptop.",
        "office": str(office.pk),
        "kind": "single",
        "capacity": "8",
        "cost": "free",
        "confirm_hours": "48",
        "sessions": f"{DAY:%d.%m.%Y} 18:00-20:00",
        "en-title": "Computer course for parents",
        "en-description": "The basics on a laptop.",
        "ar-title": ARABIC_TITLE,
    }
    data.update(extra)
    return data


@pytest.fixture
def staff(tenants):
    return verified_client(tenants[0].users[Role.OFFICE_STAFF])


def created(staff, tenants, **extra) -> Event:
    response = staff.post(f"{A_STAFF}neu/", event_data(tenants[0].office, **extra))
    assert response.status_code == 302, response.content.decode()[:3000]
    with scopes_disabled():
        return Event.objects.get()


def test_arabic_page_shows_the_arabic_title_and_falls_back_to_german(client, staff, tenants):
    event = created(staff, tenants)
    with scopes_disabled():
        assert sorted(event.get_available_languages()) == ["ar", "de", "en"]
    tree = html.fromstring(client.get(f"/stadt-a/ar/veranstaltungen/{event.uuid}/").content)
    heading = tree.xpath("//main//h1")[0]
    assert heading.text_content() == ARABIC_TITLE and heading.get("lang") is None
    # No Arabic description: the German one, marked as German for screen readers.
    description = [
        d for d in tree.xpath("//main//article/div") if "Grundlagen am Laptop." in d.text_content()
    ]
    assert description and description[0].get("lang") == "de"
    assert tree.xpath("/html/@dir") == ["rtl"]
    english = client.get(f"/stadt-a/en/veranstaltungen/{event.uuid}/").content.decode()
    assert "Computer course for parents" in english and "The basics on a laptop." in english
    turkish = html.fromstring(client.get(f"/stadt-a/tr/veranstaltungen/{event.uuid}/").content)
    assert turkish.xpath("//main//h1")[0].text_content() == "Computerkurs für Eltern"
    assert turkish.xpath("//main//h1")[0].get("lang") == "de"
    # List and month calendar in Arabic show the Arabic title too.
    assert ARABIC_TITLE in client.get("/stadt-a/ar/veranstaltungen/").content.decode()
    month = client.get(f"/stadt-a/ar/veranstaltungen/monat/{DAY.year}/{DAY.month}/").content.decode()
    assert ARABIC_TITLE in month


def test_a_text_without_its_title_is_refused_and_nothing_stored(staff, tenants):
    response = staff.post(
        f"{A_STAFF}neu/",
        event_data(tenants[0].office, **{"ar-title": "", "ar-description": "وصف بدون عنوان"}),
    )
    assert response.status_code == 422
    assert "Geben Sie auch den Titel auf Arabisch ein" in response.content.decode()
    response = staff.post(f"{A_STAFF}neu/", event_data(tenants[0].office, **{"uk-title": "Ї" * 201}))
    assert response.status_code == 422 and "höchstens 200 Zeichen" in response.content.decode()
    with scopes_disabled():
        assert Event.objects.count() == 0


def test_editing_shows_the_translations_changes_and_removes_them(client, staff, tenants):
    event = created(staff, tenants)
    url = f"{A_STAFF}{event.uuid}/bearbeiten/"
    form = html.fromstring(staff.get(url).content)
    assert form.xpath("//input[@name='ar-title']/@value") == [ARABIC_TITLE]
    assert form.xpath("//input[@name='ar-title']/@dir") == ["rtl"]
    assert form.xpath("//input[@name='ar-title']/@lang") == ["ar"]
    data = event_data(tenants[0].office, **{"ar-title": "", "en-title": "Laptop course for parents"})
    assert staff.post(url, data).status_code == 302
    with scopes_disabled():
        event = Event.objects.get(pk=event.pk)
        assert sorted(event.get_available_languages()) == ["de", "en"]
    arabic = html.fromstring(client.get(f"/stadt-a/ar/veranstaltungen/{event.uuid}/").content)
    assert arabic.xpath("//main//h1")[0].text_content() == "Computerkurs für Eltern"
    assert (
        "Laptop course for parents"
        in client.get(f"/stadt-a/en/veranstaltungen/{event.uuid}/").content.decode()
    )


def test_demo_events_have_translations_and_loading_again_keeps_them(client, demo):
    from familienbuero.core.demo import load_demo

    page = client.get("/voerde/ar/veranstaltungen/").content.decode()
    assert "أمسية إعلامية: من الروضة إلى المدرسة الابتدائية" in page
    # Without an Arabic text the German title is shown, marked as German.
    assert 'lang="de">Babysitterkurs</a>' in page
    load_demo()
    with scopes_disabled():
        swim = Event.objects.get(translations__title="Schwimmkurs (Seepferdchen)")
        assert sorted(swim.get_available_languages()) == ["ar", "de", "en", "tr", "uk"]
        assert (
            swim.safe_translation_getter("title", language_code="uk")
            == "Курс плавання (значок «Морський коник»)"
        )
        assert list(Event.objects.get(translations__title="Babysitterkurs").get_available_languages()) == [
            "de"
        ]


def test_ical_feed_in_arabic_has_the_arabic_title_and_the_german_description(client, staff, tenants):
    from icalendar import Calendar

    created(staff, tenants)
    feed = Calendar.from_ical(client.get("/stadt-a/ar/veranstaltungen/kalender.ics").content)
    entries = [c for c in feed.walk("VEVENT")]
    assert [str(e["summary"]) for e in entries] == [ARABIC_TITLE]
    assert str(entries[0]["description"]) == "Grundlagen am Laptop."
