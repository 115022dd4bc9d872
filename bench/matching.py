"""Tutor matching at district scale: 2,000 tutors × 5,000 requests (target: under 5 s).

Prints the time of the optimal assignment (value matrix + Hungarian method) and, as baseline measured
in the same run, the greedy first fit's time and both totals.

    DJANGO_SETTINGS_MODULE=familienbuero.settings PYTHONPATH=src .venv/bin/python bench/matching.py
"""

from __future__ import annotations

import random
import time

import _runner  # noqa: F401 - puts src/ on sys.path

from familienbuero.volunteering.matching import RequestSpec, TutorSpec, assign, greedy

SUBJECTS = ["math", "german", "english", "french", "latin", "physics", "chemistry", "biology", "history"]
LANGS = ["de", "tr", "ar", "uk", "ru", "pl", "en"]
TYPES = ["grundschule", "hauptschule", "realschule", "gesamtschule", "gymnasium", "foerderschule"]
SLOTS = [f"{d}-{p}" for d in range(1, 7) for p in ("morning", "afternoon", "late", "evening")]
PLACES = ["office", "school", "online"]
DISTRICTS = list(range(8))


def instance(n_tutors: int, n_requests: int, seed: int = 1):
    rng = random.Random(seed)
    tutors = []
    for i in range(n_tutors):
        lo = rng.randint(1, 10)
        tutors.append(
            TutorSpec(
                key=i,
                subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 3))),
                grade_min=lo,
                grade_max=min(13, lo + rng.randint(0, 6)),
                school_types=frozenset(rng.sample(TYPES, rng.randint(0, 3))),
                languages=frozenset({"de", *rng.sample(LANGS, rng.randint(0, 2))}),
                slots=frozenset(rng.sample(SLOTS, rng.randint(2, 8))),
                places=frozenset(rng.sample(PLACES, rng.randint(1, 3))),
                district=rng.choice(DISTRICTS),
                capacity=rng.randint(1, 4),
            )
        )
    requests = [
        RequestSpec(
            key=j,
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 2))),
            grade=rng.randint(1, 13),
            school_type=rng.choice(TYPES),
            languages=frozenset(rng.sample(LANGS, rng.randint(1, 2))),
            slots=frozenset(rng.sample(SLOTS, rng.randint(2, 8))),
            places=frozenset(rng.sample(PLACES, rng.randint(1, 3))),
            district=rng.choice(DISTRICTS),
            priority=rng.random() < 0.3,
        )
        for j in range(n_requests)
    ]
    distances = {(a, b): abs(a - b) * 1.5 for a in DISTRICTS for b in DISTRICTS}
    return tutors, requests, distances


def main() -> None:
    tutors, requests, distances = instance(2000, 5000)
    started, cpu = time.perf_counter(), time.process_time()
    optimal = assign(tutors, requests, distances)
    optimal_s, optimal_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    first_fit = greedy(tutors, requests, distances)
    greedy_s = time.perf_counter() - started
    print(f"tutors={len(tutors)} places={sum(t.capacity for t in tutors)} requests={len(requests)}")
    print(
        f"optimal assignment: {optimal_s:.2f} s ({optimal_cpu:.2f} s CPU), "
        f"{len(optimal.pairs)} matches, total value {optimal.total}"
    )
    print(
        f"greedy first fit (baseline): {greedy_s:.2f} s, "
        f"{len(first_fit.pairs)} matches, total value {first_fit.total}"
    )
    print(
        f"time ratio optimal/greedy: {optimal_s / greedy_s:.2f}; "
        f"value gain: {optimal.total / first_fit.total:.3f}"
    )
    print("target: optimal under 5 s —", "met" if optimal_s < 5 else "MISSED")


if __name__ == "__main__":
    main()
