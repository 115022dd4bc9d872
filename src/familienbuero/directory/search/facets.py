"""Filters, facet counts and the order of results, computed on the in-memory facet table (``table.py``).

The total and the page use every filter; the counts of a facet use every filter *except its own*, so
that each count says what choosing that value would give (several values of one facet mean "any").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from familienbuero.directory.search.table import FacetTable

TERM_FACETS = ("topic", "target_group", "life_phase")
BOOLEAN_FACETS = ("free", "barrier_free", "open_now")


@dataclass
class Candidates:
    """The services a query matched, as table rows; without words: every row."""

    rows: np.ndarray
    in_title: np.ndarray  # every query word is in the name
    score: np.ndarray | None = None  # lower is better; None until the page needs it


@dataclass
class Choice:
    """The chosen filters, ids already resolved (terms include their narrower terms)."""

    term_ids: dict[str, list[int]] = field(default_factory=dict)
    district_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    age: int | None = None
    booleans: set[str] = field(default_factory=set)


def open_rows(table: FacetTable, now: datetime) -> np.ndarray:
    """Per row: whether one of the service's weekly times covers ``now`` (local time)."""
    moment = now.hour * 3600 + now.minute * 60 + now.second
    today = now.date().toordinal()
    covering = (
        (table.schedule_weekday == now.weekday())
        & (table.schedule_opens <= moment)
        & (table.schedule_closes > moment)
        & (table.schedule_from <= today)
        & (table.schedule_until >= today)
    )
    result = np.zeros(len(table), dtype=bool)
    result[table.schedule_row[covering]] = True
    return result


def _having(table: FacetTable, pair_row: np.ndarray, pair_value: np.ndarray, values: list) -> np.ndarray:
    result = np.zeros(len(table), dtype=bool)
    result[pair_row[np.isin(pair_value, values)]] = True
    return result


def conditions(table: FacetTable, choice: Choice, open_now: np.ndarray) -> dict[str, np.ndarray]:
    """Facet name -> per-row passes, for every filter that is set and for the yes/no facets (whose
    counts are always shown)."""
    result: dict[str, np.ndarray] = {}
    for facet, ids in choice.term_ids.items():
        result[facet] = _having(table, table.term_row, table.term_value, ids)
    if choice.district_ids:
        result["district"] = _having(table, table.district_row, table.district_value, choice.district_ids)
    if choice.languages:
        codes = [i for i, code in enumerate(table.language_codes) if code in choice.languages]
        result["language"] = _having(table, table.language_row, table.language_value, codes)
    if choice.age is not None:
        result["age"] = (table.minimum_age <= choice.age) & (table.maximum_age >= choice.age)
    result["free"] = table.free
    result["barrier_free"] = table.step_free
    result["open_now"] = open_now
    return result


def count(
    table: FacetTable,
    candidates: Candidates,
    choice: Choice,
    open_now: np.ndarray,
    term_taxonomy: dict[int, str],
    rollups: dict[int, list[int]],
) -> tuple[int, dict[str, dict[str, int]], np.ndarray]:
    """The total, the facet counts (facet -> value -> count, values as text, "" for yes/no facets),
    and which candidates pass every filter."""
    rows = candidates.rows
    passes = {name: flags[rows] for name, flags in conditions(table, choice, open_now).items()}
    active = [name for name in passes if name not in BOOLEAN_FACETS or name in choice.booleans]

    def passing(without: str | None = None) -> np.ndarray:
        result = np.ones(len(rows), dtype=bool)
        for name in active:
            if name != without:
                result &= passes[name]
        return result

    every = passing()
    facets: dict[str, dict[str, int]] = {}
    # Term facets: one count over (service, term) per distinct filter set – usually one for all three.
    selections: dict[tuple[str, ...], np.ndarray] = {}
    for facet in TERM_FACETS:
        key = tuple(name for name in active if name != facet)
        if key not in selections:
            selections[key] = _selected(table, rows[passing(without=facet)])
        selected = selections[key]
        in_selection = selected[table.term_row]
        counts = np.bincount(table.term_value[in_selection])
        for term_id in np.nonzero(counts)[0].tolist():
            if term_taxonomy.get(term_id) == facet:
                facets.setdefault(facet, {})[str(term_id)] = int(counts[term_id])
    # A broader term counts each service once, however many of its narrower terms it has.
    for parent, ids in rollups.items():
        facet = term_taxonomy[parent]
        selected = _selected(table, rows[passing(without=facet)])
        having = _having(table, table.term_row, table.term_value, ids)
        n = int(np.count_nonzero(having & selected))
        if n:
            facets.setdefault(facet, {})[str(parent)] = n
        else:
            facets.get(facet, {}).pop(str(parent), None)
    selected = _selected(table, rows[passing(without="district")])
    counts = np.bincount(table.district_value[selected[table.district_row]])
    facets["district"] = {str(i): int(counts[i]) for i in np.nonzero(counts)[0].tolist()}
    selected = _selected(table, rows[passing(without="language")])
    counts = np.bincount(
        table.language_value[selected[table.language_row]], minlength=len(table.language_codes)
    )
    facets["language"] = {table.language_codes[i]: int(counts[i]) for i in np.nonzero(counts)[0].tolist()}
    for facet in BOOLEAN_FACETS:
        facets[facet] = {"": int(np.count_nonzero(passing(without=facet) & passes[facet]))}
    return int(np.count_nonzero(every)), facets, every


def _selected(table: FacetTable, rows: np.ndarray) -> np.ndarray:
    result = np.zeros(len(table), dtype=bool)
    result[rows] = True
    return result


def order(
    table: FacetTable,
    rows: np.ndarray,
    in_title: np.ndarray,
    score: np.ndarray,
    near: tuple[float, float] | None,
) -> np.ndarray:
    """Indexes into ``rows`` in result order: all words in the name first, then – with a chosen
    district – the nearest first (services without a place last), then by relevance, URL name and id."""
    keys = [table.ids[rows], table.slug_rank[rows], score]
    if near is not None:
        keys.append(table.squared_distances(near)[rows])
    keys.append(~in_title)
    return np.lexsort(keys)
