"""The help network: who helped whom, how much help crossed roles, and how many people
both gave and received help."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from teamkeel.core.insights.events import HelpLog, Person
from teamkeel.core.insights.exchanges import Exchange


@dataclass(frozen=True)
class Edge:
    helper_id: int
    helped_id: int
    count: int


@dataclass(frozen=True)
class Node:
    member_id: int
    name: str
    role: str
    given: int
    received: int


@dataclass(frozen=True)
class Share:
    """``part`` out of ``whole``; ``value`` is None when there is nothing to divide."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def percent(self) -> str:
        return "—" if self.value is None else f"{round(self.value * 100)}%"


@dataclass(frozen=True)
class HelpNetwork:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    cross_role: Share  # exchanges between people of different roles / with both roles known
    mutual: Share  # members who both gave and received / members in view


def _role_key(role: str) -> str:
    return role.strip().casefold()


def help_network(
    log: HelpLog, exchanges: Iterable[Exchange], members: Sequence[Person]
) -> HelpNetwork:
    """Build the network of ``exchanges`` among the people in ``members``'s view.

    Exchanges with someone outside ``members`` still count for the shares of those inside;
    the graph keeps only nodes in view.
    """
    in_view = {p.id for p in members}
    pairs: Counter[tuple[int, int]] = Counter()
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    crossing = known = 0
    for e in exchanges:
        if e.helper_id not in in_view and e.helped_id not in in_view:
            continue
        pairs[(e.helper_id, e.helped_id)] += 1
        given[e.helper_id] += 1
        received[e.helped_id] += 1
        helper, helped = log.person(e.helper_id), log.person(e.helped_id)
        if helper and helped and helper.role.strip() and helped.role.strip():
            known += 1
            crossing += _role_key(helper.role) != _role_key(helped.role)
    nodes = tuple(
        Node(p.id, p.name, p.role, given[p.id], received[p.id])
        for p in sorted(members, key=lambda p: (_role_key(p.role), p.name.casefold()))
    )
    edges = tuple(
        Edge(a, b, n) for (a, b), n in sorted(pairs.items()) if a in in_view and b in in_view
    )
    both = sum(1 for p in members if given[p.id] and received[p.id])
    return HelpNetwork(nodes, edges, Share(crossing, known), Share(both, len(members)))
