"""The staff pages: open a round, make it visible, print paper codes, the tablet address, the result form."""

from __future__ import annotations

from django.test import Client
from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.participation.models import PaperCode, Round
from tests.conftest import verified_client

STAFF = "/stadt-a/de/intern/beteiligung/"


def test_staff_open_a_round_and_make_it_visible(world):
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = office.post(
        f"{STAFF}neu/",
        {
            "question": "Was wollt ihr im Jugendzentrum?",
            "easy_text": "Sag uns, was dir fehlt.",
            "age_min": 12,
            "age_max": 18,
            "opens_on": world.today.isoformat(),
            "closes_on": world.today.isoformat(),
            "allow_ideas": "on",
        },
    )
    assert response.status_code == 302
    with scope(municipality=world.a.municipality):
        round_ = Round.objects.get(translations__question="Was wollt ihr im Jugendzentrum?")
    assert round_.status == Round.Status.DRAFT
    assert Client().get(f"/stadt-a/de/mitmachen/{round_.uuid}/").status_code == 404
    office.post(f"{STAFF}{round_.uuid}/status/", {"status": "published"})
    assert Client().get(f"/stadt-a/de/mitmachen/{round_.uuid}/").status_code == 200
    page = office.get(f"{STAFF}{round_.uuid}/").content.decode()
    assert f"/mitmachen/{round_.uuid}/tablet/{round_.kiosk_token}/" in page
    assert "Was wollt ihr im Jugendzentrum?" in office.get(STAFF).content.decode()
    bad = office.post(
        f"{STAFF}neu/",
        {"question": "X", "age_min": 12, "age_max": 6, "opens_on": "2026-01-02", "closes_on": "2026-01-01"},
    )
    assert bad.status_code == 422


def test_paper_codes_are_printed_and_used_codes_disappear(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    assert coordinator.post(f"{STAFF}{world.round.uuid}/codes/", {"count": 5}).status_code == 302
    page = coordinator.get(f"{STAFF}{world.round.uuid}/codes/").content.decode()
    with scope(municipality=world.a.municipality):
        codes = list(PaperCode.objects.filter(round=world.round))
        world.round.requires_code = True
        world.round.save()
    assert len(codes) == 5 and all(code.code in page for code in codes)
    Client().post(
        f"/stadt-a/de/mitmachen/{world.round.uuid}/abstimmen/",
        {"options": [world.options[0].pk], "code": codes[0].code},
    )
    page = coordinator.get(f"{STAFF}{world.round.uuid}/codes/").content.decode()
    assert codes[0].code not in page and codes[1].code in page
    assert "4 unbenutzte Codes" in page


def test_result_form_and_nav(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    form = coordinator.get(f"{STAFF}{world.round.uuid}/ergebnis/")
    assert form.status_code == 200
    assert "Kletterturm" in form.content.decode()
    assert coordinator.post(f"{STAFF}{world.round.uuid}/ergebnis/", {"result_text": " "}).status_code == 422
    with scope(municipality=world.a.municipality):
        from familienbuero.participation import services

        services.idea_submit(round_=world.round, text="Eine Rutsche")
    nav = coordinator.get("/stadt-a/de/intern/").content.decode()
    assert "Kinder- und Jugendbeteiligung" in nav and f'href="{STAFF}"' in nav
    provider = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert "Kinder- und Jugendbeteiligung" not in provider.get("/stadt-a/de/intern/").content.decode()
