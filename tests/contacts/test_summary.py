"""The reports read the daily summary (``DailyContactCount``); it must always give the figures that
counting the raw records gives. Random sequences of recording, correcting (date, district, topics,
office, persons …), deleting, attendance contacts and their withdrawal are checked against a count over
the records made here in Python, and the rebuild command must reproduce the summary the services
maintained."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.accounts.roles import Role
from familienbuero.contacts import reports, services, summary
from familienbuero.contacts.models import (
    AgeBand,
    Channel,
    ContactRecord,
    DailyContactCount,
    Duration,
    Interpreter,
    Place,
    Source,
    TargetGroup,
    language_label,
)
from familienbuero.tenancy.models import District
from tests.contacts.conftest import BERLIN

#: Moments around the edges of local days: midnight in winter and summer time, the nights the clocks
#: change (29 March and 25 October 2026), the turn of the year. As UTC instants.
MOMENTS = [
    datetime(2025, 12, 31, 22, 59, tzinfo=UTC),  # 31.12.2025 23:59 Berlin
    datetime(2025, 12, 31, 23, 0, tzinfo=UTC),  # 1.1.2026 00:00 Berlin
    datetime(2026, 1, 12, 9, 0, tzinfo=UTC),
    datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # 29.3. 00:30 Berlin (CET)
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 29.3. 03:30 Berlin (CEST)
    datetime(2026, 3, 29, 21, 59, tzinfo=UTC),  # 29.3. 23:59 Berlin
    datetime(2026, 3, 29, 22, 0, tzinfo=UTC),  # 30.3. 00:00 Berlin
    datetime(2026, 3, 30, 12, 0, tzinfo=UTC),  # a Monday
    datetime(2026, 6, 30, 21, 59, tzinfo=UTC),  # 30.6. 23:59 Berlin
    datetime(2026, 6, 30, 22, 0, tzinfo=UTC),  # 1.7. 00:00 Berlin
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 25.10. 02:30 Berlin (CEST, first time)
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 25.10. 02:30 Berlin (CET, second time)
    datetime(2026, 10, 25, 22, 59, tzinfo=UTC),  # 25.10. 23:59 Berlin
]
#: Periods the reports are asked for: whole years, one day, periods cutting weeks and months.
PERIODS = [
    (date(2025, 1, 1), date(2026, 12, 31)),
    (date(2026, 1, 1), date(2026, 12, 31)),
    (date(2026, 3, 29), date(2026, 3, 29)),
    (date(2026, 3, 25), date(2026, 7, 1)),
    (date(2025, 12, 31), date(2026, 1, 1)),
]

choice = st.sampled_from
FIELDS = {
    "contact_at": choice(MOMENTS),
    "channel": choice(Channel.values),
    "place": choice(Place.values),
    "duration": choice(Duration.values),
    "target_group": choice(TargetGroup.values),
    "age_band": choice(AgeBand.values),
    "interpreter": choice(Interpreter.values),
    "language": choice(["de", "tr", "ar", "uk"]),
    "persons": st.integers(1, 6),
    "referral_made": st.booleans(),
    "follow_up_needed": st.booleans(),
}
#: References into the world (resolved in the test): office 0/1 of A, district 0–3 (3: none), topics.
REFERENCES = {
    "office": st.integers(0, 1),
    "district": st.integers(0, 3),
    "topics": st.lists(st.integers(0, 2), unique=True, max_size=3),
}
record_fields = st.fixed_dictionaries(FIELDS)
references = st.fixed_dictionaries(REFERENCES)
operation = st.one_of(
    st.tuples(st.just("record"), record_fields, references),
    st.tuples(
        st.just("correct"),
        st.integers(0, 50),
        st.fixed_dictionaries({}, optional=FIELDS),
        st.fixed_dictionaries({}, optional=REFERENCES),
    ),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(
        st.just("attend"),
        choice([Source.APPOINTMENT, Source.EVENT]),
        choice(MOMENTS),
        st.lists(st.integers(1, 4), min_size=1, max_size=3),
        references,
    ),
    st.tuples(
        st.just("withdraw"),
        choice([Source.APPOINTMENT, Source.EVENT]),
        choice(MOMENTS),
        st.integers(1, 3),
        st.integers(0, 1),
    ),
    st.tuples(st.just("other_municipality"), record_fields),
)


NOT_STATED = "keine Angabe"  # the label of contacts without a district (German, the default language)


def local_day(moment: datetime) -> date:
    return moment.astimezone(BERLIN).date()


def counted(records, office_ids, date_from, date_to):
    """The records in the period and offices, counted by hand (no summary, no SQL aggregate)."""
    return [
        r
        for r in records
        if date_from <= local_day(r.contact_at) <= date_to
        and (office_ids is None or r.office_id in office_ids)
    ]


def sums(records, key):
    result: dict = {}
    for record in records:
        for value in key(record):
            n, p = result.get(value, (0, 0))
            result[value] = (n + 1, p + record.persons)
    return result


def table(breakdown):
    return {row.label: (row.contacts, row.persons) for row in breakdown.rows}


def nonzero(breakdown):
    return {label: np for label, np in table(breakdown).items() if np != (0, 0)}


def bucket(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    return date(day.year, 1, 1) if interval == "year" else date(day.year, day.month, 1)


def check_dashboard(world, records, office_ids, date_from, date_to, interval):
    mine = counted(records, office_ids, date_from, date_to)
    board = reports.dashboard(
        world.a.municipality, office_ids=office_ids, date_from=date_from, date_to=date_to, interval=interval
    )
    by = {b.key: b for b in board.breakdowns}
    assert (board.total_contacts, board.total_persons) == (len(mine), sum(r.persons for r in mine))
    assert board.follow_up_needed == sum(r.follow_up_needed for r in mine)
    assert board.referrals.contacts_with_referral == sum(r.referral_made for r in mine)
    for key, enum in [("channel", Channel), ("target_group", TargetGroup), ("age_band", AgeBand),
                      ("interpreter", Interpreter), ("place", Place), ("duration", Duration)]:  # fmt: skip
        expected = sums(mine, lambda r, key=key, enum=enum: [str(enum(getattr(r, key)).label)])
        assert nonzero(by[key]) == expected, key
        assert len(by[key].rows) == len(enum.values)  # every choice listed, also with 0
    names = {d.pk: d.name for d in world.districts}
    expected = sums(mine, lambda r: [names.get(r.district_id, NOT_STATED)])
    assert nonzero(by["district"]) == expected
    assert nonzero(board.target_districts) == {
        f"{d.name} ({d.social_area})": expected[d.name]
        for d in world.districts
        if d.social_area and d.name in expected
    }
    with_district = [r for r in mine if r.district_id is not None]
    assert board.contacts_with_district == len(with_district)
    assert board.target_district_contacts == sum(1 for r in with_district if r.district.social_area)
    assert table(by["language"]) == sums(mine, lambda r: [language_label(r.language)])
    assert table(by["topic"]) == sums(mine, lambda r: [str(t) for t in r.topics.all()])
    per_bucket = sums(mine, lambda r: [bucket(local_day(r.contact_at), interval)])
    assert nonzero(board.timeline) == {
        reports._period_label(day, interval): np for day, np in per_bucket.items()
    }


def check_annual_report_and_hook(world, records, year):
    office = world.a.office
    mine = counted(records, {office.pk}, date(year, 1, 1), date(year, 12, 31))
    report = reports.annual_report(world.a.municipality, office=office, year=year)
    assert (report.total_contacts, report.total_persons) == (len(mine), sum(r.persons for r in mine))
    assert nonzero(report.by_target_group) == sums(mine, lambda r: [str(TargetGroup(r.target_group).label)])
    names = {d.pk: d.name for d in world.districts}
    assert nonzero(report.by_district) == sums(mine, lambda r: [names.get(r.district_id, NOT_STATED)])
    assert table(report.by_topic) == sums(mine, lambda r: [str(t) for t in r.topics.all()])
    assert nonzero(report.by_month) == sums(mine, lambda r: [reports._period_label(
        bucket(local_day(r.contact_at), "month"), "month")])  # fmt: skip
    figures = reports.contact_figures(
        world.a.municipality, office_ids={office.pk}, date_from=date(year, 1, 1), date_to=date(year, 12, 31)
    )
    assert [number for _label, number in figures] == [
        len(mine),
        sum(r.persons for r in mine),
        sum(r.referral_made for r in mine),
        sum(1 for r in mine if r.district_id is not None and r.district.social_area),
    ]


def all_records(world):
    return list(
        ContactRecord.objects.filter(municipality=world.a.municipality)
        .select_related("district")
        .prefetch_related("topics__translations")
    )


@pytest.fixture
def summary_world(world):
    world.districts = [world.mitte, world.sued, world.nord]
    world.staff = world.a.users[Role.OFFICE_STAFF]
    return world


def run(world, operations):
    staff = world.staff
    offices = [world.a.office, world.a.other_office]
    districts = [*world.districts, None]
    ids: list[int] = []

    def resolve(refs):
        fields = {}
        if "office" in refs:
            fields["office"] = offices[refs["office"]]
        if "district" in refs:
            fields["district"] = districts[refs["district"]]
        topics = [world.topics[i] for i in refs["topics"]] if "topics" in refs else None
        return fields, topics

    for op in operations:
        kind = op[0]
        if kind == "record":
            fields, topics = resolve(op[2])
            record = services.record_contact(actor=staff, topics=topics, **op[1], **fields)
            ids.append(record.pk)
        elif kind == "correct" and ids:
            record = ContactRecord.objects.get(pk=ids[op[1] % len(ids)])
            fields, topics = resolve(op[3])
            changes = {**op[2], **fields}
            services.correct_contact(record=record, actor=staff, topics=topics, **changes)
        elif kind == "delete" and ids:
            pk = ids.pop(op[1] % len(ids))
            services.delete_contact(record=ContactRecord.objects.get(pk=pk), actor=staff)
        elif kind == "attend":
            fields, topics = resolve(op[4])
            created = services.record_attendance_contacts(
                office=fields["office"], source=op[1], contact_at=op[2], party_sizes=op[3], actor=staff,
                topics=topics or (),
            )  # fmt: skip
            ids += [r.pk for r in created]
        elif kind == "withdraw":  # an attendance undone takes its automatic contacts back
            services.withdraw_attendance_contacts(
                office=offices[op[4]], source=op[1], contact_at=op[2], parties=op[3]
            )
            ids = list(ContactRecord.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        elif kind == "other_municipality":  # must never show in A's figures
            services.record_contact(actor=world.b.users[Role.OFFICE_STAFF], office=world.b.office, **op[1])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, max_size=14))
def test_summary_reports_equal_counting_the_records(summary_world, operations):
    world = summary_world
    with scopes_disabled(), transaction.atomic():
        run(world, operations)
        records = all_records(world)
        for date_from, date_to in PERIODS:
            for office_ids in (None, {world.a.office.pk}, {world.a.other_office.pk}):
                check_dashboard(world, records, office_ids, date_from, date_to, "month")
        for interval in ("week", "year"):
            check_dashboard(world, records, None, *PERIODS[0], interval)
        for year in (2025, 2026):
            check_annual_report_and_hook(world, records, year)
        # The rebuild command computes the same summary from the records.
        maintained = summary.rows_of()
        call_command("rebuild_contact_summary", stdout=io.StringIO())
        assert summary.rows_of() == maintained
        transaction.set_rollback(True)


def day_figures(world, day):
    board = reports.dashboard(world.a.municipality, office_ids=None, date_from=day, date_to=day)
    by = {b.key: b for b in board.breakdowns}
    return board.total_contacts, nonzero(by["district"]), nonzero(by["topic"])


def test_a_correction_moves_the_contact_between_days_districts_and_topics(summary_world):
    world = summary_world
    t0, t1, _t2 = world.topics
    before = datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN)
    record = world.record(at=before, district=world.mitte, topics=[t0], persons=2)
    with scopes_disabled():
        assert day_figures(world, date(2026, 3, 29)) == (1, {"Mitte": (1, 2)}, {str(t0): (1, 2)})
        services.correct_contact(
            record=record, actor=world.staff, contact_at=before + timedelta(hours=1), district=world.nord,
            topics=[t1], persons=3, now=before + timedelta(days=1),
        )  # fmt: skip
        assert day_figures(world, date(2026, 3, 29)) == (0, {}, {})
        assert day_figures(world, date(2026, 3, 30)) == (1, {"Nord": (1, 3)}, {str(t1): (1, 3)})
        assert DailyContactCount.objects.filter(day=date(2026, 3, 29)).count() == 0  # no rows left at zero


def test_deleting_an_own_record_removes_it_from_the_figures_and_nobody_else_may(summary_world):
    world = summary_world
    entered = datetime(2026, 2, 2, 10, 0, tzinfo=BERLIN)
    record = world.record(at=entered, topics=world.topics)
    with scopes_disabled():
        for user in (world.colleague, world.a.users[Role.COORDINATOR]):
            with pytest.raises(PermissionDenied):
                services.delete_contact(record=record, actor=user, now=entered)
        with pytest.raises(PermissionDenied):  # after the seven days, not even the own record
            services.delete_contact(
                record=record, actor=world.staff, now=entered + timedelta(days=7, minutes=1)
            )
        assert day_figures(world, date(2026, 2, 2))[0] == 1
        services.delete_contact(record=record, actor=world.staff, now=entered + timedelta(days=6))
        assert not ContactRecord.objects.filter(pk=record.pk).exists()
        assert day_figures(world, date(2026, 2, 2)) == (0, {}, {})
        assert summary.rows_of() == []


def test_the_reports_read_the_summary_and_the_rebuild_command_fills_it(summary_world):
    """Records written without the services (a bulk load) are not in the reports until the rebuild."""
    world = summary_world
    day = date(2026, 5, 4)
    world.record(at=datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN), district=world.sued, topics=world.topics[:2])
    maintained = summary.rows_of()
    with scopes_disabled():
        ContactRecord.objects.bulk_create(
            [
                ContactRecord(
                    municipality=world.a.municipality,
                    office=world.a.office,
                    persons=2,
                    contact_at=datetime(2026, 5, 4, 23, 59, tzinfo=BERLIN),
                    district=world.nord,
                )
                for _ in range(3)
            ]
        )
        assert day_figures(world, day)[0] == 1
        call_command("rebuild_contact_summary", "--municipality", "stadt-b", stdout=io.StringIO())
        assert day_figures(world, day)[0] == 1  # another municipality's rebuild leaves A's summary alone
        call_command("rebuild_contact_summary", "--municipality", "stadt-a", stdout=io.StringIO())
        assert day_figures(world, day) == (
            4,
            {"Süd": (1, 1), "Nord": (3, 6)},
            {str(t): (1, 1) for t in world.topics[:2]},
        )
        assert summary.rows_of() != maintained
        # … and the rebuilt summary is what the services maintain from here on.
        noon = datetime(2026, 5, 4, 12, 0, tzinfo=BERLIN)
        record = world.record(at=noon, district=world.nord)
        services.correct_contact(record=record, actor=world.staff, district=world.mitte, now=noon)
        rows = summary.rows_of()
        call_command("rebuild_contact_summary", stdout=io.StringIO())
        assert summary.rows_of() == rows


def test_a_deleted_district_counts_as_not_stated_as_its_records_do(summary_world):
    world = summary_world
    extra = District.objects.create(
        municipality=world.a.municipality, name="Weg", slug="weg", social_area="X"
    )
    world.record(at=datetime(2026, 4, 1, 10, 0, tzinfo=BERLIN), district=extra, persons=2)
    with scopes_disabled():
        assert day_figures(world, date(2026, 4, 1))[1] == {"Weg": (1, 2)}
        extra.delete()
        board = reports.dashboard(
            world.a.municipality, office_ids=None, date_from=date(2026, 4, 1), date_to=date(2026, 4, 1)
        )
        by = {b.key: b for b in board.breakdowns}
        assert nonzero(by["district"]) == {NOT_STATED: (1, 2)}
        assert (board.contacts_with_district, board.target_district_contacts) == (0, 0)


def test_attendance_contacts_are_in_the_summary(summary_world):
    world = summary_world
    with scopes_disabled():
        services.record_attendance_contacts(
            office=world.a.office, source=Source.EVENT, contact_at=datetime(2026, 6, 1, 16, 0, tzinfo=BERLIN),
            party_sizes=[1, 3, 2], topics=world.topics[:1],
        )  # fmt: skip
        board = reports.dashboard(
            world.a.municipality, office_ids=None, date_from=date(2026, 6, 1), date_to=date(2026, 6, 1)
        )
    by = {b.key: b for b in board.breakdowns}
    assert (board.total_contacts, board.total_persons) == (3, 6)
    assert nonzero(by["channel"]) == {str(Channel.EVENT.label): (3, 6)}
    assert table(by["topic"]) == {str(world.topics[0]): (3, 6)}


def test_the_demo_contacts_are_in_the_summary(demo):
    """The demo writes its contacts in bulk and adds them to the summary in the same step."""
    maintained = summary.rows_of()
    with scopes_disabled():
        records = ContactRecord.objects.count()
    assert sum(row[5] for row in maintained if row[3] == "total") == records > 0
    call_command("rebuild_contact_summary", stdout=io.StringIO())
    assert summary.rows_of() == maintained
