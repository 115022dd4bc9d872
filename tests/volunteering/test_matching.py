"""The matching is optimal, respects capacities and never pairs what does not fit (property tests)."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from familienbuero.volunteering import matching
from familienbuero.volunteering.matching import RequestSpec, TutorSpec

SUBJECTS = ["math", "german", "english"]
SLOTS = ["1-afternoon", "2-afternoon", "3-late", "5-morning"]
LANGS = ["de", "tr", "ar"]
PLACES = ["office", "school", "online"]
TYPES = ["grundschule", "gymnasium"]
DISTRICTS = [None, 1, 2, 3]
DISTANCES = {(1, 2): 2.0, (1, 3): 6.0, (2, 3): 12.0}


def subset(values: list[str], min_size: int = 0) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(values), min_size=min_size, max_size=len(values))


@st.composite
def tutors(draw: st.DrawFn, key: int) -> TutorSpec:
    low = draw(st.integers(1, 10))
    return TutorSpec(
        key=f"t{key}",
        subjects=draw(subset(SUBJECTS, 1)),
        grade_min=low,
        grade_max=draw(st.integers(low, 13)),
        school_types=draw(subset(TYPES)),
        languages=draw(subset(LANGS, 1)),
        slots=draw(subset(SLOTS, 1)),
        places=draw(subset(PLACES, 1)),
        district=draw(st.sampled_from(DISTRICTS)),
        capacity=draw(st.integers(0, 3)),
    )


@st.composite
def requests(draw: st.DrawFn, key: int) -> RequestSpec:
    return RequestSpec(
        key=f"r{key}",
        subjects=draw(subset(SUBJECTS, 1)),
        grade=draw(st.integers(1, 13)),
        school_type=draw(st.sampled_from(TYPES)),
        languages=draw(subset(LANGS, 1)),
        slots=draw(subset(SLOTS, 1)),
        places=draw(subset(PLACES, 1)),
        district=draw(st.sampled_from(DISTRICTS)),
        priority=draw(st.booleans()),
    )


@st.composite
def instances(draw: st.DrawFn, max_tutors: int, max_requests: int):
    n_t = draw(st.integers(0, max_tutors))
    n_r = draw(st.integers(0, max_requests))
    return [draw(tutors(i)) for i in range(n_t)], [draw(requests(j)) for j in range(n_r)]


def check_valid(tutor_list, request_list, assignment) -> None:
    by_key_t = {t.key: t for t in tutor_list}
    by_key_r = {r.key: r for r in request_list}
    load = Counter(tutor for _request, tutor, _value in assignment.pairs)
    for tutor, count in load.items():
        assert count <= by_key_t[tutor].capacity
    requests_used = [request for request, _tutor, _value in assignment.pairs]
    assert len(requests_used) == len(set(requests_used))
    for request, tutor, value in assignment.pairs:
        t, r = by_key_t[tutor], by_key_r[request]
        assert matching.feasible(t, r)
        assert t.subjects & r.subjects and t.slots & r.slots  # shared subject and time, always
        assert t.grade_min <= r.grade <= t.grade_max
        assert value == matching._pair_value(t, r, DISTANCES)


@settings(max_examples=150, deadline=None)
@given(instances(8, 14))
def test_never_exceeds_capacity_never_pairs_incompatible_and_beats_greedy(instance):
    tutor_list, request_list = instance
    optimal = matching.assign(tutor_list, request_list, DISTANCES)
    check_valid(tutor_list, request_list, optimal)
    first_fit = matching.greedy(tutor_list, request_list, DISTANCES)
    check_valid(tutor_list, request_list, first_fit)
    assert optimal.total >= first_fit.total


def brute_force(tutor_list, request_list) -> int:
    """Every way of giving each request a tutor or none, within the capacities."""
    options = [[None, *tutor_list] for _ in request_list]
    best = 0
    for choice in itertools.product(*options):
        load = Counter(t.key for t in choice if t is not None)
        if any(load[t.key] > t.capacity for t in tutor_list):
            continue
        total = 0
        for tutor, request in zip(choice, request_list, strict=True):
            if tutor is not None:
                value = matching._pair_value(tutor, request, DISTANCES)
                if not value:
                    break
                total += value
        else:
            best = max(best, total)
    return best


@settings(max_examples=150, deadline=None)
@given(instances(3, 5))
def test_equals_brute_force_on_tiny_instances(instance):
    tutor_list, request_list = instance
    assert matching.assign(tutor_list, request_list, DISTANCES).total == brute_force(tutor_list, request_list)


@settings(max_examples=50, deadline=None)
@given(instances(8, 14))
def test_vectorised_values_equal_the_documented_scoring(instance):
    tutor_list, request_list = instance
    values = matching.value_matrix(tutor_list, request_list, DISTANCES)
    for i, request in enumerate(request_list):
        for j, tutor in enumerate(tutor_list):
            assert values[i, j] == matching._pair_value(tutor, request, DISTANCES)


def spec(**changes) -> tuple[TutorSpec, RequestSpec]:
    tutor = TutorSpec(
        key="t",
        subjects=frozenset({"math"}),
        grade_min=3,
        grade_max=6,
        school_types=frozenset(),
        languages=frozenset({"de"}),
        slots=frozenset({"1-afternoon"}),
        places=frozenset({"office"}),
        district=1,
    )
    request = RequestSpec(
        key="r",
        subjects=frozenset({"math"}),
        grade=4,
        school_type="grundschule",
        languages=frozenset({"de"}),
        slots=frozenset({"1-afternoon"}),
        places=frozenset({"office"}),
        district=1,
    )
    return tutor, request


def test_scoring_as_documented():
    tutor, request = spec()
    # base 100 + language 20 + one slot 5 + same district 20
    assert matching.value(tutor, request) == 145
    priority = RequestSpec(**{**request.__dict__, "priority": True})
    assert matching.value(tutor, priority) == 175
    no_time = RequestSpec(**{**request.__dict__, "slots": frozenset({"2-afternoon"})})
    assert matching.value(tutor, no_time) == 0
    other_subject = RequestSpec(**{**request.__dict__, "subjects": frozenset({"german"})})
    assert matching.value(tutor, other_subject) == 0
    too_old = RequestSpec(**{**request.__dict__, "grade": 9})
    assert matching.value(tutor, too_old) == 0


def test_priority_child_gets_the_last_place():
    tutor, request = spec()
    poor = RequestSpec(**{**request.__dict__, "key": "poor", "priority": True})
    result = matching.assign([tutor], [request, poor])
    assert [pair[0] for pair in result.pairs] == ["poor"]


def test_optimal_beats_first_fit_where_first_fit_blocks():
    """First fit gives the only tutor for B to A, who had another option."""
    t1 = TutorSpec(
        "t1",
        frozenset({"math", "german"}),
        1,
        13,
        frozenset(),
        frozenset({"de"}),
        frozenset({"1-afternoon"}),
        frozenset({"office"}),
    )
    t2 = TutorSpec(
        "t2",
        frozenset({"math"}),
        1,
        13,
        frozenset(),
        frozenset({"de"}),
        frozenset({"1-afternoon"}),
        frozenset({"office"}),
    )
    a = RequestSpec(
        "a",
        frozenset({"math"}),
        5,
        "gymnasium",
        frozenset({"de"}),
        frozenset({"1-afternoon"}),
        frozenset({"office"}),
    )
    b = RequestSpec(
        "b",
        frozenset({"german"}),
        5,
        "gymnasium",
        frozenset({"de"}),
        frozenset({"1-afternoon"}),
        frozenset({"office"}),
    )
    assert len(matching.greedy([t1, t2], [a, b]).pairs) == 1
    assert {(r, t) for r, t, _v in matching.assign([t1, t2], [a, b]).pairs} == {("a", "t2"), ("b", "t1")}
