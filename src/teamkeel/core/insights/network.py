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
    pairs: Counter[tuple[int, int]] = Counter(
        (e.helper_id, e.helped_id)
        for e in exchanges
        if e.helper_id in in_view or e.helped_id in in_view
    )
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    role = {p.id: _role_key(p.role) for p in log.people}
    crossing = known = 0
    # counted per pair of people, not per exchange: a year of help has few distinct pairs
    for (helper, helped), n in pairs.items():
        given[helper] += n
        received[helped] += n
        a, b = role.get(helper, ""), role.get(helped, "")
        if a and b:
            known += n
            crossing += n if a != b else 0
    nodes = tuple(
        Node(p.id, p.name, p.role, given[p.id], received[p.id])
        for p in sorted(members, key=lambda p: (_role_key(p.role), p.name.casefold()))
    )
    edges = tuple(
        Edge(a, b, n) for (a, b), n in sorted(pairs.items()) if a in in_view and b in in_view
    )
    both = sum(1 for p in members if given[p.id] and received[p.id])
    return HelpNetwork(nodes, edges, Share(crossing, known), Share(both, len(members)))


# Above this many people a person-to-person graph is unreadable; show roles instead.
MAX_PEOPLE_DRAWN = 24


OTHER_ROLES = "Other roles"


def role_groups(net: HelpNetwork, min_size: int = 1) -> dict[int, str]:
    """Member id -> the group shown for them: their role, or "Other roles" when fewer
    than ``min_size`` people share it (so that no group points at one person)."""
    counts = Counter(_role_key(n.role) for n in net.nodes)
    return {
        n.member_id: (n.role.strip() or "no role")
        if counts[_role_key(n.role)] >= min_size
        else OTHER_ROLES
        for n in net.nodes
    }


def by_role(net: HelpNetwork, min_size: int = 1) -> HelpNetwork:
    """The same network with one node per role (roles with fewer than ``min_size``
    people pooled as "Other roles"): help between groups as edges; help within a group
    only counts in its node's ``given``/``received``.  Node ids are negative so they
    never clash with member ids; ``name`` says how many people are in the group."""
    group_of = role_groups(net, min_size)
    groups: dict[str, list[Node]] = {}
    for n in net.nodes:
        groups.setdefault(group_of[n.member_id].casefold(), []).append(n)
    ids = {key: -(i + 1) for i, key in enumerate(groups)}
    key_of = {m: g.casefold() for m, g in group_of.items()}
    pairs: Counter[tuple[int, int]] = Counter()
    for e in net.edges:
        a, b = key_of[e.helper_id], key_of[e.helped_id]
        if a != b:
            pairs[(ids[a], ids[b])] += e.count
    nodes = tuple(
        Node(
            ids[key],
            f"{group_of[members[0].member_id]} ({len(members)})",
            group_of[members[0].member_id],
            sum(m.given for m in members),
            sum(m.received for m in members),
        )
        for key, members in groups.items()
    )
    edges = tuple(Edge(a, b, n) for (a, b), n in sorted(pairs.items()))
    return HelpNetwork(nodes, edges, net.cross_role, net.mutual)


def role_node_of(net: HelpNetwork) -> dict[int, int]:
    """Member id -> the id of their role's node in ``by_role(net)``."""
    keys = list(dict.fromkeys(_role_key(n.role) for n in net.nodes))
    return {n.member_id: -(keys.index(_role_key(n.role)) + 1) for n in net.nodes}
