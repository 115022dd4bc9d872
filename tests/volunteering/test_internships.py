"""Internships: suggestions by field, age and dates; placements from proposed to done within the
offer's places; youths' public form; isolation; retention of youth data; the data-subject finder."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core.personal_data import find_everywhere
from familienbuero.volunteering import internships, privacy
from familienbuero.volunteering.jobs import erase_volunteering_personal_data
from familienbuero.volunteering.models import InternshipOffer, Placement, YouthInterest
from tests.conftest import verified_client
from tests.volunteering.conftest import A_PUBLIC, A_STAFF, make_request, make_tutor

pytestmark = pytest.mark.django_db


def offer(municipality, **changes) -> InternshipOffer:
    data = {
        "provider_name": "Tischlerei Holzwurm",
        "title": "Schnupperpraktikum Tischlerei",
        "field": "craft",
        "starts_on": date(2027, 2, 1),
        "ends_on": date(2027, 2, 14),
        "min_age": 15,
        "places": 1,
    }
    data.update(changes)
    with scopes_disabled():
        return InternshipOffer.objects.create(municipality=municipality, **data)


def interest(municipality, **changes) -> YouthInterest:
    data = {
        "first_name": "Lea",
        "age": 15,
        "phone": "0281 777888",
        "email": "lea@example.org",
        "fields": ["craft", "it"],
        "available_from": date(2027, 2, 1),
        "available_until": date(2027, 2, 28),
    }
    data.update(changes)
    with scopes_disabled():
        return YouthInterest.objects.create(municipality=municipality, **data)


def test_suggestions_by_field_age_dates_and_free_places(tenants):
    m = tenants[0].municipality
    fits = offer(m, title="Passt")
    offer(m, title="Anderes Feld", field="retail")
    offer(m, title="Zu jung", min_age=16)
    offer(m, title="Andere Zeit", starts_on=date(2027, 7, 1), ends_on=date(2027, 7, 14))
    offer(m, title="Inaktiv", is_active=False)
    full = offer(m, title="Voll")
    other_youth = interest(m, first_name="Tom")
    lea = interest(m)
    with scope(municipality=m):
        p = internships.placement_propose(interest=other_youth, offer=full)
        internships.placement_update(placement=p, status="applied")
        internships.placement_update(placement=p, status="accepted")
        assert [o.title for o in internships.suggestions(lea)] == ["Passt"]
        internships.placement_propose(interest=lea, offer=fits)
        assert list(internships.suggestions(lea)) == []  # already proposed


def test_placement_flow_and_places_limit(tenants):
    m = tenants[0].municipality
    o = offer(m)
    first, second = interest(m), interest(m, first_name="Tom")
    with scope(municipality=m):
        a = internships.placement_propose(interest=first, offer=o)
        b = internships.placement_propose(interest=second, offer=o)
        for step in ("applied", "accepted"):
            internships.placement_update(placement=a, status=step)
        internships.placement_update(placement=b, status="applied")
        with pytest.raises(ValidationError):
            internships.placement_update(placement=b, status="accepted")
        with pytest.raises(ValidationError):
            internships.placement_update(placement=a, status="proposed")
        internships.placement_update(placement=a, status="done", feedback="Sehr engagiert, gerne wieder.")
        a.refresh_from_db()
    assert a.status == Placement.Status.DONE and a.feedback.startswith("Sehr")


def test_staff_track_placement_through_the_pages(tenants):
    a = tenants[0]
    o = offer(a.municipality)
    client = verified_client(a.users[Role.OFFICE_STAFF])
    response = client.post(
        A_STAFF + "praktika/interessen/neu/",
        {
            "first_name": "Emre",
            "age": "16",
            "phone": "0281 111222",
            "email": "",
            "fields": ["craft"],
            "available_from": "2027-02-01",
            "available_until": "2027-02-20",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        youth = YouthInterest.objects.get(first_name="Emre")
    assert youth.entered_by == a.users[Role.OFFICE_STAFF]
    detail = client.get(A_STAFF + f"praktika/interessen/{youth.uuid}/").content.decode()
    assert "Schnupperpraktikum Tischlerei" in detail
    client.post(A_STAFF + f"praktika/interessen/{youth.uuid}/vorschlagen/{o.uuid}/")
    with scopes_disabled():
        placement = Placement.objects.get()
    url = A_STAFF + f"praktika/vermittlungen/{placement.pk}/"
    assert (
        client.post(url, {f"p{placement.pk}-status": "applied", f"p{placement.pk}-feedback": ""}).status_code
        == 302
    )
    bad = client.post(url, {f"p{placement.pk}-status": "done", f"p{placement.pk}-feedback": ""})
    assert bad.status_code == 422
    placement.refresh_from_db()
    assert placement.status == Placement.Status.APPLIED


def test_youth_enters_interest_on_public_form(tenants):
    data = {
        "first_name": "Sara",
        "age": "14",
        "phone": "",
        "email": "sara@example.org",
        "fields": ["it"],
        "available_from": "2027-03-01",
        "available_until": "2027-03-10",
        "privacy": "on",
    }
    assert Client().post(A_PUBLIC + "praktikum/", data).status_code == 302
    refused = Client().post(A_PUBLIC + "praktikum/", {**data, "privacy": ""})
    assert refused.status_code == 422
    # The message stands at the box the youth forgot, and the box points to it.
    page = refused.content.decode()
    assert re.search(r'<div class="field__errors" id="id_privacy_error"><p>[^<]*erforderlich', page)
    assert 'aria-describedby="id_privacy_error"' in page
    with scopes_disabled():
        youth = YouthInterest.objects.get()
    assert youth.municipality == tenants[0].municipality and youth.entered_by is None


def test_other_municipality_sees_no_youths_or_offers(tenants):
    a, b = tenants
    youth = interest(a.municipality)
    o = offer(a.municipality)
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/stadt-b/de/intern/ehrenamt/praktika/interessen/{youth.uuid}/").status_code == 404
    assert client.get(f"/stadt-b/de/intern/ehrenamt/praktika/{o.uuid}/").status_code == 404
    assert "Lea" not in client.get("/stadt-b/de/intern/ehrenamt/praktika/interessen/").content.decode()
    with scope(municipality=b.municipality):
        own = interest(b.municipality, first_name="Ben", email="ben@example.org")
        assert list(internships.suggestions(own)) == []
    assert privacy.find_personal_data(b.municipality, email="lea@example.org") == []


def test_retention_erases_youth_data(tenants):
    m = tenants[0].municipality
    now = timezone.now()
    closed = interest(m, closed_at=now - timedelta(days=181))
    forgotten = interest(m, first_name="Alt")
    with scopes_disabled():
        YouthInterest.objects.filter(pk=forgotten.pk).update(created_at=now - timedelta(days=366))
    current = interest(m, first_name="Neu", closed_at=now - timedelta(days=3))
    assert erase_volunteering_personal_data(now=now) == 2
    for row in (closed, forgotten, current):
        row.refresh_from_db()
    assert (closed.first_name, closed.phone, closed.email) == ("", "", "")
    assert forgotten.first_name == "" and forgotten.closed_at is not None
    assert closed.age == 15 and closed.fields == ["craft", "it"]
    assert current.first_name == "Neu"


def test_data_subject_finder_and_erasure(tenants):
    m = tenants[0].municipality
    interest(m)
    make_tutor(m, email="lea@example.org", phone="")
    make_request(m, parent_email="LEA@example.org", parent_phone="")
    with scope(municipality=m):
        records = find_everywhere(m, email="lea@example.org")
        kinds = sorted(r.kind for r in records if r.kind.startswith("volunteering"))
        assert kinds == ["volunteering-tutoring-requests", "volunteering-tutors", "volunteering-youths"]
        by_phone = privacy.find_personal_data(m, phone="+49 281 777888")
        assert [r.kind for r in by_phone] == ["volunteering-youths"]
        for record in records:
            record.erase()
        assert privacy.find_personal_data(m, email="lea@example.org") == []
