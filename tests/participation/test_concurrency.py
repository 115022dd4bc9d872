"""One ballot per paper code and per session, also when many requests arrive at the same moment: 20
threads press "send" with the same code (or from the same session); exactly one ballot is stored.

``transaction=True`` so that every thread commits on its own connection (SQLite with BEGIN IMMEDIATE, or
PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django_scopes import scope, scopes_disabled

from familienbuero.participation import services
from familienbuero.participation.models import Ballot, PaperCode

ATTEMPTS = 20


def _race(world, **vote) -> list[str]:
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait()
            with scope(municipality=world.a.municipality):
                services.vote_cast(round_=world.round, option_ids=[world.options[0].pk], **vote)
            result = "voted"
        except services.AlreadyVoted:
            result = "refused"
        except ValidationError as error:
            result = f"invalid: {error.messages}"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_one_paper_code_gives_one_ballot_under_simultaneous_use(world):
    with scope(municipality=world.a.municipality):
        world.round.requires_code = True
        world.round.save()
        (code,) = services.codes_generate(round_=world.round, count=1)
    outcomes = _race(world, code=code.code)
    assert sorted(outcomes) == ["refused"] * (ATTEMPTS - 1) + ["voted"]
    with scopes_disabled():
        assert Ballot.objects.filter(round=world.round).count() == 1
        assert PaperCode.objects.get(pk=code.pk).used_at is not None


@pytest.mark.django_db(transaction=True)
def test_one_session_gives_one_ballot_under_simultaneous_posts(world):
    outcomes = _race(world, session_key="one-browser")
    assert sorted(outcomes) == ["refused"] * (ATTEMPTS - 1) + ["voted"]
    with scopes_disabled():
        assert Ballot.objects.filter(round=world.round).count() == 1
