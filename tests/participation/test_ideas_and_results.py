"""Ideas are never shown before moderation; personal data is refused; results are published with what
will be done and what became of the ideas."""

from __future__ import annotations

from django.test import Client
from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.participation import services
from familienbuero.participation.models import Idea, Option
from tests.conftest import verified_client
from tests.html_lang import language_of


def _pages(world) -> str:
    client = Client()
    return "".join(
        client.get(url).content.decode()
        for url in (world.url(), world.url(suffix="ergebnis/"), "/stadt-a/de/mitmachen/")
    )


def test_an_unmoderated_idea_is_never_shown(world):
    response = Client().post(world.url(suffix="idee/"), {"text": "Eine Seilbahn quer über den Platz"})
    assert response.status_code == 302
    assert "Seilbahn" not in _pages(world)
    with scope(municipality=world.a.municipality):
        idea = Idea.objects.get()
    assert idea.status == Idea.Status.PENDING

    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    assert "Seilbahn" in office.get(f"/stadt-a/de/intern/beteiligung/{world.round.uuid}/").content.decode()
    office.post(f"/stadt-a/de/intern/beteiligung/idee/{idea.pk}/", {"decision": "reject", "text": ""})
    assert "Seilbahn" not in _pages(world)
    office.post(f"/stadt-a/de/intern/beteiligung/idee/{idea.pk}/", {"decision": "approve", "text": ""})
    assert "Seilbahn" in Client().get(world.url()).content.decode()


def test_moderator_may_correct_the_text_and_put_it_to_the_vote(world):
    with scope(municipality=world.a.municipality):
        idea = services.idea_submit(round_=world.round, text="Lena aus der 3b will ein Trampolin")
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    coordinator.post(
        f"/stadt-a/de/intern/beteiligung/idee/{idea.pk}/", {"decision": "vote", "text": "Ein Trampolin"}
    )
    page = Client().get(world.url()).content.decode()
    assert "Ein Trampolin" in page and "Lena" not in page
    with scope(municipality=world.a.municipality):
        assert Option.objects.filter(round=world.round, translations__title="Ein Trampolin").exists()


def test_personal_data_in_an_idea_is_refused(world):
    for text in ("Ruf mich an 0281 123456", "schreib an lena@example.org", "siehe www.example.org"):
        response = Client().post(world.url(suffix="idee/"), {"text": text})
        assert response.status_code == 422
        assert "keine E-Mail-Adresse" in response.content.decode()
    with scope(municipality=world.a.municipality):
        assert not Idea.objects.exists()


def test_no_ideas_after_the_end(world):
    response = Client().post(world.url(world.closed, "idee/"), {"text": "Zu spät"})
    assert response.status_code == 422
    with scope(municipality=world.a.municipality):
        assert not Idea.objects.exists()


def test_published_result_shows_what_will_be_done(world):
    with scope(municipality=world.a.municipality):
        services.vote_cast(round_=world.round, option_ids=[world.options[0].pk], session_key="k")
        idea = services.idea_submit(round_=world.round, text="Eine Hängematte")
        services.idea_moderate(idea=idea, approve=True)
    assert "Kletterturm wird gebaut" not in Client().get(world.url(suffix="ergebnis/")).content.decode()
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    response = coordinator.post(
        f"/stadt-a/de/intern/beteiligung/{world.round.uuid}/ergebnis/",
        {
            "result_text": "Der Kletterturm wird gebaut.",
            f"option_{world.options[0].pk}": "Baubeginn im Mai.",
            f"idea_{idea.pk}": "Die Hängematte kommt an den Baum.",
        },
    )
    assert response.status_code == 302
    page = Client().get(world.url(suffix="ergebnis/")).content.decode()
    for text in (
        "Der Kletterturm wird gebaut.",
        "Baubeginn im Mai.",
        "Die Hängematte kommt an den Baum.",
        "1 Kind",
    ):
        assert text in page, text
    # On the English page the staff's German answer to the child's idea is marked German.
    english = Client().get(world.url(suffix="ergebnis/", lang="en")).content.decode()
    assert language_of(english, "Die Hängematte kommt an den Baum.") == "de"


def test_staff_pages_of_another_municipality_are_404(world):
    other = verified_client(world.b.users[Role.COORDINATOR])
    with scope(municipality=world.a.municipality):
        idea = services.idea_submit(round_=world.round, text="Eine Rutsche")
    assert other.get(f"/stadt-b/de/intern/beteiligung/{world.round.uuid}/").status_code == 404
    assert (
        other.post(f"/stadt-b/de/intern/beteiligung/idee/{idea.pk}/", {"decision": "approve"}).status_code
        == 404
    )
    assert Client().get(f"/stadt-b/de/mitmachen/{world.round.uuid}/").status_code == 404
    provider = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert provider.get("/stadt-a/de/intern/beteiligung/").status_code == 404
    with scope(municipality=world.a.municipality):
        assert Idea.objects.get(pk=idea.pk).status == Idea.Status.PENDING
