"""Contact statistics benchmark: 1,000,000 generated contact records (two years, four offices, topics), then
the coordinator's annual dashboard and an office's annual report (funder report), each timed against the
equivalent hand-written raw SQL aggregates over the contact records (the same groupings as plain
``GROUP BY`` statements on the same connection) in the same run, and their ratio. SQLite and, when a
server answers, PostgreSQL – each in a fresh test database.

The reports read the daily summary (``contacts/summary.py``); the records are generated in bulk, so the
summary is built once with ``summary.rebuild`` (timed and printed), as ``manage.py
rebuild_contact_summary`` does. The raw SQL baseline still aggregates the records themselves. The cost
the summary adds to each write is printed too: recording contacts through ``services.record_contact``.

    python bench/reports.py                                   # both databases, 1,000,000 records
    python bench/reports.py --records 100000 --backend sqlite
    DATABASE_URL=postgres:///fb_bench_reports python bench/reports.py --backend postgresql

Target: each report under 1 s, report/raw at most 1.5. Not part of ``make test``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import _runner

PG_URL = os.environ.get("BENCH_PG_URL") or (
    os.environ["DATABASE_URL"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres")
    else "postgres:///fb_bench_reports"
)
YEAR = 2025
BERLIN = ZoneInfo("Europe/Berlin")
BATCH = 20_000


def generate(count: int) -> None:
    """``count`` records over the years YEAR and YEAR+1, spread over four offices, with 0–3 topics each."""
    from django_scopes import scopes_disabled

    from familienbuero.contacts.models import (
        LANGUAGE_CODES,
        AgeBand,
        Channel,
        ContactRecord,
        Duration,
        Interpreter,
        Place,
        TargetGroup,
    )
    from familienbuero.directory.models import TaxonomyTerm
    from familienbuero.tenancy.models import District, Location, Municipality, Office

    rng = random.Random(20261125)
    with scopes_disabled():
        town = Municipality.objects.create(slug="bench", name="Benchstadt")
        home = Location.objects.create(
            municipality=town, name="Rathaus", street="Markt 1", postcode="46562", city="Benchstadt"
        )
        offices = [
            Office.objects.create(municipality=town, slug=f"buero-{i}", name=f"Büro {i}", home_location=home)
            for i in range(4)
        ]
        districts = [
            District.objects.create(
                municipality=town,
                slug=f"bezirk-{i}",
                name=f"Bezirk {i}",
                social_area="Mitte" if i < 3 else "",
            )
            for i in range(12)
        ]
        topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC))
        start = datetime(YEAR, 1, 1, tzinfo=BERLIN)
        seconds = int((datetime(YEAR + 2, 1, 1, tzinfo=BERLIN) - start).total_seconds())
        choices = {
            "place": Place.values, "channel": Channel.values, "duration": Duration.values,
            "target_group": TargetGroup.values, "age_band": AgeBand.values, "interpreter": Interpreter.values,
        }  # fmt: skip
        languages = list(LANGUAGE_CODES[:8])
        through = ContactRecord.topics.through
        for first in range(0, count, BATCH):
            records = [
                ContactRecord(
                    municipality=town,
                    office=offices[i % 4],
                    contact_at=start + timedelta(seconds=rng.randrange(seconds)),
                    persons=rng.choice((1, 1, 1, 2, 2, 3)),
                    district=rng.choice(districts) if rng.random() < 0.85 else None,
                    language=rng.choice(languages),
                    referral_made=rng.random() < 0.15,
                    follow_up_needed=rng.random() < 0.1,
                    **{name: rng.choice(values) for name, values in choices.items()},
                )
                for i in range(first, min(first + BATCH, count))
            ]
            created = ContactRecord.objects.bulk_create(records)
            through.objects.bulk_create(
                [
                    through(contactrecord_id=record.pk, taxonomyterm_id=term.pk)
                    for record in created
                    for term in rng.sample(topics, rng.choice((0, 1, 1, 2, 3)))
                ]
            )


def raw_statements(vendor: str, office_filter: bool) -> list[str]:
    """The dashboard's aggregates as hand-written SQL (the same groupings, no ORM). Built from constants;
    the values are bound parameters."""
    where = "municipality_id = %(m)s AND contact_at >= %(start)s AND contact_at < %(end)s"
    if office_filter:
        where += " AND office_id = %(office)s"
    table = "contacts_contactrecord"
    if vendor == "postgresql":
        month = "date_trunc('month', contact_at AT TIME ZONE 'Europe/Berlin')"
    else:  # the function Django registers on every SQLite connection
        month = "django_datetime_trunc('month', contact_at, 'Europe/Berlin', 'UTC')"
    statements = [
        f"SELECT COUNT(*), SUM(persons), SUM(CASE WHEN referral_made THEN 1 ELSE 0 END), "  # noqa: S608 - constant SQL, bound values
        f"SUM(CASE WHEN follow_up_needed THEN 1 ELSE 0 END) FROM {table} WHERE {where}",
        f"SELECT {month}, COUNT(*), SUM(persons) FROM {table} WHERE {where} GROUP BY 1",  # noqa: S608 - constant SQL, bound values
    ]
    for column in ("channel", "target_group", "age_band", "district_id", "language", "interpreter", "place",
                   "duration"):  # fmt: skip
        statements.append(
            f"SELECT {column}, COUNT(*), SUM(persons) FROM {table} WHERE {where} GROUP BY {column}"  # noqa: S608 - constant SQL, bound values
        )
    prefixed = where.replace("municipality_id", "c.municipality_id").replace("contact_at", "c.contact_at")
    prefixed = prefixed.replace("office_id", "c.office_id")
    statements.append(
        f"SELECT t.taxonomyterm_id, COUNT(*), SUM(c.persons) FROM {table}_topics t "  # noqa: S608 - constant SQL, bound values
        f"JOIN {table} c ON c.id = t.contactrecord_id WHERE {prefixed} GROUP BY t.taxonomyterm_id"
    )
    referral_where = "municipality_id = %(m)s AND created_at >= %(start)s AND created_at < %(end)s"
    if office_filter:
        referral_where += " AND office_id = %(office)s"
    statements.append(
        f"SELECT status, COUNT(*) FROM referrals_referral WHERE {referral_where} GROUP BY status"  # noqa: S608 - constant SQL, bound values
    )
    return statements


def timed(function, rounds: int) -> float:
    function()  # warm caches
    samples = []
    for _ in range(rounds):
        begin = time.perf_counter()
        function()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples)


def measure(rounds: int) -> list[tuple[str, float, float]]:
    from django.db import connection
    from django_scopes import scopes_disabled

    from familienbuero.contacts import reports
    from familienbuero.tenancy.models import Municipality, Office

    with scopes_disabled():
        town = Municipality.objects.get(slug="bench")
        office = Office.objects.filter(municipality=town).order_by("pk").first()
    params = {
        "m": town.pk,
        "office": office.pk,
        "start": datetime(YEAR, 1, 1, tzinfo=BERLIN),
        "end": datetime(YEAR + 1, 1, 1, tzinfo=BERLIN),
    }

    def raw(office_filter: bool):
        def run() -> None:
            with connection.cursor() as cursor:
                for sql in raw_statements(connection.vendor, office_filter):
                    cursor.execute(sql, params)
                    cursor.fetchall()

        return run

    def dashboard() -> None:
        with scopes_disabled():
            reports.dashboard(town, office_ids=None, date_from=date(YEAR, 1, 1), date_to=date(YEAR, 12, 31))

    def annual_report() -> None:
        with scopes_disabled():
            reports.annual_report(town, office=office, year=YEAR)

    return [
        ("annual dashboard (all offices)", timed(dashboard, rounds), timed(raw(False), rounds)),
        ("annual report (one office)", timed(annual_report, rounds), timed(raw(True), rounds)),
    ]


def write_cost(count: int = 200) -> float:
    """Median time of ``services.record_contact`` (record, topics, audit log, summary) on the full table."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    from familienbuero.contacts import services
    from familienbuero.directory.models import TaxonomyTerm
    from familienbuero.tenancy.models import District, Office

    rng = random.Random(7)
    with scopes_disabled():
        offices = list(Office.objects.filter(municipality__slug="bench"))
        districts = list(District.objects.filter(municipality__slug="bench"))
        topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC))
        samples = []
        with transaction.atomic():  # rolled back: the timed reports see the generated records only
            for _ in range(count):
                begin = time.perf_counter()
                services.record_contact(
                    office=rng.choice(offices), actor=None, topics=rng.sample(topics, 2), persons=2,
                    district=rng.choice(districts), contact_at=datetime(YEAR, 6, 1, 10, tzinfo=BERLIN),
                )  # fmt: skip
                samples.append(time.perf_counter() - begin)
            transaction.set_rollback(True)
    return statistics.median(samples)


