"""Groups of k, planned for several rounds at once (the "social golfer" problem).

Planning groups one round at a time paints itself into a corner: the fourth round of
nine people in threes has no fresh arrangement left unless the first three were chosen
with it in mind. So the rounds requested are planned together, in blocks of at most the
number of rounds in which everybody could meet everybody once:

1. each round starts from a known repeat-free design where one exists (``designs``; a
   block then ends where the design ends; those away are left out of its round and the
   sizes evened out), with members placed on the design's points so that never-together
   pairs stand where the design keeps them apart and pins share a group (``relabel``; a
   plan that continues earlier rounds finds their placing again); otherwise, or when
   that breaks a pin or someone's spread of sizes, from a greedy fill (pins first, then
   each member into the group where they meet the least history; the cheapest of a few
   orders);
2. a local search then swaps two members of one round between groups, always moving a
   member who is in conflict (meets someone again, or someone they should not meet),
   taking the best swap that is not tabu (a swap just made waits 4 to 40 iterations);
   when it stalls, it starts again, alternately from the best schedule with a few
   random swaps and from a new greedy fill (Dotú and Van Hentenryck, "Scheduling social
   golfers locally", CPAIOR 2005).

What a swap costs, in tiers that never outweigh the tier above: a never-together pair;
a pair with fewer shared working hours than asked; meeting again (convex in the count,
so counts stay level); having met recently. Every swap is priced in constant time from
per-member, per-group sums kept up to date incrementally.

Groups hold k or k +- 1 members, and the sizes of the groups one member is in over time
differ by at most one (when absences change a round's mix of sizes, nobody goes from a
group of k - 1 to one of k + 1). The first fill gives the odd-sized groups' seats to
those who had them least, a preference the search gives up for fewer repeats. It is
deterministic (seeded) and bounded by an iteration budget, with a cap on its CPU time as a guard.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from teamkeel.core.rotations.designs import known_schedule
from teamkeel.core.rotations.plan_model import Candidate, Round, RoundRequest, Rules, overlap_hours
from teamkeel.core.rotations.relabel import recover, relabel

# Iterations of the local search per plan, shared by its blocks, and a guard on the
# planning thread's CPU time (CPU time rather than the clock, so that a busy machine gets
# the same plan), with the clock as a last resort: a plan stays under two seconds.
ITERATIONS = 4000
TIME_CAP = 1.0
CLOCK_CAP = 1.5
SAMPLE = 8  # conflicting members whose swaps are priced per iteration
FILLS, FILL_WORK = 12, 8000  # greedy fills tried per round, as work allows
BLOCK = 24  # rounds searched together at most when no design sets the length
STALL = 150  # iterations without a better schedule before a restart from the best one
TENURE = (4, 40)
RESTARTS = 8  # restarts in a row without a better schedule before the search stops


@dataclass
class Slot:
    """One planned round: its groups of member indices and the search's sums."""

    present: list[int]
    groups: list[list[int]]
    odd: list[bool]  # per group: is it one of the odd-sized groups (a duty seat)
    where: list[int]  # per member index: group, or -1 when not in this round
    fixed: list[bool]
    to: list[list[int]] = field(default_factory=list)  # to[x][g]: cost of x with group g
    tabu: dict[tuple[int, int], int] = field(default_factory=dict)  # swap -> until


