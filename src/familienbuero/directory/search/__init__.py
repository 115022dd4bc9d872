"""Service search for families and staff, on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm).

Callers use only this module:

* :func:`search_services` – the results page: hits, total, facet counts.
* :func:`index_service` – call after every save of a service (or of its terms, translations,
  locations): puts it into the index, or takes it out when it is not public.
* :func:`remove_service` – call after deleting a service.
* :func:`rebuild_index` – everything from scratch (``manage.py rebuild_search_index``).

How a query word matches (the same on both databases): the word is folded (``ü``→``ue``, ``ß``→``ss``)
and stemmed with the German and the page language's Snowball stemmer; the stem matches every index
term it begins (``schuld`` → ``schuldnerberat``), the stem without a final "s" if that is in the index
(``schwimmkurs`` → ``schwimmkur``: Snowball cuts the "s" of the singular), and – from five letters –
index terms that contain it (``berat`` → ``schuldnerberat``: the index holds every term's endings as
marked parts, ``text.parts``). Only when nothing begins with it, terms within one typo (two in long
words) are tried (``nachilf`` → ``nachhilf``). Words that match nothing at all are ignored and named.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.directory.models import (
    Service,
    ServiceSchedule,
    TaxonomyTerm,
)
from familienbuero.directory.search import facets, table, text
from familienbuero.directory.search.backends import Alternative, Compiled, PostgresBackend, SQLiteBackend
from familienbuero.directory.search.documents import build_document, is_public
from familienbuero.tenancy.models import District, Municipality

#: The model of the services' translated texts (made by django-parler).
SERVICE_TRANSLATION = Service._parler_meta.root_model

__all__ = [
    "Hit",
    "SearchFilters",
    "SearchResult",
    "index_service",
    "rebuild_index",
    "remove_service",
    "search_services",
    "vocabulary",
]

MAX_WORDS = 8
MAX_SIMILAR = 60
REBUILD_BATCH = 500


@dataclass(frozen=True)
class SearchFilters:
    """What a family chose; several values of one facet mean "any of them"."""

    topics: tuple[TaxonomyTerm | VocabularyTerm, ...] = ()
    target_groups: tuple[TaxonomyTerm | VocabularyTerm, ...] = ()
    life_phases: tuple[TaxonomyTerm | VocabularyTerm, ...] = ()
    districts: tuple[District, ...] = ()
    languages: tuple[str, ...] = ()
    age: int | None = None
    free_of_charge: bool = False
    barrier_free: bool = False
    open_now: bool = False


@dataclass
class Hit:
    service: Service
    # kilometres from the centre of the chosen district to the nearest place of the service
    distance_km: float | None = None
    open_now: bool = False
    # language codes offered, and whether one of the service's places has step-free access
    languages: list[str] = field(default_factory=list)
    step_free: bool = False
    # what the result card shows of the service's texts: language code -> (name, description), for the
    # page language and German (read as plain values, not as translation objects)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    # facet -> value -> count; values are term ids, district ids, language codes, or "" for yes/no facets
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    ignored_words: list[str] = field(default_factory=list)
    # query words that matched only with typo tolerance
    fuzzy_words: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    def count(self, facet: str, value: object = "") -> int:
        return self.facets.get(facet, {}).get(str(value), 0)


def backend() -> SQLiteBackend | PostgresBackend:
    """The back-end for the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"no search back-end for {connection.vendor}")


# --- indexing -----------------------------------------------------------------------------------------


def _prefetched(queryset):  # type: ignore[no-untyped-def]
    return queryset.select_related("organization").prefetch_related("translations", "terms__translations")


def index_service(service: Service) -> None:
    """Brings one service's index entry up to date. Call it after saving the service and its related
    rows, inside the same transaction, so that the index never shows what the database does not."""
    with scopes_disabled():
        fresh = _prefetched(Service.objects.filter(pk=service.pk)).first()
        with connection.cursor() as cursor:
            if fresh is None or not is_public(fresh):
                backend().delete(cursor, [service.pk])
            else:
                backend().write(cursor, [build_document(fresh)])
    table.touch(service.municipality_id)


def remove_service(service_id: int, municipality_id: int) -> None:
    """Takes a (deleted) service out of the index."""
    with connection.cursor() as cursor:
        backend().delete(cursor, [service_id])
    table.touch(municipality_id)


