"""Small-cell suppression for published two-way tables of counts (statistical disclosure control).

Why this exists: the family office publishes aggregated figures as open data. A figure below a
threshold (default 5) may identify a family, so it is shown only as ``"<5"``. Hiding the cell alone is
not enough: with the row total published, a hidden cell is the total minus the visible cells. This
module decides which further figures must be hidden (secondary suppression) so that no ``"<5"`` entry
can be worked out from what is published, and it contains the audit that proves it for each table.

Rules (see docs in ``monitoring/README.md`` for the reasoning):

* **Zeros are not published either.** Every entry (cell, row total, column total, grand total) with a
  value below the threshold, *including 0*, is shown as ``"<5"``. If zeros were shown, ``"<5"`` would
  mean 1–4 and a reader could often compute it: four ``"<5"`` cells in a row whose total is ``"<5"``
  are each exactly 1 – no choice of further suppressions can prevent that.
* **Secondary suppressions** are shown as ``"."`` (the sign of the German official statistics for
  "geheim zu halten"). They are always entries of at least the threshold.
* **Protection criterion.** The reader knows the published numbers, that a ``"<5"`` entry lies in
  0…threshold−1, that a ``"."`` entry is at least the threshold, and that rows and columns add up.
  Under exactly this knowledge, every ``"<5"`` entry must have at least two possible values.
  :func:`audit` computes the exact range of every hidden entry and :func:`protect` never returns a
  table that fails it.

How the range is computed, exactly and without an LP solver: a two-way table with its totals is a
circulation in a network (source → row → column → sink → source; the cells, row totals, column totals
and the grand total are the arcs). The tables a reader cannot tell apart are exactly the integer
circulations within the bounds above; that network matrix is totally unimodular, so the range of an
entry is an integer interval, and it is found by a maximum flow around that arc in the residual graph
of the true table. Secondary suppression picks, for an entry whose range is a single value, the
fewest published entries whose suppression opens a cycle through it (0-1 shortest path in the same
residual graph), cells before totals, ties by position – never by the size of the figures.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

DEFAULT_THRESHOLD = 5
SECONDARY_MARKER = "."

#: An entry of the table: ("cell", row, column), ("row", row), ("column", column) or ("total",).
EntryKey = tuple[str, ...] | tuple[str, int] | tuple[str, int, int]
Published = int | str
Kind = Literal["published", "small", "secondary"]

_SOURCE, _SINK = 0, 1
_INFINITE = float("inf")


class DisclosureError(ValueError):
    """The input is not a table of non-negative integer counts."""


def small_marker(threshold: int) -> str:
    """The sign printed instead of an entry below the threshold, e.g. ``"<5"``."""
    return f"<{threshold}"


@dataclass(frozen=True)
class ProtectedTable:
    """What may be published: each entry either its number or a marker string."""

    cells: tuple[tuple[Published, ...], ...]
    row_totals: tuple[Published, ...]
    column_totals: tuple[Published, ...]
    grand_total: Published
    threshold: int = DEFAULT_THRESHOLD

    @property
    def small_marker(self) -> str:
        return small_marker(self.threshold)

    @property
    def secondary_marker(self) -> str:
        return SECONDARY_MARKER

    def entries(self) -> dict[EntryKey, Published]:
        """Every published entry by key, cells first, then row, column and grand totals."""
        result: dict[EntryKey, Published] = {}
        for i, row in enumerate(self.cells):
            for j, value in enumerate(row):
                result[("cell", i, j)] = value
        for i, value in enumerate(self.row_totals):
            result[("row", i)] = value
        for j, value in enumerate(self.column_totals):
            result[("column", j)] = value
        result[("total",)] = self.grand_total
        return result

    def kind(self, key: EntryKey) -> Kind:
        value = self.entries()[key]
        if value == self.small_marker:
            return "small"
        if value == SECONDARY_MARKER:
            return "secondary"
        return "published"


@dataclass
class _Arc:
    key: EntryKey
    tail: int
    head: int
    value: int


def _validate(counts: Sequence[Sequence[int]], threshold: int) -> tuple[int, int]:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise DisclosureError("the threshold must be a positive integer")
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    for row in counts:
        if len(row) != columns:
            raise DisclosureError("all rows must have the same number of cells")
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DisclosureError("counts must be non-negative integers")
    return rows, columns


def _arcs(counts: Sequence[Sequence[int]]) -> tuple[int, list[_Arc]]:
    """The table as a circulation: node 0 source, 1 sink, then rows, then columns."""
    rows = len(counts)
    columns = len(counts[0]) if rows else 0

    def row_node(i: int) -> int:
        return 2 + i

    def column_node(j: int) -> int:
        return 2 + rows + j

    arcs = [
        _Arc(("cell", i, j), row_node(i), column_node(j), counts[i][j])
        for i in range(rows)
        for j in range(columns)
    ]
    arcs += [_Arc(("row", i), _SOURCE, row_node(i), sum(counts[i])) for i in range(rows)]
    arcs += [
        _Arc(("column", j), column_node(j), _SINK, sum(counts[i][j] for i in range(rows)))
        for j in range(columns)
    ]
    arcs.append(_Arc(("total",), _SINK, _SOURCE, sum(map(sum, counts))))
    return 2 + rows + columns, arcs


def _bounds(kind: Kind, value: int, threshold: int) -> tuple[int, float]:
    """What a reader knows about an entry: its range before using the additivity of the table."""
    if kind == "small":
        return 0, threshold - 1
    if kind == "secondary":
        return threshold, _INFINITE
    return value, value


class _Residual:
    """Residual capacities of the true table for the reader's bounds (a dense matrix; tables are small)."""

    def __init__(self, size: int, arcs: list[_Arc], kinds: dict[EntryKey, Kind], threshold: int) -> None:
        self.size = size
        self.capacity: list[list[float]] = [[0] * size for _ in range(size)]
        for arc in arcs:
            low, high = _bounds(kinds[arc.key], arc.value, threshold)
            self.capacity[arc.tail][arc.head] += high - arc.value
            self.capacity[arc.head][arc.tail] += arc.value - low

    def without(self, arc: _Arc) -> list[list[float]]:
        capacity = [row[:] for row in self.capacity]
        # No two arcs join the same pair of nodes, so this removes exactly ``arc`` in both directions.
        capacity[arc.tail][arc.head] = 0
        capacity[arc.head][arc.tail] = 0
        return capacity


