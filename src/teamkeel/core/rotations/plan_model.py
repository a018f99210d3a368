"""The rotation planner's data: rotation kinds, candidates, rules, rounds and plans.

Shared by the planner and the groups planner (``groups``), which the planner calls:
kept apart so that neither module imports the other back."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from teamkeel.core.i18n import N_


class Kind(StrEnum):
    PAIRS = "pairs"
    CROSS_CHECK = "cross_check"
    SKILL_SHARE = "skill_share"
    ROLE = "role"
    GROUPS = "groups"


class OddPolicy(StrEnum):
    SIT_OUT = "sit_out"
    TRIO = "trio"


KIND_LABELS = {
    Kind.PAIRS: N_("Pairs"),
    Kind.CROSS_CHECK: N_("Cross-check partners"),
    Kind.SKILL_SHARE: N_("Skill-share partners"),
    Kind.ROLE: N_("Rotating role"),
    Kind.GROUPS: N_("Groups"),
}


@dataclass(frozen=True)
class Candidate:
    """What the planner needs to know about one member of a rotation."""

    id: int
    role: str = ""
    # Working hours as minutes after midnight UTC on the round's day; end may pass 1440.
    work_utc: tuple[int, int] | None = None
    skills: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    kind: Kind = Kind.PAIRS
    odd_policy: OddPolicy = OddPolicy.SIT_OUT
    group_size: int = 3
    never_together: frozenset[frozenset[int]] = frozenset()
    mix_roles: bool = False
    min_overlap_hours: float | None = None


@dataclass(frozen=True)
class Round:
    """One round, planned or done.

    ``groups`` hold member ids; for cross-check rotations each group is ``(reviewer,
    author)``, for a rotating role it is ``(holder,)``. ``duty`` lists who sat out, or
    who joined a pair as the third member of a trio.
    """

    groups: tuple[tuple[int, ...], ...]
    duty: tuple[int, ...] = ()

    def members(self) -> list[int]:
        return [m for g in self.groups for m in g]


@dataclass(frozen=True)
class RoundRequest:
    """What the lead asks of one round to plan: who is away, which groups are pinned."""

    absent: frozenset[int] = frozenset()
    pins: tuple[tuple[int, ...], ...] = ()


@dataclass
class Plan:
    rounds: list[Round]
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


class Cancelled(Exception):
    pass


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def overlap_hours(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """Hours two UTC working windows share, trying the neighbouring days too."""
    if a is None or b is None:
        return 24.0
    best = 0
    for shift in (-1440, 0, 1440):
        lo = max(a[0], b[0] + shift)
        hi = min(a[1], b[1] + shift)
        best = max(best, hi - lo)
    return best / 60
