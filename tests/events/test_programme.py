"""Holiday programme end to end: wishes, draw with priority classes, seed, explanation, results mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.events import services_lottery
from familienbuero.events.models import Event, PriorityClass, Programme, Registration, Wish
from familienbuero.events.services_lottery import ChildWishes
from tests.events.factories import make_event


@pytest.fixture
def programme(tenants):
    office = tenants[0].office
    now = timezone.now()
    with scopes_disabled():
        programme = Programme.objects.create(
            municipality=office.municipality,
            office=office,
            name="Ferienspaß 2027",
            wish_opens=now - timedelta(days=1),
            wish_closes=now + timedelta(days=1),
            max_wishes=2,
        )
        classes = [
            PriorityClass.objects.create(programme=programme, position=i, label=label)
            for i, label in enumerate(["BuT", "Voerde", "Andere"])
        ]
        courses = [make_event(office, capacity=1, title=t, programme=programme) for t in ("Reiten", "Zirkus")]
    return programme, classes, courses


def wish(programme, cls, name, courses, email):
    with scope(municipality=programme.municipality):
        return services_lottery.submit_wishes(
            programme=programme,
            contact_name="Eltern " + name,
            email=email,
            priority_class=cls,
            children=[ChildWishes(name, 8, courses=[c.pk for c in courses])],
        )


def test_draw_respects_classes_is_reproducible_and_explained(client, programme):
    programme, (but, voerde, _andere), (reiten, zirkus) = programme
    low = wish(programme, voerde, "Lena", [reiten, zirkus], "lena@example.org")
    high = wish(programme, but, "Hamza", [reiten], "hamza@example.org")
    # First-come registration is closed during the wish phase.
    assert reiten.registration_state() == "lottery"
    with scope(municipality=programme.municipality), pytest.raises(ValidationError):
        services_lottery.run_draw(programme=programme)
    with scope(municipality=programme.municipality):
        result = services_lottery.run_draw(programme=programme, now=timezone.now() + timedelta(days=2))
    with scopes_disabled():
        programme.refresh_from_db()
        assert programme.seed and programme.drawn_at
        won = Wish.objects.filter(won=True).values_list("child__first_name", "event__translations__title")
        won = set(won)
        assert won == {("Hamza", "Reiten"), ("Lena", "Zirkus")}
        assert Registration.objects.filter(source="lottery", status="confirmed").count() == 2
        assert services_lottery.verify_draw(programme)
    assert result.seed == programme.seed
    assert sorted(m.to[0] for m in mail.outbox) == ["hamza@example.org", "lena@example.org"]
    page = client.get(f"/stadt-a/de/veranstaltungen/ferienprogramm/wuensche/{low.token}/").content.decode()
    assert programme.seed in page and "Reiten" in page and "Runde 1" in page
    assert high.token not in page
    with scope(municipality=programme.municipality), pytest.raises(ValidationError):
        services_lottery.run_draw(programme=programme, now=timezone.now() + timedelta(days=2))
    # The won place is a registration under the household's manage link; the place left is first come.
    manage = client.get(f"/stadt-a/de/veranstaltungen/anmeldung/{high.token}/").content.decode()
    assert "Hamza" in manage and "Lena" not in manage
    with scopes_disabled():
        assert Event.objects.select_related("programme").get(pk=reiten.pk).registration_state() == "open"


def test_wish_form_refuses_too_many_or_foreign_courses(client, programme, tenants):
    programme, (but, *_rest), (reiten, zirkus) = programme
    with scopes_disabled():
        foreign = make_event(tenants[0].office, title="Anderes")
    with pytest.raises(ValidationError):
        wish(programme, but, "Ida", [reiten, zirkus, foreign], "ida@example.org")
    with pytest.raises(ValidationError):
        wish(programme, but, "Ida", [foreign], "ida@example.org")
    url = f"/stadt-a/de/veranstaltungen/ferienprogramm/{programme.uuid}/wuensche/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "contact_name": "Eva",
            "email": "eva@example.org",
            "priority_class": but.pk,
            "k0-first_name": "Ida",
            "k0-age": "7",
            "k0-wish1": str(reiten.pk),
            "k0-wish2": str(zirkus.pk),
        },
    )
    assert response.status_code == 302