def _reachable(capacity: list[list[float]], start: int, goal: int) -> bool:
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for nxt, cap in enumerate(capacity[node]):
            if cap > 0 and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _max_flow(capacity: list[list[float]], start: int, goal: int, limit: float) -> float:
    """Edmonds–Karp, stopping once ``limit`` is reached (``limit`` may be infinite)."""
    capacity = [row[:] for row in capacity]
    flow: float = 0
    while flow < limit:
        parent = {start: start}
        queue = deque([start])
        while queue and goal not in parent:
            node = queue.popleft()
            for nxt, cap in enumerate(capacity[node]):
                if cap > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if goal not in parent:
            break
        path_cap = limit - flow
        node = goal
        while node != start:
            path_cap = min(path_cap, capacity[parent[node]][node])
            node = parent[node]
        if path_cap == _INFINITE:
            return _INFINITE
        node = goal
        while node != start:
            capacity[parent[node]][node] -= path_cap
            capacity[node][parent[node]] += path_cap
            node = parent[node]
        flow += path_cap
    return flow


def _is_determined(residual: _Residual, arc: _Arc) -> bool:
    """True if every table the reader cannot rule out has the same value in ``arc``."""
    capacity = residual.without(arc)
    up = residual.capacity[arc.tail][arc.head] > 0 and _reachable(capacity, arc.head, arc.tail)
    down = residual.capacity[arc.head][arc.tail] > 0 and _reachable(capacity, arc.tail, arc.head)
    return not (up or down)


def _kinds_of(table: ProtectedTable) -> dict[EntryKey, Kind]:
    return {key: table.kind(key) for key in table.entries()}


def audit(counts: Sequence[Sequence[int]], table: ProtectedTable) -> dict[EntryKey, tuple[int, int | None]]:
    """The exact range (lowest, highest; ``None`` = unbounded) a reader can infer for each hidden entry.

    The range depends only on what ``table`` publishes; ``counts`` (the true table, which must be
    the one ``table`` was made from) only serves as a known feasible starting point.
    """
    rows, columns = _validate(counts, table.threshold)
    size, arcs = _arcs(counts)
    kinds = _kinds_of(table)
    if set(kinds) != {arc.key for arc in arcs}:
        raise DisclosureError("the published table does not have the shape of the counts")
    residual = _Residual(size, arcs, kinds, table.threshold)
    ranges: dict[EntryKey, tuple[int, int | None]] = {}
    for arc in arcs:
        if kinds[arc.key] == "published":
            continue
        capacity = residual.without(arc)
        room_up = residual.capacity[arc.tail][arc.head]
        room_down = residual.capacity[arc.head][arc.tail]
        up = _max_flow(capacity, arc.head, arc.tail, room_up)
        down = _max_flow(capacity, arc.tail, arc.head, room_down)
        high = None if up == _INFINITE else arc.value + int(up)
        ranges[arc.key] = (arc.value - int(down), high)
    return ranges


