"""Staff correct their own records for seven days; every change is in the audit log; nobody else's."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.contacts import services
from familienbuero.contacts.models import ContactRecord
from tests.conftest import verified_client
from tests.contacts.conftest import A_URL, BERLIN
from tests.contacts.test_record import post_data

ENTERED = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)


def url(record):
    return f"{A_URL}{record.pk}/korrigieren/"


def reload(record):
    with scopes_disabled():
        return ContactRecord.objects.get(pk=record.pk)


@pytest.fixture
def record(world):
    return world.record(at=ENTERED, channel="phone", persons=1, topics=world.topics[:1])


def test_own_record_can_be_corrected_within_seven_days(world, record):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with time_machine.travel(ENTERED + timedelta(days=6, hours=23), tick=False):
        assert client.get(url(record)).status_code == 200
        response = client.post(
            url(record), post_data(world, channel="walk_in", persons="3", contact_at="2026-03-02T09:00")
        )
    assert response.status_code == 302
    corrected = reload(record)
    assert (corrected.channel, corrected.persons) == ("walk_in", 3)
    updates = LogEntry.objects.get_for_object(corrected).filter(action=LogEntry.Action.UPDATE)
    [update] = [entry for entry in updates if "channel" in entry.changes_dict]
    assert update.changes_dict["channel"] == ["phone", "walk_in"]
    assert update.changes_dict["persons"] == ["1", "3"]
    assert update.actor == world.a.users[Role.OFFICE_STAFF]


def test_after_seven_days_the_record_is_closed(world, record):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with time_machine.travel(ENTERED + timedelta(days=7, minutes=1), tick=False):
        assert client.get(url(record)).status_code == 404
        assert client.post(url(record), post_data(world, persons="5")).status_code == 404
        assert client.get(A_URL + "meine/").context["records"].count() == 0
        with scopes_disabled(), pytest.raises(PermissionDenied):
            services.correct_contact(record=reload(record), actor=world.a.users[Role.OFFICE_STAFF], persons=5)
    assert reload(record).persons == 1


@pytest.mark.parametrize("who", ["coordinator", "colleague", "b_coordinator"])
def test_nobody_else_corrects_a_record(world, record, who):
    user = {
        "coordinator": world.a.users[Role.COORDINATOR],
        "colleague": world.colleague,
        "b_coordinator": world.b.users[Role.COORDINATOR],
    }[who]
    client = verified_client(user)
    with time_machine.travel(ENTERED + timedelta(hours=1), tick=False):
        assert client.get(url(record)).status_code == 404
        assert client.post(url(record), post_data(world, persons="5")).status_code == 404
        with scopes_disabled(), pytest.raises(PermissionDenied):
            services.correct_contact(record=reload(record), actor=user, persons=5)
    assert reload(record).persons == 1


def test_the_own_list_shows_only_own_recent_records(world, record):
    other = world.record(at=ENTERED, actor=world.colleague, office=world.a.other_office)
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with time_machine.travel(ENTERED + timedelta(days=1), tick=False):
        records = list(client.get(A_URL + "meine/").context["records"])
    assert records == [record]
    assert other not in records


def test_the_topics_change_is_logged(world, record):
    with time_machine.travel(ENTERED + timedelta(days=1), tick=False), scopes_disabled():
        services.correct_contact(
            record=reload(record), actor=world.a.users[Role.OFFICE_STAFF], topics=world.topics[1:3]
        )
        assert set(reload(record).topics.all()) == set(world.topics[1:3])
    assert LogEntry.objects.get_for_object(record).count() >= 2


def test_a_contact_entered_twice_is_deleted_by_its_recorder_after_asking(world, record):
    from django.db.models import Sum

    from familienbuero.contacts.models import DailyContactCount

    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    delete_url = f"{A_URL}{record.pk}/loeschen/"
    with time_machine.travel(ENTERED + timedelta(hours=2), tick=False):
        assert delete_url in client.get(url(record)).content.decode()
        assert "Kontakt löschen" in client.get(delete_url).content.decode()
        assert reload(record).pk  # asking deletes nothing
        response = client.post(delete_url, follow=True)
    assert "Der Kontakt wurde gelöscht." in response.content.decode()
    with scopes_disabled():
        assert not ContactRecord.objects.filter(pk=record.pk).exists()
        assert not DailyContactCount.objects.filter(dimension="total").aggregate(n=Sum("contacts"))["n"]
    [deletion] = LogEntry.objects.filter(object_pk=str(record.pk), action=LogEntry.Action.DELETE)
    assert deletion.actor == world.a.users[Role.OFFICE_STAFF]


def test_nobody_else_deletes_a_record(world, record):
    for user in (world.a.users[Role.COORDINATOR], world.colleague, world.b.users[Role.COORDINATOR]):
        client = verified_client(user)
        with time_machine.travel(ENTERED + timedelta(hours=1), tick=False):
            assert client.post(f"{A_URL}{record.pk}/loeschen/").status_code == 404
    assert reload(record).persons == 1
