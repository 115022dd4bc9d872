"""Small-cell suppression for published two-way tables of counts (statistical disclosure control).

Why this exists: the family office publishes aggregated figures as open data. A figure below a
threshold (default 5) may identify a family, so it is never published. Hiding the cell alone is not
enough: with the row total published, a hidden cell is the total minus the visible cells. This module
decides which further figures to hide (secondary suppression) so that no hidden small figure can be
worked out from what is published, and it contains the audit that checks exactly that.

What is published:

* a **cell** of 0 is shown as 0, a cell of 1 to threshold−1 as ``"<5"``, a larger cell as its number
  or – if it must be hidden to protect a small one – as ``"."`` (the sign of the German official
  statistics for "geheim zu halten");
* a **total** (row, column, grand total) of 0 is shown as 0; every other hidden total – whether it is
  itself below the threshold or hidden to protect a cell – is shown as ``"."``. Small totals do *not*
  get ``"<5"``: that upper bound, together with the lower bound of ``"."`` cells and of the ``"<5"``
  cells (≥ 1, because zeros are shown), would let a reader solve some tables outright (four ``"<5"``
  cells in a row whose total is ``"<5"`` are each exactly 1), whatever else is hidden.

Protection criterion (what :func:`audit` checks and :func:`protect` guarantees): a reader who knows
every published number, that a ``"<5"`` cell is 1…threshold−1, that a ``"."`` cell is at least the
threshold, that a ``"."`` total is at least 1, and that rows, columns and the grand total add up, must
find at least two possible values for every cell and every total below the threshold.

That is always achievable (for a threshold of at least 3): once a small cell's row total, column
total and grand total are hidden, the cell and those three totals can all move up by one (if the
cell is at most threshold−2) or down by one (if it is at least 2) – hidden totals have no upper
bound. The same holds for a small total. So :func:`protect` never has to give up.

How the range is computed, exactly and without an LP solver: a two-way table with its totals is a
circulation in a network (source → row → column → sink → source; cells, row totals, column totals and
the grand total are the arcs). The tables a reader cannot tell apart are exactly the integer
circulations within the bounds above; the network matrix is totally unimodular, so the range of an
entry is an integer interval, found by a maximum flow around that arc in the residual graph of the
true table. Secondary suppression picks, for a small entry whose range is a single value, the fewest
published entries whose hiding opens a cycle through it (shortest path in the same residual graph),
cells before totals, ties by position – never by the size of the figures, which would tell a reader
that the hidden figure is the smallest candidate.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

DEFAULT_THRESHOLD = 5
HIDDEN_MARKER = "."

#: An entry of the table: ("cell", row, column), ("row", row), ("column", column) or ("total",).
EntryKey = tuple[str, ...]
Published = int | str
#: "published": the number is shown; "small": a cell shown as "<5"; "hidden": shown as ".".
Kind = Literal["published", "small", "hidden"]

_SOURCE, _SINK = 0, 1
_INFINITE = float("inf")


class DisclosureError(ValueError):
    """The input is not a table of non-negative integer counts, or the threshold is not valid."""


def small_marker(threshold: int) -> str:
    """The sign printed instead of a cell below the threshold, e.g. ``"<5"``."""
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

    def entries(self) -> dict[EntryKey, Published]:
        """Every entry by key: cells row by row, then row totals, column totals, grand total."""
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
        if isinstance(value, int):
            return "published"
        if key[0] == "cell" and value == self.small_marker:
            return "small"
        if value == HIDDEN_MARKER:
            return "hidden"
        raise DisclosureError(f"{key}: {value!r} is neither a number nor a marker")


@dataclass
class _Arc:
    key: EntryKey
    tail: int
    head: int
    value: int

    @property
    def is_cell(self) -> bool:
        return self.key[0] == "cell"


def _validate(counts: Sequence[Sequence[int]], threshold: int) -> tuple[int, int]:
    # With zeros shown, "<2" would mean exactly 1: below 3 a small cell cannot be protected.
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 3:
        raise DisclosureError("the threshold must be an integer of at least 3")
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
    """The table as a circulation: node 0 source, 1 sink, then one node per row, then per column."""
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


def _bounds(arc: _Arc, kind: Kind, threshold: int) -> tuple[int, float]:
    """What a reader knows about an entry before using that the table adds up."""
    if kind == "published":
        return arc.value, arc.value
    if kind == "small":
        return 1, threshold - 1
    if arc.is_cell:
        return threshold, _INFINITE  # a hidden cell that is not "<5" is at least the threshold
    return 1, _INFINITE  # a hidden total: zero totals are shown, so it is at least 1


class _Residual:
    """Residual capacities of the true table under the reader's bounds (dense; tables are small)."""

    def __init__(self, size: int, arcs: list[_Arc], kinds: dict[EntryKey, Kind], threshold: int) -> None:
        self.size = size
        self.capacity: list[list[float]] = [[0] * size for _ in range(size)]
        for arc in arcs:
            low, high = _bounds(arc, kinds[arc.key], threshold)
            if not low <= arc.value <= high:
                raise DisclosureError(f"{arc.key}: the published form does not fit the counts")
            self.capacity[arc.tail][arc.head] += high - arc.value
            self.capacity[arc.head][arc.tail] += arc.value - low

    def without(self, arc: _Arc) -> list[list[float]]:
        capacity = [row[:] for row in self.capacity]
        # No two arcs join the same pair of nodes, so this removes exactly ``arc``, both directions.
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
    """Edmonds–Karp from ``start`` to ``goal``, stopping at ``limit`` (which may be infinite)."""
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
    """The exact range (lowest, highest; ``None`` = no upper bound) a reader can infer for each hidden
    entry of ``table``.

    The ranges depend only on what ``table`` publishes; ``counts`` (the table it was made from) only
    serves as one table the reader cannot rule out, the starting point of the computation.
    """
    _validate(counts, table.threshold)
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
        up = _max_flow(capacity, arc.head, arc.tail, residual.capacity[arc.tail][arc.head])
        down = _max_flow(capacity, arc.tail, arc.head, residual.capacity[arc.head][arc.tail])
        high = None if up == _INFINITE else arc.value + int(up)
        ranges[arc.key] = (arc.value - int(down), high)
    return ranges


