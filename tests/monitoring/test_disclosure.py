"""Small-cell suppression: nothing below the threshold is published, and nothing hidden below the
threshold can be recovered from the published cells and totals (property tests with hypothesis).

The reader (attacker) modelled here knows every published number, that a "<5" cell is 1…4 (zeros are
shown), that a "." cell is at least 5, that a "." total is at least 1, and that rows, columns and the
grand total add up. ``audit`` computes the exact range
of every hidden entry under that knowledge (max-flow); ``brute_force_movable`` checks it independently
by enumeration on small tables.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from familienbuero.monitoring.disclosure import (
    HIDDEN_MARKER,
    DisclosureError,
    ProtectedTable,
    audit,
    protect,
    small_marker,
)

THRESHOLD = 5
SMALL = small_marker(THRESHOLD)

# Many small counts (the interesting case), some zeros, some large ones.
count = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 30))


@st.composite
def tables(draw, max_rows: int = 6, max_columns: int = 6, values=count) -> list[list[int]]:
    rows = draw(st.integers(1, max_rows))
    columns = draw(st.integers(1, max_columns))
    return draw(st.lists(st.lists(values, min_size=columns, max_size=columns), min_size=rows, max_size=rows))


def truth(counts: list[list[int]]) -> dict[tuple, int]:
    """Every entry's true value, keyed like ``ProtectedTable.entries()``."""
    values: dict[tuple, int] = {}
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            values[("cell", i, j)] = value
        values[("row", i)] = sum(row)
    for j in range(len(counts[0]) if counts else 0):
        values[("column", j)] = sum(row[j] for row in counts)
    values[("total",)] = sum(map(sum, counts))
    return values


def lines(counts: list[list[int]]) -> list[list[tuple]]:
    """Each additive relation as the list of its entries: row i = its cells + row total, and so on.
    (The grand total is the sum of the row totals and of the column totals.)"""
    rows, columns = len(counts), len(counts[0]) if counts else 0
    result = [[("cell", i, j) for j in range(columns)] + [("row", i)] for i in range(rows)]
    result += [[("cell", i, j) for i in range(rows)] + [("column", j)] for j in range(columns)]
    result.append([("row", i) for i in range(rows)] + [("total",)])
    result.append([("column", j) for j in range(columns)] + [("total",)])
    return result


def hidden(table: ProtectedTable) -> set[tuple]:
    return {key for key, value in table.entries().items() if isinstance(value, str)}


# --- the properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
@example([[1, 1, 5, 5]])
@example([[1, 1], [1, 1]])
@example([[3, 5, 5]])
@example([[4, 1], [1, 0]])
def test_no_published_entry_is_below_the_threshold_and_every_figure_is_true(counts):
    table = protect(counts)
    real = truth(counts)
    for key, shown in table.entries().items():
        if shown == SMALL:
            assert key[0] == "cell" and 0 < real[key] < THRESHOLD, key
        elif shown == HIDDEN_MARKER:
            # A hidden cell is at least the threshold; a hidden total is at least 1.
            assert real[key] >= (THRESHOLD if key[0] == "cell" else 1), key
        else:
            assert isinstance(shown, int)
            assert shown == real[key], key
            # (a) no published cell and (b) no published total is in 1…4; zeros are shown.
            assert shown == 0 or shown >= THRESHOLD, key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
@example([[1, 1, 5, 5]])
@example([[3, 7, 8], [9, 10, 11]])
@example([[12, 0, 7], [9, 10, 11], [20, 3, 40]])
@example([[0, 5], [5, 0]])
@example([[1, 1, 1, 1], [4, 4, 4, 4]])
@example([[1, 1], [2, 2]])
def test_no_small_entry_can_be_recovered_from_rows_columns_and_totals(counts):
    table = protect(counts)
    real = truth(counts)
    ranges = audit(counts, table)
    assert set(ranges) == hidden(table)
    for key, (low, high) in ranges.items():
        assert low <= real[key] and (high is None or real[key] <= high), key
        if table.kind(key) == "small":
            assert low >= 1 and high is not None and high <= THRESHOLD - 1
        if 0 < real[key] < THRESHOLD:
            # (c) at least two values remain possible: the small cell or total cannot be computed.
            assert high is None or high > low, (key, low, high)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_line_has_exactly_one_hidden_entry(counts):
    """The naive attack: a row (or column) whose entries are all published but one gives that one away.
    It never applies – to "<5" entries, nor to "." entries (which would be useless suppressions)."""
    table = protect(counts)
    suppressed = hidden(table)
    for line in lines(counts):
        assert sum(key in suppressed for key in line) != 1, line


