"""The rotation planner: pure Python, no storage, no Qt.

Every kind of rotation is planned one round at a time, continuing from the rounds that
already happened (whatever the lead did to them by hand):

* pairs and skill-share partners: maximum-weight matching (networkx) on the present
  members, whose edge weights rank, strictly in this order, the pair's meeting count
  (convex, so counts stay even), how much the pair is wanted (skill-share only), how
  recently the pair met plus the soft preferences, and finally whether the pair belongs to
  the circle-method round-robin round of this index. Without history or absences the
  round-robin round is the unique optimum, so a fresh rotation follows the round-robin
  exactly: n-1 rounds without a repeat for even n, n rounds for odd n;
* cross-check partners: the same, as an assignment of reviewers to authors on a bipartite
  graph without self-edges; the base is the cyclic shift by 1..n-1 (a Latin square);
* a single rotating role: the present member who held it least, longest ago;
* groups of k: all requested rounds at once, from known designs and a tabu local search
  over swaps (the social golfer problem; see ``groups``).

The extra member of an odd round either sits out or joins a pair as a trio; the duty goes
only to members who had it least so far, so its spread stays within one.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Sequence

import networkx as nx

from teamkeel.core.i18n import _
from teamkeel.core.rotations.plan_model import (
    KIND_LABELS,
    Cancelled,
    Candidate,
    Kind,
    OddPolicy,
    Plan,
    Round,
    RoundRequest,
    Rules,
    overlap_hours,
    pair,
)

# The plan's data types live in plan_model (groups uses them without the planner);
# they stay importable from here.
__all__ = [
    "KIND_LABELS",
    "Candidate",
    "Cancelled",
    "Kind",
    "OddPolicy",
    "Plan",
    "Round",
    "RoundRequest",
    "Rules",
    "overlap_hours",
    "pair",
    "plan",
]

# ---------------------------------------------------------------------------- history


class Tally:
    """Running counts over rounds: who met whom, how often, when last, who had a duty."""

    def __init__(self, directed: bool = False) -> None:
        self.directed = directed
        self.count: dict[tuple[int, int], int] = defaultdict(int)
        self.last: dict[tuple[int, int], int] = {}
        self.duty: dict[int, int] = defaultdict(int)
        self.duty_last: dict[int, int] = {}
        self.rounds = 0

    def key(self, a: int, b: int) -> tuple[int, int]:
        return (a, b) if self.directed else pair(a, b)

    def add(self, rnd: Round) -> None:
        t = self.rounds
        for g in rnd.groups:
            if self.directed:
                links: Sequence[tuple[int, int]] = [(g[0], g[1])] if len(g) == 2 else []
            elif len(g) == 1:
                links = [(g[0], g[0])]  # a rotating role: count the member with itself
            else:
                links = list(itertools.combinations(g, 2))
            for a, b in links:
                k = self.key(a, b)
                self.count[k] += 1
                self.last[k] = t
        for m in rnd.duty:
            self.duty[m] += 1
            self.duty_last[m] = t
        self.rounds += 1


# ------------------------------------------------------------------------ base schedules


def circle_round(order: Sequence[int], r: int) -> list[tuple[int, int | None]]:
    """Round ``r`` of the circle-method round-robin over ``order`` (``None`` = sits out)."""
    players: list[int | None] = list(order)
    if len(players) % 2:
        players.append(None)
    n = len(players)
    if n < 2:
        return []
    r %= n - 1
    fixed = players[-1]
    rest = players[:-1]
    out: list[tuple[int, int | None]] = []
    first = rest[r]
    out.append(_ordered(first, fixed))
    for i in range(1, n // 2):
        a = rest[(r + i) % (n - 1)]
        b = rest[(r - i) % (n - 1)]
        out.append(_ordered(a, b))
    return [p for p in out if p[0] is not None]


def _ordered(a: int | None, b: int | None) -> tuple[int, int | None]:
    if a is None:
        return (b, None)  # type: ignore[return-value]
    return (a, b)


def cycle_length(kind: Kind, n: int, group_size: int = 3) -> int:
    """Rounds after which everybody could have met everybody once."""
    if n < 2:
        return 1
    if kind == Kind.ROLE:
        return n
    if kind == Kind.CROSS_CHECK:
        return n - 1
    if kind == Kind.GROUPS:
        return max(1, -(-(n - 1) // max(1, group_size - 1)))
    return n - 1 if n % 2 == 0 else n


# ---------------------------------------------------------------------------- weights


class Weights:
    """Integer edge weights whose parts never outweigh a more important part."""

    def __init__(
        self, n: int, tally: Tally, members: dict[int, Candidate], rules: Rules, cycle: int
    ) -> None:
        self.tally = tally
        self.members = members
        self.rules = rules
        self.horizon = cycle + 1
        self.soft_unit = max(1, self.horizon // 3)
        # Upper bound on the links in one round, so no tier can outweigh the one above.
        half = n // 2 + 1 if rules.kind != Kind.GROUPS else n * rules.group_size // 2 + 1
        self.w_quality = n + 2  # above the round-robin tie-break (at most n/2 of them)
        quality_span = self.horizon + 3 * self.soft_unit + 1
        self.w_skill = self.w_quality * half * quality_span
        self.w_count = self.w_skill * half * 3
        self.half = half
        self.short_pairs: dict[tuple[int, int], bool] = {}  # working hours do not change
        self.refresh()
        self.any_soft = rules.mix_roles or rules.min_overlap_hours is not None
        self.plain = not self.any_soft and rules.kind != Kind.SKILL_SHARE

    def refresh(self) -> None:
        """Rescale the top tier to the counts so far (call before each round).

        A repeat of any pair outweighs everything else, so no pair meets twice while a
        fresh pair was possible; among repeats the square of the count keeps counts even.
        """
        top = max(self.tally.count.values(), default=0)
        below_repeat = self.w_count * self.half * (top * top + 1)
        self.w_repeat = below_repeat
        if self.rules.kind == Kind.GROUPS:
            # Groups repeat co-members from the second round on in most team sizes; there
            # only the squares keep the counts even.
            self.w_repeat = 0
        # A pair without the shared working hours the rotation asks for outweighs every
        # repeat of a round: it is made only when no arrangement avoids it.
        self.w_short = (self.w_repeat + below_repeat) * self.half * 2
        self.offset = max(self.w_short, below_repeat) * 4
        self.big = self.offset  # cost of a forbidden pair inside a group

    def forbidden(self, a: int, b: int) -> bool:
        return bool(self.rules.never_together) and frozenset((a, b)) in self.rules.never_together

    def count(self, a: int, b: int) -> int:
        return self.tally.count.get(self.tally.key(a, b), 0)

    def recency_penalty(self, a: int, b: int) -> int:
        last = self.tally.last.get(self.tally.key(a, b))
        if last is None:
            return 0
        return max(0, self.horizon + 1 - (self.tally.rounds - last))

    def soft_bonus(self, a: int, b: int) -> int:
        if not self.any_soft:
            return 0
        ma, mb = self.members.get(a), self.members.get(b)
        if ma is None or mb is None:
            return 0
        bonus = 0
        if self.rules.mix_roles and ma.role and mb.role and ma.role != mb.role:
            bonus += self.soft_unit
        return bonus

    def short(self, a: int, b: int) -> bool:
        """Whether a and b share fewer working hours than the rotation asks for."""
        hours = self.rules.min_overlap_hours
        if hours is None:
            return False
        key = pair(a, b)
        if key not in self.short_pairs:
            ma, mb = self.members.get(a), self.members.get(b)
            self.short_pairs[key] = (
                ma is not None
                and mb is not None
                and overlap_hours(ma.work_utc, mb.work_utc) < hours
            )
        return self.short_pairs[key]

    def skill_score(self, a: int, b: int) -> int:
        if self.rules.kind != Kind.SKILL_SHARE:
            return 0
        ma, mb = self.members.get(a), self.members.get(b)
        if ma is None or mb is None:
            return 0
        return skill_matches(ma, mb)

    def cost(self, a: int, b: int) -> int:
        """How much putting a and b together hurts (groups use this directly)."""
        key = self.tally.key(a, b)
        c = self.tally.count.get(key, 0)
        if not c and not self.any_soft and self.rules.kind != Kind.SKILL_SHARE:
            return 0  # never met and nothing to prefer: the common case, kept fast
        return (
            self.w_short * self.short(a, b)
            + self.w_repeat * (c > 0)
            + self.w_count * c * c
            - self.w_skill * self.skill_score(a, b)
            + self.w_quality * (self.recency_penalty(a, b) - self.soft_bonus(a, b))
        )

    def weight(self, a: int, b: int, in_base: bool) -> int:
        if self.plain:
            # Hot path (thousands of edges a round): a pair that never met costs nothing.
            key = (a, b) if self.tally.directed or a < b else (b, a)
            if key not in self.tally.count:
                return self.offset + in_base
        return self.offset - self.cost(a, b) + in_base


def short_pairs(
    group: Sequence[int], people: dict[int, Candidate], hours: float | None
) -> list[tuple[int, int, float]]:
    """(a, b, shared hours) for each pair of ``group`` sharing fewer than ``hours``."""
    if hours is None:
        return []
    out = []
    for a, b in itertools.combinations(group, 2):
        pa, pb = people.get(a), people.get(b)
        if pa is not None and pb is not None:
            shared = overlap_hours(pa.work_utc, pb.work_utc)
            if shared < hours:
                out.append((a, b, shared))
    return out


def skill_matches(a: Candidate, b: Candidate) -> int:
    """0, 1 or 2: in how many directions one member can teach the other a growth goal."""
    return int(bool(a.skills & b.goals)) + int(bool(b.skills & a.goals))


def teaching_topics(a: Candidate, b: Candidate) -> list[tuple[int, int, str]]:
    """(teacher, learner, topic) for each goal of one that the other has as a skill."""
    out = []
    for t, learner in ((a, b), (b, a)):
        for topic in sorted(t.skills & learner.goals):
            out.append((t.id, learner.id, topic))
    return out


# ------------------------------------------------------------------------- the planner

# Above this many present members, matching runs on each member's best candidate edges
# instead of the complete graph: blossom on a dense graph of 100 nodes takes ~0.2 s.
DENSE_LIMIT = 40
CANDIDATES_PER_MEMBER = 10


def plan(
    members: Sequence[Candidate],
    rules: Rules,
    history: Sequence[Round],
    requests: Sequence[RoundRequest],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Plan:
    """Plan one round per request, continuing from ``history`` (oldest first)."""
    order = [m.id for m in members]
    by_id = {m.id: m for m in members}
    tally = Tally(directed=rules.kind == Kind.CROSS_CHECK)
    for rnd in history:
        tally.add(rnd)
    cycle = cycle_length(rules.kind, len(order), rules.group_size)
    weights = Weights(len(order), tally, by_id, rules, cycle)
    result = Plan(rounds=[])
    if rules.kind == Kind.GROUPS:
        # Groups are planned for all requested rounds at once (see ``groups``).
        from teamkeel.core.rotations.groups import plan_groups

        round_pins = [
            _usable_pins(req, [m for m in order if m not in req.absent], rules, result.warnings, i)
            for i, req in enumerate(requests, start=tally.rounds)
        ]
        result.rounds, result.cancelled = plan_groups(
            order, by_id, rules, history, requests, round_pins, progress, cancelled
        )
        return result
    for i, req in enumerate(requests):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        present = [m for m in order if m not in req.absent]
        pins = _usable_pins(req, present, rules, result.warnings, tally.rounds)
        weights.refresh()
        rnd = _plan_round(rules, order, present, pins, tally, weights)
        result.rounds.append(rnd)
        tally.add(rnd)
        if progress is not None:
            progress(i + 1, len(requests))
    return result


def _usable_pins(
    req: RoundRequest, present: list[int], rules: Rules, warnings: list[str], index: int
) -> list[tuple[int, ...]]:
    here = set(present)
    used: set[int] = set()
    out = []
    for pin in req.pins:
        if not pin or any(m not in here for m in pin):
            warnings.append(
                _("round {number}: a pinned group has an absent member; not kept").format(
                    number=index + 1
                )
            )
            continue
        if used & set(pin) or len(set(pin)) != len(pin):
            warnings.append(
                _("round {number}: a member is pinned twice; second pin dropped").format(
                    number=index + 1
                )
            )
            continue
        used |= set(pin)
        out.append(tuple(pin))
    return out


def _plan_round(
    rules: Rules,
    order: list[int],
    present: list[int],
    pins: list[tuple[int, ...]],
    tally: Tally,
    weights: Weights,
) -> Round:
    if rules.kind == Kind.ROLE:
        return _plan_role(order, present, pins, tally)
    if rules.kind == Kind.CROSS_CHECK:
        return _plan_cross_check(order, present, pins, tally, weights)
    return _plan_pairs(rules, order, present, pins, tally, weights)


def _min_duty(tally: Tally, members: Sequence[int]) -> list[int]:
    if not members:
        return []
    low = min(tally.duty.get(m, 0) for m in members)
    return [m for m in members if tally.duty.get(m, 0) == low]


# ------------------------------------------------------------------- a rotating role


def _plan_role(
    order: list[int], present: list[int], pins: list[tuple[int, ...]], tally: Tally
) -> Round:
    if pins:
        return Round(groups=((pins[0][0],),))
    if not present:
        return Round(groups=())
    pos = {m: i for i, m in enumerate(order)}
    t = tally.rounds
    n = len(order)

    def rank(m: int) -> tuple[int, int, int]:
        held = tally.count.get((m, m), 0)
        last = tally.last.get((m, m), -(10**9))
        # Round-robin position as the last tie-break: whose turn it would be at round t.
        return (held, last, (pos[m] - t) % n)

    return Round(groups=((min(present, key=rank),),))


# ------------------------------------------------------------- pairs and skill-share

BYE = -1  # the phantom member whose partner sits out (or becomes the trio's third)

Adjacency = dict  # node -> {neighbour: weight}; nodes are member ids or ("r"|"a", id)


def _link(adj: Adjacency, a, b, w: int) -> None:
    adj[a][b] = w
    adj[b][a] = w


def _plan_pairs(
    rules: Rules,
    order: list[int],
    present: list[int],
    pins: list[tuple[int, ...]],
    tally: Tally,
    weights: Weights,
) -> Round:
    pinned = {m for p in pins for m in p}
    free = [m for m in present if m not in pinned]
    base: dict[int, int] = {}
    for a, b in circle_round(order, tally.rounds):
        base[a] = BYE if b is None else b
        base[BYE if b is None else b] = a
    adj: Adjacency = {m: {} for m in free}
    for i, a in enumerate(free):
        row, partner = adj[a], base.get(a)
        for b in free[i + 1 :]:
            if not weights.forbidden(a, b):
                row[b] = adj[b][a] = weights.weight(a, b, partner == b)
    odd = len(free) % 2 == 1
    if odd:
        adj[BYE] = {}
        for m in _min_duty(tally, free):
            _link(adj, m, BYE, weights.offset + (1 if base.get(m) == BYE else 0))
    matching = _best_matching(adj, base)
    if odd and not any(BYE in e for e in matching):
        # The duty spread could not be kept (forbidden pairs): let anyone take it.
        for m in free:
            if BYE not in adj[m]:
                _link(adj, m, BYE, weights.offset // 2)
        matching = _best_matching(adj, base)
    groups = [tuple(p) for p in pins]
    extra: list[int] = []
    for a, b in matching:
        if BYE in (a, b):
            extra.append(b if a == BYE else a)
        else:
            groups.append(tuple(sorted((a, b))))
    matched = {m for g in groups for m in g} | set(extra)
    extra += [m for m in free if m not in matched]  # unmatched because of forbidden pairs
    if rules.odd_policy == OddPolicy.TRIO and len(extra) == 1:
        third = extra[0]
        best = None
        for i, g in enumerate(groups):
            if len(g) != 2 or any(weights.forbidden(third, m) for m in g):
                continue
            score = sum(weights.cost(third, m) for m in g)
            if best is None or score < best[0]:
                best = (score, i)
        if best is not None:
            i = best[1]
            groups[i] = (*groups[i], third)
    pos = {m: i for i, m in enumerate(order)}
    groups.sort(key=lambda g: min(pos[m] for m in g))
    return Round(groups=tuple(groups), duty=tuple(extra))


def _best_matching(adj: Adjacency, base: dict) -> set[tuple]:
    """Maximum-weight matching of maximum cardinality, exact for small rounds.

    First checks whether the round-robin round is provably optimal: when every node's
    base edge is the heaviest edge at that node, no matching can weigh more. Large rounds
    that need real work are matched on each node's heaviest edges only, which is where a
    maximum-weight matching takes its edges from; if that loses cardinality, the complete
    graph is matched after all.
    """
    if not adj:
        return set()
    chosen = set()
    for v, edges in adj.items():
        partner = base.get(v)
        w = edges.get(partner) if partner is not None else None
        if w is None or any(x > w for x in edges.values()):
            break
        chosen.add((v, partner) if (partner, v) not in chosen else (partner, v))
    else:
        if 2 * len(chosen) == len(adj):
            return chosen
    if len(adj) <= DENSE_LIMIT:
        return _nx_matching(adj, None)
    thin = _thin(adj, base)
    matching = _nx_matching(adj, thin)
    if 2 * len(matching) < len(adj) - 1:
        matching = _nx_matching(adj, None)
    return matching


def _thin(adj: Adjacency, base: dict) -> set[tuple]:
    """Each node's heaviest edges. Equal weights are common (pairs that never met), so
    ties are broken differently for every node: the candidates then spread over the whole
    team instead of piling on the same few members."""
    rng = random.Random(len(adj))
    nodes = list(adj)
    rng.shuffle(nodes)
    rank = {v: i for i, v in enumerate(nodes)}
    keep = set()
    for v, edges in adj.items():
        r, size = rank[v], len(nodes)
        # The tie-break differs per node (distance along a shuffled circle), so nobody is
        # everyone's favourite.
        top = heapq.nlargest(
            CANDIDATES_PER_MEMBER, [(w, (rank[u] - r) % size, u) for u, w in edges.items()]
        )
        for _weight, _rank, u in top:
            keep.add((v, u))
        if base.get(v) in edges:
            keep.add((v, base[v]))
    return keep


def _nx_matching(adj: Adjacency, only: set[tuple] | None) -> set[tuple]:
    edges = (
        [(v, u, w) for v, e in adj.items() for u, w in e.items()]
        if only is None
        else [(v, u, adj[v][u]) for v, u in only]
    )
    # Floats hold integers below 2**53 exactly and make networkx's blossom much faster
    # than Python's big integers (it also skips its integer-only self-check).
    if all(w < 2**52 for _, _, w in edges):
        edges = [(v, u, float(w)) for v, u, w in edges]
    graph = nx.Graph()
    graph.add_nodes_from(adj)
    graph.add_weighted_edges_from(edges)
    return {tuple(e) for e in nx.max_weight_matching(graph, maxcardinality=True)}


# ----------------------------------------------------------------------- cross-check


def _plan_cross_check(
    order: list[int],
    present: list[int],
    pins: list[tuple[int, ...]],
    tally: Tally,
    weights: Weights,
) -> Round:
    pins = [p for p in pins if len(p) == 2 and p[0] != p[1]]
    reviewers = [m for m in present if m not in {p[0] for p in pins}]
    authors = [m for m in present if m not in {p[1] for p in pins}]
    n = len(order)
    pos = {m: i for i, m in enumerate(order)}
    shift = tally.rounds % (n - 1) + 1 if n > 1 else 0
    base: dict = {}
    for r in reviewers:
        a = order[(pos[r] + shift) % n]
        base[("r", r)] = ("a", a)
        base[("a", a)] = ("r", r)
    adj: Adjacency = {("r", m): {} for m in reviewers}
    author_nodes = [(a, ("a", a)) for a in authors]
    adj.update({an: {} for _, an in author_nodes})
    for r in reviewers:
        rn = ("r", r)
        row, wanted = adj[rn], base.get(rn)
        for a, an in author_nodes:
            if r != a and not weights.forbidden(r, a):
                row[an] = adj[an][rn] = weights.weight(r, a, wanted == an)
    matching = _best_matching(adj, base)
    groups = [tuple(p) for p in pins]
    for x, y in matching:
        r, a = (x, y) if x[0] == "r" else (y, x)
        groups.append((r[1], a[1]))
    given = {g[0] for g in groups}
    received = {g[1] for g in groups}
    left = tuple(m for m in present if m not in given or m not in received)
    groups.sort(key=lambda g: pos[g[0]])
    return Round(groups=tuple(groups), duty=left)
