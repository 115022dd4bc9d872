"""The two database back-ends of the service search, behind one small interface.

SQLite: an FTS5 table of Snowball stems (computed in Python, ``text.py``) ranked with bm25, and an
FTS5 *trigram* table over the vocabulary for typos and word parts. PostgreSQL: a ``tsvector`` built
by ``to_tsvector`` with the German (and each other language's) configuration, ranked with
``ts_rank``, and a ``pg_trgm``-indexed vocabulary for typos and word parts.

Both index the folded text (``Familienbüro`` → ``familienbuero``), so umlaut spellings meet, and the
endings of every term as its *parts* (``text.parts``), so that a word is found inside compounds:
SQLite as marked tokens in the same columns; PostgreSQL in columns of their own next to the document
(``parts``, GIN-indexed, and the name's lexemes with their marked parts in ``title``), so that a word or
a part is one bitmap index scan each, ORed by the planner, and whether a match is in the name is decided
on the small ``title`` alone.

PostgreSQL keeps the same rows twice, stored differently, because finding and ranking read different
things. Finding 30,000 matches reads one row per match for its id: in ``directory_search_match`` the
texts lie out of line (TOAST), a row is about 400 bytes and the matches of a broad word fill a sixth of
the pages they fill in ``directory_search_document``, where the document lies in the row for
``ts_rank`` (ranking out-of-line documents takes twice as long). Measured with 48,000 services,
"Beratung" (35,000 matches, 9,000 by name): 16 + 10 ms against 25 + 16 ms.

The tables are created by migrations ``0005_search_index``, ``0008_search_title_and_parts`` and
``0009_search_match_table``; they hold nothing but derived data and can be rebuilt at any time
(``manage.py rebuild_search_index``).

Each back-end answers three questions: which services match (and which of them by name), how well
(only asked for what can reach the requested page), and – for the benchmark – the bare ranked query.
"""

# ruff: noqa: S608 – Table names are module constants; every value is a query parameter.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from django.db import transaction
from django.db.backends.utils import CursorWrapper

from familienbuero.directory.search import text
from familienbuero.directory.search.documents import INDEXED_LANGUAGES, Document

T = TypeVar("T")

FTS = "directory_search_fts"
VOCAB = "directory_search_vocab"
VOCAB_TRIGRAM = "directory_search_vocab_trigram"
DOCUMENT = "directory_search_document"
MATCH = "directory_search_match"

# Column weights for bm25 (title, body, extra); ts_rank uses the A/B/C weights for the same parts.
BM25_WEIGHTS = (10.0, 3.0, 1.0)

#: PostgreSQL: up to this many matches are scored by looking them up by key, more by a pass over the index.
SCORE_BY_KEY = 5000

#: PostgreSQL: with fewer name matches than this, the other matches are ranked in the pass that finds them
#: (a page will need their scores; a second pass would find them all again).
RANK_ALL_BELOW = 200

#: PostgreSQL: documents per statement when writing the index.
WRITE_CHUNK = 500

#: PostgreSQL text search configuration (for to_tsvector) and dictionary (for ts_lexize) per language.
PG_CONFIGS = {
    "de": ("german", "german_stem"),
    "de-ls": ("german", "german_stem"),
    "en": ("english", "english_stem"),
    "tr": ("turkish", "turkish_stem"),
    "ar": ("arabic", "arabic_stem"),
    "uk": ("simple", "simple"),
}


@dataclass(frozen=True)
class Alternative:
    """One index term a query word may match; ``prefix``: also every term starting with it; ``part``:
    also every term with it inside (a compound: "berat" in "schuldnerberat")."""

    term: str
    prefix: bool
    part: bool = False

    @property
    def indexed(self) -> str:
        """The term as the index holds it (parts carry their mark)."""
        return text.PART + self.term if self.part else self.term


# A compiled query: one list of alternatives per query word; words are ANDed, alternatives ORed.
Compiled = list[list[Alternative]]


