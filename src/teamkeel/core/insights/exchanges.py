"""Help exchanges: the single unit every reciprocity and network measure counts.

One exchange is one act of help from a helper to the person helped:

- a kudo from A to B is B helping A (one exchange per receiver);
- a blocker resolved with helpers is each helper helping the owner, dated on the day it
  was resolved (or raised, while it is still open);
- a weekly goal's supportive action marked done is the member helping the colleague it
  was for, dated on the day it was marked done (kept inside its week).

Thanking oneself or helping on one's own blocker is not an exchange.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from teamkeel.core.insights.events import HelpLog, Period

KUDO = "kudo"
BLOCKER = "blocker"
SUPPORT = "support"
KINDS = (KUDO, BLOCKER, SUPPORT)


@dataclass(frozen=True)
class Exchange:
    day: date
    helper_id: int
    helped_id: int
    kind: str  # KUDO, BLOCKER or SUPPORT
    note: str = ""
    source_id: int | None = None


def all_exchanges(log: HelpLog) -> list[Exchange]:
    """Every exchange in the log, oldest first."""
    out: list[Exchange] = []
    for k in log.kudos:
        if k.giver_id != k.receiver_id:
            out.append(Exchange(k.day, k.receiver_id, k.giver_id, KUDO, k.note, k.id))
    for b in log.blockers:
        day = b.resolved or b.raised
        for helper in dict.fromkeys(b.helper_ids):  # a helper named twice helped once
            if helper != b.owner_id:
                out.append(Exchange(day, helper, b.owner_id, BLOCKER, b.note, b.id))
    for a in log.supports:
        if a.member_id != a.colleague_id:
            out.append(Exchange(a.day, a.member_id, a.colleague_id, SUPPORT, a.note, a.id))
    out.sort(key=lambda e: e.day)
    return out


def within(exchanges: Sequence[Exchange], period: Period) -> Sequence[Exchange]:
    """The exchanges dated in ``period``; ``exchanges`` must be in day order (as
    ``all_exchanges`` returns them), so the slice is found by bisection."""
    lo = bisect_left(exchanges, period.start, key=_day)
    hi = bisect_right(exchanges, period.end, key=_day)
    return exchanges[lo:hi]


def _day(e: Exchange) -> date:
    return e.day


def by_kind(exchanges: Iterable[Exchange]) -> dict[str, int]:
    """How many exchanges of each kind (every kind present, zero when none)."""
    counts = dict.fromkeys(KINDS, 0)
    for e in exchanges:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    return counts


def involving(exchanges: Iterable[Exchange], member_id: int) -> list[Exchange]:
    """A member's exchanges in either direction (for "show me their exchanges")."""
    return [e for e in exchanges if member_id in (e.helper_id, e.helped_id)]