def places_changed(municipality_id: int) -> None:
    """Call after changing a location or district (step-free access, coordinates, district): the
    search filters by them."""
    table.touch(municipality_id)


@transaction.atomic
def rebuild_index(municipality: Municipality | None = None) -> int:
    """Re-indexes every public service (of one municipality, or of all); returns how many. Also drops
    entries of deleted services and, for a full rebuild, vocabulary no longer used."""
    engine = backend()
    with scopes_disabled():
        services = Service.objects.filter(is_published=True).exclude(status=Service.Status.DEFUNCT)
        all_ids = Service.objects.all()
        if municipality is not None:
            services = services.filter(municipality=municipality)
            all_ids = all_ids.filter(municipality=municipality)
        with connection.cursor() as cursor:
            if municipality is None:
                engine.clear(cursor)
            else:
                engine.delete(cursor, list(all_ids.values_list("pk", flat=True)))
            ids = list(services.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), REBUILD_BATCH):
                batch = _prefetched(Service.objects.filter(pk__in=ids[start : start + REBUILD_BATCH]))
                engine.write(cursor, [build_document(service) for service in batch])
            engine.optimize(cursor)
        towns = Municipality.objects.all() if municipality is None else [municipality]
        for town in towns:
            table.touch(town.pk)
    return len(ids)


# --- searching ----------------------------------------------------------------------------------------


def compile_query(query: str, language: str) -> tuple[Compiled, list[str], list[str]]:
    """The query as index terms per word, plus the words ignored and those matched by typo tolerance."""
    engine = backend()
    words = list(dict.fromkeys(text.words(query)))[:MAX_WORDS]
    languages = list(dict.fromkeys(["de", language if language in text.STEMMERS else "de"]))
    compiled: Compiled = []
    ignored, fuzzy = [], []
    with connection.cursor() as cursor:
        for word, stems in zip(words, engine.stems(cursor, words, languages), strict=True):
            alternatives = _alternatives(cursor, engine, stems)
            if alternatives is None:
                alternatives = _similar(cursor, engine, stems)
                if alternatives:
                    fuzzy.append(word)
            if alternatives:
                compiled.append(alternatives)
            elif stems:
                ignored.append(word)
    return compiled, ignored, fuzzy


def _alternatives(cursor, engine, stems: list[str]) -> list[Alternative] | None:  # type: ignore[no-untyped-def]
    """Exact, prefix, shortened and compound-part matches of a word; None if nothing in the index fits."""
    alternatives: dict[str, Alternative] = {}
    found = False
    for stem in stems:
        if len(stem) >= 3:
            alternatives[stem] = Alternative(stem, prefix=True)
            found = found or engine.prefix_exists(cursor, stem)
        else:
            alternatives[stem] = Alternative(stem, prefix=False)
            found = found or bool(engine.existing(cursor, [stem]))
        # Snowball cuts a final "s" of the singular but not of "-se"/"-sen" plurals: "Schwimmkurs" is
        # indexed as "schwimmkur", "Schwimmkurse" asks for "schwimmkurs".
        shorter = [stem[:-1]] if stem.endswith("s") and len(stem) >= 5 else []
        for term in engine.existing(cursor, shorter):
            alternatives.setdefault(term, Alternative(term, prefix=False))
            found = True
        if len(stem) >= text.MIN_PART and engine.contained(cursor, stem):
            alternatives[text.PART + stem] = Alternative(stem, prefix=True, part=True)
            found = True
    return list(alternatives.values()) if found else None


def _similar(cursor, engine, stems: list[str]) -> list[Alternative]:  # type: ignore[no-untyped-def]
    alternatives: dict[str, Alternative] = {}
    for stem in stems:
        limit = text.max_typos(stem)
        if not limit:
            continue
        for term in engine.similar(cursor, stem, MAX_SIMILAR):
            if text.edit_distance(stem, term, limit) <= limit:
                alternatives.setdefault(term, Alternative(term, prefix=True))
    return list(alternatives.values())


