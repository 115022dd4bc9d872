"""The facet table: what the search filters and counts by, for every public service of one municipality,
as column arrays in memory (numpy), kept per process.

Counting the facets of a broad query (30,000 of 50,000 services match "Kinder") in SQL means joining
every hit with its terms, districts, languages, places and opening times – hundreds of milliseconds.
With the table in memory it is a few array operations: the database only answers which services match
the words, and how well (``backends.py``).

Freshness: every write that changes what the table holds calls :func:`touch` in its transaction
(``index_service``, ``remove_service`` and ``rebuild_index`` do; so do the location and district admin
pages). It stores a new random *generation* for the municipality in ``directory_search_state``; a
search reads the generation (one indexed row) and rebuilds the table when it differs from the copy's.
A copy older than :data:`MAX_AGE_SECONDS` is rebuilt anyway, so that a write path that forgets to touch
shows up within minutes instead of never.
"""

# ruff: noqa: S608 – Table and column names come from model _meta; every value is a query parameter.

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from datetime import time as clock

import numpy as np
from django.db import connection

from familienbuero.directory.models import Service, ServiceAtLocation, ServiceLanguage, ServiceSchedule
from familienbuero.tenancy.models import Location

STATE = "directory_search_state"
MAX_AGE_SECONDS = 600
NO_AGE_BELOW = -1
NO_AGE_ABOVE = 10_000