@dataclass(frozen=True)
class Matches:
    """Service ids matching a query; per id whether every word is in the name, and its score where
    already computed (NaN elsewhere, or no array)."""

    ids: np.ndarray
    in_title: np.ndarray
    scores: np.ndarray | None


class SQLiteBackend:
    vendor = "sqlite"

    def statement_context(self) -> AbstractContextManager[object]:
        # No transaction: with BEGIN IMMEDIATE (settings) a read would take the write lock.
        return nullcontext()

    def prepare(self, cursor: CursorWrapper) -> None:
        pass

    # --- writing ---------------------------------------------------------------------------------
    def write(self, cursor: CursorWrapper, documents: Sequence[Document]) -> None:
        rows, terms = [], set()
        for document in documents:
            columns: list[list[str]] = [[], [], []]
            for language, texts in document.texts.items():
                for i, value in enumerate(texts):
                    stems = text.stems(value, language)
                    terms.update(stems)
                    columns[i] += stems
                    columns[i] += dict.fromkeys(part for stem in stems for part in text.parts(stem))
            rows.append((document.service_id, *(" ".join(column) for column in columns)))
        self.delete(cursor, [document.service_id for document in documents])
        cursor.executemany(f"INSERT INTO {FTS} (rowid, title, body, extra) VALUES (%s, %s, %s, %s)", rows)
        cursor.executemany(f"INSERT OR IGNORE INTO {VOCAB} (term) VALUES (%s)", [(t,) for t in terms])

    def delete(self, cursor: CursorWrapper, service_ids: Sequence[int]) -> None:
        for chunk in _chunks(service_ids, 500):
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({_marks(chunk)})", chunk)

    def clear(self, cursor: CursorWrapper) -> None:
        cursor.execute(f"DELETE FROM {FTS}")
        cursor.execute(f"DELETE FROM {VOCAB}")
        cursor.execute(f"INSERT INTO {VOCAB_TRIGRAM} ({VOCAB_TRIGRAM}) VALUES ('rebuild')")

    def optimize(self, cursor: CursorWrapper) -> None:
        """After a rebuild: merge the FTS segments, and give the planner row counts (without them it
        may start the facet joins from the wrong end)."""
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
        cursor.execute(f"INSERT INTO {VOCAB_TRIGRAM} ({VOCAB_TRIGRAM}) VALUES ('optimize')")
        cursor.execute("ANALYZE")

    def indexed_ids(self, cursor: CursorWrapper) -> set[int]:
        cursor.execute(f"SELECT rowid FROM {FTS}")
        return {row[0] for row in cursor.fetchall()}

    # --- reading the vocabulary ----------------------------------------------------------------
    def stems(self, cursor: CursorWrapper, words: list[str], languages: Sequence[str]) -> list[list[str]]:
        return [_unique(text.stem(word, language) for language in languages) for word in words]

    def prefix_exists(self, cursor: CursorWrapper, term: str) -> bool:
        cursor.execute(
            f"SELECT 1 FROM {VOCAB} WHERE term >= %s AND term < %s LIMIT 1", [term, term + "\U0010ffff"]
        )
        return cursor.fetchone() is not None

    def existing(self, cursor: CursorWrapper, terms: Sequence[str]) -> set[str]:
        if not terms:
            return set()
        cursor.execute(f"SELECT term FROM {VOCAB} WHERE term IN ({_marks(terms)})", list(terms))
        return {row[0] for row in cursor.fetchall()}

    def contained(self, cursor: CursorWrapper, term: str) -> bool:
        """Whether a vocabulary term has ``term`` inside, not at its start (German compounds: "berat" in
        "schuldnerberat"). Terms are letters and digits: nothing in them is a GLOB wildcard."""
        cursor.execute(f"SELECT 1 FROM {VOCAB_TRIGRAM} WHERE term GLOB %s LIMIT 1", [f"?*{term}*"])
        return cursor.fetchone() is not None

    def similar(self, cursor: CursorWrapper, term: str, limit: int) -> list[str]:
        """Candidates sharing trigrams with ``term``, most shared first; checked by edit distance."""
        trigrams = _unique(term[i : i + 3] for i in range(len(term) - 2))
        if not trigrams:
            return []
        cursor.execute(
            f"SELECT term FROM {VOCAB_TRIGRAM} WHERE {VOCAB_TRIGRAM} MATCH %s "
            f"AND length(term) BETWEEN %s AND %s ORDER BY rank LIMIT %s",
            [" OR ".join(_fts_string(t) for t in trigrams), len(term) - 2, len(term) + 2, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    # --- querying ----------------------------------------------------------------------------------
    def match_expression(self, compiled: Compiled, *, title_only: bool = False) -> str:
        groups = []
        for alternatives in compiled:
            items = [_fts_string(a.indexed) + ("*" if a.prefix else "") for a in alternatives]
            groups.append("(" + " OR ".join(items) + ")")
        expression = " AND ".join(groups)
        return "{title} : (" + expression + ")" if title_only else expression

    def matches(self, cursor: CursorWrapper, compiled: Compiled) -> Matches:
        """The matching services and which of them have every word in the name; no scores yet: bm25 of
        30,000 matches costs more than everything else, and a page of name matches needs only theirs."""
        found = []
        for expression in (self.match_expression(compiled), self.match_expression(compiled, title_only=True)):
            # One text of ids: half the time of handing over 30,000 rows.
            cursor.execute(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [expression])
            ids = cursor.fetchone()[0]
            found.append(np.fromstring(ids, dtype=np.int64, sep=",") if ids else np.zeros(0, dtype=np.int64))
        return Matches(found[0], np.isin(found[0], found[1]), None)

    def scores(
        self, cursor: CursorWrapper, compiled: Compiled, *, in_title: bool, ids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """bm25 (lower = better) of the name matches, measured on the name alone; or of the other
        matches, measured on all their text. (FTS5 cannot be told which ``ids`` are wanted without
        running the match once per id: all of them are scored.)"""
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        title = self.match_expression(compiled, title_only=True)
        expression = title if in_title else f"({self.match_expression(compiled)}) NOT ({title})"
        cursor.execute(f"SELECT rowid, bm25({FTS}, {weights}) FROM {FTS} WHERE {FTS} MATCH %s", [expression])
        return _id_scores(cursor.fetchall())

    def raw_sql(self, compiled: Compiled, limit: int) -> tuple[str, list[object]]:
        """The bare full-text query (benchmark baseline): best ``limit`` matches by bm25."""
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY bm25({FTS}, {weights}) LIMIT %s"
        return sql, [self.match_expression(compiled), limit]


class PostgresBackend:
    vendor = "postgresql"

    def statement_context(self) -> AbstractContextManager[object]:
        return transaction.atomic()

    def prepare(self, cursor: CursorWrapper) -> None:
        """The ranking makes the statement look expensive to the planner, which would then spend most
        of a second on JIT-compiling it (measured: 850 ms of 900); the statement itself takes tens.
        The search reads small, hot tables and indexes: with the default random_page_cost (4, for
        spinning disks) the planner hashes whole join tables (75,000 places, 90,000 languages) even
        for 1,000 matches, instead of looking them up by index (60 ms → 35 ms; large results keep
        their hash joins). When most documents match, the planner prefers reading the whole table to the
        GIN index; but the index answers an unweighted query exactly, while a full read unpacks and tests
        every stored document (measured with 35,000 of 48,000 matching: 300 ms against 105 ms)."""
        # One round trip for the three (each ``set_config(…, true)`` is a ``SET LOCAL``).
        cursor.execute(
            "SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true), "
            "set_config('enable_seqscan', 'off', true)"
        )

    # --- writing ---------------------------------------------------------------------------------
    @staticmethod
    def _document_sql(columns: Sequence[str]) -> str:
        """The tsvector of one document from its texts (``columns``: title, body, extra per language)."""
        parts = []
        texts = iter(columns)
        for language in INDEXED_LANGUAGES:
            config = PG_CONFIGS[language][0]
            for weight in "ABC":
                parts.append(f"setweight(to_tsvector('{config}', {next(texts)}), '{weight}')")
        return " || ".join(parts)

    def write(self, cursor: CursorWrapper, documents: Sequence[Document]) -> None:
        """Stores the documents with their parts and title, in both tables: PostgreSQL makes the lexemes
        (one statement per chunk, nothing stored), Python their parts, and each row is written once with
        all three columns – a second update would leave a dead version of every row behind, and the
        searches would read twice the pages until a vacuum."""
        width = len(INDEXED_LANGUAGES) * 3
        columns = [f"v.t{i}" for i in range(width)]
        row_marks = "(%s::bigint" + ", %s::text" * width + ")"
        for chunk in _chunks(documents, WRITE_CHUNK):
            params: list[object] = []
            for document in chunk:
                params.append(document.service_id)
                for language in INDEXED_LANGUAGES:
                    params.extend(text.fold(value) for value in document.texts.get(language, ("", "", "")))
            cursor.execute(
                f"SELECT v.service_id, d.document::text, ts_filter(d.document, '{{a}}')::text, "
                f"ARRAY(SELECT u.lexeme FROM unnest(d.document) u), "
                f"ARRAY(SELECT array_to_string(u.weights, '') FROM unnest(d.document) u) "
                f"FROM (VALUES {', '.join([row_marks] * len(chunk))}) "
                f"AS v(service_id, {', '.join(c[2:] for c in columns)}) "
                f"CROSS JOIN LATERAL (SELECT {self._document_sql(columns)} AS document) d",
                params,
            )
            rows, vocabulary = [], set()
            for service_id, document, name_lexemes, lexemes, weights in cursor.fetchall():
                title_parts, all_parts = set(), set()
                for lexeme, weight in zip(lexemes, weights, strict=True):
                    found = text.parts(lexeme)
                    all_parts.update(part[len(text.PART) :] for part in found)
                    if "A" in weight:
                        title_parts.update(found)
                vocabulary.update(lexemes)
                rows.append((service_id, document, sorted(all_parts), name_lexemes, sorted(title_parts)))
            for table in (DOCUMENT, MATCH):
                cursor.executemany(
                    f"INSERT INTO {table} (service_id, document, parts, title) "
                    f"VALUES (%s, %s::tsvector, array_to_tsvector(%s::text[]), "
                    f"%s::tsvector || array_to_tsvector(%s::text[])) "
                    f"ON CONFLICT (service_id) DO UPDATE SET document = EXCLUDED.document, "
                    f"parts = EXCLUDED.parts, title = EXCLUDED.title",
                    rows,
                )
            # Sorted: concurrent writers add shared terms in the same order (no deadlock).
            cursor.execute(
                f"INSERT INTO {VOCAB} (term) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                [sorted(vocabulary)],
            )

    def delete(self, cursor: CursorWrapper, service_ids: Sequence[int]) -> None:
        for table in (DOCUMENT, MATCH):
            cursor.execute(f"DELETE FROM {table} WHERE service_id = ANY(%s)", [list(service_ids)])

    def clear(self, cursor: CursorWrapper) -> None:
        cursor.execute(f"TRUNCATE {DOCUMENT}, {MATCH}, {VOCAB}")

    def optimize(self, cursor: CursorWrapper) -> None:
        """After a rebuild: the GIN indexes' pending lists merged into the indexes, and fresh planner
        statistics (autovacuum would do both, later). New entries first go to a pending list that every
        search reads entry by entry until it is merged: after indexing 48,000 services about 2 MB per
        index were pending, and each broad search took 2–3 ms longer."""
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND i.indrelid = ANY(ARRAY[%s::regclass, %s::regclass, %s::regclass]) "
            # Only the owner may merge (as for VACUUM); another role leaves it to autovacuum.
            "AND pg_has_role(c.relowner, 'USAGE')",
            [DOCUMENT, MATCH, VOCAB],
        )
        cursor.execute("ANALYZE")

    def indexed_ids(self, cursor: CursorWrapper) -> set[int]:
        cursor.execute(f"SELECT service_id FROM {DOCUMENT}")
        return {row[0] for row in cursor.fetchall()}

    # --- reading the vocabulary ----------------------------------------------------------------
    def stems(self, cursor: CursorWrapper, words: list[str], languages: Sequence[str]) -> list[list[str]]:
        """The lexemes PostgreSQL's own dictionaries make of each word (empty for stop words)."""
        if not words:
            return []
        columns = ", ".join(f"ts_lexize('{PG_CONFIGS[language][1]}', w)" for language in languages)
        cursor.execute(
            f"SELECT {columns} FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n", [words]
        )
        return [_unique(lexeme for lexemes in row for lexeme in (lexemes or [])) for row in cursor.fetchall()]

    def prefix_exists(self, cursor: CursorWrapper, term: str) -> bool:
        cursor.execute(f"SELECT 1 FROM {VOCAB} WHERE term LIKE %s LIMIT 1", [_like_escape(term) + "%"])
        return cursor.fetchone() is not None

    def existing(self, cursor: CursorWrapper, terms: Sequence[str]) -> set[str]:
        if not terms:
            return set()
        cursor.execute(f"SELECT term FROM {VOCAB} WHERE term = ANY(%s)", [list(terms)])
        return {row[0] for row in cursor.fetchall()}

    def contained(self, cursor: CursorWrapper, term: str) -> bool:
        cursor.execute(f"SELECT 1 FROM {VOCAB} WHERE term LIKE %s LIMIT 1", ["_%" + _like_escape(term) + "%"])
        return cursor.fetchone() is not None

    def similar(self, cursor: CursorWrapper, term: str, limit: int) -> list[str]:
        cursor.execute(
            f"SELECT term FROM {VOCAB} WHERE term %% %s AND length(term) BETWEEN %s AND %s "
            f"ORDER BY similarity(term, %s) DESC LIMIT %s",
            [term, len(term) - 2, len(term) + 2, term, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    # --- querying ----------------------------------------------------------------------------------
    def condition(self, compiled: Compiled) -> tuple[str, list[object]]:
        """SQL over the document table: every word matches, by one of its terms in the document or one
        of its parts in ``parts`` (two GIN lookups per word, combined by the planner without reading
        any document)."""
        clauses, params = [], []
        for alternatives in compiled:
            terms = [a for a in alternatives if not a.part]
            parts = [a for a in alternatives if a.part]
            either = []
            if terms:
                either.append("document @@ %s::tsquery")
                params.append(self._tsquery(terms))
            if parts:
                either.append("parts @@ %s::tsquery")
                params.append(self._tsquery(parts))
            clauses.append("(" + " OR ".join(either) + ")")
        return " AND ".join(clauses), params

    def title_query(self, compiled: Compiled) -> str:
        """Every word in the name: the tsquery over ``title`` (the name's lexemes and marked parts),
        used both to test and to rank name matches."""
        return " & ".join(self._tsquery(alternatives, marked=True) for alternatives in compiled)

    def rank_query(self, compiled: Compiled) -> str:
        """What ts_rank counts in the whole document: every term of every word (parts count by the
        match itself)."""
        return self._tsquery([a for alternatives in compiled for a in alternatives if not a.part])

    @staticmethod
    def _tsquery(alternatives: Sequence[Alternative], *, marked: bool = False) -> str:
        items = [
            _pg_lexeme(a.indexed if marked else a.term) + (":*" if a.prefix else "") for a in alternatives
        ]
        return "(" + " | ".join(items) + ")"

    def matches(self, cursor: CursorWrapper, compiled: Compiled) -> Matches:
        """The matching services, which of them have every word in the name, and the scores of those,
        measured on the name alone. Two passes: the name matches through ``title``'s own index (a name
        match is always a match: ``title`` holds the document's name lexemes and their parts, which are
        also in ``parts``), then all matches – when few matched by name, ranked on their whole text in
        the same pass over the documents (the page will need those scores; a second pass would find
        them all again), else unranked from the narrow match table (ranking 30,000 documents costs more
        than finding them; the others' scores are fetched only if the page reaches them)."""
        title = self.title_query(compiled)
        cursor.execute(
            f"SELECT {_AGGREGATE_IDS}, string_agg(CAST(-ts_rank(title, %s::tsquery) AS text), ',') "
            f"FROM {MATCH} WHERE title @@ %s::tsquery",
            [title, title],
        )
        title_ids, title_scores = _aggregated(cursor.fetchone())
        where, params = self.condition(compiled)
        if len(title_ids) < RANK_ALL_BELOW:
            cursor.execute(
                f"SELECT {_AGGREGATE_IDS}, string_agg(CAST(-ts_rank(document, %s::tsquery) AS text), ',') "
                f"FROM {DOCUMENT} WHERE {where}",
                [self.rank_query(compiled), *params],
            )
            ids, scores = _aggregated(cursor.fetchone())
        else:
            cursor.execute(f"SELECT {_AGGREGATE_IDS} FROM {MATCH} WHERE {where}", params)
            ids = _ids(cursor.fetchone()[0])
            scores = np.full(len(ids), np.nan)
        in_title = np.zeros(len(ids), dtype=bool)
        if len(title_ids):
            order = np.argsort(title_ids)
            position = np.minimum(np.searchsorted(title_ids, ids, sorter=order), len(order) - 1)
            in_title = title_ids[order[position]] == ids
            scores[in_title] = title_scores[order[position[in_title]]]
        return Matches(ids, in_title, scores)

    def scores(
        self, cursor: CursorWrapper, compiled: Compiled, *, in_title: bool, ids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """ts_rank (negated: lower = better) of the matches ``ids``: of name matches on the name, of the
        others on the whole document. Few ids are looked up by key; many by the index."""
        title = self.title_query(compiled)
        if in_title:
            score, score_params = "ts_rank(title, %s::tsquery)", [title]
        else:
            score, score_params = "ts_rank(document, %s::tsquery)", [self.rank_query(compiled)]
        if len(ids) <= SCORE_BY_KEY:
            where, params = (
                "service_id = ANY(CAST(%s AS bigint[]))",
                ["{" + ",".join(map(str, ids.tolist())) + "}"],
            )
        else:
            where, params = self.condition(compiled)
            where = f"{where} AND {'' if in_title else 'NOT '}title @@ %s::tsquery"
            params = [*params, title]
        cursor.execute(
            f"SELECT {_AGGREGATE_IDS}, string_agg(CAST(-{score} AS text), ',') FROM {DOCUMENT} WHERE {where}",
            [*score_params, *params],
        )
        return _aggregated(cursor.fetchone())

    def raw_sql(self, compiled: Compiled, limit: int) -> tuple[str, list[object]]:
        """The bare full-text query (benchmark baseline): best ``limit`` matches by ts_rank."""
        where, params = self.condition(compiled)
        sql = (
            f"SELECT service_id FROM {DOCUMENT} WHERE {where} "
            f"ORDER BY ts_rank(document, %s::tsquery) DESC LIMIT %s"
        )
        return sql, [*params, self.rank_query(compiled), limit]


# PostgreSQL hands 30,000 matches over faster as one text of numbers than as 30,000 rows (and numpy
# reads that text in C): ids and scores in one aggregate each, in the same row order.
_AGGREGATE_IDS = "string_agg(CAST(service_id AS text), ',')"


def _aggregated(row: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    ids, scores = row
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return _ids(ids), np.fromstring(scores, dtype=np.float64, sep=",")


def _ids(aggregated: str | None) -> np.ndarray:
    return np.fromstring(aggregated, dtype=np.int64, sep=",") if aggregated else np.zeros(0, dtype=np.int64)


def _id_scores(rows: Sequence[Sequence[object]]) -> tuple[np.ndarray, np.ndarray]:
    """(id, score) rows as two arrays (numpy reads the rows in C; ids stay exact below 2**53)."""
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    table = np.array(rows, dtype=np.float64)
    return table[:, 0].astype(np.int64), table[:, 1]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _marks(items: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(items))


def _chunks(items: Sequence[T], size: int) -> Iterable[list[T]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _pg_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