@dataclass(frozen=True)
class VocabularyTerm:
    """A taxonomy term as plain data (pk, code, names per language), cached per process."""

    pk: int
    code: str
    taxonomy: str
    parent_id: int | None
    position: int
    names: dict[str, str]

    def name(self, language: str) -> tuple[str, str]:
        """The name in ``language``, else German; with the language it is in."""
        for candidate in (language, "de"):
            if self.names.get(candidate):
                return self.names[candidate], candidate
        return self.code, language


_vocabulary_cache: tuple[float, list[VocabularyTerm]] | None = None
VOCABULARY_SECONDS = 300


def vocabulary() -> list[VocabularyTerm]:
    """All taxonomy terms in their order. The vocabulary changes by data migration or by a platform
    admin, so a copy per process for five minutes saves building ~50 translated objects per search."""
    global _vocabulary_cache
    now = time.monotonic()
    if _vocabulary_cache is None or now - _vocabulary_cache[0] > VOCABULARY_SECONDS:
        names: dict[int, dict[str, str]] = {}
        translations = TaxonomyTerm._parler_meta.root_model.objects.values_list(
            "master_id", "language_code", "name"
        )
        for master_id, language, name in translations:
            names.setdefault(master_id, {})[language] = name
        terms = [
            VocabularyTerm(pk, code, taxonomy, parent_id, position, names.get(pk, {}))
            for pk, code, taxonomy, parent_id, position in TaxonomyTerm.objects.order_by(
                "taxonomy", "position", "code"
            ).values_list("pk", "code", "taxonomy", "parent_id", "position")
        ]
        _vocabulary_cache = (now, terms)
    return _vocabulary_cache[1]


def forget_vocabulary() -> None:
    """Drops the cached vocabulary (tests, or right after editing terms)."""
    global _vocabulary_cache
    _vocabulary_cache = None


def _hierarchy() -> tuple[dict[int, str], dict[int, list[int]]]:
    """Each term's vocabulary, and for each term all narrower terms (itself included)."""
    terms = {term.pk: term for term in vocabulary()}
    descendants: dict[int, list[int]] = {pk: [] for pk in terms}
    for pk in terms:
        ancestor: int | None = pk
        seen: set[int] = set()
        while ancestor is not None and ancestor in terms and ancestor not in seen:
            seen.add(ancestor)
            descendants[ancestor].append(pk)
            ancestor = terms[ancestor].parent_id
    return {pk: term.taxonomy for pk, term in terms.items()}, descendants


def search_services(
    *,
    municipality: Municipality,
    query: str = "",
    filters: SearchFilters | None = None,
    language: str = "de",
    near_district: District | None = None,
    page: int = 1,
    page_size: int = 20,
    now: datetime | None = None,
) -> SearchResult:
    """One page of public services of the municipality: best matches first (all query words in the
    name before the rest), then – if a district is chosen – the nearest first, then by relevance (name
    matches by how well the name matches, the others by all their text)."""
    filters = filters or SearchFilters()
    now = timezone.localtime(now)
    compiled, ignored, fuzzy = compile_query(query, language) if query.strip() else ([], [], [])
    result = SearchResult([], 0, max(1, page), page_size, ignored_words=ignored, fuzzy_words=fuzzy)
    if query.strip() and not compiled:
        return result
    term_taxonomy, descendants = _hierarchy()
    near = None
    if (
        near_district is not None
        and near_district.latitude is not None
        and near_district.longitude is not None
    ):
        near = (float(near_district.latitude), float(near_district.longitude))
    term_filters = {
        "topic": filters.topics,
        "target_group": filters.target_groups,
        "life_phase": filters.life_phases,
    }
    choice = facets.Choice(
        term_ids={
            facet: sorted({d for term in terms for d in descendants.get(term.pk, [term.pk])})
            for facet, terms in term_filters.items()
            if terms
        },
        district_ids=[district.pk for district in filters.districts],
        languages=list(filters.languages),
        age=filters.age,
        booleans={
            name
            for name, on in (
                ("free", filters.free_of_charge),
                ("barrier_free", filters.barrier_free),
                ("open_now", filters.open_now),
            )
            if on
        },
    )
    engine = backend()
    with engine.statement_context(), connection.cursor() as cursor:
        engine.prepare(cursor)
        facet_table = table.facet_table(municipality.pk)
        if compiled:
            matches = engine.matches(cursor, compiled)
            rows, present = facet_table.rows(matches.ids)
            candidates = facets.Candidates(
                rows,
                matches.in_title[present],
                None if matches.scores is None else matches.scores[present],
            )
        else:
            everything = np.arange(len(facet_table), dtype=np.int64)
            nothing = np.zeros(len(everything), dtype=bool)
            candidates = facets.Candidates(everything, nothing, np.zeros(len(everything)))
        open_now = facets.open_rows(facet_table, now)
        result.total, result.facets, passing = facets.count(
            facet_table,
            candidates,
            choice,
            open_now,
            term_taxonomy,
            {pk: ids for pk, ids in descendants.items() if len(ids) > 1},
        )
        page_rows = _page(engine, cursor, compiled, facet_table, candidates, passing, near, result)
    with scope(municipality=municipality):
        result.hits = _hits(facet_table, page_rows, open_now, near, language)
    return result


