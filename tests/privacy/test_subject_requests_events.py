"""Data-subject requests over event registrations (events/privacy.py), together with the referrals: found,
exported, erased; the counts of registrations by status stay identical."""

from __future__ import annotations

import json

import pytest
from django.db.models import Count
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core.personal_data import find_everywhere
from familienbuero.events.models import Registration
from tests.conftest import verified_client
from tests.events.conftest import register
from tests.events.factories import make_event
from tests.privacy.conftest import A_PRIVACY, EMAIL, PHONE, reload


@pytest.fixture(autouse=True)
def on_commit_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def by_status() -> dict[str, int]:
    with scopes_disabled():
        return dict(
            Registration.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )


def test_export_and_erasure_cover_registrations_and_referrals(world):
    referral = world.refer()
    with scopes_disabled():
        event = make_event(world.a.office, capacity=1)
    [registration] = register(event, "Zaphira", email=EMAIL, phone=PHONE, contact_name="Zaphira Quellmann")
    register(event, "Otto", email="otto@example.org")  # somebody else, on the waiting list
    with scopes_disabled():
        kinds = sorted(r.kind for r in find_everywhere(world.a.municipality, email=EMAIL))
    assert kinds == ["events", "referrals"]

    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    data = json.loads(client.post(f"{A_PRIVACY}auskunft/export/", {"email": EMAIL, "format": "json"}).content)
    assert sorted(r["kind"] for r in data["records"]) == ["events", "referrals"]
    assert any("Zaphira Quellmann" in r["data"].values() for r in data["records"] if r["kind"] == "events")

    before = by_status()
    response = client.post(
        f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "phone": PHONE, "confirm": "on"}
    )
    assert response.status_code == 302
    assert by_status() == before
    with scopes_disabled():
        erased = Registration.objects.get(pk=registration.pk)
        assert erased.personal_data_erased_at is not None
        assert "Zaphira" not in f"{erased.contact_name}{erased.email}{erased.participant_name}"
        assert Registration.objects.exclude(pk=registration.pk).get().email == "otto@example.org"
        assert find_everywhere(world.a.municipality, email=EMAIL, phone=PHONE) == []
    assert reload(referral).is_erased
