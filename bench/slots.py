"""Free-slot benchmark: 20 providers with consultation hours in one office (two counselling rooms, a
counsellor each), 8 weeks ahead, about half of the slots booked. Per request: the free-slot computation
of all 20 providers over 8 weeks (``queries.free_slots`` with its prefetches), and the whole public
slot page (test client, middleware, template); as baseline in the same run, a plain query fetching the
same appointments (the active bookings of the period). Prints median and p95 and their ratio.

    python bench/slots.py                       # SQLite (DATA_DIR), fresh test database
    DATABASE_URL=postgres:///fb_bench_slots python bench/slots.py

Target: the free-slot computation under 50 ms per request. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from datetime import time as dtime

import _runner

PROVIDERS = 20
WEEKS = 8

RULES = [
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=WEEKLY;BYDAY=WE",
    "FREQ=WEEKLY;BYDAY=TH",
    "FREQ=WEEKLY;BYDAY=FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=1MO",
    "FREQ=WEEKLY;BYDAY=MO,WE",
]


def generate(today: date) -> None:
    from django_scopes import scopes_disabled

    from familienbuero.accounts.models import User
    from familienbuero.appointments import queries, services
    from familienbuero.appointments.models import Booking, ConsultationHours
    from familienbuero.directory.models import Organization
    from familienbuero.tenancy.models import Location, Municipality, Office, Room

    rng = random.Random(4)
    with scopes_disabled():
        town = Municipality.objects.create(name="Bench", slug="bench")
        location = Location.objects.create(
            municipality=town, name="Büro", street="Weg 1", postcode="46562", city="Voerde"
        )
        office = Office.objects.create(municipality=town, name="Büro", slug="buero", home_location=location)
        for n in range(2):
            Room.objects.create(
                location=location, name=f"Beratung {n}", kind=Room.Kind.COUNSELLING, capacity=4
            )
        hours_list = []
        for n in range(PROVIDERS):
            org = Organization.objects.create(
                municipality=town, name=f"Träger {n}", slug=f"traeger-{n}", kind=Organization.Kind.PROVIDER
            )
            start = 8 + (n % 4) * 2
            hours = ConsultationHours.objects.create(
                municipality=town,
                office=office,
                organization=org,
                title=f"Beratung {n}",
                recurrence=RULES[n % len(RULES)],
                starts_on=today - timedelta(days=30),
                start_time=dtime(start),
                end_time=dtime(start + 3),
                slot_minutes=rng.choice([20, 30, 45, 60]),
                buffer_minutes=rng.choice([0, 0, 10]),
            )
            counsellor = User.objects.create(username=f"berater-{n}")
            hours.counsellors.add(counsellor)
            hours_list.append(hours)
        booked = 0
        first, last = today + timedelta(days=1), today + timedelta(weeks=WEEKS)
        for hours in hours_list:
            for start, _end in queries.hours_slots(hours, first, last):
                if rng.random() < 0.5:
                    try:
                        services.book_slot(
                            hours=hours, start=start, person_name="Bench", contact_phone="0281 1"
                        )
                        booked += 1
                    except services.SlotUnavailable:
                        pass
        print(
            f"{PROVIDERS} providers, {Booking.objects.count()} bookings over {WEEKS} weeks ({booked} booked)"
        )


def measure(rounds: int, today: date) -> dict[str, list[float]]:
    from django.db.models import Q
    from django.test import Client
    from django_scopes import scope

    from familienbuero.appointments import queries, recurrence
    from familienbuero.appointments.models import Booking
    from familienbuero.tenancy.models import Municipality, Room

    town = Municipality.objects.get(slug="bench")
    client = Client()
    first, last = today, today + timedelta(weeks=WEEKS)
    samples: dict[str, list[float]] = {"compute": [], "page": [], "plain": []}
    slots = 0
    with scope(municipality=town):
        rooms = list(Room.objects.values_list("pk", flat=True))
        for round_ in range(rounds + 2):
            start = time.perf_counter()
            free = queries.free_slots(list(queries.bookable_hours(town)), first=first, last=last)
            compute = (time.perf_counter() - start) * 1000
            slots = sum(len(v) for v in free.values())

            start = time.perf_counter()
            list(
                Booking.objects.active()
                .overlapping(
                    recurrence.local(first, dtime()), recurrence.local(last + timedelta(days=1), dtime())
                )
                .filter(Q(room_id__in=rooms) | Q(counsellor__isnull=False))
                .order_by()
                .values_list("room_id", "counsellor_id", "starts_at", "ends_at")
            )
            plain = (time.perf_counter() - start) * 1000
            if round_ >= 2:  # the first two warm caches
                samples["compute"].append(compute)
                samples["plain"].append(plain)
    for round_ in range(rounds + 2):
        start = time.perf_counter()
        response = client.get("/bench/de/beratung/termine/")
        page = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        if round_ >= 2:
            samples["page"].append(page)
    print(f"{slots} free slots per request")
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    _runner.setup_django()
    from django.db import connection
    from django.utils import timezone

    _runner.allow_test_client()
    with _runner.fresh_test_database():
        today = timezone.localdate()
        generate(today)
        samples = measure(args.rounds, today)
    median = {k: statistics.median(v) for k, v in samples.items()}
    p95 = {k: _runner.percentile(v, 95) for k, v in samples.items()}
    print(f"[{connection.vendor}] per request, {PROVIDERS} providers × {WEEKS} weeks, {args.rounds} rounds:")
    print(f"  free-slot computation  p50 {median['compute']:6.1f} ms  p95 {p95['compute']:6.1f} ms")
    print(f"  whole slot page        p50 {median['page']:6.1f} ms  p95 {p95['page']:6.1f} ms")
    print(f"  plain booking query    p50 {median['plain']:6.1f} ms  p95 {p95['plain']:6.1f} ms")
    print(
        f"  ratio computation/plain query: p50 {median['compute'] / median['plain']:.1f}, "
        f"page/plain query: p50 {median['page'] / median['plain']:.1f}"
    )
    ok = p95["compute"] < 50
    print(f"  target (computation p95 < 50 ms): {_runner.verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
