"""Rush safety: 100 parents register at the same moment for 10 places (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from familienbuero.events import services
from familienbuero.events.models import Registration
from tests.events.factories import make_event

PARENTS = 100
PLACES = 10


def rush(event) -> tuple[dict[int, list[str]], list[BaseException]]:
    """PARENTS parents register one child each for ``event`` at the same moment; returns what each was
    told (after the commit) and the failures."""
    municipality = event.municipality
    start = threading.Barrier(PARENTS)
    # PostgreSQL allows 100 connections in all: the parents share a pool of 30, like a server's workers.
    pool = threading.BoundedSemaphore(30 if connection.vendor == "postgresql" else PARENTS)
    acknowledged: dict[int, list[str]] = {}
    failures: list[BaseException] = []

    def parent(number: int) -> None:
        try:
            start.wait()
            with pool, scope(municipality=municipality):
                try:
                    created = services.register(
                        event=event,
                        contact_name=f"Elternteil {number}",
                        email=f"eltern{number}@example.org",
                        participants=[services.Participant(f"Kind{number}", 7)],
                    )
                finally:
                    connection.close()
            # Acknowledged only now, after the commit.
            acknowledged[number] = [r.status for r in created]
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=parent, args=(n,)) for n in range(PARENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return acknowledged, failures


@pytest.mark.django_db(transaction=True)
def test_hundred_parallel_registrations_for_ten_places(tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=PLACES)
    acknowledged, failures = rush(event)
    assert failures == []
    assert len(acknowledged) == PARENTS
    with scopes_disabled():
        rows = list(Registration.objects.filter(event=event).order_by("pk"))
    assert len(rows) == PARENTS  # every acknowledged registration stored, none twice
    assert len({r.participant_name for r in rows}) == PARENTS
    confirmed = [r for r in rows if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in rows if r.status == Registration.Status.WAITING]
    assert len(confirmed) == PLACES
    assert len(waiting) == PARENTS - PLACES
    # Consistent order: the places went to the first ten accepted, the waiting list follows on.
    assert rows[:PLACES] == confirmed
    with scopes_disabled():
        positions = [services.waiting_position(r) for r in waiting]
    assert positions == list(range(1, PARENTS - PLACES + 1))
    # What each parent was told is what is stored.
    stored = {r.participant_name: r.status for r in rows}
    for number, told in acknowledged.items():
        assert told == [stored[f"Kind{number}"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every writer at BEGIN")
def test_without_the_row_lock_the_rush_overbooks(tenants, monkeypatch):
    """Control: the test above can see the race. Without ``FOR UPDATE`` (the event row not locked),
    parallel registrations count the same free places and more than PLACES are confirmed."""
    monkeypatch.setattr(type(connection.features), "has_select_for_update", False)
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=PLACES)
    acknowledged, failures = rush(event)
    assert failures == []
    assert len(acknowledged) == PARENTS
    with scopes_disabled():
        confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
    assert confirmed > PLACES
