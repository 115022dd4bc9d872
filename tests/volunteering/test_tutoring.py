"""Tutoring end to end: registration without an account, review, matching proposals only for cleared
tutors, confirmation with mail to both sides, override, sessions, isolation and retention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.volunteering import services
from familienbuero.volunteering.models import Match, Tutor, TutoringRequest
from tests.conftest import verified_client
from tests.volunteering.conftest import A_PUBLIC, A_STAFF, make_request, make_tutor

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "name": "Jonas Freiwillig",
    "email": "jonas@example.org",
    "phone": "",
    "subjects": ["math", "english"],
    "school_types": ["gymnasium"],
    "grade_min": "5",
    "grade_max": "10",
    "languages": ["de", "uk"],
    "slots": ["2-late", "4-late"],
    "places": ["office", "online"],
    "district": "",
    "max_pupils": "2",
    "privacy": "on",
}


def test_volunteer_registers_without_account_and_waits_for_review(
    tenants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client_or_anon().post(A_PUBLIC + "nachhilfe/mitmachen/", REGISTRATION)
    assert response.status_code == 302
    with scopes_disabled():
        tutor = Tutor.objects.get(email="jonas@example.org")
    assert tutor.status == Tutor.Status.PENDING and tutor.municipality == tenants[0].municipality
    assert tutor.subjects == ["math", "english"] and tutor.slots == ["2-late", "4-late"]
    assert not tutor.is_eligible(timezone.localdate())
    assert mail.outbox[-1].to == ["jonas@example.org"]


def test_registration_form_errors_without_js(tenants):
    data = {**REGISTRATION, "email": "", "grade_min": "9", "grade_max": "5", "privacy": ""}
    response = verified_client_or_anon().post(A_PUBLIC + "nachhilfe/mitmachen/", data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "<script" not in content.split("</head>")[1]
    with scopes_disabled():
        assert not Tutor.objects.exists()


def verified_client_or_anon():
    from django.test import Client

    return Client()


def test_staff_review_records_clearance_seen_by(tenants):
    a = tenants[0]
    tutor = make_tutor(
        a.municipality, status=Tutor.Status.PENDING, clearance_seen_on=None, training_done=False
    )
    client = verified_client(a.users[Role.OFFICE_STAFF])
    url = A_STAFF + f"nachhilfe/helfende/{tutor.uuid}/"
    response = client.post(
        url, {"status": "approved", "clearance_seen_on": "2026-01-15", "training_done": "on"}
    )
    assert response.status_code == 302
    tutor.refresh_from_db()
    assert tutor.clearance_seen_by == a.users[Role.OFFICE_STAFF]
    assert tutor.clearance_due == date(2031, 1, 15)
    assert tutor.is_eligible(date(2026, 11, 25)) and not tutor.is_eligible(date(2031, 1, 15))


def test_overdue_or_missing_clearance_is_flagged_and_never_proposed(tenants):
    a = tenants[0]
    today = timezone.localdate()
    make_tutor(a.municipality, name="Alt", clearance_seen_on=today - timedelta(days=5 * 366))
    make_tutor(a.municipality, name="Ohne", clearance_seen_on=None)
    make_tutor(a.municipality, name="Ungeschult", training_done=False)
    make_tutor(a.municipality, name="Offen", status=Tutor.Status.PENDING)
    make_request(a.municipality)
    with scope(municipality=a.municipality):
        assert services.propose_matches(municipality=a.municipality) == []
        overdue = set(Tutor.objects.clearance_overdue(today).values_list("name", flat=True))
    assert overdue == {"Alt", "Ohne"}
    client = verified_client(a.users[Role.COORDINATOR])
    content = client.get(A_STAFF + "nachhilfe/helfende/").content.decode()
    assert "Wiederholung überfällig" in content or "re-check overdue" in content


def test_matching_proposes_respects_capacity_and_confirm_informs_both(
    tenants, django_capture_on_commit_callbacks
):
    a = tenants[0]
    tutor = make_tutor(a.municipality, max_pupils=1)
    poor = make_request(
        a.municipality, child_name="Ali", priority="but", parent_email="ali.eltern@example.org"
    )
    make_request(a.municipality, child_name="Ben", parent_email="ben.eltern@example.org")
    client = verified_client(a.users[Role.OFFICE_STAFF])
    assert client.post(A_STAFF + "nachhilfe/vorschlaege/berechnen/").status_code == 302
    with scope(municipality=a.municipality):
        (match,) = Match.objects.all()
    assert match.request == poor and match.tutor == tutor and match.status == Match.Status.PROPOSED
    # A second run proposes nothing more: the tutor's only place is taken by the proposal.
    client.post(A_STAFF + "nachhilfe/vorschlaege/berechnen/")
    with scope(municipality=a.municipality):
        assert Match.objects.count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(A_STAFF + f"nachhilfe/paare/{match.pk}/bestaetigen/").status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.CONFIRMED
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["ali.eltern@example.org", "helga@example.org"]
    tutor_mail = next(m for m in mail.outbox if m.to == ["helga@example.org"])
    assert "Ali" in tutor_mail.body and "0281 654321" in tutor_mail.body


def test_staff_override_assigns_another_eligible_tutor(tenants, django_capture_on_commit_callbacks):
    a = tenants[0]
    make_tutor(a.municipality, name="Vorgeschlagen")
    other = make_tutor(a.municipality, name="Gewählt", subjects=["english"], email="gewaehlt@example.org")
    item = make_request(a.municipality)
    with scope(municipality=a.municipality):
        services.propose_matches(municipality=a.municipality)
    client = verified_client(a.users[Role.COORDINATOR])
    url = A_STAFF + f"nachhilfe/anfragen/{item.uuid}/zuordnen/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"tutor": other.pk}).status_code == 302
    with scope(municipality=a.municipality):
        (match,) = Match.objects.all()
    assert match.tutor == other and match.overridden and match.status == Match.Status.CONFIRMED
    assert any(m.to == ["gewaehlt@example.org"] for m in mail.outbox)


def test_override_refuses_uncleared_tutor(tenants):
    a = tenants[0]
    uncleared = make_tutor(a.municipality, clearance_seen_on=None)
    item = make_request(a.municipality)
    client = verified_client(a.users[Role.COORDINATOR])
    response = client.post(A_STAFF + f"nachhilfe/anfragen/{item.uuid}/zuordnen/", {"tutor": uncleared.pk})
    assert response.status_code == 422
    with scopes_disabled():
        assert not Match.objects.exists()


def test_sessions_are_counted(tenants):
    a = tenants[0]
    make_tutor(a.municipality)
    make_request(a.municipality)
    actor = a.users[Role.OFFICE_STAFF]
    with scope(municipality=a.municipality):
        (match,) = services.propose_matches(municipality=a.municipality)
        services.match_confirm(match=match, actor=actor)
        client = verified_client(actor)
        client.post(A_STAFF + f"nachhilfe/paare/{match.pk}/termin/")
        client.post(A_STAFF + f"nachhilfe/paare/{match.pk}/termin/")
        match.refresh_from_db()
    assert match.sessions_held == 2


def test_other_municipality_sees_nothing(tenants):
    a, b = tenants
    tutor = make_tutor(a.municipality)
    item = make_request(a.municipality)
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/stadt-b/de/intern/ehrenamt/nachhilfe/helfende/{tutor.uuid}/").status_code == 404
    assert client.get(f"/stadt-b/de/intern/ehrenamt/nachhilfe/anfragen/{item.uuid}/").status_code == 404
    listing = client.get("/stadt-b/de/intern/ehrenamt/nachhilfe/helfende/").content.decode()
    assert "Helga" not in listing
    with scope(municipality=b.municipality):
        assert services.propose_matches(municipality=b.municipality) == []
    own = verified_client(a.users[Role.COORDINATOR])
    assert "Helga" in own.get(A_STAFF + "nachhilfe/helfende/").content.decode()


def test_retention_erases_closed_children_and_inactive_tutors(tenants):
    a = tenants[0]
    now = timezone.now()
    item = make_request(
        a.municipality, status=TutoringRequest.Status.CLOSED, closed_at=now - timedelta(days=181)
    )
    recent = make_request(
        a.municipality, status=TutoringRequest.Status.CLOSED, closed_at=now - timedelta(days=10)
    )
    tutor = make_tutor(a.municipality, status=Tutor.Status.INACTIVE, ended_at=now - timedelta(days=366))
    active = make_tutor(a.municipality)
    assert services.erase_tutoring_personal_data(now=now) == 2
    for obj in (item, recent, tutor, active):
        obj.refresh_from_db()
    assert (item.child_name, item.parent_phone, item.parent_email) == ("", "", "")
    assert item.grade == 4  # the statistics stay
    assert recent.child_name == "Mia"
    assert (tutor.name, tutor.email, tutor.phone) == ("", "", "")
    assert active.name == "Helga Nachhilfe"


def test_session_is_an_anonymous_contact_when_the_contacts_app_is_there(tenants):
    if not apps.is_installed("familienbuero.contacts"):
        pytest.skip("contacts app not installed")
    from familienbuero.contacts.models import ContactRecord

    a = tenants[0]
    make_tutor(a.municipality)
    make_request(a.municipality)
    actor = a.users[Role.OFFICE_STAFF]
    with scope(municipality=a.municipality):
        (match,) = services.propose_matches(municipality=a.municipality)
        services.match_confirm(match=match, actor=actor)
        before = ContactRecord.objects.count()
        services.session_log(match=match, actor=actor)
        assert ContactRecord.objects.count() == before + 1
