"""Optimal tutor–child matching: an assignment problem solved exactly (scipy's shortest-augmenting-path
assignment solver, the sparse sibling of ``linear_sum_assignment``), not a greedy first fit.

Every tutor appears once per free place (``capacity`` columns), every open request once (one row); a
pair that is not feasible can never be chosen. The solver maximises the **sum of the values** of the
chosen pairs, which is the number of matches weighted by their quality.

Feasible pair (all required):

* the tutor is cleared (the caller passes only tutors whose police clearance is seen and not overdue,
  whose training is done and who were approved by staff) and has a free place;
* at least one shared subject;
* the child's grade lies in the tutor's grade range, and the child's school type is one the tutor
  teaches (a tutor without school types teaches every type);
* at least one shared weekly time slot;
* at least one shared place (office, school, online).

Value of a feasible pair (documented in the README; all integers):

======================================  =====================================================
``BASE`` = 100                          every match; makes the number of matches count most
shared language                         +20 if tutor and child share a language
time overlap                            +5 per shared weekly slot, at most +20
nearness (if not online only)           +20 same district; otherwise 20·(1 − km/10), ≥ 0,
                                        by the districts' centres; unknown district: 0
online only                             +10 (no travel, but no distance either)
further shared subjects                 +5 per subject beyond the first, at most +10
priority (BuT entitlement, low income)  +30: with scarce places, these children come first
======================================  =====================================================

A child with priority is therefore preferred to a child without, unless the other pair is better by
more than 30 points; and one more match (≥ 100) always beats any quality difference of a single pair
(< 100).

The solver: the Hungarian-method family's sparse variant (scipy's ``min_weight_full_bipartite_matching``,
LAPJVsp — the sparse counterpart of ``linear_sum_assignment``) on the feasible pairs only, each request
with a private "stays open" column so that a full matching always exists (see :func:`assign`). Only
about 2–5 % of all pairs are feasible in practice, so 5,000 requests × 2,000 tutors take seconds
(``bench/matching.py``), where the dense matrix took most of a minute.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

BASE = 100
LANGUAGE_BONUS = 20
SLOT_BONUS, SLOT_BONUS_MAX = 5, 20
NEAR_BONUS, NEAR_KM = 20, 10.0
ONLINE_BONUS = 10
SUBJECT_BONUS, SUBJECT_BONUS_MAX = 5, 10
PRIORITY_BONUS = 30
ONLINE = "online"


@dataclass(frozen=True)
class TutorSpec:
    key: object
    subjects: frozenset[str]
    grade_min: int
    grade_max: int
    school_types: frozenset[str]  # empty: every school type
    languages: frozenset[str]
    slots: frozenset[str]
    places: frozenset[str]
    district: object = None
    capacity: int = 1  # free places


@dataclass(frozen=True)
class RequestSpec:
    key: object
    subjects: frozenset[str]
    grade: int
    school_type: str
    languages: frozenset[str]
    slots: frozenset[str]
    places: frozenset[str]
    district: object = None
    priority: bool = False


@dataclass
class Assignment:
    pairs: list[tuple[object, object, int]] = field(default_factory=list)  # (request, tutor, value)

    @property
    def total(self) -> int:
        return sum(value for _request, _tutor, value in self.pairs)


def feasible(tutor: TutorSpec, request: RequestSpec) -> bool:
    return bool(
        tutor.subjects & request.subjects
        and tutor.grade_min <= request.grade <= tutor.grade_max
        and (not tutor.school_types or request.school_type in tutor.school_types)
        and tutor.slots & request.slots
        and tutor.places & request.places
    )


def _near(distance_km: float | None) -> float:
    if distance_km is None:
        return 0
    if distance_km <= 0:
        return NEAR_BONUS
    return max(0.0, NEAR_BONUS * (1 - distance_km / NEAR_KM))


def value(tutor: TutorSpec, request: RequestSpec, distance_km: float | None = None) -> int:
    """The value of one pair (0 if not feasible); ``distance_km`` between the districts, 0 if the same."""
    if not feasible(tutor, request):
        return 0
    if tutor.district is not None and tutor.district == request.district:
        distance_km = 0.0
    score = BASE
    if tutor.languages & request.languages:
        score += LANGUAGE_BONUS
    score += min(SLOT_BONUS * len(tutor.slots & request.slots), SLOT_BONUS_MAX)
    places = tutor.places & request.places
    score += ONLINE_BONUS if places == {ONLINE} else round(_near(distance_km))
    score += min(SUBJECT_BONUS * (len(tutor.subjects & request.subjects) - 1), SUBJECT_BONUS_MAX)
    if request.priority:
        score += PRIORITY_BONUS
    return int(score)


def _masks(sets: Sequence[frozenset[str]], index: dict[str, int]) -> np.ndarray:
    """One bit per code; more than 63 codes fall back to object integers (never in practice)."""
    dtype = np.int64 if len(index) < 63 else object
    out = np.zeros(len(sets), dtype=dtype)
    for row, codes in enumerate(sets):
        mask = 0
        for code in codes:
            mask |= 1 << index[code]
        out[row] = mask
    return out


def _index(*groups: Sequence[frozenset[str]]) -> dict[str, int]:
    codes = sorted({code for group in groups for codes in group for code in codes})
    return {code: bit for bit, code in enumerate(codes)}


def _popcount(masks: np.ndarray) -> np.ndarray:
    if masks.dtype == object:
        return np.vectorize(lambda m: bin(m).count("1"), otypes=[np.int64])(masks)
    counts = np.zeros(masks.shape, dtype=np.int64)
    work = masks.copy()
    while work.any():
        counts += (work & 1).astype(np.int64)
        work >>= 1
    return counts


def edges(
    tutors: Sequence[TutorSpec],
    requests: Sequence[RequestSpec],
    distances: dict[tuple[object, object], float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feasible pairs as ``(request index, tutor index, value)`` arrays, vectorised: feasibility
    from bit masks on the full request × tutor grid, values only for the feasible pairs."""
    distances = distances or {}
    n_r, n_t = len(requests), len(tutors)
    empty = np.zeros(0, dtype=np.int64)
    if not n_r or not n_t:
        return empty, empty, empty

    def pair(attr_t: str, attr_r: str) -> tuple[np.ndarray, np.ndarray]:
        index = _index([getattr(t, attr_t) for t in tutors], [getattr(r, attr_r) for r in requests])
        return (
            _masks([getattr(t, attr_t) for t in tutors], index),
            _masks([getattr(r, attr_r) for r in requests], index),
        )

    subj_t, subj_r = pair("subjects", "subjects")
    slot_t, slot_r = pair("slots", "slots")
    place_t, place_r = pair("places", "places")
    type_index = _index([t.school_types for t in tutors], [frozenset({r.school_type}) for r in requests])
    type_t = _masks([t.school_types for t in tutors], type_index)
    type_r = _masks([frozenset({r.school_type}) for r in requests], type_index)
    gmin = np.array([t.grade_min for t in tutors])
    gmax = np.array([t.grade_max for t in tutors])
    grade = np.array([r.grade for r in requests])

    ok = (gmin[None, :] <= grade[:, None]) & (grade[:, None] <= gmax[None, :])
    ok &= (subj_t[None, :] & subj_r[:, None]) != 0
    ok &= (type_t[None, :] == 0) | ((type_t[None, :] & type_r[:, None]) != 0)
    ok &= (slot_t[None, :] & slot_r[:, None]) != 0
    ok &= (place_t[None, :] & place_r[:, None]) != 0
    r_idx, t_idx = np.nonzero(ok)

    lang_t, lang_r = pair("languages", "languages")
    values = np.full(len(r_idx), BASE, dtype=np.int64)
    values += np.where((lang_t[t_idx] & lang_r[r_idx]) != 0, LANGUAGE_BONUS, 0)
    values += np.minimum(SLOT_BONUS * _popcount(slot_t[t_idx] & slot_r[r_idx]), SLOT_BONUS_MAX)
    shared_subjects = _popcount(subj_t[t_idx] & subj_r[r_idx])
    values += np.minimum(SUBJECT_BONUS * np.maximum(shared_subjects - 1, 0), SUBJECT_BONUS_MAX)
    values += np.array([PRIORITY_BONUS if r.priority else 0 for r in requests], dtype=np.int64)[r_idx]

    # Nearness by district: a small district × district table, looked up per pair.
    districts = sorted({t.district for t in tutors} | {r.district for r in requests}, key=repr)
    d_index = {d: i for i, d in enumerate(districts)}
    near = np.zeros((len(districts), len(districts)), dtype=np.int64)
    for a in districts:
        for b in districts:
            if a is not None and a == b:
                km: float | None = 0.0
            else:
                km = distances.get((a, b), distances.get((b, a)))
            near[d_index[a], d_index[b]] = round(_near(km))
    t_d = np.array([d_index[t.district] for t in tutors])
    r_d = np.array([d_index[r.district] for r in requests])
    place_index = _index([t.places for t in tutors], [r.places for r in requests])
    shared_places = place_t[t_idx] & place_r[r_idx]
    if ONLINE in place_index:
        online_only = shared_places == (1 << place_index[ONLINE])
    else:
        online_only = np.zeros(len(r_idx), dtype=bool)
    values += np.where(online_only, ONLINE_BONUS, near[r_d[r_idx], t_d[t_idx]])
    return r_idx, t_idx, values