def _page(
    engine: SQLiteBackend | PostgresBackend,
    cursor: CursorWrapper,
    compiled: Compiled,
    facet_table: table.FacetTable,
    candidates: facets.Candidates,
    passing: np.ndarray,
    near: tuple[float, float] | None,
    result: SearchResult,
) -> np.ndarray:
    """The table rows of the requested page. Scores are fetched only for what can reach the page:
    the name matches, and the other matches only when the page goes beyond the name matches."""
    rows, in_title = candidates.rows[passing], candidates.in_title[passing]
    score = np.full(len(rows), np.nan) if candidates.score is None else candidates.score[passing]
    start = (result.page - 1) * result.page_size
    end = start + result.page_size
    if end <= np.count_nonzero(in_title):  # the page lies within the name matches
        rows, score, in_title = rows[in_title], score[in_title], in_title[in_title]
    for title in (True, False):
        missing = np.isnan(score) & (in_title == title)
        if np.any(missing):
            ids, scores = engine.scores(cursor, compiled, in_title=title, ids=facet_table.ids[rows[missing]])
            by_row = np.full(len(facet_table), np.nan)
            found, present = facet_table.rows(ids)
            by_row[found] = scores[present]
            score[missing] = by_row[rows[missing]]
    return rows[facets.order(facet_table, rows, in_title, score, near)[start:end]]


def _hits(
    facet_table: table.FacetTable,
    rows: np.ndarray,
    open_now: np.ndarray,
    near: tuple[float, float] | None,
    language: str,
) -> list[Hit]:
    """The page's services with what the result cards show: the services and their texts from the
    database, languages, places and opening times from the facet table (no further queries)."""
    service_ids = facet_table.ids[rows].tolist()
    services = {
        service.pk: service
        for service in Service.objects.filter(pk__in=service_ids).select_related("organization")
    }
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    translations = SERVICE_TRANSLATION.objects.filter(
        master_id__in=service_ids, language_code__in={language, "de"}
    ).values_list("master_id", "language_code", "name", "description")
    for service_id, code, name, description in translations:
        texts.setdefault(service_id, {})[code] = (name, description)
    hits = []
    for row, service_id in zip(rows.tolist(), service_ids, strict=True):
        service = services.get(service_id)
        if service is None:  # deleted since the table was read
            continue
        distance = None
        places = facet_table.places_of(row)
        if near is not None and places:
            distance = min(haversine_km(near, place) for place in places)
        hits.append(
            Hit(
                service,
                distance,
                bool(open_now[row]),
                facet_table.languages_of(row),
                bool(facet_table.step_free[row]),
                texts.get(service_id, {}),
            )
        )
    return hits


def is_open(service: Service, now: datetime) -> bool:
    """Whether one of the service's weekly times covers ``now`` (local time); uses prefetched rows."""
    return _open_at(service.schedules.all(), now)


def _open_at(schedules: Iterable[ServiceSchedule], now: datetime) -> bool:
    today, moment = now.date(), now.time().replace(tzinfo=None)
    return any(
        schedule.weekday == today.weekday()
        and schedule.opens <= moment < schedule.closes
        and (schedule.valid_from is None or schedule.valid_from <= today)
        and (schedule.valid_until is None or schedule.valid_until >= today)
        for schedule in schedules
    )


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