def _cheapest_opening(
    residual: _Residual, arcs: list[_Arc], kinds: dict[EntryKey, Kind], target: _Arc, threshold: int
) -> list[_Arc] | None:
    """Fewest published arcs whose suppression lets ``target`` move by one (cells before totals).

    Dijkstra with cost (new suppressions, new suppressed totals, position) over the residual graph in
    which a published arc may also be crossed – forwards always (its upper bound becomes infinite),
    backwards only if its value exceeds the threshold (its lower bound becomes the threshold).
    """
    moves: dict[int, list[tuple[int, tuple[int, int], _Arc | None]]] = {n: [] for n in range(residual.size)}
    for arc in arcs:
        if arc is target:
            continue
        if kinds[arc.key] == "published":
            cost = (1, 0 if arc.key[0] == "cell" else 1)
            moves[arc.tail].append((arc.head, cost, arc))
            if arc.value > threshold:
                moves[arc.head].append((arc.tail, cost, arc))
        else:
            if residual.capacity[arc.tail][arc.head] > 0:
                moves[arc.tail].append((arc.head, (0, 0), None))
            if residual.capacity[arc.head][arc.tail] > 0:
                moves[arc.head].append((arc.tail, (0, 0), None))

    routes = []
    if residual.capacity[target.tail][target.head] > 0:
        routes.append((target.head, target.tail))
    if residual.capacity[target.head][target.tail] > 0:
        routes.append((target.tail, target.head))
    best: tuple[tuple[int, int], list[_Arc]] | None = None
    for start, goal in routes:
        found = _shortest(moves, start, goal)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    return None if best is None else best[1]


def _shortest(
    moves: dict[int, list[tuple[int, tuple[int, int], _Arc | None]]], start: int, goal: int
) -> tuple[tuple[int, int], list[_Arc]] | None:
    heap: list[tuple[tuple[int, int], int, int]] = [((0, 0), 0, start)]
    best: dict[int, tuple[int, int]] = {start: (0, 0)}
    previous: dict[int, tuple[int, _Arc | None]] = {}
    counter = 0
    while heap:
        cost, _order, node = heapq.heappop(heap)
        if cost > best.get(node, cost):
            continue
        if node == goal:
            chosen: list[_Arc] = []
            while node != start:
                node, arc = previous[node]
                if arc is not None:
                    chosen.append(arc)
            return cost, chosen
        for nxt, step, arc in moves[node]:
            new = (cost[0] + step[0], cost[1] + step[1])
            if nxt not in best or new < best[nxt]:
                best[nxt] = new
                previous[nxt] = (node, arc)
                counter += 1
                heapq.heappush(heap, (new, counter, nxt))
    return None


def protect(counts: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> ProtectedTable:
    """The publishable form of ``counts`` (rows × columns of non-negative integers) with its totals.

    Every entry below ``threshold`` (0 included) becomes ``"<threshold"``; further entries become
    ``"."`` until :func:`audit` finds at least two possible values for every ``"<threshold"`` entry.
    """
    rows, columns = _validate(counts, threshold)
    size, arcs = _arcs(counts)
    kinds: dict[EntryKey, Kind] = {arc.key: "small" if arc.value < threshold else "published" for arc in arcs}
    # Suppressing only ever widens what the reader cannot rule out, so an entry once protected stays
    # protected and one pass over the small entries suffices.
    for target in arcs:
        if kinds[target.key] != "small":
            continue
        residual = _Residual(size, arcs, kinds, threshold)
        if not _is_determined(residual, target):
            continue
        opening = _cheapest_opening(residual, arcs, kinds, target, threshold)
        if opening is None:  # pragma: no cover - see test_full_suppression_always_protects
            raise AssertionError(f"{target.key} cannot be protected by suppression")
        for arc in opening:
            kinds[arc.key] = "secondary"

    def shown(arc: _Arc) -> Published:
        kind = kinds[arc.key]
        if kind == "small":
            return small_marker(threshold)
        if kind == "secondary":
            return SECONDARY_MARKER
        return arc.value

    by_key = {arc.key: shown(arc) for arc in arcs}
    return ProtectedTable(
        cells=tuple(tuple(by_key[("cell", i, j)] for j in range(columns)) for i in range(rows)),
        row_totals=tuple(by_key[("row", i)] for i in range(rows)),
        column_totals=tuple(by_key[("column", j)] for j in range(columns)),
        grand_total=by_key[("total",)],
        threshold=threshold,
    )
