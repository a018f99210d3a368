"""How the rotation planner compares with a greedy "least recently paired" pass.

For pairs and cross-check rotations of 10, 31 and 100 members over 52 rounds, with 10%
of the members away in each round (the same random absences for both planners), prints:
plan time (wall clock and CPU, best of 3 runs: the machine is shared), repeats (meetings of a pair that had met before), avoidable repeats (repeats
beyond the fewest that round could have had, given the same history), max pair count,
sit-out spread (most minus fewest sit-outs across members) and the shortest gap between
two meetings of the same pair.

Then a table for groups of k: for each (n, k, rounds), with the whole team present, the
repeated pairs (meetings of a pair that had met before) and the plan time of Keel's
planner, of the previous one (the groups planner as it stood at commit 9249e4b, before
the stored NKTS designs: its source tree is taken from git history and run in a child
process, so the very same code runs), and of a random-restart greedy baseline, all on
the same input in the same run; "max" is the most rounds one pair shared (a pair meeting
every round counts as few repeats but is what a team notices: Keel spreads repeats over
pairs), "spread" the most minus the fewest seats in odd-sized groups per member (for
information: Keel only promises that each member's group sizes differ by at most one
over time).

The "known" column marks rows where a schedule without any repeated pair is known to
exist, and says how:

* AG: an affine plane or space over a finite field of order k (n = k**2, k + 1 rounds;
  n = 27, k = 3: AG(3, 3), 13 rounds);
* TD: a resolvable transversal design, n = k * m, m rounds (m's prime-power factors all
  at least k; from finite fields), then, when m people in groups of k have a design,
  its rounds inside the k columns (36 in threes: 12 + 4 rounds; 32 in fours: 8 + 1);
* KTS: a Kirkman triple system, which exists for every n = 3 mod 6 with (n - 1) / 2
  rounds (Ray-Chaudhuri and Wilson, "Solution of Kirkman's schoolgirl problem", 1971;
  constructions in Stinson, Discrete Math. 92, 1991);
* RBIBD4: a resolvable (n, 4, 1) design, which exists for every n = 4 mod 12 with
  (n - 1) / 3 rounds (Hanani, Ray-Chaudhuri and Wilson, Discrete Math. 3, 1972);
* NKTS: a nearly Kirkman triple system, n = 0 mod 6 and n >= 18, (n - 2) / 2 rounds in
  which everybody meets everybody but one partner (Kotzig and Rosa, "Nearly Kirkman
  systems", 1974; Baker and Wilson, "Nearly Kirkman triple systems", Utilitas Math. 11,
  1977; Colbourn and Dinitz, "Handbook of Combinatorial Designs", 2nd ed., 2007, on
  resolvable group divisible designs with groups of size 2);
* 8-4-10: the golfers' problem itself, 32 people in groups of 4 for 10 rounds, solved by
  Aguado in 2004 ("A 10 days solution to the social golfer problem"; listed in Warwick
  Harvey's social golfer tables, CSPLib prob010, and on Markus Triska's social golfer
  pages): a resolvable group divisible design with blocks of 4 and 16 groups of 2.

Keel builds the AG, TD, KTS (n = 2q + 1 and 3q, q = 1 mod 6 a prime power; n = 45 as a
TD followed by a KTS(15) in each column; n = 33 by doubling the affine plane of order 4)
and RBIBD4 (n = 3q + 1) cases directly (``teamkeel.core.rotations.designs``). For the
NKTS rows (24, 30, 36 and 60 people) it stores one base round each, developed over
Z_(n-2)/2 with two fixed points (found offline by an exact-cover search over the pair
differences), and the 18-3-8 schedule its own search found offline. For 8-4-10 it stores
the ten rounds whole, transcribed from the solution in Ed Pegg Jr.'s "Social Golfer
Problem" (Wolfram Demonstrations Project); Keel's own offline searches for one (exact
cover under a symmetry group of translations of GF(2)^5 or of order 5, 8 or 10; tabu
restricted to cyclic schedules) found none in the time they had. Before it, Keel's 32
in fours was the 9-round TD schedule, whose tenth round repeats 16 pairs ("previous").
Rows past a design's end (12 in threes for 6 rounds) repeat only in the rounds after it.

Run: /work/venv/bin/python benchmarks/planner.py [--groups-only]
"""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.rotations.groups import group_sizes  # noqa: E402
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


def pairs_table() -> None:
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


# ------------------------------------------------------------------------- groups

PREVIOUS = "9249e4b"  # the last commit before the stored NKTS designs (issue 17, part 2)

# (n, k, rounds, how a repeat-free schedule is known to exist, or "")
GROUP_ROWS = [
    (9, 3, 4, "AG"),
    (10, 3, 4, ""),
    (12, 3, 4, "TD"),
    (12, 3, 6, ""),
    (15, 3, 7, "KTS"),
    (18, 3, 8, "NKTS"),
    (21, 3, 10, "KTS"),
    (24, 3, 8, "TD"),
    (24, 3, 11, "NKTS"),
    (27, 3, 13, "AG, KTS"),
    (30, 3, 8, ""),
    (30, 3, 14, "NKTS"),
    (33, 3, 11, "TD"),
    (33, 3, 16, "KTS"),
    (36, 3, 16, "TD"),
    (36, 3, 17, "NKTS"),
    (39, 3, 19, "KTS"),
    (45, 3, 22, "KTS"),
    (48, 3, 16, "TD"),
    (57, 3, 28, "KTS"),
    (60, 3, 20, "TD"),
    (60, 3, 29, "NKTS"),
    (14, 4, 4, ""),
    (16, 4, 5, "AG"),
    (20, 4, 5, "TD"),
    (28, 4, 9, "RBIBD4"),
    (32, 4, 9, "TD"),
    (32, 4, 10, "8-4-10"),
    (36, 4, 9, "TD"),
    (40, 4, 13, "RBIBD4"),
    (44, 4, 11, "TD"),
    (52, 4, 17, "RBIBD4"),
    (60, 4, 10, ""),
    (22, 5, 5, ""),
    (25, 5, 6, "AG"),
    (35, 5, 7, "TD"),
    (40, 5, 8, "TD"),
    (45, 5, 9, "TD"),
    (55, 5, 11, "TD"),
    (60, 5, 8, ""),
    (12, 3, 52, ""),
    (60, 5, 52, ""),
]