_Move = tuple[int, tuple[int, int], "_Arc | None"]


def _cheapest_opening(
    residual: _Residual, arcs: list[_Arc], kinds: dict[EntryKey, Kind], target: _Arc, threshold: int
) -> list[_Arc] | None:
    """The fewest published entries whose hiding lets ``target`` move by one (then fewest totals).

    Shortest path (Dijkstra on the cost pair) through the residual graph in which a published entry of
    at least the threshold may also be crossed at cost 1: forwards always (hidden, it has no upper
    bound), backwards if its value exceeds its future lower bound (threshold for a cell, 1 for a total).
    Published zeros are never hidden: hiding them would protect nothing.
    """
    moves: dict[int, list[_Move]] = {node: [] for node in range(residual.size)}
    for arc in arcs:
        if arc is target:
            continue
        if kinds[arc.key] == "published":
            if arc.value < threshold:
                continue
            cost = (1, 0 if arc.is_cell else 1)
            moves[arc.tail].append((arc.head, cost, arc))
            if arc.value > (threshold if arc.is_cell else 1):
                moves[arc.head].append((arc.tail, cost, arc))
        else:
            if residual.capacity[arc.tail][arc.head] > 0:
                moves[arc.tail].append((arc.head, (0, 0), None))
            if residual.capacity[arc.head][arc.tail] > 0:
                moves[arc.head].append((arc.tail, (0, 0), None))

    best: tuple[tuple[int, int], list[_Arc]] | None = None
    if residual.capacity[target.tail][target.head] > 0:  # the target may grow: return head → tail
        best = _shortest(moves, target.head, target.tail)
    if residual.capacity[target.head][target.tail] > 0:  # the target may shrink: tail → head
        found = _shortest(moves, target.tail, target.head)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    return None if best is None else best[1]


def _shortest(
    moves: dict[int, list[_Move]], start: int, goal: int
) -> tuple[tuple[int, int], list[_Arc]] | None:
    heap: list[tuple[tuple[int, int], int, int]] = [((0, 0), 0, start)]
    best: dict[int, tuple[int, int]] = {start: (0, 0)}
    previous: dict[int, tuple[int, _Arc | None]] = {}
    pushed = 0
    while heap:
        cost, _order, node = heapq.heappop(heap)
        if cost > best[node]:
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
                pushed += 1
                heapq.heappush(heap, (new, pushed, nxt))
    return None


def protect(counts: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> ProtectedTable:
    """The publishable form of ``counts`` (rows × columns of non-negative integers) and its totals.

    Cells 1…threshold−1 become ``"<threshold"``, totals 1…threshold−1 become ``"."``; then further
    entries become ``"."`` until every one of those small entries has at least two possible values
    for a reader (see :func:`audit`).
    """
    rows, columns = _validate(counts, threshold)
    size, arcs = _arcs(counts)
    kinds: dict[EntryKey, Kind] = {}
    for arc in arcs:
        if 0 < arc.value < threshold:
            kinds[arc.key] = "small" if arc.is_cell else "hidden"
        else:
            kinds[arc.key] = "published"
    targets = [arc for arc in arcs if 0 < arc.value < threshold]
    residual = _Residual(size, arcs, kinds, threshold)
    # Hiding only ever widens what a reader cannot rule out, so an entry once protected stays
    # protected: one pass over the small entries suffices.
    for target in targets:
        if not _is_determined(residual, target):
            continue
        opening = _cheapest_opening(residual, arcs, kinds, target, threshold)
        if not opening:  # impossible: hiding the totals around a small entry always suffices
            raise AssertionError(f"{target.key} cannot be protected")
        for arc in opening:
            kinds[arc.key] = "hidden"
        residual = _Residual(size, arcs, kinds, threshold)
    if any(_is_determined(residual, target) for target in targets):  # pragma: no cover - defensive
        raise AssertionError("disclosure check failed")

    def shown(arc: _Arc) -> Published:
        kind = kinds[arc.key]
        if kind == "small":
            return small_marker(threshold)
        if kind == "hidden":
            return HIDDEN_MARKER
        return arc.value

    by_key = {arc.key: shown(arc) for arc in arcs}
    return ProtectedTable(
        cells=tuple(tuple(by_key[("cell", i, j)] for j in range(columns)) for i in range(rows)),
        row_totals=tuple(by_key[("row", i)] for i in range(rows)),
        column_totals=tuple(by_key[("column", j)] for j in range(columns)),
        grand_total=by_key[("total",)],
        threshold=threshold,
    )
