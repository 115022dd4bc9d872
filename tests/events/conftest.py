"""Events test world on top of ``tenants``: one event of A's office with ten places."""

from __future__ import annotations

import pytest
from django_scopes import scope, scopes_disabled

from familienbuero.events import services
from familienbuero.events.models import Event, Registration
from tests.conftest import Tenant
from tests.events.factories import make_event

A_PUBLIC = "/stadt-a/de/veranstaltungen/"
A_STAFF = "/stadt-a/de/intern/veranstaltungen/"


@pytest.fixture(autouse=True)
def on_commit_at_once(request, monkeypatch):
    """Tests run inside a transaction that is never committed: run the after-commit work (mail) at
    once. Transactional tests (the rush test) commit for real and keep Django's behaviour."""
    if "transactional_db" in request.fixturenames:
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def event(tenants: tuple[Tenant, Tenant]) -> Event:
    with scopes_disabled():
        return make_event(tenants[0].office, capacity=10)


def register(
    event: Event, name: str = "Mia", *, email: str = "", phone: str = "", **kwargs: object
) -> list[Registration]:
    """One household registers one child (several with ``names=[...]``)."""
    names = kwargs.pop("names", None) or [name]
    with scope(municipality=event.municipality):
        return services.register(
            event=event,
            contact_name=kwargs.pop("contact_name", "Anna Beispiel"),
            email=email or f"{names[0].lower()}@example.org",
            phone=phone,
            participants=[services.Participant(n, kwargs.pop("age", 8)) for n in names],
            **kwargs,
        )


def reload(registration: Registration) -> Registration:
    with scopes_disabled():
        return Registration.objects.get(pk=registration.pk)


def statuses(event: Event) -> list[str]:
    with scopes_disabled():
        return list(Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True))
