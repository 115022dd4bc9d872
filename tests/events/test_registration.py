"""The registration form as a parent uses it: which event it reaches, when it is open, no duplicates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.events import queries, services
from familienbuero.events.models import Event, Programme, Registration
from tests.events.conftest import A_PUBLIC, register, statuses
from tests.events.factories import make_event

S = Registration.Status


def post(client, event, *, prefix=A_PUBLIC, email="anna@example.org", **children):
    data = {"contact_name": "Anna Beispiel", "email": email, "phone": ""}
    for index, (name, age) in enumerate(children.items()):
        data.update({f"p{index}-name": name, f"p{index}-age": str(age)})
    return client.post(f"{prefix}{event.uuid}/anmelden/", data)


def stored(event):
    with scopes_disabled():
        return list(Registration.objects.filter(event=event).order_by("pk"))


def test_event_without_questions_places_then_waiting_list(client, tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=1)
    response = post(client, event, Mia=6, Noah=8)
    assert response.status_code == 302 and "/veranstaltungen/anmeldung/" in response["Location"]
    assert [(r.participant_name, r.status) for r in stored(event)] == [
        ("Mia", S.CONFIRMED),
        ("Noah", S.WAITING),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Ihre Anmeldung ist gespeichert" in page and "Warteliste, Platz 1" in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]


def test_another_municipalitys_address_does_not_reach_the_event(client, tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office)
    assert post(client, event, prefix="/stadt-b/de/veranstaltungen/", Mia=6).status_code == 404
    assert stored(event) == []
    assert mail.outbox == []


@pytest.mark.parametrize(
    "window", [{"registration_opens": timedelta(days=1)}, {"registration_closes": -timedelta(hours=1)}]
)
def test_registration_outside_its_window_is_refused(client, tenants, window):
    now = timezone.now()
    with scopes_disabled():
        event = make_event(tenants[0].office, **{key: now + delta for key, delta in window.items()})
    response = post(client, event, Mia=6)
    assert response.status_code == 409
    assert "Fahrradtraining" in response.content.decode()  # the event's page says why
    assert stored(event) == []


def test_course_of_a_holiday_programme_in_its_wish_phase_takes_no_registrations(client, tenants):
    office = tenants[0].office
    now = timezone.now()
    with scopes_disabled():
        programme = Programme.objects.create(
            municipality=office.municipality,
            office=office,
            name="Ferienspaß",
            wish_opens=now - timedelta(days=1),
            wish_closes=now + timedelta(days=1),
        )
        event = make_event(office, programme=programme)
    assert post(client, event, Mia=6).status_code == 409
    assert stored(event) == []


def test_the_same_child_once_per_contact_whatever_the_case(client, tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=5)
    assert post(client, event, Ömer=6).status_code == 302
    again = post(client, event, Lena=7, **{" ömer ": 6})
    assert again.status_code == 422
    assert "bereits für diese Veranstaltung angemeldet" in again.content.decode()
    # Another household may have a child of the same first name.
    assert post(client, event, email="ben@example.org", ÖMER=7).status_code == 302
    assert [r.participant_name for r in stored(event)] == ["Ömer", "ÖMER"]


def test_a_cancelled_registration_does_not_block_registering_again(tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=1)
    [first] = register(event, "Ada")
    with scope(municipality=event.municipality):
        services.cancel_registration(token=first.token, registration_uuid=first.uuid)
    register(event, "Ada")
    assert statuses(event) == [S.CANCELLED, S.CONFIRMED]


def test_the_same_child_once_per_phone_number(client, tenants):
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=5)
    data = {
        "contact_name": "Anna Beispiel",
        "email": "",
        "phone": "0281 12345",
        "p0-name": "Mia",
        "p0-age": "6",
    }
    url = f"{A_PUBLIC}{event.uuid}/anmelden/"
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "p0-name": "MIA"})
    assert again.status_code == 422 and "bereits für diese Veranstaltung angemeldet" in again.content.decode()
    assert client.post(url, {**data, "phone": "0281 54321"}).status_code == 302
    assert [(r.participant_name, r.phone) for r in stored(event)] == [
        ("Mia", "0281 12345"),
        ("Mia", "0281 54321"),
    ]


def test_event_cancelled_while_the_form_is_sent_is_refused_with_a_message(client, tenants, monkeypatch):
    """Staff cancel the event between the form's read of the event and the lock: the locked check
    refuses with a message on the form (it was a server error) and nothing is stored."""
    with scopes_disabled():
        event = make_event(tenants[0].office)
    read = queries.registration_event

    def read_then_cancel(*args):
        found = read(*args)
        with scopes_disabled():
            Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
        return found

    monkeypatch.setattr(queries, "registration_event", read_then_cancel)
    response = post(client, event, Mia=6)
    assert response.status_code == 422
    assert "Die Anmeldung für diese Veranstaltung ist nicht geöffnet." in response.content.decode()
    assert stored(event) == []
    assert mail.outbox == []


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REAL_ON_COMMIT = transaction.on_commit  # before the events conftest makes it run at once


def queued_mails(kind: str) -> list[list[object]]:
    from django_tasks_db.models import DBTaskResult

    return [
        task.args_kwargs["args"]
        for task in DBTaskResult.objects.order_by("enqueued_at")
        if task.args_kwargs["args"][-1] == kind
    ]


def test_with_the_database_queue_the_confirmation_commits_with_the_registration(
    tenants, settings, monkeypatch
):
    """The mail's task row is written in the registration's transaction: no registration stored without
    its mail queued (a process may die right after the commit), none queued for one rolled back."""
    monkeypatch.setattr(transaction, "on_commit", REAL_ON_COMMIT)
    settings.TASKS = DATABASE_QUEUE
    with scopes_disabled():
        event = make_event(tenants[0].office, capacity=1)

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        register(event, "Mia")
        assert len(queued_mails("confirmation")) == 1  # already queued, inside the transaction
        raise RolledBack
    assert stored(event) == [] and queued_mails("confirmation") == []

    (registration,) = register(event, "Noah")
    assert queued_mails("confirmation") == [[event.pk, registration.token, "confirmation"]]
    assert mail.outbox == []  # sent by the worker, not within the request
