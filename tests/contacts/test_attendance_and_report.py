"""Contacts added automatically when someone attends an appointment or an event, and the annual report
of an office for funders (page and XLSX)."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest
import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.contacts import reports, services
from familienbuero.contacts.models import ContactRecord, Source
from tests.conftest import verified_client
from tests.contacts.conftest import A_URL, BERLIN

AT = datetime(2026, 5, 4, 15, 0, tzinfo=BERLIN)


def test_event_attendance_adds_one_anonymous_contact_per_party(world):
    with scopes_disabled():
        created = services.record_attendance_contacts(
            office=world.a.office, source=Source.EVENT, contact_at=AT, party_sizes=[1, 3, 2],
            actor=world.a.users[Role.OFFICE_STAFF], topics=world.topics[:1],
        )  # fmt: skip
        records = list(ContactRecord.objects.filter(pk__in=[r.pk for r in created]))
        assert sorted(r.persons for r in records) == [1, 2, 3]
        assert {(r.channel, r.place, r.source, r.target_group) for r in records} == {
            ("event", "event", "event", "not_stated")
        }
        assert all(list(r.topics.all()) == world.topics[:1] for r in records)


def test_appointment_attendance_adds_a_contact(world):
    with scopes_disabled():
        [record] = services.record_attendance_contacts(
            office=world.a.office, source=Source.APPOINTMENT, contact_at=AT, party_sizes=[1]
        )
    assert (record.channel, record.place, record.municipality_id) == (
        "appointment",
        "counselling_room",
        world.a.municipality.pk,
    )
    with pytest.raises(ValueError):
        services.record_attendance_contacts(
            office=world.a.office, source=Source.MANUAL, contact_at=AT, party_sizes=[1]
        )


def test_annual_report_of_an_office(world):
    world.record(at=AT, persons=2, district=world.mitte, target_group="parent")
    world.record(at=AT, persons=1, district=world.nord, target_group="youth", referral_made=True)
    world.record(at=datetime(2025, 5, 4, 15, 0, tzinfo=BERLIN), persons=5)  # another year
    world.record(at=AT, actor=world.colleague, office=world.a.other_office, persons=7)  # another office
    client = verified_client(world.a.users[Role.COORDINATOR])
    query = f"?office={world.a.office.pk}&year=2026"
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=BERLIN), tick=False):
        response = client.get(A_URL + "jahresbericht/" + query)
        xlsx = client.get(A_URL + "jahresbericht/bericht.xlsx" + query)
    report = response.context["report"]
    assert (report.total_contacts, report.total_persons) == (2, 3)
    groups = {row.label: row.persons for row in report.by_target_group.rows}
    assert (groups["Elternteil"], groups["Jugendliche*r"]) == (2, 1)
    assert {row.label: row.persons for row in report.by_district.rows}["Mitte"] == 2
    assert report.referrals.contacts_with_referral == 1
    html = response.content.decode()
    if not report.events.recorded:
        assert "nicht erfasst" in html
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ("Alle Kontakte", "Kontakte", 2, 3) in [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_office_staff_get_no_report_of_another_office(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = client.get(A_URL + f"jahresbericht/?office={world.a.other_office.pk}&year=2026")
    assert response.status_code == 422
    assert response.context["report"] is None


def test_formula_like_labels_are_written_as_text(world):
    with scopes_disabled():
        world.mitte.name = "=HYPERLINK(1)"
        world.mitte.save()
    world.record(at=AT, district=world.mitte)
    client = verified_client(world.a.users[Role.COORDINATOR])
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=BERLIN), tick=False):
        csv_text = client.get(A_URL + "auswertung/kontakte.csv").content.decode("utf-8-sig")
        xlsx = client.get(A_URL + "auswertung/kontakte.xlsx").content
    assert "'=HYPERLINK(1)" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert cells and all(c.data_type == "s" for c in cells)
    with scopes_disabled():
        assert reports.dashboard  # the module under test
