"""Which member stands for which point of a known design.

A design (``designs``) is a schedule on the points 0..n-1; any one-to-one choice of who
stands for which point keeps it free of repeats. The groups planner uses that freedom:

* ``relabel`` picks the members' points so that the rule of the block hold in the
  design itself: a never-together pair stands on two points that do not meet in the
  rounds planned (in a nearly Kirkman system or 8-4-10 some pairs never meet at all),
  and a pinned set stands on points that share a group in its round. A short local
  search over swaps of two members' points; when it finds no choice that keeps every
  rule, the planner's own search repairs the rounds that break one.
* ``recover`` finds again the choice an earlier plan made, from the rounds already
  held, so that a later plan continues the same design instead of a relabelled one
  that would repeat pairs. A backtracking search with a bound on its work.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

Design = Sequence[Sequence[Sequence[int]]]  # rounds -> groups -> points
RELABEL_STEPS = 300
RECOVER_NODES = 20000
TIME_CAP = 0.1  # CPU seconds each search may take at most (a plan has about 1 s)


def meeting_round(design: Design, n: int) -> list[list[int]]:
    """meet[p][q]: the round in which points p and q share a group, or -1."""
    meet = [[-1] * n for _ in range(n)]
    for t, rnd in enumerate(design):
        for g in rnd:
            for p in g:
                for q in g:
                    if p != q:
                        meet[p][q] = t
    return meet


def relabel(
    design: Design,
    n: int,
    rounds: int,
    apart: Sequence[tuple[int, int]],
    pins: Sequence[tuple[int, tuple[int, ...]]],
    seed: int,
) -> list[int]:
    """point_of[member] for members 0..n-1 such that no pair in ``apart`` meets in the
    design's first ``rounds`` rounds and each (round, members) pin shares a group in
    that round: the choice with the fewest rules broken that the search found (none
    broken, whenever it finds one; at worst the design as it is)."""
    meet = meeting_round(design, n)
    # Each rule as (members, test of their points); a rule is broken when its test fails.
    rules: list[tuple[tuple[int, ...], int]] = [((a, b), -1) for a, b in apart]
    rules += [(members, t) for t, members in pins if len(members) > 1]
    touching: list[list[int]] = [[] for _ in range(n)]
    for r, (members, _) in enumerate(rules):
        for m in members:
            touching[m].append(r)
    point_of = list(range(n))

    def broken(r: int) -> bool:
        members, t = rules[r]
        if t < 0:
            return 0 <= meet[point_of[members[0]]][point_of[members[1]]] < rounds
        first = point_of[members[0]]
        return any(meet[first][point_of[m]] != t for m in members[1:])

    def cost_around(*members: int) -> int:
        return sum(broken(r) for r in {r for m in members for r in touching[m]})

    rng = random.Random(seed)
    best = (len(rules) + 1, point_of[:])
    end = time.thread_time() + TIME_CAP
    for _ in range(RELABEL_STEPS):
        if time.thread_time() > end:
            break
        bad = [r for r in range(len(rules)) if broken(r)]
        if len(bad) < best[0]:
            best = (len(bad), point_of[:])
        if not bad:
            break
        a = rng.choice(rules[rng.choice(bad)][0])
        move: tuple[int, int] | None = None
        for b in range(n):
            if b == a:
                continue
            before = cost_around(a, b)
            point_of[a], point_of[b] = point_of[b], point_of[a]
            delta = cost_around(a, b) - before
            point_of[a], point_of[b] = point_of[b], point_of[a]
            if move is None or delta < move[0] or (delta == move[0] and rng.random() < 0.3):
                move = (delta, b)
        # The best swap when it does not make things worse, now and then any swap,
        # so that the search leaves a spot where every swap costs.
        if move is not None and (move[0] <= 0 or rng.random() < 0.1):
            b = move[1]
            point_of[a], point_of[b] = point_of[b], point_of[a]
    return best[1]


def recover(design: Design, n: int, held: Sequence[Sequence[Sequence[int]]]) -> list[int] | None:
    """point_of[member] under which each held round (groups of member indices, absent
    members left out) lies within the design's round of the same number; None if no
    such choice is found within the search's bound."""
    if len(held) > len(design):
        return None
    identity = list(range(n))
    if _fits(design, held, identity):
        return identity
    group_of = [{p: g for g, members in enumerate(rnd) for p in members} for rnd in design]
    mates: list[list[tuple[int, int]]] = [[] for _ in range(n)]  # (round, member) pairs
    for t, rnd in enumerate(held):
        for g in rnd:
            for a in g:
                mates[a].extend((t, b) for b in g if b != a)
    point_of = [-1] * n
    taken = [False] * n
    nodes = [0]
    end = time.thread_time() + TIME_CAP

    def options(m: int) -> list[int]:
        allowed: set[int] | None = None
        for t, b in mates[m]:
            q = point_of[b]
            if q < 0:
                continue
            here = set(design[t][group_of[t][q]])
            allowed = here if allowed is None else allowed & here
        pool = range(n) if allowed is None else sorted(allowed)
        return [p for p in pool if not taken[p]]

    def place(left: int) -> bool:
        """Place the member with the fewest points open next (members whose mates
        are placed come first); undo and try the next point when a later one fails."""
        if left == 0:
            return True
        nodes[0] += 1
        if nodes[0] > RECOVER_NODES or (nodes[0] % 64 == 0 and time.thread_time() > end):
            return False
        m, open_points = min(
            ((m, options(m)) for m in range(n) if point_of[m] < 0), key=lambda mo: len(mo[1])
        )
        for p in open_points:
            point_of[m], taken[p] = p, True
            if place(left - 1):
                return True
            point_of[m], taken[p] = -1, False
        return False

    return point_of if place(n) and _fits(design, held, point_of) else None


def _fits(design: Design, held: Sequence[Sequence[Sequence[int]]], point_of: list[int]) -> bool:
    for t, rnd in enumerate(held):
        group_of = {p: g for g, members in enumerate(design[t]) for p in members}
        for g in rnd:
            if len({group_of[point_of[m]] for m in g}) > 1:
                return False
    return True
