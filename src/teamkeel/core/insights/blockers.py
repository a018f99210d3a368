"""Blockers: how many are open, how long they take to resolve, which have waited longest.

Time to resolve is counted in whole days from the day raised to the day resolved (a
blocker resolved the day it was raised took 0 days).  Percentiles interpolate linearly
between the closest ranks (the common "inclusive" definition): the median of 1, 2, 3, 10
is 2.5 and their 90th percentile is 7.9.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from teamkeel.core.insights.events import Blocker, HelpLog, Period


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (0..1) of ``values`` by linear interpolation; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


@dataclass(frozen=True)
class MonthResolution:
    month: str  # "YYYY-MM"
    resolved: int
    median_days: float | None
    p90_days: float | None


@dataclass(frozen=True)
class OpenBlocker:
    blocker_id: int
    owner_id: int
    owner: str
    raised: date
    age_days: int
    note: str


@dataclass(frozen=True)
class BlockerSummary:
    raised: int  # raised during the period
    resolved: int  # resolved during the period
    open_at_end: int
    median_days: float | None  # over blockers resolved during the period
    p90_days: float | None
    by_month: tuple[MonthResolution, ...]
    oldest_open: tuple[OpenBlocker, ...]


def _months(period: Period) -> list[str]:
    out = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def blocker_summary(
    log: HelpLog,
    period: Period,
    blockers: Iterable[Blocker] | None = None,
    oldest: int = 5,
) -> BlockerSummary:
    """Summarise ``blockers`` (default: all in the log) for ``period``.

    Open blockers and their age are as of the period's last day.
    """
    items = list(log.blockers if blockers is None else blockers)
    raised = sum(1 for b in items if period.contains(b.raised))
    done = [b for b in items if b.resolved is not None and period.contains(b.resolved)]
    durations = [float(b.days_to_resolve() or 0) for b in done]

    per_month: dict[str, list[float]] = {m: [] for m in _months(period)}
    for b, d in zip(done, durations, strict=True):
        per_month[f"{b.resolved.year:04d}-{b.resolved.month:02d}"].append(d)  # type: ignore[union-attr]
    by_month = tuple(
        MonthResolution(m, len(ds), percentile(ds, 0.5), percentile(ds, 0.9))
        for m, ds in per_month.items()
    )

    still_open = sorted((b for b in items if b.open_on(period.end)), key=lambda b: (b.raised, b.id))
    oldest_open = []
    for b in still_open[:oldest]:
        owner = log.person(b.owner_id)
        oldest_open.append(
            OpenBlocker(
                b.id,
                b.owner_id,
                owner.name if owner else "?",
                b.raised,
                (period.end - b.raised).days,
                b.note,
            )
        )
    return BlockerSummary(
        raised,
        len(done),
        len(still_open),
        percentile(durations, 0.5),
        percentile(durations, 0.9),
        by_month,
        tuple(oldest_open),
    )