def child(label: str, records: int, rounds: int) -> int:
    _runner.setup_django()
    from django.db import connection

    with _runner.fresh_test_database():
        begin = time.perf_counter()
        generate(records)
        generated = time.perf_counter() - begin
        from familienbuero.contacts import summary

        begin = time.perf_counter()
        rows = summary.rebuild()
        rebuilt = time.perf_counter() - begin
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"[{label}] {records:,} records generated in {generated:.0f} s; median of {rounds} rounds")
        print(f"[{label}] summary rebuilt from the records in {rebuilt:.1f} s: {rows:,} rows")
        print(f"[{label}] recording a contact through the services: {write_cost() * 1000:.1f} ms each")
        results = measure(rounds)
    status = 0
    for name, orm, raw in results:
        ratio = orm / raw
        ok = orm < 1 and ratio <= 1.5
        status |= 0 if ok else 1
        print(
            f"[{label}] {name}: {orm * 1000:.0f} ms | raw SQL aggregates {raw * 1000:.0f} ms "
            f"| ratio {ratio:.2f}"
            f" | target (< 1 s, ratio ≤ 1.5): {_runner.verdict(ok)}"
        )
    return status


def main() -> int:
    return _runner.backend_main(
        __file__, __doc__, child, size=("records", 1_000_000), rounds=5, pg_url=PG_URL, name="reports"
    )


if __name__ == "__main__":
    sys.exit(main())
