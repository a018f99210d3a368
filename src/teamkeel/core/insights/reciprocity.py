"""Reciprocity per member: how much help each person gave and received, and with whom.

"Given" counts exchanges where the member was the helper (kudos they received, blockers
they helped on, and supportive actions they did for a colleague); "received" counts
exchanges where they were helped (kudos they gave, helpers on their own blockers, and
supportive actions done for them).  Balance is given minus received.

Two gentle flags prompt the lead to check in, never to judge:

- *carrying a lot*: in each of the last ``carry_periods`` periods the member gave at least
  ``min_given`` times and at least ``give_ratio`` times what they received (a risk of
  helper burnout);
- *quiet*: no exchange at all in each of the last ``quiet_periods`` periods (possibly
  isolated), unless they were away throughout or had not joined yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _, format_number
from teamkeel.core.insights.events import HelpLog, Period, Person
from teamkeel.core.insights.exchanges import Exchange, within

CARRYING = "carrying"
QUIET = "quiet"


@dataclass(frozen=True)
class Thresholds:
    """When a flag is raised.  Shown next to the flags and adjustable by the lead."""

    give_ratio: float = 2.0
    min_given: int = 3
    carry_periods: int = 3
    quiet_periods: int = 2

    def validate(self) -> Thresholds:
        problems = []
        if not self.give_ratio >= 1:
            problems.append(Problem("give ratio", _("must be at least 1")))
        if self.min_given < 1:
            problems.append(Problem("minimum given", _("must be at least 1")))
        if not 1 <= self.carry_periods <= 12:
            problems.append(Problem("periods for carrying", _("must be between 1 and 12")))
        if not 1 <= self.quiet_periods <= 12:
            problems.append(Problem("periods for quiet", _("must be between 1 and 12")))
        if problems:
            raise ValidationError(problems)
        return self

    @property
    def depth(self) -> int:
        """How many periods (the chosen one and those before it) the flags look at."""
        return max(self.carry_periods, self.quiet_periods, 2)

    def describe(self) -> list[str]:
        if self.carry_periods == 1:
            carrying = _(
                "Carrying a lot: gave at least {given} times and at least {ratio}× what they "
                "received, in this period."
            )
        else:
            carrying = _(
                "Carrying a lot: gave at least {given} times and at least {ratio}× what they "
                "received, in each of the last {count} periods."
            )
        if self.quiet_periods == 1:
            quiet = _(
                "Quiet: no recorded exchange in this period (people away throughout are left out)."
            )
        else:
            quiet = _(
                "Quiet: no recorded exchange in each of the last {count} periods (people away "
                "throughout are left out)."
            )
        return [
            carrying.format(
                given=format_number(self.min_given),
                ratio=format_number(self.give_ratio),
                count=self.carry_periods,
            ),
            quiet.format(count=self.quiet_periods),
            _("A period is as long as the one shown, counted back from its last day."),
        ]


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Counts:
    given: int = 0
    received: int = 0
    helped: int = 0  # distinct people this member helped
    helped_by: int = 0  # distinct people who helped this member

    @property
    def balance(self) -> int:
        return self.given - self.received

    @property
    def exchanges(self) -> int:
        return self.given + self.received


@dataclass(frozen=True)
class MemberReciprocity:
    member_id: int
    name: str
    role: str
    now: Counts
    before: Counts  # the previous period, for comparison
    flags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Flag:
    member_id: int
    name: str
    kind: str  # CARRYING or QUIET
    history: tuple[Counts, ...]  # newest first, one per period examined


def counts_by_member(exchanges: Iterable[Exchange]) -> dict[int, Counts]:
    given: dict[int, int] = defaultdict(int)
    received: dict[int, int] = defaultdict(int)
    helped: dict[int, set[int]] = defaultdict(set)
    helped_by: dict[int, set[int]] = defaultdict(set)
    for e in exchanges:
        given[e.helper_id] += 1
        received[e.helped_id] += 1
        helped[e.helper_id].add(e.helped_id)
        helped_by[e.helped_id].add(e.helper_id)
    ids = set(given) | set(received)
    return {i: Counts(given[i], received[i], len(helped[i]), len(helped_by[i])) for i in ids}


def members_in(log: HelpLog, period: Period, counts: dict[int, Counts]) -> list[Person]:
    """People who belong in a period's view: current members who had joined by its end,
    plus anyone (e.g. since archived) who took part in an exchange during it."""
    out = []
    for p in log.people:
        joined = p.start_date is None or p.start_date <= period.end
        if p.id in counts or (not p.archived and joined):
            out.append(p)
    return out


def _carrying(c: Counts, t: Thresholds) -> bool:
    return c.given >= t.min_given and c.given >= t.give_ratio * c.received


def _quiet(c: Counts) -> bool:
    return c.exchanges == 0


def reciprocity(
    log: HelpLog,
    exchanges: Sequence[Exchange],
    period: Period,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[list[MemberReciprocity], list[Flag]]:
    """Per-member counts for ``period`` (with the previous period) and the flags.

    Members come back in name order: this is a list of people, not a ranking.
    """
    periods = period.back(thresholds.depth)
    per_period = [counts_by_member(within(exchanges, p)) for p in periods]
    current = per_period[0]
    empty = Counts()
    # A period in which nobody's help was logged says nothing about one person (the log
    # was not kept): "quiet" is only said when others' exchanges were recorded meanwhile.
    log_kept = all(per_period[: thresholds.quiet_periods])

    rows: list[MemberReciprocity] = []
    flags: list[Flag] = []
    for person in members_in(log, period, current):
        history = tuple(c.get(person.id, empty) for c in per_period)
        kinds = []
        carry = history[: thresholds.carry_periods]
        if all(_carrying(c, thresholds) for c in carry):
            kinds.append(CARRYING)
            flags.append(Flag(person.id, person.name, CARRYING, carry))
        quiet_periods = periods[: thresholds.quiet_periods]
        quiet = history[: thresholds.quiet_periods]
        if log_kept and all(_quiet(c) for c in quiet) and _was_around(person, quiet_periods):
            kinds.append(QUIET)
            flags.append(Flag(person.id, person.name, QUIET, quiet))
        rows.append(
            MemberReciprocity(
                person.id, person.name, person.role, history[0], history[1], tuple(kinds)
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), r.member_id))
    flags.sort(key=lambda f: (f.kind, f.name.casefold()))
    return rows, flags


def _was_around(person: Person, periods: Sequence[Period]) -> bool:
    """Had joined before the oldest period examined and was not away throughout it all."""
    oldest = periods[-1]
    if person.start_date is not None and person.start_date > oldest.start:
        return False
    return not person.away_throughout(oldest.start, periods[0].end)
