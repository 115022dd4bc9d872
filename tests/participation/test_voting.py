"""Voting: only within the round's dates, at most three dots, one ballot per browser session (or per
paper code), documented abuse limits, results computed correctly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scope

from familienbuero.participation import selectors, services
from familienbuero.participation.models import Ballot, Dot


def _ballots(world, round_=None) -> int:
    with scope(municipality=world.a.municipality):
        return Ballot.objects.filter(round=round_ or world.round).count()


def test_no_votes_outside_the_rounds_dates(world):
    option = world.options[0]
    with scope(municipality=world.a.municipality):
        for day in (world.round.opens_on - timedelta(days=1), world.round.closes_on + timedelta(days=1)):
            with pytest.raises(ValidationError) as error:
                services.vote_cast(round_=world.round, option_ids=[option.pk], session_key="s", today=day)
            assert error.value.code == "closed"
        # First and last day are inside.
        services.vote_cast(
            round_=world.round, option_ids=[option.pk], session_key="a", today=world.round.opens_on
        )
        services.vote_cast(
            round_=world.round, option_ids=[option.pk], session_key="b", today=world.round.closes_on
        )
    assert _ballots(world) == 2


def test_closed_round_refuses_a_vote_over_http(world):
    with scope(municipality=world.a.municipality):
        zoo = world.closed.options.get()
    response = Client().post(world.url(world.closed, "abstimmen/"), {"options": [zoo.pk]})
    assert response.status_code == 422
    assert _ballots(world, world.closed) == 0
    page = Client().get(world.url(world.closed)).content.decode()
    assert "Send my dots" not in page and "Punkte abgeben" not in page


def test_draft_round_is_invisible(world):
    with scope(municipality=world.a.municipality):
        services.round_set_status(round_=world.round, status="draft")
    assert Client().get(world.url()).status_code == 404
    assert (
        Client().post(world.url(suffix="abstimmen/"), {"options": [world.options[0].pk]}).status_code == 404
    )


def test_at_most_three_dots_on_options_of_this_round(world):
    ids = [option.pk for option in world.options]
    with scope(municipality=world.a.municipality):
        with pytest.raises(ValidationError) as error:
            services.vote_cast(round_=world.round, option_ids=ids, session_key="x")
        assert error.value.code == "too_many"
        zoo = world.closed.options.get()
        with pytest.raises(ValidationError) as error:
            services.vote_cast(round_=world.round, option_ids=[zoo.pk], session_key="x")
        assert error.value.code == "unknown_option"
        with pytest.raises(ValidationError):
            services.vote_cast(round_=world.round, option_ids=[], session_key="x")
        ballot = services.vote_cast(round_=world.round, option_ids=[ids[0], ids[0], ids[1]], session_key="x")
        assert Dot.objects.filter(ballot=ballot).count() == 2  # the same thing twice counts once
    response = Client().post(world.url(suffix="abstimmen/"), {"options": ids})
    assert response.status_code == 422
    assert "drei" in response.content.decode()


def test_one_ballot_per_browser_session(world):
    child = Client()
    first = child.post(
        world.url(suffix="abstimmen/"), {"options": [world.options[0].pk, world.options[1].pk]}
    )
    assert first.status_code == 302
    again = child.post(world.url(suffix="abstimmen/"), {"options": [world.options[2].pk]})
    assert again.status_code == 422
    assert "schon abgestimmt" in again.content.decode()
    assert "schon abgestimmt" in child.get(world.url()).content.decode()
    assert _ballots(world) == 1
    # Another browser is another child.
    assert (
        Client().post(world.url(suffix="abstimmen/"), {"options": [world.options[2].pk]}).status_code == 302
    )
    assert _ballots(world) == 2


def test_same_session_twice_is_refused_by_the_database_too(world):
    with scope(municipality=world.a.municipality):
        services.vote_cast(round_=world.round, option_ids=[world.options[0].pk], session_key="same")
        with pytest.raises(services.AlreadyVoted):
            services.vote_cast(round_=world.round, option_ids=[world.options[1].pk], session_key="same")
    assert _ballots(world) == 1


def test_ballot_stores_no_session_key_in_clear(world):
    child = Client()
    child.post(world.url(suffix="abstimmen/"), {"options": [world.options[0].pk]})
    with scope(municipality=world.a.municipality):
        ballot = Ballot.objects.get()
    assert child.session.session_key not in ballot.session_hash
    assert len(ballot.session_hash) == 64


def test_per_address_limit_on_votes(world, limits_on):
    """Documented abuse limit: 20 ballots per hour from one address (then 429); paper codes for schools."""
    statuses = [
        Client().post(world.url(suffix="abstimmen/"), {"options": [world.options[0].pk]}).status_code
        for _ in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    assert _ballots(world) == 20


def test_paper_codes_one_ballot_each(world):
    with scope(municipality=world.a.municipality):
        world.round.requires_code = True
        world.round.save()
        codes = services.codes_generate(round_=world.round, count=3)
    assert len({c.code for c in codes}) == 3
    option = world.options[0].pk
    wrong = Client().post(world.url(suffix="abstimmen/"), {"options": [option], "code": "XXXXXX"})
    assert wrong.status_code == 422 and "Code" in wrong.content.decode()
    missing = Client().post(world.url(suffix="abstimmen/"), {"options": [option]})
    assert missing.status_code == 422
    typed = codes[0].code.lower()[:3] + " " + codes[0].code.lower()[3:]  # as a child types it
    assert (
        Client().post(world.url(suffix="abstimmen/"), {"options": [option], "code": typed}).status_code == 302
    )
    reused = Client().post(world.url(suffix="abstimmen/"), {"options": [option], "code": codes[0].code})
    assert reused.status_code == 422
    assert "schon benutzt" in reused.content.decode()
    assert _ballots(world) == 1


def test_results_count_dots_and_share_ranks(world):
    a, b, c, d = (option.pk for option in world.options)
    with scope(municipality=world.a.municipality):
        for key, chosen in enumerate([[a, b, c], [a, b], [a, d], [b], [c]]):
            services.vote_cast(round_=world.round, option_ids=chosen, session_key=f"k{key}")
        results = selectors.results(world.round)
    assert results.ballots == 5
    assert results.dots == 9
    assert [(row.option.title, row.dots, row.rank) for row in results.rows] == [
        ("Kletterturm", 3, 1),
        ("Wasserspiel", 3, 1),
        ("Nestschaukel", 2, 3),
        ("Fußballfeld", 1, 4),
    ]


def test_session_hashes_are_erased_after_the_retention_period(world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from familienbuero.core.periodic import JOBS
    from familienbuero.core.processing import processing

    entry = processing("participation")
    assert entry.retention_days == 30
    assert any(job is services.erase_ballot_session_hashes for _label, job in JOBS)
    with scope(municipality=world.a.municipality):
        services.vote_cast(round_=world.round, option_ids=[world.options[0].pk], session_key="k")
    closes = world.round.closes_on
    berlin = ZoneInfo("Europe/Berlin")
    on_day_30 = datetime.combine(closes + timedelta(days=30), datetime.min.time(), tzinfo=berlin)
    assert services.erase_ballot_session_hashes(now=on_day_30) == 0
    assert services.erase_ballot_session_hashes(now=on_day_30 + timedelta(days=1)) == 1
    with scope(municipality=world.a.municipality):
        assert Ballot.objects.get().session_hash == ""
        assert Dot.objects.count() == 1
        assert selectors.results(world.round).dots == 1


def test_a_made_up_option_number_gets_the_form_error_not_a_server_error(world):
    response = Client().post(
        world.url(suffix="abstimmen/"), {"options": ["99999999999999999999", world.options[0].pk]}
    )
    assert response.status_code == 422
    assert "Bitte wähle aus der Liste." in response.content.decode()
    assert _ballots(world) == 0
