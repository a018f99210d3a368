"""Plain data the rotation service takes and returns (no SQL, no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import _
from teamkeel.core.rotations.planner import Candidate as Candidate
from teamkeel.core.rotations.planner import Kind, OddPolicy, Round, RoundRequest, Rules

# A rotation's name heads its board and its PDF.
MAX_NAME = 100


@dataclass(frozen=True)
class RotationSpec:
    """A rotation as the lead defines it. ``members`` is used when ``all_members`` is off."""

    name: str
    kind: Kind = Kind.PAIRS
    start_date: dt.date = field(default_factory=dt.date.today)
    cadence_weeks: int = 1
    all_members: bool = True
    members: tuple[int, ...] = ()
    odd_policy: OddPolicy = OddPolicy.SIT_OUT
    group_size: int = 3
    never_together: tuple[tuple[int, int], ...] = ()
    mix_roles: bool = False
    min_overlap_hours: float | None = None
    notes: str = ""
    id: int | None = None
    # A calendar ritual the rounds meet at; start_date and cadence_weeks then follow it.
    ritual_id: int | None = None

    def rules(self) -> Rules:
        return Rules(
            kind=self.kind,
            odd_policy=self.odd_policy,
            group_size=self.group_size,
            never_together=frozenset(frozenset(p) for p in self.never_together),
            mix_roles=self.mix_roles,
            min_overlap_hours=self.min_overlap_hours,
        )

    def day_of(self, number: int) -> dt.date:
        return self.start_date + dt.timedelta(weeks=self.cadence_weeks * number)

    def problems(self) -> list[Problem]:
        """What is wrong with this rotation, each naming the field."""
        out = []
        if not self.name.strip():
            out.append(Problem("name", _("give the rotation a name")))
        elif len(self.name) > MAX_NAME:
            out.append(
                Problem("name", _("keep it under {MAX_NAME} characters").format(MAX_NAME=MAX_NAME))
            )
        if out_of_range(self.start_date):
            out.append(Problem("start", str(out_of_range(self.start_date))))
        if self.cadence_weeks < 1:
            out.append(Problem("cadence", _("must be at least every 1 week")))
        if self.kind == Kind.GROUPS and self.group_size < 3:
            out.append(Problem("group size", _("groups need at least 3 members (use pairs below)")))
        needed = 1 if self.kind == Kind.ROLE else 2
        if not self.all_members and len(set(self.members)) < needed:
            out.append(
                Problem("members", _("choose at least {needed} members").format(needed=needed))
            )
        chosen = set(self.members)
        for a, b in self.never_together:
            if a == b:
                out.append(Problem("never together", _("a pair needs two different members")))
            elif not self.all_members and not {a, b} <= chosen:
                out.append(Problem("never together", _("both members must be in the rotation")))
        if self.min_overlap_hours is not None and not 0 <= self.min_overlap_hours <= 24:
            out.append(Problem("shared hours", _("must be between 0 and 24 hours")))
        return out


@dataclass(frozen=True)
class Group:
    members: tuple[int, ...]
    pinned: bool = False


@dataclass(frozen=True)
class RoundView:
    """A stored round. ``duty`` lists who sat out or joined a pair as the third."""

    id: int | None
    number: int
    day: dt.date
    done: bool
    groups: tuple[Group, ...]
    duty: tuple[int, ...] = ()

    @property
    def sitting_out(self) -> tuple[int, ...]:
        seated = {m for g in self.groups for m in g.members}
        return tuple(m for m in self.duty if m not in seated)

    def as_round(self) -> Round:
        return Round(groups=tuple(g.members for g in self.groups), duty=self.duty)

    def pins(self) -> tuple[tuple[int, ...], ...]:
        return tuple(g.members for g in self.groups if g.pinned)


@dataclass(frozen=True)
class RotationSummary:
    spec: RotationSpec
    rounds: int
    done: int
    next_day: dt.date | None


@dataclass(frozen=True)
class PlanJob:
    """Everything needed to plan, read in the main thread; planning it touches no file."""

    rotation_id: int
    candidates: tuple[Candidate, ...]
    rules: Rules
    history: tuple[Round, ...]
    requests: tuple[RoundRequest, ...]
    numbers: tuple[int, ...]  # round numbers the plan fills, in order
    days: tuple[dt.date, ...]
    replaces: tuple[int, ...]  # not-done round numbers the stored plan replaces
