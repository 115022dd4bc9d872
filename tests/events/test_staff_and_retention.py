"""Back office (only the event's office and coordinators), attendance and check-in, reminders, the
retention job (counts remain), and the data-subject finder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core.personal_data import find_everywhere
from familienbuero.core.processing import processing
from familienbuero.events import services
from familienbuero.events.models import Attendance, Registration
from tests.conftest import verified_client
from tests.events.conftest import A_STAFF, register, reload
from tests.events.factories import make_event
from tests.factories import MembershipFactory


@pytest.fixture
def course(tenants):
    with scopes_disabled():
        return make_event(tenants[0].office, capacity=2, sessions=2, title="Babysitterkurs")


def test_staff_of_the_office_and_coordinator_see_the_event_others_get_404(tenants, course):
    a, b = tenants
    with scopes_disabled():
        other_office = MembershipFactory(
            municipality=a.municipality,
            role=Role.OFFICE_STAFF,
            office=a.other_office,
            user__username="zweites",
        ).user
    url = f"{A_STAFF}{course.uuid}/"
    assert verified_client(a.users[Role.OFFICE_STAFF]).get(url).status_code == 200
    assert verified_client(a.users[Role.COORDINATOR]).get(url).status_code == 200
    assert verified_client(other_office).get(url).status_code == 404
    assert verified_client(a.users[Role.PROVIDER_STAFF]).get(url).status_code == 404
    assert (
        verified_client(b.users[Role.COORDINATOR])
        .get(f"/stadt-b/de/intern/veranstaltungen/{course.uuid}/")
        .status_code
        == 404
    )


def test_staff_create_event_with_dates(tenants):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    with scopes_disabled():
        office = tenants[0].office
    response = client.post(
        f"{A_STAFF}neu/",
        {
            "title": "Computerkurs für Eltern",
            "description": "Grundlagen am Laptop.",
            "office": office.pk,
            "kind": "course",
            "capacity": "8",
            "cost": "free",
            "confirm_hours": "48",
            "retention_days": "30",
            "sessions": "24.03.2030 18:00-20:00\n31.03.2030 18:00-20:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"]).content.decode()
    assert "Computerkurs für Eltern" in page
    bad = client.post(f"{A_STAFF}neu/", {"title": "x", "description": "y", "sessions": "morgen"})
    assert bad.status_code == 422


def test_capacity_and_cancel_from_the_staff_page(tenants, course):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    for name in ("Ada", "Ben", "Cem"):
        register(course, name)
    mail.outbox.clear()
    assert client.post(f"{A_STAFF}{course.uuid}/plaetze/", {"capacity": "1"}).status_code == 422
    assert client.post(f"{A_STAFF}{course.uuid}/plaetze/", {"capacity": "3"}).status_code == 302
    assert [m.to[0] for m in mail.outbox] == ["cem@example.org"]
    client.post(f"{A_STAFF}{course.uuid}/absagen/", {"confirm": "yes"})
    with scopes_disabled():
        assert set(Registration.objects.filter(event=course).values_list("status", flat=True)) == {
            "cancelled"
        }


def test_check_in_and_printable_list(tenants, course):
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    ada = register(course, "Ada")[0]
    with scopes_disabled():
        session = course.sessions.first()
    url = f"{A_STAFF}{course.uuid}/einlass/{session.pk}/"
    assert "Ada" in client.get(url).content.decode()
    assert client.post(url, {"registration": str(ada.uuid)}).status_code == 302
    with scopes_disabled():
        assert Attendance.objects.filter(session=session).count() == 1
    assert client.post(url, {"registration": "kaputt"}).status_code == 404
    page = client.get(f"{A_STAFF}{course.uuid}/anwesenheit/").content.decode()
    assert "Ada" in page and "✓" in page


def test_reminder_once_before_the_first_session(course):
    register(course, "Ada")
    mail.outbox.clear()
    assert services.send_reminders(now=course.starts_at - timedelta(days=5)) == 0
    assert services.send_reminders(now=course.starts_at - timedelta(hours=30)) == 1
    assert services.send_reminders(now=course.starts_at - timedelta(hours=20)) == 0
    assert len(mail.outbox) == 1 and "Erinnerung" in mail.outbox[0].subject


def test_retention_erases_personal_data_and_keeps_counts(course):
    ada = register(course, "Ada", email="zaphira@example.org", contact_name="Zaphira Quellmann")[0]
    register(course, "Ben")
    with scopes_disabled():
        session = course.sessions.first()
    with scope(municipality=course.municipality):
        services.toggle_attendance(session=session, registration=ada)
    assert services.erase_personal_data(now=course.ends_at + timedelta(days=29)) == 0
    assert services.erase_personal_data(now=course.ends_at + timedelta(days=31)) == 2
    erased = reload(ada)
    assert erased.is_erased and erased.contact_name == erased.email == erased.participant_name == ""
    with scopes_disabled():
        assert Registration.objects.filter(event=course, status="confirmed").count() == 2
        assert Attendance.objects.filter(session=session).count() == 1
    assert processing("events").retention_days == 30


def test_data_subject_finder(course, tenants):
    ada = register(course, "Ada", email="Zaphira@Example.org", phone="0281 9988776")[0]
    records = find_everywhere(tenants[0].municipality, email="zaphira@example.org")
    mine = [r for r in records if r.kind == "events"]
    assert len(mine) == 1 and "Ada" in mine[0].fields.values()
    assert [r.kind for r in find_everywhere(tenants[0].municipality, phone="+49 281 9988776")].count(
        "events"
    ) == 1
    assert [
        r for r in find_everywhere(tenants[1].municipality, email="zaphira@example.org") if r.kind == "events"
    ] == []
    mine[0].erase()
    assert reload(ada).is_erased


def test_demo_loads(demo):
    from familienbuero.events.models import Event, Programme

    with scopes_disabled():
        assert Event.objects.count() >= 9
        assert Programme.objects.get().wish_phase_open()
        assert Registration.objects.filter(status="waiting").count() == 2
    assert timezone.now()


def test_undoing_a_check_in_takes_its_contact_back(course):
    from django.db.models import Sum

    from familienbuero.contacts.models import ContactRecord, DailyContactCount

    ada, ben = register(course, "Ada")[0], register(course, "Ben")[0]
    with scopes_disabled():
        session = course.sessions.first()
    with scope(municipality=course.municipality):
        for _ in range(3):  # on, off, on: one contact
            services.toggle_attendance(session=session, registration=ada)
        services.set_attendance(session=session, present=[ada.pk, ben.pk])
        services.set_attendance(session=session, present=[ben.pk])  # Ada unticked on the list
    with scopes_disabled():
        assert Attendance.objects.filter(session=session).count() == 1
        assert ContactRecord.objects.filter(source="event").count() == 1
        # the daily summary the reports read agrees
        total = DailyContactCount.objects.filter(dimension="total").aggregate(n=Sum("contacts"))["n"]
        assert total == ContactRecord.objects.count()
