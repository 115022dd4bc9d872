"""Round and option texts in the children's language: staff enter German (required) and, optionally,
English, Turkish, Arabic and Ukrainian; a child sees the active language, and German where a text is
missing. Ideas stay as the children wrote them."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.participation import services
from familienbuero.participation.models import Option, Round
from tests.conftest import verified_client

STAFF = "/stadt-a/de/intern/beteiligung/"
QUESTION_AR = "كيف يجب أن يبدو الملعب الجديد؟"
TITLE_AR = "برج التسلق"
RESULT_AR = "سنبني برج التسلق."


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _arabic(world) -> None:
    with scope(municipality=world.a.municipality):
        services.round_update(
            round_=world.round,
            question="Wie soll der neue Spielplatz aussehen?",
            easy_text="Du hast 3 Punkte.",
            age_min=6,
            age_max=12,
            opens_on=world.round.opens_on,
            closes_on=world.round.closes_on,
            translations={"ar": {"question": QUESTION_AR, "easy_text": ""}},
        )
        option = Option.objects.get(pk=world.options[0].pk)
        services.option_update(
            option=option,
            title="Kletterturm",
            image_alt="Ein roter Turm",
            translations={"ar": {"title": TITLE_AR, "description": "", "image_alt": "برج أحمر"}},
        )


def test_a_child_sees_the_arabic_texts_and_german_where_arabic_is_missing(world):
    _arabic(world)
    page = _page(Client(), world.url(lang="ar"))
    assert f'<h1 lang="ar">{QUESTION_AR}</h1>' in page
    assert "Wie soll der neue Spielplatz aussehen?" not in page
    assert f'lang="ar">{TITLE_AR}</span>' in page
    assert 'alt="برج أحمر" lang="ar"' in page
    # No Arabic explanation and no Arabic title for the other options: German, marked as German.
    assert 'class="kids-box" lang="de"><p>Du hast 3 Punkte.</p>' in page
    assert 'lang="de">Wasserspiel</span>' in page
    # The list of rounds is in Arabic too.
    assert QUESTION_AR in _page(Client(), "/stadt-a/ar/mitmachen/")


def test_german_and_languages_without_any_text_show_german(world):
    _arabic(world)
    for language in ("de", "en", "tr", "uk", "de-ls"):
        page = _page(Client(), world.url(lang=language))
        assert '<h1 lang="de">Wie soll der neue Spielplatz aussehen?</h1>' in page, language
        assert QUESTION_AR not in page and TITLE_AR not in page, language
        assert 'lang="de">Kletterturm</span>' in page, language


def test_the_published_result_in_arabic_with_german_fallback(world):
    with scope(municipality=world.a.municipality):
        services.vote_cast(round_=world.round, option_ids=[world.options[0].pk], session_key="k")
        idea = services.idea_submit(round_=world.round, text="Eine Hängematte")
        services.idea_moderate(idea=idea, approve=True)
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    first, second = world.options[0].pk, world.options[1].pk
    response = coordinator.post(
        f"{STAFF}{world.round.uuid}/ergebnis/",
        {
            "result_text": "Der Kletterturm wird gebaut.",
            "result_text_ar": RESULT_AR,
            f"option_{first}": "Baubeginn im Mai.",
            f"option_{first}_ar": "يبدأ البناء في أيار.",
            f"option_{second}": "Vielleicht nächstes Jahr.",
            f"idea_{idea.pk}": "Die Hängematte kommt an den Baum.",
        },
    )
    assert response.status_code == 302
    arabic = _page(Client(), world.url(suffix="ergebnis/", lang="ar"))
    for text in (RESULT_AR, "يبدأ البناء في أيار.", "Vielleicht nächstes Jahr.", "Eine Hängematte"):
        assert text in arabic, text
    assert "Der Kletterturm wird gebaut." not in arabic
    turkish = _page(Client(), world.url(suffix="ergebnis/", lang="tr"))
    assert "Der Kletterturm wird gebaut." in turkish and RESULT_AR not in turkish
    # The form shows what is stored, per language, when it is opened again.
    form = _page(coordinator, f"{STAFF}{world.round.uuid}/ergebnis/")
    assert RESULT_AR in form and "يبدأ البناء في أيار." in form


def test_staff_enter_translations_when_creating_a_round_and_an_option(world):
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    form = _page(office, f"{STAFF}neu/")
    assert 'name="question_ar"' in form and 'lang="ar" dir="rtl"' in form
    response = office.post(
        f"{STAFF}neu/",
        {
            "question": "Was wollt ihr im Jugendzentrum?",
            "question_ar": "ماذا تريدون في مركز الشباب؟",
            "easy_text_uk": "Скажи нам, чого тобі бракує.",
            "age_min": 12,
            "age_max": 18,
            "opens_on": world.today.isoformat(),
            "closes_on": world.today.isoformat(),
        },
    )
    assert response.status_code == 302
    with scope(municipality=world.a.municipality):
        round_ = Round.objects.get(translations__question="Was wollt ihr im Jugendzentrum?")
        texts = services.texts_by_language(round_)
    assert texts["ar"]["question"] == "ماذا تريدون في مركز الشباب؟"
    assert texts["uk"] == {"question": "", "easy_text": "Скажи нам, чого тобі бракує.", "result_text": ""}
    assert "en" not in texts and "tr" not in texts  # nothing entered: no empty translation
    response = office.post(
        f"{STAFF}{round_.uuid}/option/", {"title": "Billardtisch", "title_tr": "Bilardo masası"}
    )
    assert response.status_code == 302
    with scope(municipality=world.a.municipality):
        option = Option.objects.get(round=round_)
        assert option.text_in("title", "tr") == "Bilardo masası"
        assert option.text_in("title", "ar") == "Billardtisch"


def test_staff_edit_texts_in_every_language(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    url = f"{STAFF}{world.round.uuid}/bearbeiten/"
    assert "Wie soll der neue Spielplatz aussehen?" in _page(coordinator, url)
    data = {
        "question": "Wie soll der Spielplatz aussehen?",
        "easy_text": "Du hast drei Punkte.",
        "question_en": "What should the playground look like?",
        "age_min": 6,
        "age_max": 12,
        "opens_on": world.round.opens_on.isoformat(),
        "closes_on": world.round.closes_on.isoformat(),
        "allow_ideas": "on",
    }
    assert coordinator.post(url, data).status_code == 302
    assert "What should the playground look like?" in _page(Client(), world.url(lang="en"))
    assert "What should the playground look like?" in _page(coordinator, url)

    option_url = f"{STAFF}option/{world.options[1].pk}/"
    response = coordinator.post(option_url, {"title": "Wasserspielplatz", "title_uk": "Водний майданчик"})
    assert response.status_code == 302
    assert "Водний майданчик" in _page(Client(), world.url(lang="uk"))
    assert "Wasserspielplatz" in _page(Client(), world.url(lang="de"))


def test_german_is_required_and_too_long_translations_are_refused(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    option_url = f"{STAFF}option/{world.options[1].pk}/"
    response = coordinator.post(option_url, {"title": "", "title_ar": TITLE_AR})
    assert response.status_code == 422
    response = coordinator.post(option_url, {"title": "Wasserspiel", "title_ar": "ب" * 81})
    assert response.status_code == 422
    assert 'id="id_title_ar_error"' in response.content.decode()
    with scope(municipality=world.a.municipality):
        assert "ar" not in services.texts_by_language(Option.objects.get(pk=world.options[1].pk))
    # The picture needs its German description.
    response = coordinator.post(f"{STAFF}option/{world.options[0].pk}/", {"title": "Kletterturm"})
    assert response.status_code == 422


def test_another_municipality_cannot_edit(world):
    other = verified_client(world.b.users[Role.COORDINATOR])
    assert other.get(f"/stadt-b/de/intern/beteiligung/{world.round.uuid}/bearbeiten/").status_code == 404
    assert other.get(f"/stadt-b/de/intern/beteiligung/option/{world.options[0].pk}/").status_code == 404
    response = other.post(f"/stadt-b/de/intern/beteiligung/option/{world.options[0].pk}/", {"title": "X"})
    assert response.status_code == 404
    with scope(municipality=world.a.municipality):
        assert Option.objects.get(pk=world.options[0].pk).text_in("title", "de") == "Kletterturm"


def test_an_idea_put_to_the_vote_stays_as_the_child_wrote_it(world):
    with scope(municipality=world.a.municipality):
        idea = services.idea_submit(round_=world.round, text="Eine Seilbahn")
        services.idea_moderate(idea=idea, approve=True, put_to_vote=True)
    page = _page(Client(), world.url(lang="ar"))
    assert page.count("Eine Seilbahn") == 2  # as an option and among the ideas


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_german_texts_and_is_reversible(tenants):
    a, _b = tenants
    with scope(municipality=a.municipality):
        round_ = services.round_create(
            municipality=a.municipality,
            question="Alte Frage?",
            easy_text="Alter Text.",
            age_min=6,
            age_max=12,
            opens_on=date(2026, 1, 1),
            closes_on=date(2026, 2, 1),
        )
        services.option_add(round_=round_, title="Alte Option", description="Alt.")
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("participation")
    try:
        _migrate([("participation", "0001_rounds_options_ideas_ballots")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT question, easy_text FROM participation_round WHERE id = %s", [round_.pk])
            assert cursor.fetchone() == ("Alte Frage?", "Alter Text.")
            cursor.execute(
                "SELECT title, description FROM participation_option WHERE round_id = %s", [round_.pk]
            )
            assert cursor.fetchone() == ("Alte Option", "Alt.")
    finally:
        _migrate(leaf)
    with scopes_disabled():
        round_ = Round.objects.get(pk=round_.pk)
        assert round_.text_in("question", "de") == "Alte Frage?"
        assert round_.text_in("easy_text", "ar") == "Alter Text."
        assert Option.objects.get(round=round_).text_in("title", "de") == "Alte Option"
