"""The draw of a holiday programme: random serial dictatorship in rounds, with priority classes.

Mechanism
---------
1. Every child belongs to the priority class of its household (0 is served first, e.g. families with BuT
   entitlement or low income, then residents, then others). Children whose parents asked to keep them
   together form one *unit* with their siblings; every other child is a unit of its own.
2. A seeded random permutation orders the units within each class (``random.Random(seed)``; the seed is
   recorded and published, so anybody can re-run the draw and get the same result).
3. The draw runs in rounds, at most ``max_courses`` of them. In round *k* the units are served in class
   order and, within a class, in the random order (reversed in every second round, so that a child that
   chose last in round 1 chooses first among its class in round 2). A served child gets its most
   preferred wished course that still has a place and that it does not have yet – at most one more
   course per round. A sibling unit first looks for a course that all of its children wished and that
   still has a place for all of them; if there is none, each sibling chooses alone.
4. Places left after the last round open for first-come registration.

Properties
----------
* No course is over capacity, no child over its maximum, and nobody gets a course they did not wish.
* Within a round a child of a higher priority class is never displaced by one of a lower class: all
  higher-class children choose before any lower-class child (sibling units aside, which choose as one).
* With one course per child, this is random serial dictatorship within each class: **strategy-proof**
  (ranking one's true preferences is the best strategy: when a child's turn comes, it gets its best
  course among those left, which its own ranking cannot change) and **Pareto-efficient**, so no two
  children of the same class would both prefer to swap their places (no justified envy within a class:
  a child that envies another's course drew a later position, and when it chose, that course was full).
* Reproducible: same input, same seed, same allocation.

Complexity: each child keeps a pointer into its wish list that only moves forward (a course that is
full, or already given to the child, stays so), so the draw costs O(children × rounds + total wishes).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


@dataclass
class Child:
    key: Hashable
    priority: int  # 0 is served first
    wishes: Sequence[Hashable]  # courses, most wanted first
    unit: Hashable | None = None  # siblings who asked to be kept together share a unit
    max_courses: int | None = None  # None: the programme's maximum


@dataclass
class Step:
    round: int
    course: Hashable | None
    full_before: list[Hashable] = field(default_factory=list)  # wished courses full when it was its turn


@dataclass
class Result:
    seed: str
    allocation: dict[Hashable, list[Hashable]]  # child -> courses won, in the order they were won
    order: dict[Hashable, int]  # child -> position of its unit in its class (1 = first)
    steps: dict[Hashable, list[Step]]  # child -> what happened in each round, for the explanation
    rounds: dict[Hashable, dict[Hashable, int]]  # child -> course -> round in which it was won
    left: dict[Hashable, int]  # course -> places left


def draw(
    children: Sequence[Child], capacities: dict[Hashable, int], *, seed: str, max_courses: int = 1
) -> Result:
    """Allocates places; pure and deterministic for a given ``seed``."""
    left = dict(capacities)
    units, ordered, order = _order_units(children, seed)
    allocation: dict[Hashable, list[Hashable]] = {c.key: [] for c in children}
    won: dict[Hashable, dict[Hashable, int]] = {c.key: {} for c in children}
    steps: dict[Hashable, list[Step]] = {c.key: [] for c in children}
    pointer: dict[Hashable, int] = {c.key: 0 for c in children}
    limit = {c.key: min(max_courses, c.max_courses or max_courses) for c in children}
    for round_number in range(1, max_courses + 1):
        for keys in ordered:
            sequence = keys if round_number % 2 else list(reversed(keys))
            for key in sequence:
                members = [c for c in units[key] if len(allocation[c.key]) < limit[c.key]]
                if not members:
                    continue
                if len(members) > 1 and _together(members, left, won, allocation, steps, round_number):
                    continue
                for child in members:
                    _choose(child, left, pointer, won, allocation, steps, round_number)
    return Result(seed, allocation, order, steps, won, left)


def _order_units(
    children: Sequence[Child], seed: str
) -> tuple[dict[Hashable, list[Child]], list[list[Hashable]], dict[Hashable, int]]:
    """Units (siblings kept together, or single children), grouped by class in class order, each class
    in a seeded random order; and each child's position in its class."""
    # Reproducibility is the point: the seed itself comes from secrets (services_lottery.run_draw).
    rng = random.Random(f"familienbuero-lottery:{seed}")  # noqa: S311 # nosec B311
    units: dict[Hashable, list[Child]] = {}
    for child in children:
        units.setdefault(("unit", child.unit) if child.unit is not None else ("child", child.key), []).append(
            child
        )
    # Sorted first, so the result does not depend on the order of the input.
    classes: dict[int, list[Hashable]] = {}
    for members in units.values():
        members.sort(key=lambda c: repr(c.key))
    for key, members in sorted(units.items(), key=lambda item: repr(item[0])):
        classes.setdefault(min(c.priority for c in members), []).append(key)
    ordered: list[list[Hashable]] = []
    order: dict[Hashable, int] = {}
    for priority in sorted(classes):
        keys = classes[priority]
        rng.shuffle(keys)
        ordered.append(keys)
        for position, key in enumerate(keys, start=1):
            for child in units[key]:
                order[child.key] = position
    return units, ordered, order


def _choose(
    child: Child,
    left: dict[Hashable, int],
    pointer: dict[Hashable, int],
    won: dict[Hashable, dict[Hashable, int]],
    allocation: dict[Hashable, list[Hashable]],
    steps: dict[Hashable, list[Step]],
    round_number: int,
) -> None:
    wishes = child.wishes
    full: list[Hashable] = []
    index = pointer[child.key]
    while index < len(wishes):
        course = wishes[index]
        if course in won[child.key]:
            index += 1
            continue
        if left.get(course, 0) > 0:
            left[course] -= 1
            won[child.key][course] = round_number
            allocation[child.key].append(course)
            pointer[child.key] = index + 1
            steps[child.key].append(Step(round_number, course, full))
            return
        full.append(course)
        index += 1
    pointer[child.key] = index
    steps[child.key].append(Step(round_number, None, full))


def _together(
    members: list[Child],
    left: dict[Hashable, int],
    won: dict[Hashable, dict[Hashable, int]],
    allocation: dict[Hashable, list[Hashable]],
    steps: dict[Hashable, list[Step]],
    round_number: int,
) -> bool:
    """Siblings: the first course (in the first sibling's order) all of them wished and none has yet,
    with a place for each. Returns False if there is none (they then choose one by one)."""
    others = [set(c.wishes) for c in members[1:]]
    for course in members[0].wishes:
        if left.get(course, 0) < len(members):
            continue
        if any(course not in wishes for wishes in others) or any(course in won[c.key] for c in members):
            continue
        for child in members:
            left[course] -= 1
            won[child.key][course] = round_number
            allocation[child.key].append(course)
            steps[child.key].append(Step(round_number, course, []))
        return True
    return False
