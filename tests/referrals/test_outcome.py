"""Outcomes: the receiving organisation (and the office, when following up) records what happened; the
first contact is timed; closed referrals leave the receiver's list; the history holds no personal data."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.accounts.roles import Role
from familienbuero.referrals.models import Referral, ReferralEvent, ReferralSettings
from familienbuero.referrals.services import next_statuses
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, PERSONAL_STRINGS, reload

BERLIN = ZoneInfo("Europe/Berlin")


def test_receiver_records_contact_then_completion(world):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN), tick=False):
        referral = world.refer()
    provider = world.a.users[Role.PROVIDER_STAFF]
    outcome = f"{A_URL}eingang/{referral.uuid}/ergebnis/"
    # A new login at each point in time: staff sessions end after 30 idle minutes.
    with time_machine.travel(datetime(2026, 3, 5, 11, 0, tzinfo=BERLIN), tick=False):
        assert verified_client(provider).post(outcome, {"status": "contacted"}).status_code == 302
    referral = reload(referral)
    assert referral.status == Referral.Status.CONTACTED
    assert referral.first_contact_at == datetime(2026, 3, 5, 11, 0, tzinfo=BERLIN)
    assert referral.follow_up_due == date(2026, 3, 19)  # 14 days after the news
    with time_machine.travel(datetime(2026, 3, 20, 11, 0, tzinfo=BERLIN), tick=False):
        assert verified_client(provider).post(outcome, {"status": "completed"}).status_code == 302
    client = verified_client(provider)
    referral = reload(referral)
    assert referral.status == Referral.Status.COMPLETED
    assert referral.first_contact_at == datetime(2026, 3, 5, 11, 0, tzinfo=BERLIN)  # the first one stays
    assert referral.closed_at is not None and referral.follow_up_due is None
    # Closed: gone from the receiver's list and detail.
    assert str(referral.uuid) not in client.get(A_URL + "eingang/").content.decode()
    assert client.get(f"{A_URL}eingang/{referral.uuid}/").status_code == 404
    with scopes_disabled():
        events = list(referral.events.filter(action=ReferralEvent.Action.STATUS_CHANGED))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("open", "contacted"),
        ("contacted", "completed"),
    ]
    assert all(e.actor == world.a.users[Role.PROVIDER_STAFF] for e in events)


def test_declining_does_not_count_as_contact(world):
    referral = world.refer()
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert client.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": "declined"}).status_code == 302
    referral = reload(referral)
    assert referral.status == Referral.Status.DECLINED and referral.first_contact_at is None


@pytest.mark.parametrize("status", ["withdrawn", "open", "", "nonsense", "completed\x00"])
def test_receiver_cannot_withdraw_or_go_back(world, status):
    referral = world.refer()
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    response = client.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": status})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert reload(referral).status == Referral.Status.OPEN


def test_office_withdraws_and_records_outcomes_when_following_up(world):
    referral = world.refer()
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    html = client.get(f"{A_URL}{referral.uuid}/").content.decode()
    assert 'value="withdrawn"' in html
    assert client.post(f"{A_URL}{referral.uuid}/ergebnis/", {"status": "accepted"}).status_code == 302
    assert client.post(f"{A_URL}{referral.uuid}/ergebnis/", {"status": "withdrawn"}).status_code == 302
    referral = reload(referral)
    assert referral.status == Referral.Status.WITHDRAWN
    assert referral.first_contact_at is not None
    # Closed referrals stay closed.
    assert client.post(f"{A_URL}{referral.uuid}/ergebnis/", {"status": "completed"}).status_code == 422
    assert reload(referral).status == Referral.Status.WITHDRAWN
    page = client.get(f"{A_URL}{referral.uuid}/").content.decode()
    assert 'name="status"' not in page
    # The history's column says what changed ("Änderung"), not the language switcher's "Wechseln".
    assert '<th scope="col">Änderung</th>' in page and '<th scope="col">Wechseln</th>' not in page


def test_the_history_holds_no_personal_data(world):
    referral = world.refer()
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    client.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": "contacted"})
    with scopes_disabled():
        rows = list(ReferralEvent.objects.values())
    assert len(rows) == 3
    dump = repr(rows)
    for needle in PERSONAL_STRINGS:
        assert needle not in dump


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["office", "receiver"]), st.sampled_from(Referral.Status.values))
    )
)
def test_any_sequence_of_outcomes_keeps_the_invariants(world, steps):
    """Whatever is clicked in whatever order: only allowed steps happen, constraints hold, closed is final."""
    referral = world.refer()
    clients = {
        "office": (verified_client(world.a.users[Role.OFFICE_STAFF]), f"{A_URL}{referral.uuid}/ergebnis/"),
        "receiver": (
            verified_client(world.a.users[Role.PROVIDER_STAFF]),
            f"{A_URL}eingang/{referral.uuid}/ergebnis/",
        ),
    }
    for side, status in steps:
        before = reload(referral)
        client, url = clients[side]
        response = client.post(url, {"status": status})
        after = reload(referral)
        if before.is_closed and side == "receiver":
            assert response.status_code == 404
        elif status in next_statuses(before.status, side=side):
            assert response.status_code == 302
            assert after.status == status
        else:
            assert response.status_code == 422
            assert after.status == before.status
        with scopes_disabled():
            after.full_clean()
        assert (after.closed_at is not None) == after.is_closed
        if before.first_contact_at is not None:
            assert after.first_contact_at == before.first_contact_at


def test_follow_up_list_shows_referrals_without_news(world):
    with scopes_disabled():
        ReferralSettings.objects.create(municipality=world.a.municipality, follow_up_days=3)
    start = datetime(2026, 4, 1, 9, 0, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False):
        quiet = world.refer(person_name="Quirin Still")
        answered = world.refer(person_name="Anton Antwort")
        closed = world.refer(person_name="Clara Zu")
        other_office = world.refer(
            office=world.a.other_office, actor=world.other_office_staff, person_name="Otto Anders"
        )
    with time_machine.travel(start + timedelta(days=2), tick=False):
        receiver = verified_client(world.a.users[Role.PROVIDER_STAFF])
        office = verified_client(world.a.users[Role.OFFICE_STAFF])
        receiver.post(f"{A_URL}eingang/{answered.uuid}/ergebnis/", {"status": "contacted"})
        receiver.post(f"{A_URL}eingang/{closed.uuid}/ergebnis/", {"status": "declined"})
        html = office.get(A_URL + "nachfassen/").content.decode()
        assert "Quirin Still" not in html  # not due yet
    with time_machine.travel(start + timedelta(days=4), tick=False):
        office = verified_client(world.a.users[Role.OFFICE_STAFF])
        html = office.get(A_URL + "nachfassen/").content.decode()
        assert "Quirin Still" in html
        assert "Anton Antwort" not in html  # news two days ago: due in three
        assert "Clara Zu" not in html  # closed
        assert "Otto Anders" not in html  # another office's
        with translation.override("de"):
            due = ngettext(
                "%(counter)s referral is due for follow-up.",
                "%(counter)s referrals are due for follow-up.",
                1,
            ) % {"counter": 1}
        assert due in office.get(A_URL).content.decode()
    with time_machine.travel(start + timedelta(days=6), tick=False):
        office = verified_client(world.a.users[Role.OFFICE_STAFF])
        html = office.get(A_URL + "nachfassen/").content.decode()
        assert "Quirin Still" in html and "Anton Antwort" in html
        coordinator = verified_client(world.a.users[Role.COORDINATOR])
        assert "Otto Anders" in coordinator.get(A_URL + "nachfassen/").content.decode()
    assert other_office.follow_up_due == (start + timedelta(days=3)).date()
    assert timezone.is_aware(quiet.created_at)
