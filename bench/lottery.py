"""Draw of a holiday programme at scale: 10,000 children, 500 courses, up to 5 wishes each.

    .venv/bin/python bench/lottery.py

Prints the draw time (target: under 2 s) and, as a baseline measured in the same run, the time to
build the input once (one pass over all wishes).
"""

from __future__ import annotations

import random
import time

import _runner  # noqa: F401 - puts src/ on sys.path

from familienbuero.events.lottery import Child, draw

CHILDREN = 10_000
COURSES = 500
MAX_WISHES = 5


def world(seed: int = 1) -> tuple[list[Child], dict[str, int]]:
    rng = random.Random(seed)
    courses = [f"kurs-{i}" for i in range(COURSES)]
    popular = courses[:50]
    capacities = {c: rng.randint(8, 25) for c in courses}
    children = []
    for index in range(CHILDREN):
        count = rng.randint(1, MAX_WISHES)
        wishes = rng.sample(popular, min(2, count)) + rng.sample(courses, count)
        wishes = list(dict.fromkeys(wishes))[:count]
        unit = f"fam-{index // 2}" if index % 7 == 0 else None
        children.append(Child(f"kind-{index}", rng.choice([0, 1, 1, 2, 2, 2]), wishes, unit=unit))
    return children, capacities


def main() -> None:
    started = time.perf_counter()
    children, capacities = world()
    build = time.perf_counter() - started
    wishes = sum(len(c.wishes) for c in children)
    for max_courses in (1, 2, 3):
        started = time.perf_counter()
        result = draw(children, capacities, seed="bench", max_courses=max_courses)
        elapsed = time.perf_counter() - started
        placed = sum(len(v) for v in result.allocation.values())
        print(
            f"max {max_courses} course(s): draw {elapsed:.3f} s for {len(children)} children, "
            f"{COURSES} courses, "
            f"{wishes} wishes; {placed} places allocated; ratio to building the input {elapsed / build:.1f}x "
            f"(target < 2 s: {'ok' if elapsed < 2 else 'MISSED'})"
        )


if __name__ == "__main__":
    main()