def value_matrix(
    tutors: Sequence[TutorSpec],
    requests: Sequence[RequestSpec],
    distances: dict[tuple[object, object], float] | None = None,
) -> np.ndarray:
    """``values[r, t]``: the value of request ``r`` with tutor ``t`` (0: not feasible)."""
    matrix = np.zeros((len(requests), len(tutors)), dtype=np.int64)
    r_idx, t_idx, values = edges(tutors, requests, distances)
    matrix[r_idx, t_idx] = values
    return matrix


def assign(
    tutors: Sequence[TutorSpec],
    requests: Sequence[RequestSpec],
    distances: dict[tuple[object, object], float] | None = None,
) -> Assignment:
    """The maximum-value assignment of requests to tutors' free places.

    Sparse form of the assignment problem: every request row has the columns of its feasible tutors'
    free places (one column per place) and one private "stays open" column. Costs are ``OFFSET − value``
    for a tutor's place and ``OFFSET`` for staying open, so a minimum-cost full matching (scipy's
    ``min_weight_full_bipartite_matching``, LAPJVsp) is a maximum-value assignment; the private column
    makes a full matching always exist.
    """
    tutors = [t for t in tutors if t.capacity > 0]
    if not tutors or not requests:
        return Assignment()
    r_idx, t_idx, values = edges(tutors, requests, distances)
    if not len(r_idx):
        return Assignment()
    rows = np.unique(r_idx)
    row_of = np.full(len(requests), -1)
    row_of[rows] = np.arange(len(rows))
    used_tutors = np.unique(t_idx)
    # A tutor needs no more columns than requests it could take.
    per_tutor = np.bincount(t_idx, minlength=len(tutors))
    places = np.zeros(len(tutors), dtype=np.int64)
    places[used_tutors] = np.minimum([tutors[t].capacity for t in used_tutors], per_tutor[used_tutors])
    first_column = np.concatenate([[0], np.cumsum(places)[:-1]])
    n_places = int(places.sum())
    offset = int(values.max()) + 1
    # One edge per (request, place of a feasible tutor).
    repeat = places[t_idx]
    edge_rows = np.repeat(row_of[r_idx], repeat)
    starts = np.repeat(first_column[t_idx], repeat)
    within = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    edge_cols = starts + within
    edge_costs = np.repeat(offset - values, repeat)
    # The private "stays open" columns.
    edge_rows = np.concatenate([edge_rows, np.arange(len(rows))])
    edge_cols = np.concatenate([edge_cols, n_places + np.arange(len(rows))])
    edge_costs = np.concatenate([edge_costs, np.full(len(rows), offset)])
    graph = csr_matrix(
        (edge_costs.astype(np.float64), (edge_rows, edge_cols)), shape=(len(rows), n_places + len(rows))
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    tutor_of_column = np.repeat(np.arange(len(tutors)), places)
    value_of = {(int(r), int(t)): int(v) for r, t, v in zip(r_idx, t_idx, values, strict=True)}
    result = Assignment()
    for row, column in zip(row_ind, col_ind, strict=True):
        if column >= n_places:
            continue
        request_i, tutor_i = int(rows[row]), int(tutor_of_column[column])
        result.pairs.append((requests[request_i].key, tutors[tutor_i].key, value_of[request_i, tutor_i]))
    result.pairs.sort(key=lambda pair: repr(pair[0]))
    return result


def greedy(
    tutors: Sequence[TutorSpec],
    requests: Sequence[RequestSpec],
    distances: dict[tuple[object, object], float] | None = None,
) -> Assignment:
    """First fit, for comparison: each request in turn takes the first tutor with a free place."""
    free = {id(t): t.capacity for t in tutors}
    result = Assignment()
    for request in requests:
        for tutor in tutors:
            if free[id(tutor)] > 0 and feasible(tutor, request):
                free[id(tutor)] -= 1
                result.pairs.append((request.key, tutor.key, _pair_value(tutor, request, distances)))
                break
    return result


def _pair_value(
    tutor: TutorSpec, request: RequestSpec, distances: dict[tuple[object, object], float] | None
) -> int:
    distances = distances or {}
    km = distances.get((tutor.district, request.district), distances.get((request.district, tutor.district)))
    return value(tutor, request, km)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
