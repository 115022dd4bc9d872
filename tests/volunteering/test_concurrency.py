"""Capacity under simultaneous requests: parallel matching runs never give a tutor more pupils than
places, parallel acceptances never fill an internship beyond its places. ``transaction=True`` so that
every thread commits on its own connection (SQLite with BEGIN IMMEDIATE, or PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django_scopes import scope, scopes_disabled

from familienbuero.volunteering import internships, services
from familienbuero.volunteering.models import InternshipOffer, Match, Placement, YouthInterest
from tests.volunteering.conftest import make_request, make_tutor

THREADS = 8


def race(target, count: int = THREADS) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        try:
            barrier.wait()
            result = target(index)
        except ValidationError:
            result = "refused"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_parallel_matching_runs_respect_capacity(tenants):
    m = tenants[0].municipality
    make_tutor(m, max_pupils=2)
    for i in range(6):
        make_request(m, child_name=f"Kind {i}")

    def run(_index: int) -> str:
        with scope(municipality=m):
            return f"proposed {len(services.propose_matches(municipality=m))}"

    outcomes = race(run)
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    with scopes_disabled():
        active = Match.objects.filter(status__in=Match.ACTIVE)
        assert active.count() == 2
        assert max(Counter(active.values_list("request", flat=True)).values()) == 1
    assert sorted(outcomes) == ["proposed 0"] * (THREADS - 1) + ["proposed 2"]


@pytest.mark.django_db(transaction=True)
def test_parallel_acceptances_never_exceed_the_places(tenants):
    m = tenants[0].municipality
    with scopes_disabled():
        offer = InternshipOffer.objects.create(
            municipality=m,
            provider_name="Bäckerei",
            title="Praktikum Backstube",
            field="craft",
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 3, 10),
            places=2,
        )
        placements = []
        for i in range(THREADS):
            youth = YouthInterest.objects.create(
                municipality=m,
                first_name=f"Jugend {i}",
                age=16,
                phone="0281 1",
                fields=["craft"],
                available_from=date(2027, 3, 1),
                available_until=date(2027, 3, 31),
            )
            placements.append(
                Placement.objects.create(municipality=m, interest=youth, offer=offer, status="applied")
            )

    def accept(index: int) -> str:
        with scope(municipality=m):
            internships.placement_update(placement=placements[index], status="accepted")
        return "accepted"

    outcomes = race(accept)
    assert sorted(outcomes) == ["accepted"] * 2 + ["refused"] * (THREADS - 2), outcomes
    with scopes_disabled():
        assert Placement.objects.filter(status="accepted").count() == 2
