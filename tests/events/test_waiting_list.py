"""Waiting list: promotion on cancellation and on more places, the deadline to confirm, cancelling an
event, and the rule that a household's manage link reaches only its own registrations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.events import services
from familienbuero.events.models import Registration
from tests.events.conftest import register, reload, statuses
from tests.events.factories import make_event

S = Registration.Status


@pytest.fixture
def full(tenants):
    """Two places, both taken, two on the waiting list."""
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=2)
    regs = [register(event, name)[0] for name in ("Ada", "Ben", "Cem", "Dana")]
    mail.outbox.clear()
    return event, regs


def test_places_then_waiting_list_in_order(full):
    event, regs = full
    assert statuses(event) == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]
    with scopes_disabled():
        assert [services.waiting_position(reload(r)) for r in regs] == [None, None, 1, 2]


def test_cancellation_offers_the_place_to_the_first_waiting(full):
    event, (ada, _ben, cem, dana) = full
    with scope(municipality=event.municipality):
        services.cancel_registration(token=ada.token, registration_uuid=ada.uuid)
    assert statuses(event) == [S.CANCELLED, S.CONFIRMED, S.OFFERED, S.WAITING]
    offered = reload(cem)
    assert offered.offered_until > timezone.now() + timedelta(hours=47)
    assert [m.to for m in mail.outbox] == [["cem@example.org"]]
    assert "bestätigen" in mail.outbox[0].body.lower() or "confirm" in mail.outbox[0].body.lower()
    with scope(municipality=event.municipality):
        services.confirm_offer(token=cem.token, registration_uuid=cem.uuid)
    assert reload(cem).status == S.CONFIRMED
    with scopes_disabled():
        assert services.waiting_position(reload(dana)) == 1


def test_more_places_promote_the_waiting_list(full):
    event, _regs = full
    with scope(municipality=event.municipality):
        services.set_capacity(event=event, capacity=5)
    assert statuses(event) == [S.CONFIRMED, S.CONFIRMED, S.OFFERED, S.OFFERED]
    assert len(mail.outbox) == 2


def test_fewer_places_than_taken_are_refused(full):
    event, _regs = full
    with scope(municipality=event.municipality), pytest.raises(ValidationError):
        services.set_capacity(event=event, capacity=1)


def test_unconfirmed_offer_expires_and_the_next_moves_up(full):
    event, (ada, _ben, cem, _dana) = full
    with scope(municipality=event.municipality):
        services.cancel_registration(token=ada.token, registration_uuid=ada.uuid)
    deadline = reload(cem).offered_until
    assert services.expire_offers(now=deadline - timedelta(minutes=1)) == 0
    mail.outbox.clear()
    assert services.expire_offers(now=deadline + timedelta(seconds=1)) == 1
    assert statuses(event) == [S.CANCELLED, S.CONFIRMED, S.EXPIRED, S.OFFERED]
    assert sorted(m.to[0] for m in mail.outbox) == ["cem@example.org", "dana@example.org"]
    with scope(municipality=event.municipality), pytest.raises(ValidationError):
        services.confirm_offer(token=cem.token, registration_uuid=cem.uuid)


def test_organiser_cancels_the_event_and_everybody_is_notified(full):
    event, _regs = full
    with scope(municipality=event.municipality):
        services.cancel_event(event=event)
    assert set(statuses(event)) == {S.CANCELLED}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@example.org",
        "ben@example.org",
        "cem@example.org",
        "dana@example.org",
    ]
    with pytest.raises(ValidationError):
        register(event, "Emil")


def test_one_households_link_cannot_touch_another_registration(full, client):
    event, (ada, ben, _cem, _dana) = full
    with scope(municipality=event.municipality), pytest.raises(Registration.DoesNotExist):
        services.cancel_registration(token=ada.token, registration_uuid=ben.uuid)
    url = f"/stadt-a/de/veranstaltungen/anmeldung/{ada.token}/{ben.uuid}/abmelden/"
    assert client.post(url).status_code == 404
    assert client.get(f"/stadt-a/de/veranstaltungen/anmeldung/{ada.token[:-1]}x/").status_code == 404
    assert reload(ben).status == S.CONFIRMED
    page = client.get(f"/stadt-a/de/veranstaltungen/anmeldung/{ada.token}/").content.decode()
    assert "Ada" in page and "Ben" not in page


def test_same_child_cannot_register_twice(tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=2)
    register(event, "Ada")
    with pytest.raises(ValidationError):
        register(event, "ada")
