"""Search benchmark: 50,000 generated services in one municipality; p50/p95 latency of the search view
(Django test client, whole middleware stack, template rendered) and of the raw full-text query (the
same compiled query as bare FTS5 MATCH / tsquery with ranking and LIMIT 20) in the same run, and their
ratio. Runs on SQLite and, when a server answers, on PostgreSQL – each in a fresh test database.

    python bench/search.py                      # both databases, 50,000 services
    python bench/search.py --services 5000 --rounds 3 --backend sqlite

The measuring process is set up like a server process: it loads ``familienbuero.wsgi`` first (which
freezes the objects loaded at start-up for the garbage collector), and the view's facet table
(``directory/search/table.py``) is read once before the measured rounds, as a running server has it; the
time to read it again after a change is printed separately.

Target: p95 of the view under 50 ms, view/raw at most 3. Not part of ``make test`` (``make bench-search``).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

import _runner

PG_URL = os.environ.get("BENCH_PG_URL", "postgres:///fb_bench_search")

QUERIES = [
    "q=Schwimmkurs",
    "q=Schwimmkurse&alter=8",
    "q=Schulden",
    "q=jugendlich",
    "q=Nachilfe",
    "q=Familienbuero",
    "q=Beratung&sprache=ar",
    "q=Kinder&kostenlos=1&naehe=mitte",
    "q=Sprachkurs+Deutsch",
    "q=Ferien&offen=1",
    "q=Eltern&thema=erziehung&barrierefrei=1",
    "q=Computerkurs&stadtteil=nord&stadtteil=sued",
]

ACTIVITIES = [
    "Schwimmkurs",
    "Kinderturnen",
    "Nachhilfe",
    "Hausaufgabenhilfe",
    "Schuldnerberatung",
    "Erziehungsberatung",
    "Elterncafé",
    "Krabbelgruppe",
    "Sprachkurs",
    "Deutschkurs",
    "Computerkurs",
    "Fußballtraining",
    "Tanzgruppe",
    "Reitstunde",
    "Musikschule",
    "Töpferkurs",
    "Kochkurs",
    "Babymassage",
    "Hebammensprechstunde",
    "Familienbildung",
    "Jugendtreff",
    "Ferienfreizeit",
    "Bewerbungstraining",
    "Suchtberatung",
    "Migrationsberatung",
    "Lesepatenschaft",
    "Spielgruppe",
    "Väterfrühstück",
    "Mädchentreff",
    "Jungengruppe",
    "Trauergruppe",
    "Stillberatung",
    "Kinderchor",
    "Theatergruppe",
    "Schachclub",
    "Leichtathletik",
    "Fahrradwerkstatt",
    "Medienkurs",
    "Kletterkurs",
    "Selbstverteidigung",
    "Yogakurs",
    "Schwangerschaftsberatung",
    "Familienpatenschaft",
    "Sozialberatung",
    "Rechtsberatung",
    "Wohnungsberatung",
    "Elternabend",
    "Babysitterkurs",
]
AUDIENCES = [
    "für Kinder",
    "für Jugendliche",
    "für Eltern",
    "für Familien",
    "für Alleinerziehende",
    "für Schulkinder",
    "für Kleinkinder",
    "am Nachmittag",
    "in den Ferien",
    "im Quartier",
    "für Anfänger",
    "für Fortgeschrittene",
]
PREFIXES = [
    "Familien",
    "Kinder",
    "Jugend",
    "Eltern",
    "Schul",
    "Sport",
    "Lern",
    "Spiel",
    "Sprach",
    "Freizeit",
    "Beratungs",
    "Gesundheits",
    "Musik",
    "Kunst",
    "Natur",
    "Wald",
    "Wasser",
    "Stadt",
    "Quartier",
    "Nachbarschafts",
    "Ferien",
    "Wochenend",
    "Abend",
    "Morgen",
    "Mittags",
    "Bewegungs",
    "Koch",
    "Lese",
]
SUFFIXES = [
    "angebot",
    "gruppe",
    "treff",
    "zentrum",
    "kurs",
    "training",
    "werkstatt",
    "nachmittag",
    "programm",
    "projekt",
    "runde",
    "café",
    "stunde",
    "beratung",
    "hilfe",
    "pause",
    "zeit",
    "raum",
    "garten",
    "woche",
    "fest",
    "fahrt",
    "club",
    "labor",
]
WORDS = [
    "gemeinsam",
    "spielen",
    "lernen",
    "entdecken",
    "Spaß",
    "Freude",
    "Gruppe",
    "kleinen",
    "Anleitung",
    "erfahrenen",
    "Fachkräfte",
    "kostenlos",
    "Anmeldung",
    "erforderlich",
    "offen",
    "willkommen",
    "Stadtteil",
    "Schule",
    "Verein",
    "Halle",
    "Räume",
    "Nachmittag",
    "Woche",
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Eltern",
    "Kinder",
    "Jugendliche",
    "Familien",
    "Hilfe",
    "Unterstützung",
    "Fragen",
    "Alltag",
    "Erziehung",
    "Geld",
    "Schulden",
    "Arbeit",
    "Beruf",
    "Ausbildung",
    "Sprache",
    "Deutsch",
    "Arabisch",
    "Türkisch",
    "Ukrainisch",
    "Bewegung",
    "Gesundheit",
    "Ernährung",
    "Natur",
    "Musik",
    "Kunst",
    "Theater",
    "Medien",
    "Computer",
    "Internet",
    "Sicherheit",
    "Vertrauen",
    "vertraulich",
    "anonym",
    "Familienbüro",
    "Beratung",
    "Begleitung",
    "Vermittlung",
    "Termin",
    "Sprechstunde",
]


def text(rng: random.Random, n: int) -> str:
    words = []
    for _ in range(n):
        if rng.random() < 0.25:
            words.append(rng.choice(PREFIXES) + rng.choice(SUFFIXES))
        else:
            words.append(rng.choice(WORDS))
    return " ".join(words) + "."


def generate(count: int) -> None:
    from datetime import time as clock
    from decimal import Decimal

    from django_scopes import scopes_disabled

    from familienbuero.directory.models import (
        Organization,
        Service,
        ServiceAtLocation,
        ServiceLanguage,
        ServiceSchedule,
        TaxonomyTerm,
    )
    from familienbuero.tenancy.models import District, Location, Municipality

    rng = random.Random(20261125)
    translation_model = Service._parler_meta.root_model
    with scopes_disabled():
        town = Municipality.objects.create(slug="bench", name="Benchstadt")
        districts = [
            District.objects.create(
                municipality=town,
                slug=slug,
                name=slug.title(),
                latitude=Decimal(f"{51.55 + i * 0.01:.6f}"),
                longitude=Decimal(f"{6.65 + i * 0.008:.6f}"),
            )
            for i, slug in enumerate(["nord", "sued", "mitte", "ost", "west", "hafen", "feld", "heide"])
        ]
        locations = Location.objects.bulk_create(
            Location(
                municipality=town,
                name=f"Ort {i}",
                street=f"Straße {i}",
                postcode="46562",
                city="Benchstadt",
                district=rng.choice(districts),
                latitude=Decimal(f"{rng.uniform(51.54, 51.64):.6f}"),
                longitude=Decimal(f"{rng.uniform(6.62, 6.74):.6f}"),
                step_free_access=rng.random() < 0.6,
            )
            for i in range(400)
        )
        organizations = Organization.objects.bulk_create(
            Organization(
                municipality=town, slug=f"org-{i}", name=f"Verein {rng.choice(PREFIXES)}{i}", kind="club"
            )
            for i in range(300)
        )
        terms = list(TaxonomyTerm.objects.all())
        codes = ["de", "ar", "tr", "uk", "en", "ru", "pl"]
        batch = 5000
        for start in range(0, count, batch):
            services = []
            for i in range(start, min(start + batch, count)):
                low = rng.choice([None, 0, 3, 6, 10, 14, 18])
                high = None if low is None or rng.random() < 0.3 else low + rng.choice([2, 4, 8])
                services.append(
                    Service(
                        municipality=town,
                        organization=rng.choice(organizations),
                        slug=f"angebot-{i}",
                        minimum_age=low,
                        maximum_age=high,
                        free_of_charge=rng.random() < 0.6,
                        is_published=rng.random() < 0.97,
                    )
                )
            services = Service.objects.bulk_create(services)
            translations, links, languages, places, times, served = [], [], [], [], [], []
            for service in services:
                name = f"{rng.choice(ACTIVITIES)} {rng.choice(AUDIENCES)}"
                translations.append(
                    translation_model(
                        master_id=service.pk,
                        language_code="de",
                        name=name,
                        description=text(rng, rng.randint(15, 45)),
                        eligibility_description=text(rng, 8) if rng.random() < 0.3 else "",
                    )
                )
                if rng.random() < 0.1:
                    translations.append(
                        translation_model(
                            master_id=service.pk,
                            language_code="ar",
                            name="دورة سباحة للأطفال" if "Schwimm" in name else "استشارة للعائلات",
                            description="تعلّم السباحة في مجموعات صغيرة مع مدربين.",
                        )
                    )
                for term in rng.sample(terms, rng.randint(1, 4)):
                    links.append(Service.terms.through(service_id=service.pk, taxonomyterm_id=term.pk))
                for code in {"de", *rng.sample(codes, rng.randint(0, 2))}:
                    languages.append(ServiceLanguage(service_id=service.pk, code=code))
                for location in rng.sample(locations, rng.randint(1, 2)):
                    places.append(ServiceAtLocation(service_id=service.pk, location_id=location.pk))
                for _ in range(rng.randint(0, 2)):
                    hour = rng.randint(8, 18)
                    times.append(
                        ServiceSchedule(
                            service_id=service.pk,
                            weekday=rng.randint(0, 6),
                            opens=clock(hour),
                            closes=clock(hour + 2),
                        )
                    )
                if rng.random() < 0.3:
                    served.append(
                        Service.districts.through(service_id=service.pk, district_id=rng.choice(districts).pk)
                    )
            translation_model.objects.bulk_create(translations)
            Service.terms.through.objects.bulk_create(links)
            ServiceLanguage.objects.bulk_create(languages)
            ServiceAtLocation.objects.bulk_create(places)
            ServiceSchedule.objects.bulk_create(times)
            Service.districts.through.objects.bulk_create(served)


def measure(rounds: int) -> dict[str, float]:
    from urllib.parse import parse_qs

    from django.db import connection
    from django.test import Client

    from familienbuero.directory.search import backend, compile_query, search_services
    from familienbuero.tenancy.models import Municipality

    client = Client()
    engine = backend()
    town = Municipality.objects.get(slug="bench")
    view, raw = [], []
    print(f"{'query':50} {'hits':>6} {'view ms':>8} {'raw ms':>7}")
    for query in QUERIES:
        url = f"/bench/de/angebote/?{query}"
        q = parse_qs(query)["q"][0]
        compiled, _ignored, _fuzzy = compile_query(q, "de")
        sql, params = engine.raw_sql(compiled, 20)
        for _ in range(2):  # warm caches
            assert client.get(url).status_code == 200
        query_view, query_raw = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            response = client.get(url)
            query_view.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
            start = time.perf_counter()
            with engine.statement_context(), connection.cursor() as cursor:
                engine.prepare(cursor)  # same settings as the search (PostgreSQL: no JIT)
                cursor.execute(sql, params)
                cursor.fetchall()
            query_raw.append((time.perf_counter() - start) * 1000)
        from django_scopes import scope

        with scope(municipality=town):
            total = search_services(municipality=town, query=q).total
        print(
            f"{query:50} {total:>6} {statistics.median(query_view):8.1f} {statistics.median(query_raw):7.1f}"
        )
        view += query_view
        raw += query_raw
    return {
        "view_p50": _runner.percentile(view, 50),
        "view_p95": _runner.percentile(view, 95),
        "raw_p50": _runner.percentile(raw, 50),
        "raw_p95": _runner.percentile(raw, 95),
    }


def child(label: str, services: int, rounds: int) -> int:
    _runner.setup_django()
    import familienbuero.wsgi  # noqa: F401 - set up like a server process (its startup objects frozen)
    from familienbuero.directory.search import rebuild_index

    _runner.allow_test_client()
    with _runner.fresh_test_database():
        start = time.perf_counter()
        generate(services)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        indexed = rebuild_index()
        print(
            f"[{label}] {services} services generated in {generated:.0f} s, {indexed} public ones indexed in "
            f"{time.perf_counter() - start:.0f} s; {rounds} rounds × {len(QUERIES)} queries"
        )
        result = measure(rounds)
        from familienbuero.directory.search import table
        from familienbuero.tenancy.models import Municipality

        town = Municipality.objects.get(slug="bench")
        start = time.perf_counter()
        table.build(town.pk, "bench")
        read = (time.perf_counter() - start) * 1000
        print(
            f"[{label}] facet table of {services} services read in {read:.0f} ms "
            "(once per process after each change to the directory, not in the figures above)"
        )
    ratio50 = result["view_p50"] / result["raw_p50"]
    ratio95 = result["view_p95"] / result["raw_p95"]
    ok = result["view_p95"] < 50 and ratio95 <= 3
    print(
        f"[{label}] search view p50 {result['view_p50']:.1f} ms, p95 {result['view_p95']:.1f} ms | "
        f"raw full-text query p50 {result['raw_p50']:.1f} ms, p95 {result['raw_p95']:.1f} ms | "
        f"ratio p50 {ratio50:.1f}, p95 {ratio95:.1f} | target (p95 < 50 ms, ratio ≤ 3): {_runner.verdict(ok)}"
    )
    return 0 if ok else 1


def main() -> int:
    return _runner.backend_main(
        __file__, __doc__, child, size=("services", 50_000), rounds=5, pg_url=PG_URL, name="search"
    )


if __name__ == "__main__":
    sys.exit(main())