def brute_force_movable(counts: list[list[int]], table: ProtectedTable) -> set[tuple]:
    """Hidden entries whose value differs in some other table a reader cannot rule out.

    Complete for tables where every cell may move by at most one: if an entry is not determined,
    a unit cycle of the difference of two consistent tables already changes it, and a cycle changes
    every cell by at most one.
    """
    real = truth(counts)
    kinds = {key: table.kind(key) for key in table.entries()}
    rows, columns = len(counts), len(counts[0])
    choices = [range(max(0, value - 1), value + 2) for row in counts for value in row]
    movable: set[tuple] = set()
    for flat in itertools.product(*choices):
        other = [list(flat[i * columns : (i + 1) * columns]) for i in range(rows)]
        values = truth(other)
        consistent = all(
            (kinds[key] == "small" and 0 < values[key] < THRESHOLD)
            or (kinds[key] == "hidden" and values[key] >= (THRESHOLD if key[0] == "cell" else 1))
            or (kinds[key] == "published" and values[key] == real[key])
            for key in kinds
        )
        if consistent:
            movable |= {key for key in kinds if values[key] != real[key]}
    return movable


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=2, max_columns=3, values=st.integers(0, 9)) | tables(max_rows=3, max_columns=2))
def test_audit_agrees_with_exhaustive_search(counts):
    table = protect(counts)
    ranges = audit(counts, table)
    determined = {key for key, (low, high) in ranges.items() if low == high}
    assert brute_force_movable(counts, table) == set(ranges) - determined


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_hiding_every_total_always_protects(counts):
    """Why ``protect`` never runs out of options: with every non-zero total hidden, every small cell
    and every small total already has at least two possible values (more hiding only widens ranges)."""
    real = truth(counts)

    def cell(key):
        return SMALL if 0 < real[key] < THRESHOLD else real[key]

    def total(key):
        return HIDDEN_MARKER if real[key] else 0

    rows, columns = len(counts), len(counts[0])
    totals_hidden = ProtectedTable(
        cells=tuple(tuple(cell(("cell", i, j)) for j in range(columns)) for i in range(rows)),
        row_totals=tuple(total(("row", i)) for i in range(rows)),
        column_totals=tuple(total(("column", j)) for j in range(columns)),
        grand_total=total(("total",)),
    )
    for key, (low, high) in audit(counts, totals_hidden).items():
        if real[key] < THRESHOLD:
            assert high is None or high > low, key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=4, max_columns=4, values=st.integers(0, 12)), st.sampled_from([3, 4, 10]))
def test_other_thresholds(counts, threshold):
    table = protect(counts, threshold)
    marker = small_marker(threshold)
    real = truth(counts)
    for key, shown in table.entries().items():
        assert isinstance(shown, str) or shown == 0 or shown >= threshold
        assert shown != marker or 0 < real[key] < threshold
    for key, (low, high) in audit(counts, table).items():
        if 0 < real[key] < threshold:
            assert high is None or high > low, key


# --- examples that explain the rules ---------------------------------------------------------------


def test_table_without_small_values_is_published_unchanged():
    table = protect([[10, 20], [30, 40]])
    assert table.cells == ((10, 20), (30, 40))
    assert table.row_totals == (30, 70)
    assert table.column_totals == (40, 60)
    assert table.grand_total == 100


def test_hiding_one_cell_hides_a_partner_in_its_row_and_column():
    table = protect([[3, 7, 8], [9, 10, 11]])
    assert table.cells[0][0] == SMALL
    # The row total 18 and the column total 12 stay published, so the 3 needs partners in both lines.
    assert table.row_totals[0] == 18 and table.column_totals[0] == 12
    assert sum(isinstance(value, str) for value in table.cells[0]) >= 2
    assert sum(isinstance(row[0], str) for row in table.cells) >= 2


def test_zeros_are_shown_and_small_totals_are_hidden_without_an_upper_bound():
    # If the row total were shown as "<5", four "<5" cells (each ≥ 1) would all be exactly 1.
    counts = [[1, 1, 1, 1, 0, 0]]
    table = protect(counts)
    assert table.cells == ((SMALL, SMALL, SMALL, SMALL, 0, 0),)
    assert table.row_totals == (HIDDEN_MARKER,)
    assert table.column_totals == (HIDDEN_MARKER,) * 4 + (0, 0)
    assert audit(counts, table)[("cell", 0, 0)] == (1, 4)


def test_empty_tables_have_zero_totals():
    assert protect([]).grand_total == 0
    table = protect([[], []])
    assert table.row_totals == (0, 0) and table.column_totals == () and table.grand_total == 0


@pytest.mark.parametrize(
    ("counts", "threshold"),
    [([[1, -1]], 5), ([[1, 2], [3]], 5), ([[1.5]], 5), ([[True]], 5), ([[1]], 2), ([[1]], 4.5)],
)
def test_bad_input_is_refused(counts, threshold):
    with pytest.raises(DisclosureError):
        protect(counts, threshold)


def test_audit_refuses_a_table_of_another_shape():
    with pytest.raises(DisclosureError):
        audit([[1, 2]], protect([[1], [2]]))
