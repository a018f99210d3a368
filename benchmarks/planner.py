"""How the rotation planner compares with a greedy "least recently paired" pass.

For pairs and cross-check rotations of 10, 31 and 100 members over 52 rounds, with 10%
of the members away in each round (the same random absences for both planners), prints:
plan time (wall clock and CPU, best of 3 runs: the machine is shared), repeats (meetings of a pair that had met before), avoidable repeats (repeats
beyond the fewest that round could have had, given the same history), max pair count,
sit-out spread (most minus fewest sit-outs across members) and the shortest gap between
two meetings of the same pair.

Run: /work/venv/bin/python benchmarks/planner.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.rotations.planner import (  # noqa: E402
    Candidate,
    Kind,
    Round,
    RoundRequest,
    Rules,
    Tally,
    plan,
)

ROUNDS = 52
ABSENT_SHARE = 0.10
REPEAT = 3  # time = best of this many runs


def absences(ids: list[int], rng: random.Random) -> list[RoundRequest]:
    k = round(len(ids) * ABSENT_SHARE)
    return [RoundRequest(absent=frozenset(rng.sample(ids, k))) for _ in range(ROUNDS)]


# ------------------------------------------------------------------ greedy baselines


def greedy_pairs(ids: list[int], requests: list[RoundRequest]) -> list[Round]:
    """Each member in turn takes the free partner they met least recently."""
    tally = Tally()
    rounds = []
    for req in requests:
        free = [m for m in ids if m not in req.absent]
        groups = []
        while len(free) >= 2:
            a = free.pop(0)

            def staleness(b: int, a: int = a) -> tuple[int, int]:
                key = tally.key(a, b)
                return (tally.last.get(key, -1), tally.count.get(key, 0))

            b = min(free, key=staleness)
            free.remove(b)
            groups.append((a, b))
        rnd = Round(groups=tuple(groups), duty=tuple(free))
        # Whoever sat out goes first next time, as a greedy planner would do.
        if free:
            ids = free + [m for m in ids if m not in free]
        tally.add(rnd)
        rounds.append(rnd)
    return rounds


def greedy_cross_check(ids: list[int], requests: list[RoundRequest]) -> list[Round]:
    """Each reviewer in turn takes the free author they reviewed least recently."""
    tally = Tally(directed=True)
    rounds = []
    for req in requests:
        present = [m for m in ids if m not in req.absent]
        authors = list(present)
        groups: list[tuple[int, int]] = []
        for r in present:
            options = [a for a in authors if a != r]
            if not options:  # only themselves left: swap with an earlier assignment
                r0, a0 = groups[0]
                groups[0] = (r0, r)
                groups.append((r, a0))
                authors.remove(r)
                continue

            def staleness(a: int, r: int = r) -> tuple[int, int]:
                return (tally.last.get((r, a), -1), tally.count.get((r, a), 0))

            a = min(options, key=staleness)
            authors.remove(a)
            groups.append((r, a))
        rnd = Round(groups=tuple(groups))
        tally.add(rnd)
        rounds.append(rnd)
    return rounds


# ------------------------------------------------------------------------- figures


def fewest_repeats(kind: Kind, present: list[int], tally: Tally) -> int:
    """The fewest repeats a round over ``present`` can have, given the history so far."""
    if kind == Kind.CROSS_CHECK:
        g = nx.Graph()
        left = [("r", m) for m in present]
        g.add_nodes_from(left)
        g.add_nodes_from(("a", m) for m in present)
        for r in present:
            for a in present:
                if r != a and not tally.count.get((r, a)):
                    g.add_edge(("r", r), ("a", a))
        fresh = len(nx.bipartite.hopcroft_karp_matching(g, top_nodes=left)) // 2
        return len(present) - fresh
    g = nx.Graph()
    g.add_nodes_from(present)
    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            if not tally.count.get(tally.key(a, b)):
                g.add_edge(a, b)
    fresh = len(nx.max_weight_matching(g, maxcardinality=True))
    return len(present) // 2 - fresh


def figures(kind: Kind, ids: list[int], requests: list[RoundRequest], rounds: list[Round]):
    tally = Tally(directed=kind == Kind.CROSS_CHECK)
    repeats = avoidable = 0
    shortest_gap = None
    for req, rnd in zip(requests, rounds, strict=True):
        present = [m for m in ids if m not in req.absent]
        here = 0
        for g in rnd.groups:
            links = [(g[0], g[1])] if kind == Kind.CROSS_CHECK else [(g[0], g[1])]
            for a, b in links:
                key = tally.key(a, b)
                if tally.count.get(key):
                    here += 1
                    gap = tally.rounds - tally.last[key]
                    shortest_gap = gap if shortest_gap is None else min(shortest_gap, gap)
        repeats += here
        avoidable += here - fewest_repeats(kind, present, tally)
        tally.add(rnd)
    sit = [tally.duty.get(m, 0) for m in ids]
    return {
        "repeats": repeats,
        "avoidable": avoidable,
        "max_pair": max(tally.count.values()),
        "sit_spread": max(sit) - min(sit),
        "min_gap": shortest_gap if shortest_gap is not None else "-",
    }


def best_of(run, *args):  # type: ignore[no-untyped-def]
    """The fastest of a few runs (the machine is shared) and the result."""
    best = None
    for _ in range(REPEAT):
        t0, c0 = time.perf_counter(), time.process_time()
        result = run(*args)
        took = (time.perf_counter() - t0, time.process_time() - c0)
        best = took if best is None else min(best, took)
    return best, result


def main() -> None:
    header = f"{'kind':<12}{'n':>4} {'planner':<8}{'time s':>8}{'cpu s':>7}{'repeats':>9}{'avoidable':>10}"
    header += f"{'max pair':>9}{'sit spread':>11}{'min gap':>8}"
    print(header)
    print("-" * len(header))
    for kind in (Kind.PAIRS, Kind.CROSS_CHECK):
        for n in (10, 31, 100):
            ids = list(range(1, n + 1))
            requests = absences(ids, random.Random(n))
            members = [Candidate(m) for m in ids]
            baseline = greedy_cross_check if kind == Kind.CROSS_CHECK else greedy_pairs
            rules = Rules(kind=kind)
            t_ours, ours = best_of(plan, members, rules, [], requests)
            ours = ours.rounds
            t_theirs, theirs = best_of(baseline, ids, requests)
            for name, t, rounds in (("keel", t_ours, ours), ("greedy", t_theirs, theirs)):
                f = figures(kind, ids, requests, rounds)
                print(
                    f"{kind.value:<12}{n:>4} {name:<8}{t[0]:>8.3f}{t[1]:>7.3f}{f['repeats']:>9}"
                    f"{f['avoidable']:>10}{f['max_pair']:>9}{f['sit_spread']:>11}"
                    f"{f['min_gap']:>8}"
                )


if __name__ == "__main__":
    main()