# Runs in a child process on the source tree of PREVIOUS: plans every row and prints,
# per row, the plan time and the rounds as JSON.
PREVIOUS_DRIVER = """
import json, sys, time
from teamkeel.core.rotations.planner import Candidate, Kind, RoundRequest, Rules, plan
for n, k, r in json.load(sys.stdin):
    t0 = time.perf_counter()
    out = plan([Candidate(m) for m in range(1, n + 1)],
               Rules(kind=Kind.GROUPS, group_size=k), [], [RoundRequest()] * r)
    took = time.perf_counter() - t0
    print(json.dumps([took, [list(map(list, rnd.groups)) for rnd in out.rounds]]), flush=True)
"""


def previous_planner(rows: list[tuple[int, int, int]]) -> list[tuple[float, list[Round]]]:
    """The groups planner as it was at PREVIOUS, straight from git history: its source
    tree is unpacked into a temporary folder and run there, on the same rows."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "archive", PREVIOUS, "src"], cwd=root, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        done = subprocess.run(
            [sys.executable, "-c", PREVIOUS_DRIVER],
            input=json.dumps(rows),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    out = []
    for line in done.splitlines():
        took, rounds = json.loads(line)
        out.append((took, [Round(groups=tuple(tuple(g) for g in rnd)) for rnd in rounds]))
    return out


def greedy_groups(ids: list[int], k: int, rounds: int, restarts: int = 20) -> list[Round]:
    """Round by round, the best of ``restarts`` random greedy fills: each member in a
    random order joins the open group where they met the fewest before."""
    rng = random.Random(len(ids) * 100 + k)
    tally = Tally()
    out = []
    sizes = group_sizes(len(ids), k)
    for _ in range(rounds):
        best = None
        for _ in range(restarts):
            order = ids[:]
            rng.shuffle(order)
            groups: list[list[int]] = [[] for _ in sizes]
            for m in order:
                open_groups = [g for g in range(len(sizes)) if len(groups[g]) < sizes[g]]
                g = min(
                    open_groups,
                    key=lambda g: sum(tally.count.get(tally.key(m, x), 0) for x in groups[g]),
                )
                groups[g].append(m)
            met = sum(
                1
                for g in groups
                for a, b in itertools.combinations(g, 2)
                if tally.count.get(tally.key(a, b))
            )
            if best is None or met < best[0]:
                best = (met, groups)
        assert best is not None
        rnd = Round(groups=tuple(tuple(sorted(g)) for g in best[1]))
        tally.add(rnd)
        out.append(rnd)
    return out


def group_figures(rounds: list[Round], k: int) -> tuple[int, int, int]:
    """Repeated pairs, the most meetings of one pair, and the spread of seats in
    odd-sized groups per member."""
    seen: set[tuple[int, int]] = set()
    repeats = 0
    odd_seats: dict[int, int] = {}
    met: dict[tuple[int, int], int] = {}
    for rnd in rounds:
        sizes = {len(g) for g in rnd.groups}
        odd = (
            None if len(sizes) < 2 else (sizes - {k}).pop() if len(sizes - {k}) == 1 else max(sizes)
        )
        for g in rnd.groups:
            for m in g:
                odd_seats[m] = odd_seats.get(m, 0) + (len(g) == odd)
            for a, b in itertools.combinations(sorted(g), 2):
                repeats += (a, b) in seen
                seen.add((a, b))
                met[(a, b)] = met.get((a, b), 0) + 1
    spread = max(odd_seats.values()) - min(odd_seats.values())
    return repeats, max(met.values()), spread


def timed(run, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = run(*args)
    return time.perf_counter() - t0, result


def groups_table() -> None:
    previous = previous_planner([(n, k, r) for n, k, r, _ in GROUP_ROWS])
    header = f"{'n':>3}{'k':>3}{'rounds':>7}  {'known':<9}"
    for name in ("keel", "previous", "greedy"):
        header += f"{name + ' rep':>13}{'max':>4}{'s':>6}{'spread':>7}"
    print(header)
    print("-" * len(header))
    for (n, k, r, known), (t_old, old) in zip(GROUP_ROWS, previous, strict=True):
        ids = list(range(1, n + 1))
        t_new, new = timed(
            plan,
            [Candidate(m) for m in ids],
            Rules(kind=Kind.GROUPS, group_size=k),
            [],
            [RoundRequest()] * r,
        )
        t_greedy, greedy = timed(greedy_groups, ids, k, r)
        line = f"{n:>3}{k:>3}{r:>7}  {known or '-':<9}"
        for t, rounds in ((t_new, new.rounds), (t_old, old), (t_greedy, greedy)):
            repeats, most, spread = group_figures(list(rounds), k)
            line += f"{repeats:>13}{most:>4}{t:>6.2f}{spread:>7}"
        print(line, flush=True)


def main() -> None:
    if "--groups-only" not in sys.argv:
        pairs_table()
        print()
    groups_table()


if __name__ == "__main__":
    main()
