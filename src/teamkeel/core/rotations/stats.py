"""How a rotation has spread people so far: the pairing matrix and per-member figures."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from teamkeel.core.rotations.planner import Kind
from teamkeel.core.rotations.records import RoundView


@dataclass(frozen=True)
class PairingMatrix:
    """``count[(a, b)]``: rounds a and b were together; ``last[(a, b)]``: the last one's
    number. Keys are ordered pairs (a < b), except for cross-check partners where the key
    is (reviewer, author)."""

    members: tuple[int, ...]
    count: dict[tuple[int, int], int]
    last: dict[tuple[int, int], int]
    directed: bool

    def get(self, a: int, b: int) -> int:
        return self.count.get(self._key(a, b), 0)

    def last_round(self, a: int, b: int) -> int | None:
        return self.last.get(self._key(a, b))

    def _key(self, a: int, b: int) -> tuple[int, int]:
        return (a, b) if self.directed or a < b else (b, a)

    @property
    def highest(self) -> int:
        return max(self.count.values(), default=0)


@dataclass(frozen=True)
class MemberStats:
    member: int
    rounds: int  # rounds they took part in
    distinct_partners: int
    sat_out: int
    trio_duty: int
    held_role: int  # a rotating role held, or reviews given for cross-check partners


def links(kind: Kind, members: tuple[int, ...]) -> list[tuple[int, int]]:
    if kind == Kind.CROSS_CHECK:
        return [(members[0], members[1])] if len(members) == 2 else []
    return [(a, b) if a < b else (b, a) for a, b in itertools.combinations(members, 2)]


def back_to_back_repeats(
    kind: Kind, rnd: RoundView, rounds: Sequence[RoundView], involving: Sequence[int] = ()
) -> list[tuple[tuple[int, int], int]]:
    """Links of ``rnd`` that the round just before or just after it has too, as
    (link, that round's number); only links with a member of ``involving`` if given.
    A rotating role has no links: holding it twice is not a pair meeting again."""
    if kind == Kind.ROLE:
        return []
    found = []
    for other in rounds:
        if abs(other.number - rnd.number) != 1:
            continue
        theirs = {link for g in other.groups for link in links(kind, g.members)}
        for g in rnd.groups:
            for link in links(kind, g.members):
                wanted = not involving or set(link) & set(involving)
                if wanted and link in theirs:
                    found.append((link, other.number))
    return found


def pairing_matrix(
    kind: Kind, members: Sequence[int], rounds: Sequence[RoundView]
) -> PairingMatrix:
    count: dict[tuple[int, int], int] = {}
    last: dict[tuple[int, int], int] = {}
    seen = list(members)
    for rnd in rounds:
        for g in rnd.groups:
            seen += [m for m in g.members if m not in seen]
            for link in links(kind, g.members):
                count[link] = count.get(link, 0) + 1
                last[link] = max(last.get(link, -1), rnd.number)
    return PairingMatrix(tuple(seen), count, last, kind == Kind.CROSS_CHECK)


def member_stats(
    kind: Kind, members: Sequence[int], rounds: Sequence[RoundView]
) -> list[MemberStats]:
    partners: dict[int, set[int]] = {m: set() for m in members}
    taken = dict.fromkeys(members, 0)
    sat = dict.fromkeys(members, 0)
    trio = dict.fromkeys(members, 0)
    held = dict.fromkeys(members, 0)
    for rnd in rounds:
        for g in rnd.groups:
            for m in g.members:
                partners.setdefault(m, set()).update(x for x in g.members if x != m)
                taken[m] = taken.get(m, 0) + 1
            if kind == Kind.ROLE and g.members:
                held[g.members[0]] = held.get(g.members[0], 0) + 1
            if kind == Kind.CROSS_CHECK and g.members:
                held[g.members[0]] = held.get(g.members[0], 0) + 1
        out = set(rnd.sitting_out)
        for m in rnd.duty:
            if m in out:
                sat[m] = sat.get(m, 0) + 1
            else:
                trio[m] = trio.get(m, 0) + 1
    everyone = list(dict.fromkeys([*members, *partners]))
    return [
        MemberStats(
            member=m,
            rounds=taken.get(m, 0),
            distinct_partners=len(partners.get(m, ())),
            sat_out=sat.get(m, 0),
            trio_duty=trio.get(m, 0),
            held_role=held.get(m, 0),
        )
        for m in everyone
    ]
