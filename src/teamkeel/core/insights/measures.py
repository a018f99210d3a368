"""All measures for one period in one value, and its JSON form.

``compute`` is pure: it takes a detached ``HelpLog`` (plus survey rounds and ritual
tallies) and returns an ``Insights`` value that the window, the report and the command
line all present.  Nothing here ranks people: member lists are in name order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from teamkeel.core.insights.blockers import BlockerSummary, blocker_summary
from teamkeel.core.insights.events import HelpLog, Period, Person
from teamkeel.core.insights.exchanges import Exchange, all_exchanges, by_kind, within
from teamkeel.core.insights.network import HelpNetwork, help_network
from teamkeel.core.insights.reciprocity import (
    DEFAULT_THRESHOLDS,
    Flag,
    MemberReciprocity,
    Thresholds,
    counts_by_member,
    members_in,
    reciprocity,
)
from teamkeel.core.insights.rituals import RitualTally
from teamkeel.core.insights.survey import SurveyRound, SurveySummary, summarize


@dataclass(frozen=True)
class Insights:
    period: Period
    previous: Period
    role: str | None  # the role filter, None for the whole team
    thresholds: Thresholds
    members: tuple[MemberReciprocity, ...]
    flags: tuple[Flag, ...]
    network: HelpNetwork
    network_before: HelpNetwork
    blockers: BlockerSummary
    blockers_before: BlockerSummary
    survey: SurveySummary
    rituals: tuple[RitualTally, ...] | None  # None when the calendar is absent
    exchanges_total: int  # exchanges in view during the period
    exchanges_before: int  # the same, in the previous period
    # Exchanges in view per kind (kudo, blocker, support), this period and the one before.
    kinds: tuple[tuple[str, int], ...] = ()
    kinds_before: tuple[tuple[str, int], ...] = ()
    logged_from: dt.date | None = None  # the earliest day in the log (None: empty log)

    @property
    def before_logged(self) -> bool:
        """Whether the log goes back into the previous period: if not, that period has
        no figures to compare with (a new team), not figures of zero."""
        return self.logged_from is not None and self.logged_from <= self.previous.end

    def roles(self) -> list[str]:
        return sorted({m.role for m in self.members if m.role}, key=str.casefold)


def _in_role(person: Person | None, role: str | None) -> bool:
    return role is None or (
        person is not None and person.role.strip().casefold() == role.strip().casefold()
    )


def compute(
    log: HelpLog,
    period: Period,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    rounds: Sequence[SurveyRound] = (),
    min_responses: int | None = None,
    role: str | None = None,
    rituals: Sequence[RitualTally] | None = None,
    exchanges: Sequence[Exchange] | None = None,
) -> Insights:
    """Every measure for ``period``, with the previous period of the same length.

    With ``role`` set, members and blockers are limited to people in that role; help
    they exchanged with anyone still counts.
    """
    thresholds.validate()
    exchanges = all_exchanges(log) if exchanges is None else exchanges
    if role is not None:
        keep = {p.id for p in log.people if _in_role(p, role)}
        exchanges = [e for e in exchanges if e.helper_id in keep or e.helped_id in keep]
    previous = period.previous()
    members, flags = reciprocity(log, exchanges, period, thresholds)
    members = [m for m in members if _in_role(log.person(m.member_id), role)]
    flags = [f for f in flags if _in_role(log.person(f.member_id), role)]

    def network_for(p: Period) -> HelpNetwork:
        current = within(exchanges, p)
        people = [x for x in members_in(log, p, counts_by_member(current)) if _in_role(x, role)]
        return help_network(log, current, people)

    blockers = [b for b in log.blockers if _in_role(log.person(b.owner_id), role)]
    return Insights(
        period=period,
        previous=previous,
        role=role,
        thresholds=thresholds,
        members=tuple(members),
        flags=tuple(flags),
        network=network_for(period),
        network_before=network_for(previous),
        blockers=blocker_summary(log, period, blockers),
        blockers_before=blocker_summary(log, previous, blockers),
        survey=summarize([r for r in rounds if r.held_on <= period.end], min_responses),
        rituals=None if rituals is None else tuple(rituals),
        exchanges_total=len(within(exchanges, period)),
        exchanges_before=len(within(exchanges, previous)),
        logged_from=log.first_day or _first_day(log),
        kinds=tuple(by_kind(within(exchanges, period)).items()),
        kinds_before=tuple(by_kind(within(exchanges, previous)).items()),
    )


def _first_day(log: HelpLog) -> dt.date | None:
    """The earliest day of a log built without ``first_day`` (from its own entries)."""
    days = [k.day for k in log.kudos] + [b.raised for b in log.blockers]
    return min(days, default=None)


def _num(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def to_json(ins: Insights) -> dict[str, Any]:
    """A plain-JSON view of the measures (dates as ISO strings)."""

    def counts(c: Any) -> dict[str, int]:
        return {
            "given": c.given,
            "received": c.received,
            "balance": c.balance,
            "people_helped": c.helped,
            "helped_by": c.helped_by,
        }

    def net(n: HelpNetwork) -> dict[str, Any]:
        return {
            "cross_role_share": _num(n.cross_role.value, 3),
            "cross_role_exchanges": n.cross_role.part,
            "exchanges_with_roles": n.cross_role.whole,
            "both_gave_and_received_share": _num(n.mutual.value, 3),
            "both_gave_and_received": n.mutual.part,
            "members": n.mutual.whole,
            "edges": [
                {"helper_id": e.helper_id, "helped_id": e.helped_id, "count": e.count}
                for e in n.edges
            ],
        }

    def blk(b: BlockerSummary) -> dict[str, Any]:
        return {
            "raised": b.raised,
            "resolved": b.resolved,
            "open_at_end": b.open_at_end,
            "median_days_to_resolve": _num(b.median_days),
            "p90_days_to_resolve": _num(b.p90_days),
            "by_month": [
                {
                    "month": m.month,
                    "resolved": m.resolved,
                    "median_days": _num(m.median_days),
                    "p90_days": _num(m.p90_days),
                }
                for m in b.by_month
            ],
            "oldest_open": [
                {
                    "id": o.blocker_id,
                    "owner": o.owner,
                    "raised": o.raised.isoformat(),
                    "age_days": o.age_days,
                    "note": o.note,
                }
                for o in b.oldest_open
            ],
        }

    t = ins.thresholds
    return {
        "period": {"from": ins.period.start.isoformat(), "to": ins.period.end.isoformat()},
        "previous_period": {
            "from": ins.previous.start.isoformat(),
            "to": ins.previous.end.isoformat(),
        },
        "role": ins.role,
        "thresholds": {
            "give_ratio": t.give_ratio,
            "min_given": t.min_given,
            "carry_periods": t.carry_periods,
            "quiet_periods": t.quiet_periods,
        },
        "exchanges": ins.exchanges_total,
        "exchanges_previous": ins.exchanges_before,
        "exchanges_by_kind": dict(ins.kinds),
        "exchanges_by_kind_previous": dict(ins.kinds_before),
        "members": [
            {
                "id": m.member_id,
                "name": m.name,
                "role": m.role,
                **counts(m.now),
                "previous": counts(m.before),
                "flags": list(m.flags),
            }
            for m in ins.members
        ],
        "flags": [{"member_id": f.member_id, "name": f.name, "kind": f.kind} for f in ins.flags],
        "network": net(ins.network),
        "network_previous": net(ins.network_before),
        "blockers": blk(ins.blockers),
        "blockers_previous": blk(ins.blockers_before),
        "rituals": None
        if ins.rituals is None
        else [
            {"title": r.title, "kind": r.kind, "planned": r.planned, "held": r.held}
            for r in ins.rituals
        ],
        "survey": {
            "min_responses": ins.survey.min_responses,
            "withheld_rounds": ins.survey.withheld,
            "rounds": [
                {
                    "date": r.held_on.isoformat(),
                    "label": r.label,
                    "responses": r.responses,
                    "mean": _num(r.mean),
                    "item_means": [_num(x) for x in r.item_means],
                    "middle_half": None
                    if r.middle_half is None
                    else [_num(r.middle_half[0]), _num(r.middle_half[1])],
                }
                for r in ins.survey.results
            ],
        },
    }