def group_sizes(n: int, k: int) -> list[int]:
    """As many groups as keeps sizes closest to k, none smaller than k - 1 (nor 3)."""
    count = max(1, round(n / k))
    while count > 1 and n // count < max(3, k - 1):
        count -= 1
    return [n // count + (1 if i < n % count else 0) for i in range(count)]


def odd_size(sizes: Sequence[int], k: int) -> int | None:
    """The group size whose seats are a duty in a round of mixed sizes."""
    kinds = set(sizes)
    if len(kinds) < 2:
        return None
    other = kinds - {k}
    return other.pop() if len(other) == 1 else max(kinds)


def fresh_rounds(n: int, k: int) -> int:
    """Rounds in which everybody could meet everybody once (the most without repeats)."""
    return max(1, (n - 1) // max(1, k - 1))


class GroupsPlanner:
    def __init__(
        self,
        order: Sequence[int],
        people: dict[int, Candidate],
        rules: Rules,
        history: Sequence[Round],
    ) -> None:
        self.order = list(order)
        self.n = n = len(order)
        self.idx = {m: i for i, m in enumerate(order)}
        self.k = max(2, rules.group_size)
        self.count = [[0] * n for _ in range(n)]
        self.last = [[-(10**6)] * n for _ in range(n)]
        self.duty = [0] * n
        self.size_range: list[tuple[int, int] | None] = [None] * n  # sizes seen so far
        self.duty_last = [-(10**6)] * n
        self.rounds_done = 0
        self.held: list[list[list[int]]] = []  # every round so far, as member indices
        self.forbidden = [[False] * n for _ in range(n)]
        self.short = [[False] * n for _ in range(n)]
        for pair in rules.never_together:
            a, b = (self.idx.get(m) for m in pair)
            if a is not None and b is not None:
                self.forbidden[a][b] = self.forbidden[b][a] = True
        hours = rules.min_overlap_hours
        if hours is not None:
            for a, b in itertools.combinations(range(n), 2):
                pa, pb = people.get(order[a]), people.get(order[b])
                if pa and pb and overlap_hours(pa.work_utc, pb.work_utc) < hours:
                    self.short[a][b] = self.short[b][a] = True
        for rnd in history:
            self._record([[self.idx[m] for m in g if m in self.idx] for g in rnd.groups])
        self.deadline = self.clock_end = self.clock_deadline = 0.0
        self.budget = 0

    # -- history -------------------------------------------------------------------
    def _record(self, groups: list[list[int]]) -> None:
        t = self.rounds_done
        self.held.append(groups)
        for g in groups:
            for a, b in itertools.combinations(g, 2):
                self.count[a][b] += 1
                self.count[b][a] += 1
                self.last[a][b] = self.last[b][a] = t
        odd = odd_size([len(g) for g in groups if g], self.k)
        for g in groups:
            for m in g:
                self.size_range[m] = _widen(self.size_range[m], len(g))
            if odd is not None and len(g) == odd:
                for m in g:
                    self.duty[m] += 1
                    self.duty_last[m] = t
        self.rounds_done += 1

    # -- planning ------------------------------------------------------------------
    def plan(
        self,
        requests: Sequence[RoundRequest],
        pins: Sequence[list[tuple[int, ...]]],
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> tuple[list[Round], bool]:
        out: list[Round] = []
        # A block ends where a known design ends (counted from the rotation's first
        # round): the search then never trades a repeat in a later round for one in the
        # design's rounds.
        design = len(known_schedule(self.n, self.k))
        block = design if design > 1 else min(BLOCK, fresh_rounds(self.n, self.k))
        self.member_at = self._design_labels(requests, pins)
        end = time.thread_time() + TIME_CAP
        self.clock_end = time.perf_counter() + CLOCK_CAP
        total = len(requests)
        start = 0
        while start < total:
            if cancelled is not None and cancelled():
                return out, True
            size = min(block - self.rounds_done % block, total - start)
            self.budget = ITERATIONS * size // total
            # Each block gets its share of the time left, so late blocks are searched too;
            # on the clock as well, so that on a busy machine the last blocks' fills are
            # not left to run after the cap.
            now, clock = time.thread_time(), time.perf_counter()
            self.deadline = now + max(0.0, end - now) * size / (total - start)
            self.clock_deadline = clock + max(0.0, self.clock_end - clock) * size / (total - start)
            rounds = self._plan_block(requests[start : start + size], pins[start : start + size])
            for rnd in rounds:
                out.append(rnd)
                self._record([[self.idx[m] for m in g] for g in rnd.groups])
                if progress is not None:
                    progress(len(out), total)
            start += size
        return out, False

    def _design_labels(
        self, requests: Sequence[RoundRequest], pins: Sequence[list[tuple[int, ...]]]
    ) -> list[int]:
        """member_at[point]: who stands for each point of the known design. At the start
        of a design, chosen so that the never-together pairs and the pins of the rounds
        it covers hold in the design itself; later, the choice the rounds so far made."""
        n, k = self.n, self.k
        design = known_schedule(n, k)
        if len(design) <= 1:
            return list(range(n))
        cycled = len(design) == fresh_rounds(n, k)
        done = self.rounds_done % len(design) if cycled else self.rounds_done
        if 0 < done < len(design):
            found = recover(design, n, self.held[-done:])
            point_of = found if found is not None else list(range(n))
        elif done == 0:
            # Pins hold for the rounds asked for. A never-together pair is kept apart in
            # the whole design when the design leaves some pairs apart for good (later
            # plans continue it), else in the rounds asked for (it meets some time).
            span = min(len(design), len(requests))
            every_pair_meets = len(design) * (k - 1) >= n - 1
            apart = [(a, b) for a, b in itertools.combinations(range(n), 2) if self.forbidden[a][b]]
            pinned = [(t, tuple(self.idx[m] for m in pin)) for t in range(span) for pin in pins[t]]
            horizon = span if every_pair_meets else len(design)
            point_of = relabel(design, n, horizon, apart, pinned, seed=n * 31 + k)
        else:
            return list(range(n))
        member_at = [0] * n
        for m, p in enumerate(point_of):
            member_at[p] = m
        return member_at

    def _plan_block(
        self, requests: Sequence[RoundRequest], pins: Sequence[list[tuple[int, ...]]]
    ) -> list[Round]:
        n, k = self.n, self.k
        rng = random.Random(self.rounds_done * 7919 + n * 31 + k)
        size = len(requests)
        links = max(1, size * n * (k + 1))
        horizon = fresh_rounds(n, k) + 1
        self.rep = rep = horizon * links + 1
        top = max((max(row) for row in self.count), default=0)
        short_w = rep * (top + size + 1) * links
        big = short_w * links * 2
        now = self.rounds_done
        # Static cost of a pair meeting in this block, below one repeat in total.
        self.w0 = [
            [
                big * self.forbidden[a][b]
                + short_w * self.short[a][b]
                + max(0, horizon - (now - self.last[a][b]))
                for b in range(n)
            ]
            for a in range(n)
        ]
        self.base = [row[:] for row in self.count]  # meetings before this block
        duty = (self.duty[:], self.duty_last[:])
        self.block = (requests, pins, duty)
        self._fill(rng)
        self._search(rng)
        rounds = [self._finish(s) for s in self.slots]
        # The block's counts were provisional: the caller records the final rounds.
        self.count = self.base
        self.duty, self.duty_last = duty
        return rounds

    def _fill(self, rng: random.Random) -> None:
        """A first schedule for the block (again, from scratch, on a restart)."""
        requests, pins, duty = self.block
        self.count = [row[:] for row in self.base]
        self.duty, self.duty_last = duty[0][:], duty[1][:]
        self.slots = []
        # Per member: how many of the block's rounds put them in a group of each size.
        self.sizes_held: list[dict[int, int]] = [{} for _ in range(self.n)]
        for t, (req, pin) in enumerate(zip(requests, pins, strict=True)):
            self.slots.append(self._initial(t, req, pin, rng))
            self._hold_sizes(self.slots[-1], +1)
        # With sizes a and a + 1 only, here and before, nobody's sizes can spread by more
        # than one: the search need not check.
        seen = {len(g) for slot in self.slots for g in slot.groups}
        seen |= {z for r in self.size_range if r is not None for z in r}
        self.sizes_free = not seen or max(seen) - min(seen) <= 1
        self._rebuild()

    # -- the first schedule --------------------------------------------------------
    def _initial(
        self, t: int, req: RoundRequest, pins: list[tuple[int, ...]], rng: random.Random
    ) -> Slot:
        n = self.n
        present = [i for i, m in enumerate(self.order) if m not in req.absent]
        sizes = group_sizes(len(present), self.k) if present else []
        odd = odd_size(sizes, self.k)
        slot = Slot(
            present=present,
            groups=[[] for _ in sizes],
            odd=[s == odd for s in sizes],
            where=[-1] * n,
            fixed=[False] * n,
        )
        at = self.rounds_done + t
        design = known_schedule(n, self.k)
        # Past its end a design is only repeated when it met every pair once (then the
        # next cycle is as good as any); a shorter one leaves the rest to the search.
        usable = design and (at < len(design) or len(design) == fresh_rounds(n, self.k))
        pinned = [[self.idx[m] for m in pin] for pin in pins]
        groups: list[list[int]] | None = None
        if usable and present:
            mapped = [[self.member_at[p] for p in g] for g in design[at % len(design)]]
            if len(present) == n and all(s == self.k for s in sizes):
                groups = mapped
            else:  # the design's round without those away, sizes evened out
                groups = self._design_without_absent(mapped, present, sizes)
            if groups is not None and not all(
                any(set(pin) <= set(g) for g in groups) for pin in pinned
            ):
                groups = None
        if groups is not None:
            slot.groups = groups
            for i in itertools.chain.from_iterable(pinned):
                slot.fixed[i] = True
            for g, members in enumerate(groups):
                for i in members if slot.odd[g] else ():
                    self.duty[i] += 1
                    self.duty_last[i] = at
        else:
            self._place_pins(slot, sizes, pins)
            slot.groups = self._greedy_fill(slot, sizes, at, rng)
        for g, members in enumerate(slot.groups):
            for i in members:
                slot.where[i] = g
        self._count_slot(slot, +1)
        return slot

    def _design_without_absent(
        self, design_groups: list[list[int]], present: list[int], sizes: list[int]
    ) -> list[list[int]] | None:
        """The design's round with those away left out, fitted to ``sizes`` (in order):
        the largest remaining groups keep their members, the surplus of a group or of a
        group too many goes to the groups still short, each seat to whoever meets the
        least history there. None when that would break someone's spread of sizes."""
        here = set(present)
        left = sorted(([i for i in g if i in here] for g in design_groups), key=len, reverse=True)
        largest_first = sorted(range(len(sizes)), key=lambda g: -sizes[g])
        out: list[list[int]] = [[] for _ in sizes]
        pool: list[int] = []
        for pos, members in itertools.zip_longest(largest_first, left, fillvalue=None):
            if members is None:
                continue
            if pos is None:
                pool.extend(members)
                continue
            out[pos] = members[: sizes[pos]]
            pool.extend(members[sizes[pos] :])
        for pos in largest_first:
            while len(out[pos]) < sizes[pos]:
                joins = min(
                    pool,
                    key=lambda i: sum(
                        self.w0[i][j] + self.rep * self.count[i][j] for j in out[pos]
                    ),
                )
                pool.remove(joins)
                out[pos].append(joins)
        if any(not self._size_ok(-1, i, len(g)) for g in out for i in g):
            return None
        return out

    def _place_pins(self, slot: Slot, sizes: list[int], pins: list[tuple[int, ...]]) -> None:
        """Each pinned set into the group with most room (a group of k first)."""
        for pin in pins:
            ids = [self.idx[m] for m in pin]
            room = [
                (len(ids) <= s - len(slot.groups[g]), s - len(slot.groups[g]), not slot.odd[g], -g)
                for g, s in enumerate(sizes)
            ]
            fits, _, _, lowest_first = max(room)
            if not fits:
                continue
            g = -lowest_first
            for i in ids:
                slot.groups[g].append(i)
                slot.where[i] = g
                slot.fixed[i] = True

    def _greedy_fill(
        self, slot: Slot, sizes: list[int], at: int, rng: random.Random
    ) -> list[list[int]]:
        """Everyone not pinned, each into the open group where they meet the least
        history: the most constrained first, then in a few random orders; the cheapest
        fill is kept. The odd-sized groups' seats go to those who had them least."""
        free = [i for i in slot.present if slot.where[i] < 0]
        seats = sum(s - len(slot.groups[g]) for g, s in enumerate(sizes) if slot.odd[g])
        on_duty = self._duty_set(free, seats, at)
        for i in slot.present:
            if i in on_duty or (slot.where[i] >= 0 and slot.odd[slot.where[i]]):
                self.duty[i] += 1  # counted now so the block's later rounds rotate it
                self.duty_last[i] = at
        weight = {i: sum(self.w0[i]) + self.rep * sum(self.count[i]) for i in free}
        limited = {i for i in free if any(not self._size_ok(-1, i, z) for z in set(sizes))}
        best: tuple[int, list[list[int]]] | None = None
        for attempt in range(max(1, min(FILLS, FILL_WORK // max(1, self.n**2)))):
            rng.shuffle(free)
            if attempt == 0:
                free.sort(key=lambda i: -weight[i])
            free.sort(key=lambda i: i not in limited)
            groups = [members[:] for members in slot.groups]
            cost = 0
            for i in free:
                open_groups = [g for g, z in enumerate(sizes) if len(groups[g]) < z]
                allowed = [g for g in open_groups if self._size_ok(-1, i, sizes[g])] or open_groups
                options = [g for g in allowed if slot.odd[g] == (i in on_duty)] or allowed
                w0i, ci, rep = self.w0[i], self.count[i], self.rep
                added, g = min((sum(w0i[j] + rep * ci[j] for j in groups[g]), g) for g in options)
                groups[g].append(i)
                cost += added
            if best is None or cost < best[0]:
                best = (cost, groups)
            if self._out_of_time():
                break  # one fill per round is enough when the block's time is spent
        return best[1] if best is not None else slot.groups

    def _duty_set(self, free: list[int], seats: int, t_abs: int) -> set[int]:
        """Who takes the odd-sized groups' seats: those who had that duty least; among
        equals, people who have met least, so the odd groups start out fresh."""
        by_duty = sorted(
            free, key=lambda i: (self.duty[i], self.duty_last[i], (i - t_abs) % max(1, self.n))
        )
        chosen: list[int] = []
        while len(chosen) < seats:
            level = self.duty[by_duty[0]]
            pool = [i for i in by_duty if self.duty[i] == level]
            take = min(seats - len(chosen), len(pool))
            for _ in range(take):
                best = min(
                    pool,
                    key=lambda i: sum(self.w0[i][j] + self.rep * self.count[i][j] for j in chosen),
                )
                chosen.append(best)
                pool.remove(best)
            by_duty = [i for i in by_duty if i not in chosen and self.duty[i] != level] + pool
        return set(chosen)

    def _count_slot(self, slot: Slot, sign: int) -> None:
        for g in slot.groups:
            for a, b in itertools.combinations(g, 2):
                self.count[a][b] += sign
                self.count[b][a] += sign

    # -- local search --------------------------------------------------------------
    def _rebuild(self) -> None:
        """Recompute every per-group sum from the groups (after a restart)."""
        rep, w0, count = self.rep, self.w0, self.count
        for s in self.slots:
            s.to = [[0] * len(s.groups) for _ in range(self.n)]
            for x in s.present:
                row, wx, cx = s.to[x], w0[x], count[x]
                for g, members in enumerate(s.groups):
                    row[g] = sum(wx[y] + rep * cx[y] for y in members if y != x)

    def _total(self) -> int:
        """The schedule's cost: per pair, its static cost per meeting plus the convex
        repeat cost of its meetings in this block on top of the earlier ones."""
        total = 0
        for a in range(self.n):
            ca, ba, wa = self.count[a], self.base[a], self.w0[a]
            for b in range(a + 1, self.n):
                m = ca[b] - ba[b]
                if m:
                    total += m * wa[b] + self.rep * (ba[b] * m + m * (m - 1) // 2)
        return total

    def _conflicts(self) -> list[tuple[int, int]]:
        rep = self.rep
        out = []
        for t, s in enumerate(self.slots):
            for x in s.present:
                g = s.where[x]
                if not s.fixed[x] and s.to[x][g] > rep * (len(s.groups[g]) - 1):
                    out.append((t, x))
        return out

    def _some_conflicts(self, rng: random.Random) -> list[tuple[int, int]]:
        """Up to SAMPLE members in conflict. In a large block, the costliest of a few
        dozen probed at random (cheaper than a scan while conflicts are common, and
        aimed at the pairs met most); otherwise, or when probing finds too few, a scan."""
        rep, slots = self.rep, self.slots
        found: dict[tuple[int, int], int] = {}
        for _ in range(4 * SAMPLE if len(slots) * self.n > 400 else 0):
            t = rng.randrange(len(slots))
            s = slots[t]
            if not s.present:
                continue
            x = rng.choice(s.present)
            g = s.where[x]
            excess = s.to[x][g] - rep * (len(s.groups[g]) - 1)
            if not s.fixed[x] and excess > 0:
                found[(t, x)] = excess
        if len(found) >= SAMPLE:
            return sorted(found, key=lambda tx: -found[tx])[:SAMPLE]
        conflicts = self._conflicts()
        return conflicts if len(conflicts) <= SAMPLE else rng.sample(conflicts, SAMPLE)

    def _search(self, rng: random.Random) -> None:
        total = self._total()
        best, best_groups = total, self._snapshot()
        stall = restarts = fruitless = 0
        for it in range(1, self.budget + 1):
            if it % 8 == 1 and self._out_of_time():
                break
            sample = self._some_conflicts(rng)
            if not sample:
                break
            move = self._best_swap(sample, it, total - best, rng)
            if move is None:
                stall = STALL
            else:
                delta, t, u, v = move
                self._swap(t, u, v)
                total += delta
                tenure = rng.randint(*TENURE)
                self.slots[t].tabu[(u, v) if u < v else (v, u)] = it + tenure
                if total < best:
                    best, best_groups, stall, fruitless = total, self._snapshot(), 0, 0
                else:
                    stall += 1
            if stall >= STALL:
                fruitless += 1
                if fruitless > RESTARTS:
                    break  # small blocks: the best found is as good as it gets here
                # Alternately leave the best schedule by a few random swaps, and start
                # over from a new greedy fill (its ties fall differently each time).
                restarts += 1
                if restarts % 2:
                    self._restore(best_groups)
                    self._perturb(rng)
                elif self._out_of_time():
                    break  # a new fill of the whole block would run past the cap
                else:
                    self._fill(rng)
                total = self._total()
                stall = 0
        if total > best:
            self._restore(best_groups)

    def _out_of_time(self) -> bool:
        return time.thread_time() > self.deadline or time.perf_counter() > self.clock_deadline

    def _best_swap(
        self, sample: list[tuple[int, int]], it: int, above_best: int, rng: random.Random
    ) -> tuple[int, int, int, int] | None:
        rep, w0, count = self.rep, self.w0, self.count
        best: tuple[int, int, int, int] | None = None
        ties = 0
        for t, u in sample:
            s = self.slots[t]
            g = s.where[u]
            to_u, w0u, cu = s.to[u], w0[u], count[u]
            leave_u = rep * (len(s.groups[g]) - 1) - to_u[g]
            tabu = s.tabu
            size_g = len(s.groups[g])
            for h, members in enumerate(s.groups):
                if h == g:
                    continue
                cross = len(members) != size_g and not self.sizes_free
                if cross and not self._size_ok(t, u, len(members)):
                    continue
                stay_h = rep * (len(members) - 1)
                into_h = to_u[h]
                for v in members:
                    if s.fixed[v]:
                        continue
                    if cross and not self._size_ok(t, v, size_g):
                        continue
                    to_v = s.to[v]
                    delta = (
                        into_h + to_v[g] - to_v[h] + leave_u + stay_h - 2 * (w0u[v] + rep * cu[v])
                    )
                    if delta >= -above_best and tabu.get((u, v) if u < v else (v, u), 0) > it:
                        continue  # tabu, and not a new best (aspiration)
                    if best is None or delta < best[0]:
                        best, ties = (delta, t, u, v), 1
                    elif delta == best[0]:
                        ties += 1
                        if rng.randrange(ties) == 0:
                            best = (delta, t, u, v)
        return best

    def _size_ok(self, t: int, x: int, size: int) -> bool:
        """Whether x may be in a group of ``size`` in round t (-1: a round not yet
        counted): the sizes of x's groups over time, the block's other rounds included,
        differ by at most one."""
        lo, hi = self.size_range[x] or (size, size)
        lo, hi = min(lo, size), max(hi, size)
        now = len(self.slots[t].groups[self.slots[t].where[x]]) if t >= 0 else -1
        for held, times in self.sizes_held[x].items():
            if times - (held == now) > 0:
                lo, hi = min(lo, held), max(hi, held)
        return hi - lo <= 1

    def _hold_sizes(self, slot: Slot, sign: int) -> None:
        for members in slot.groups:
            for m in members:
                held = self.sizes_held[m]
                held[len(members)] = held.get(len(members), 0) + sign

    def _swap(self, t: int, u: int, v: int) -> None:
        s = self.slots[t]
        g, h = s.where[u], s.where[v]
        gm, hm = s.groups[g], s.groups[h]
        if len(gm) != len(hm):
            for x, old, new in ((u, len(gm), len(hm)), (v, len(hm), len(gm))):
                held = self.sizes_held[x]
                held[old] -= 1
                held[new] = held.get(new, 0) + 1
        for x in gm:
            if x != u:
                self._change(u, x, -1, t)
                self._change(v, x, +1, t)
        for y in hm:
            if y != v:
                self._change(v, y, -1, t)
                self._change(u, y, +1, t)
        gm[gm.index(u)] = v
        hm[hm.index(v)] = u
        s.where[u], s.where[v] = h, g
        rep, w0, count = self.rep, self.w0, self.count
        for x in s.present:
            row, wx, cx = s.to[x], w0[x], count[x]
            row[g] = sum(wx[y] + rep * cx[y] for y in gm if y != x)
            row[h] = sum(wx[y] + rep * cx[y] for y in hm if y != x)

    def _change(self, a: int, b: int, step: int, t: int) -> None:
        """a and b meet ``step`` times more: every other round's sums follow."""
        self.count[a][b] += step
        self.count[b][a] += step
        d = self.rep * step
        for t2, s in enumerate(self.slots):
            if t2 == t:
                continue
            ga, gb = s.where[a], s.where[b]
            if ga >= 0 and gb >= 0:
                s.to[a][gb] += d
                s.to[b][ga] += d

    def _snapshot(self) -> list[list[list[int]]]:
        return [[g[:] for g in s.groups] for s in self.slots]

    def _restore(self, groups: list[list[list[int]]]) -> None:
        for s in self.slots:
            self._count_slot(s, -1)
            self._hold_sizes(s, -1)
        for s, saved in zip(self.slots, groups, strict=True):
            s.groups = [g[:] for g in saved]
            for gi, members in enumerate(s.groups):
                for m in members:
                    s.where[m] = gi
            self._count_slot(s, +1)
            self._hold_sizes(s, +1)
        self._rebuild()

    def _perturb(self, rng: random.Random) -> None:
        """A few random swaps of conflicting members, to leave a local optimum."""
        conflicts = self._conflicts()
        for t, u in rng.sample(conflicts, min(len(conflicts), 3)):
            s = self.slots[t]
            g = s.where[u]
            size = len(s.groups[g])
            others = [
                v
                for v in s.present
                if s.where[v] != g
                and not s.fixed[v]
                and (
                    len(s.groups[s.where[v]]) == size
                    or (
                        self._size_ok(t, u, len(s.groups[s.where[v]])) and self._size_ok(t, v, size)
                    )
                )
            ]
            if others:
                self._swap(t, u, rng.choice(others))

    # -- the result ----------------------------------------------------------------
    def _finish(self, s: Slot) -> Round:
        """The round as member ids; a never-together pair that no arrangement could
        avoid is split by one of the two sitting this round out (never a pinned one)."""
        out: list[int] = []
        groups = []
        for members in s.groups:
            g = list(members)
            while bad := [(a, b) for a, b in itertools.combinations(g, 2) if self.forbidden[a][b]]:
                a, b = bad[0]
                leave = b if s.fixed[a] else a
                g.remove(leave)
                out.append(self.order[leave])
            if g:
                groups.append(tuple(self.order[i] for i in sorted(g)))
        groups.sort(key=lambda g: self.idx[g[0]])
        return Round(groups=tuple(groups), duty=tuple(out))


def plan_groups(
    order: Sequence[int],
    people: dict[int, Candidate],
    rules: Rules,
    history: Sequence[Round],
    requests: Sequence[RoundRequest],
    pins: Sequence[list[tuple[int, ...]]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[Round], bool]:
    """Plan every requested round of a groups rotation; returns (rounds, cancelled)."""
    planner = GroupsPlanner(order, people, rules, history)
    return planner.plan(requests, pins, progress, cancelled)


def _widen(seen: tuple[int, int] | None, size: int) -> tuple[int, int]:
    return (size, size) if seen is None else (min(seen[0], size), max(seen[1], size))
