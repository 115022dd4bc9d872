"""Recording a contact: one screen with defaults, last-used values from the session, validation, and who
may record at all."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.contacts import services
from familienbuero.contacts.models import ContactRecord, Source
from tests.conftest import verified_client
from tests.contacts.conftest import A_URL, B_URL, BERLIN, all_records

NOW = datetime(2026, 3, 10, 10, 30, tzinfo=BERLIN)


def post_data(world, **overrides):
    data = {
        "target_group": "parent",
        "age_band": "27-44",
        "topics": [world.topics[0].pk, world.topics[1].pk],
        "channel": "walk_in",
        "place": "desk",
        "duration": "5-15",
        "persons": "2",
        "district": str(world.mitte.pk),
        "language": "tr",
        "interpreter": "used",
        "contact_at": "2026-03-10T10:25",
        "office": str(world.a.office.pk),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@time_machine.travel(NOW, tick=False)
def test_office_staff_records_a_contact_on_one_screen(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    page = client.get(A_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="radio"' in html and 'type="checkbox"' in html
    assert "2026-03-10T10:30" in html  # default: now
    response = client.post(A_URL, post_data(world))
    assert response.status_code == 302
    [record] = all_records()
    assert (record.office, record.persons, record.district, record.language) == (
        world.a.office,
        2,
        world.mitte,
        "tr",
    )
    assert record.created_by == world.a.users[Role.OFFICE_STAFF]
    assert record.source == Source.MANUAL
    assert record.contact_at == datetime(2026, 3, 10, 10, 25, tzinfo=BERLIN)
    with scopes_disabled():
        assert set(record.topics.all()) == set(world.topics[:2])


@time_machine.travel(NOW, tick=False)
def test_the_next_form_offers_the_last_used_values(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    client.post(A_URL, post_data(world, channel="phone", language="ar", target_group="youth"))
    form = client.get(A_URL).context["form"]
    assert form.initial["channel"] == "phone"
    assert form.initial["language"] == "ar"
    assert form.initial["target_group"] == "youth"
    assert form.initial["district"] == world.mitte.pk
    assert "topics" not in form.initial  # the topics change with every contact


@time_machine.travel(NOW, tick=False)
def test_a_coordinator_records_for_any_office_and_the_default_is_an_office(world):
    client = verified_client(world.a.users[Role.COORDINATOR])
    form = client.get(A_URL).context["form"]
    assert form.initial["office"] in {world.a.office.pk, world.a.other_office.pk}
    response = client.post(A_URL, post_data(world, office=str(world.a.other_office.pk)))
    assert response.status_code == 302
    assert all_records()[0].office == world.a.other_office


@time_machine.travel(NOW, tick=False)
def test_office_staff_cannot_record_for_another_office(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = client.post(A_URL, post_data(world, office=str(world.a.other_office.pk)))
    assert response.status_code == 422
    assert all_records() == []


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "bad",
    [
        {"persons": "0"},
        {"persons": "51"},
        {"channel": "carrier-pigeon"},
        {"age_band": "1990-05-01"},
        {"language": "Frau Müller"},
        {"contact_at": "2026-03-11T10:25"},  # future
        {"district": "999999"},
    ],
)
def test_bad_input_is_422_and_stores_nothing(world, bad):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = client.post(A_URL, post_data(world, **bad))
    assert response.status_code == 422
    assert all_records() == []


@time_machine.travel(NOW, tick=False)
def test_districts_and_offices_of_another_municipality_are_refused(world):
    client = verified_client(world.a.users[Role.COORDINATOR])
    assert client.post(A_URL, post_data(world, district=str(world.b_district.pk))).status_code == 422
    assert client.post(A_URL, post_data(world, office=str(world.b.office.pk))).status_code == 422
    with pytest.raises(ValidationError):
        world.record(at=NOW, district=world.b_district)
    assert all_records() == []


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.PARTNER_EDITOR])
def test_provider_and_partner_roles_cannot_record(world, role):
    client = verified_client(world.a.users[role])
    assert client.get(A_URL).status_code == 404
    assert client.post(A_URL, post_data(world)).status_code == 404
    assert all_records() == []


@time_machine.travel(NOW, tick=False)
def test_a_coordinator_of_another_municipality_cannot_record_here(world):
    client = verified_client(world.b.users[Role.COORDINATOR])
    assert client.post(A_URL, post_data(world)).status_code == 404
    assert client.get(B_URL).status_code == 200
    assert all_records() == []


@time_machine.travel(NOW, tick=False)
def test_recording_is_audit_logged(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    client.post(A_URL, post_data(world))
    [record] = all_records()
    entries = LogEntry.objects.get_for_object(record)
    assert entries.filter(action=LogEntry.Action.CREATE).count() == 1


def test_record_contact_rejects_unknown_fields(world):
    with pytest.raises(TypeError):
        world.record(at=NOW, person_name="Anna")
    with scopes_disabled():
        assert ContactRecord.objects.count() == 0


def test_a_referral_or_service_implies_referral_made(world):
    with scopes_disabled():
        from tests.referrals.factories import ServiceFactory

        service = ServiceFactory(municipality=world.a.municipality, organization=world.a.organization)
    with pytest.raises(ValidationError):
        world.record(at=NOW, referred_service=service)
    record = world.record(at=NOW, referred_service=service, referral_made=True)
    assert record.referred_service == service
    with scopes_disabled():
        assert services  # the module under test