@dataclass
class FacetTable:
    """Row ``i`` of every per-service array is the service ``ids[i]`` (ascending). Pair arrays
    (``*_row``, ``*_value``) link rows to the values they have, one entry per (row, value)."""

    generation: str
    built_at: float
    ids: np.ndarray
    slug_rank: np.ndarray  # position of the service's slug in slug order
    minimum_age: np.ndarray  # NO_AGE_BELOW when open
    maximum_age: np.ndarray  # NO_AGE_ABOVE when open
    free: np.ndarray
    step_free: np.ndarray
    term_row: np.ndarray
    term_value: np.ndarray
    district_row: np.ndarray  # districts served and districts of the service's places, each once
    district_value: np.ndarray
    language_row: np.ndarray  # ascending, a row's languages in the order entered
    language_value: np.ndarray  # index into ``language_codes``
    language_codes: list[str]
    place_row: np.ndarray  # places with coordinates, ascending
    place_latitude: np.ndarray
    place_longitude: np.ndarray
    schedule_row: np.ndarray
    schedule_weekday: np.ndarray
    schedule_opens: np.ndarray  # seconds after midnight
    schedule_closes: np.ndarray
    schedule_from: np.ndarray  # proleptic ordinal of the first valid day, 0 when open
    schedule_until: np.ndarray  # ordinal of the last valid day, a far future day when open
    # squared distance (degrees of latitude) of each row's nearest place from a centre, per centre
    distances: dict[tuple[float, float], np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, service_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the given service ids, and which of the ids have one (others: not public here)."""
        if len(self.ids) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(len(service_ids), dtype=bool)
        found = np.searchsorted(self.ids, service_ids)
        found = np.minimum(found, len(self.ids) - 1)
        present = self.ids[found] == service_ids
        return found[present], present

    def languages_of(self, row: int) -> list[str]:
        """The language codes of one row, in the order they were entered."""
        start, end = np.searchsorted(self.language_row, [row, row + 1])
        return [self.language_codes[i] for i in self.language_value[start:end].tolist()]

    def places_of(self, row: int) -> list[tuple[float, float]]:
        """Latitude and longitude of one row's places with coordinates."""
        start, end = np.searchsorted(self.place_row, [row, row + 1])
        return list(
            zip(
                self.place_latitude[start:end].tolist(), self.place_longitude[start:end].tolist(), strict=True
            )
        )

    def squared_distances(self, near: tuple[float, float]) -> np.ndarray:
        """Per row: squared equirectangular distance of the nearest place from ``near`` (inf without a
        place with coordinates) – enough to order places within one town."""
        cached = self.distances.get(near)
        if cached is None:
            latitude, longitude = near
            k = np.cos(np.radians(latitude))
            d2 = (self.place_latitude - latitude) ** 2 + ((self.place_longitude - longitude) * k) ** 2
            cached = np.full(len(self.ids), np.inf)
            np.minimum.at(cached, self.place_row, d2)
            self.distances[near] = cached
        return cached


_tables: dict[int, FacetTable] = {}
_lock = threading.Lock()


def touch(municipality_id: int) -> None:
    """Marks the municipality's facet table as outdated in every process (call inside the writing
    transaction: a rollback takes the mark back with the change)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {STATE} (municipality_id, generation) VALUES (%s, %s) "
            f"ON CONFLICT (municipality_id) DO UPDATE SET generation = excluded.generation",
            [municipality_id, secrets.token_hex(8)],
        )


def forget() -> None:
    """Drops this process's copies (tests; the next search rebuilds)."""
    with _lock:
        _tables.clear()


def facet_table(municipality_id: int) -> FacetTable:
    """The municipality's facet table, rebuilt when another process or request has changed it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {STATE} WHERE municipality_id = %s", [municipality_id])
        row = cursor.fetchone()
    generation = row[0] if row else ""
    table = _tables.get(municipality_id)
    if table is None or table.generation != generation or time.monotonic() - table.built_at > MAX_AGE_SECONDS:
        table = build(municipality_id, generation)
        with _lock:
            _tables[municipality_id] = table
    return table


def _fetch(sql: str, params: list[object]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _pairs(rows: list[tuple], table_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    service_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    values = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    return np.searchsorted(table_ids, service_ids), values


def _seconds(value: clock | str) -> int:
    if isinstance(value, str):  # SQLite returns times as text
        value = clock.fromisoformat(value)
    return value.hour * 3600 + value.minute * 60 + value.second


def _ordinal(value: date | str | None, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.toordinal()


def build(municipality_id: int, generation: str) -> FacetTable:
    """Reads the table from the database: the municipality's published, not defunct services."""
    started = time.monotonic()
    service_table = Service._meta.db_table
    terms = Service.terms.through._meta
    districts = Service.districts.through._meta
    public = (
        f"SELECT id FROM {service_table} WHERE municipality_id = %s AND is_published = %s AND status <> %s"
    )
    public_params: list[object] = [municipality_id, True, Service.Status.DEFUNCT]
    services = _fetch(
        f"SELECT id, slug, minimum_age, maximum_age, free_of_charge FROM {service_table} "
        f"WHERE id IN ({public}) ORDER BY id",
        public_params,
    )
    n = len(services)
    ids = np.fromiter((r[0] for r in services), dtype=np.int64, count=n)
    slugs = [r[1] for r in services]
    slug_rank = np.empty(n, dtype=np.int64)
    slug_rank[np.array(sorted(range(n), key=slugs.__getitem__), dtype=np.int64)] = np.arange(n)
    minimum_age = np.array([NO_AGE_BELOW if r[2] is None else r[2] for r in services], dtype=np.int64)
    maximum_age = np.array([NO_AGE_ABOVE if r[3] is None else r[3] for r in services], dtype=np.int64)
    free = np.array([bool(r[4]) for r in services], dtype=bool)

    term_row, term_value = _pairs(
        _fetch(
            f"SELECT {terms.get_field('service').column}, {terms.get_field('taxonomyterm').column} "
            f"FROM {terms.db_table} WHERE {terms.get_field('service').column} IN ({public})",
            public_params,
        ),
        ids,
    )
    places = _fetch(
        f"SELECT sal.service_id, l.district_id, l.step_free_access, l.latitude, l.longitude "
        f"FROM {ServiceAtLocation._meta.db_table} sal JOIN {Location._meta.db_table} l "
        f"ON l.id = sal.location_id WHERE sal.service_id IN ({public}) ORDER BY sal.service_id, sal.id",
        public_params,
    )
    place_rows = np.searchsorted(ids, np.array([p[0] for p in places], dtype=np.int64))
    step_free = np.zeros(n, dtype=bool)
    step_free[place_rows[np.array([bool(p[2]) for p in places], dtype=bool)]] = True
    located = [
        (row, float(p[3]), float(p[4]))
        for row, p in zip(place_rows.tolist(), places, strict=True)
        if p[3] is not None and p[4] is not None
    ]

    served = _fetch(
        f"SELECT {districts.get_field('service').column}, {districts.get_field('district').column} "
        f"FROM {districts.db_table} WHERE {districts.get_field('service').column} IN ({public})",
        public_params,
    )
    district_pairs = {(int(row), p[1]) for row, p in zip(place_rows, places, strict=True) if p[1] is not None}
    served_rows, served_values = _pairs(served, ids)
    district_pairs.update(zip(served_rows.tolist(), served_values.tolist(), strict=True))
    district_list = sorted(district_pairs)

    languages = _fetch(
        f"SELECT service_id, code FROM {ServiceLanguage._meta.db_table} WHERE service_id IN ({public}) "
        f"ORDER BY service_id, id",
        public_params,
    )
    codes = sorted({code for _sid, code in languages})
    code_index = {code: i for i, code in enumerate(codes)}
    language_row, language_value = _pairs([(sid, code_index[code]) for sid, code in languages], ids)

    schedules = _fetch(
        f"SELECT service_id, weekday, opens, closes, valid_from, valid_until "
        f"FROM {ServiceSchedule._meta.db_table} WHERE service_id IN ({public})",
        public_params,
    )
    far = date.max.toordinal()
    return FacetTable(
        generation=generation,
        built_at=started,
        ids=ids,
        slug_rank=slug_rank,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        free=free,
        step_free=step_free,
        term_row=term_row,
        term_value=term_value,
        district_row=np.array([r for r, _v in district_list], dtype=np.int64),
        district_value=np.array([v for _r, v in district_list], dtype=np.int64),
        language_row=language_row,
        language_value=language_value,
        language_codes=codes,
        place_row=np.array([e[0] for e in located], dtype=np.int64),
        place_latitude=np.array([e[1] for e in located], dtype=np.float64),
        place_longitude=np.array([e[2] for e in located], dtype=np.float64),
        schedule_row=np.searchsorted(ids, np.array([s[0] for s in schedules], dtype=np.int64)),
        schedule_weekday=np.array([s[1] for s in schedules], dtype=np.int64),
        schedule_opens=np.array([_seconds(s[2]) for s in schedules], dtype=np.int64),
        schedule_closes=np.array([_seconds(s[3]) for s in schedules], dtype=np.int64),
        schedule_from=np.array([_ordinal(s[4], 0) for s in schedules], dtype=np.int64),
        schedule_until=np.array([_ordinal(s[5], far) for s in schedules], dtype=np.int64),
    )
