"""Data-subject requests: everything about a person from every app, exported (Art. 15) and erased in one
action (Art. 17) with the anonymous statistics unchanged; every step is in the access log."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core.personal_data import find_everywhere
from familienbuero.privacy import services as privacy_services
from familienbuero.privacy.models import AccessLog, Consent
from familienbuero.public.models import AccessibilityFeedback
from familienbuero.referrals import selectors, services
from familienbuero.referrals.models import Referral
from tests.conftest import verified_client
from tests.privacy.conftest import A_PRIVACY, B_PRIVACY, EMAIL, PHONE, feedback, reload
from tests.referrals.conftest import PERSONAL_STRINGS

START = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def person_everywhere(world):
    """A closed and an open referral, accessibility feedback and a photo consent of the same person;
    and an unrelated referral of somebody else."""
    with time_machine.travel(START, tick=False):
        closed = world.refer()
        open_ = world.refer(service=world.other_service, contact_email="", contact_phone="+49 281 9988776")
        other = world.refer(person_name="Otto Anders", contact_email="otto@example.org", contact_phone="")
    with scopes_disabled(), time_machine.travel(START + timedelta(days=3), tick=False):
        services.referral_record_outcome(referral=closed, status="contacted", actor=None, side="receiver")
        services.referral_record_outcome(referral=closed, status="completed", actor=None, side="office")
    feedback(world.a.municipality)
    privacy_services.consent_give(
        municipality=world.a.municipality,
        text_version="photo-v1",
        email=EMAIL.upper(),
        scope="Sommerfest",
        actor=None,
    )
    return closed, open_, other


def stats(world):
    with scopes_disabled():
        return asdict(selectors.referral_statistics(world.a.municipality))


def test_search_finds_the_person_in_every_app_by_email_or_phone(world):
    person_everywhere(world)
    with scopes_disabled():
        by_email = find_everywhere(world.a.municipality, email=EMAIL)
        by_phone = find_everywhere(world.a.municipality, phone="0049 281 99 88 776")
    assert sorted(r.kind for r in by_email) == ["accessibility_feedback", "consents", "referrals"]
    # The open referral carries only the phone number (written differently).
    assert sorted(r.kind for r in by_phone) == ["referrals", "referrals"]
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    page = client.post(f"{A_PRIVACY}auskunft/", {"email": EMAIL, "phone": PHONE}).content.decode()
    assert "Zaphira Quellmann" in page and "Otto" not in page
    assert "4 records found" in page or "4 Einträge gefunden" in page


def test_export_contains_the_persons_data_from_every_app(world):
    person_everywhere(world)
    client = verified_client(world.a.users[Role.COORDINATOR])
    response = client.post(f"{A_PRIVACY}auskunft/export/", {"email": EMAIL, "phone": PHONE, "format": "json"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["municipality"] == "Stadt A"
    assert sorted(r["kind"] for r in data["records"]) == [
        "accessibility_feedback",
        "consents",
        "referrals",
        "referrals",
    ]
    text = response.content.decode()
    for personal in ("Zaphira Quellmann", "9988776", EMAIL, "Tulpenbeet", "Sommerfest"):
        assert personal in text
    assert "Otto" not in text

    page = client.post(f"{A_PRIVACY}auskunft/export/", {"email": EMAIL, "phone": PHONE, "format": "html"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zaphira Quellmann" in html and "Tulpenbeet" in html and 'class="staff-nav"' not in html


def test_erasure_removes_the_person_everywhere_and_leaves_the_statistics_identical(world):
    closed, open_, other = person_everywhere(world)
    before = stats(world)
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    response = client.post(
        f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "phone": PHONE, "confirm": "on"}
    )
    assert response.status_code == 302

    with scopes_disabled():
        assert find_everywhere(world.a.municipality, email=EMAIL, phone=PHONE) == []
        for referral in (reload(closed), reload(open_)):
            assert referral.is_erased and referral.person_name == referral.contact_phone == ""
            assert not referral.consents.filter(revoked_at__isnull=True).exists()
        assert reload(open_).status == Referral.Status.WITHDRAWN
        assert reload(other).person_name == "Otto Anders"
        fb = AccessibilityFeedback.objects.get()
        assert (fb.name, fb.email, fb.contact_erased_at is not None) == ("", "", True)
        assert not Consent.objects.filter(
            subject_reference__in=privacy_services.contact_references(email=EMAIL)
        )
        assert Consent.objects.filter(purpose=Consent.Purpose.PHOTO, revoked_at__isnull=False).count() == 1
    after = stats(world)
    # Same counts by service, topic, consent and time to first contact; the open referral now counts
    # as withdrawn instead of open (it is closed by the erasure).
    assert {k: v for k, v in after.items() if k != "by_outcome"} == {
        k: v for k, v in before.items() if k != "by_outcome"
    }
    assert sum(row["count"] for row in after["by_outcome"]) == sum(
        row["count"] for row in before["by_outcome"]
    )

    # Nothing of the person is left in the back office pages of the referrals or in the logs.
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    for url in ("/stadt-a/de/intern/vermittlungen/", f"/stadt-a/de/intern/vermittlungen/{closed.uuid}/"):
        page = office.get(url).content.decode()
        for personal in PERSONAL_STRINGS[:5]:
            assert personal not in page
    with scopes_disabled():
        log = list(
            AccessLog.objects.filter(object_type="person").values_list("action", "object_id", "object_label")
        )
    assert [action for action, _id, _label in log] == [AccessLog.Action.ERASE]
    assert all(EMAIL not in str(row) and "9988776" not in str(row) for row in log)


def test_erasure_of_closed_referrals_only_leaves_every_statistic_identical(world):
    with time_machine.travel(START, tick=False):
        referral = world.refer()
    with scopes_disabled(), time_machine.travel(START + timedelta(days=2), tick=False):
        services.referral_record_outcome(referral=referral, status="contacted", actor=None, side="receiver")
        services.referral_record_outcome(referral=referral, status="no_show", actor=None, side="office")
    before = stats(world)
    client = verified_client(world.a.users[Role.COORDINATOR])
    assert client.post(f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "confirm": "on"}).status_code == 302
    assert reload(referral).is_erased
    assert stats(world) == before


def test_erasure_needs_the_confirmation(world):
    closed, _open, _other = person_everywhere(world)
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    response = client.post(f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL})
    assert response.status_code == 422
    assert "Zaphira Quellmann" in response.content.decode()  # the list stays visible
    assert not reload(closed).is_erased


def test_every_step_is_access_logged_without_the_address(world):
    person_everywhere(world)
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    client.post(f"{A_PRIVACY}auskunft/", {"email": EMAIL})
    client.post(f"{A_PRIVACY}auskunft/export/", {"email": EMAIL, "format": "json"})
    client.post(f"{A_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "confirm": "on"})
    with scopes_disabled():
        log = list(AccessLog.objects.filter(object_type="person").order_by("at", "pk"))
    assert [e.action for e in log] == ["search", "export", "erase"]
    assert len({e.object_id for e in log}) == 1
    assert all(e.actor_name == "data_protection-stadt-a" for e in log)
    assert all(EMAIL not in f"{e.object_id}{e.object_label}" for e in log)


def test_another_municipality_finds_nothing_and_office_staff_may_not_search(world):
    closed, _open, _other = person_everywhere(world)
    b_officer = verified_client(world.b.users[Role.DATA_PROTECTION])
    page = b_officer.post(f"{B_PRIVACY}auskunft/", {"email": EMAIL, "phone": PHONE}).content.decode()
    assert "Zaphira" not in page
    b_officer.post(f"{B_PRIVACY}auskunft/loeschen/", {"email": EMAIL, "phone": PHONE, "confirm": "on"})
    assert not reload(closed).is_erased
    assert b_officer.post(f"{A_PRIVACY}auskunft/", {"email": EMAIL}).status_code == 404
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    assert office.post(f"{A_PRIVACY}auskunft/", {"email": EMAIL}).status_code == 404


def test_search_needs_an_address_or_number(world):
    client = verified_client(world.a.users[Role.DATA_PROTECTION])
    assert client.post(f"{A_PRIVACY}auskunft/", {"email": "", "phone": "  "}).status_code == 422
    assert client.get(f"{A_PRIVACY}auskunft/").status_code == 200
