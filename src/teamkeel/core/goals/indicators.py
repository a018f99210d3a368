"""The leading indicators Keel computes, month by month, to read beside the outcome basket.

Four monthly series over the same months as the basket: the share of help that crossed
roles, the median days to resolve a blocker, the safety survey's team mean (rounds that
pass the anonymity minimum only), and how many supportive actions were done. Like the
outcomes, they are proxies: read together, never added up into a score.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from teamkeel.core.goals.outcomes import Metric, Series, months_back
from teamkeel.core.i18n import N_
from teamkeel.core.insights.events import HelpLog
from teamkeel.core.insights.exchanges import SUPPORT, all_exchanges
from teamkeel.core.insights.survey import RoundResult

LEADING: tuple[Metric, ...] = (
    Metric("cross_role_help", N_("Help across roles"), "%", True, False),
    Metric("blocker_days", N_("Days to resolve a blocker (median)"), N_("days"), True, True),
    Metric("safety_survey", N_("Safety survey (team mean, 1–7)"), "", True, False),
    Metric("supportive_actions", N_("Supportive actions done"), N_("actions"), True, False),
)
PROXY_NOTE = N_(
    "These are proxies, read together: each shows one side of how the team works, none "
    "of them alone says whether people feel supported, and they are never added up into "
    "a score. Outcomes move slowly and for many reasons; look for the same story in "
    "several lines before drawing a conclusion."
)


@dataclass(frozen=True)
class Basket:
    leading: tuple[Series, ...]
    outcomes: tuple[Series, ...]
    months: tuple[str, ...]


def _month(day: dt.date) -> str:
    return f"{day.year:04}-{day.month:02}"  # not strftime: it imports `time` per call


def leading_series(
    log: HelpLog, survey: Sequence[RoundResult], months: Sequence[str]
) -> list[Series]:
    wanted = set(months)
    roles = {p.id: p.role.strip().casefold() for p in log.people}
    crossed: dict[str, list[bool]] = {}
    supports: dict[str, int] = {}
    for e in all_exchanges(log):
        month = _month(e.day)
        if month not in wanted:
            continue
        if e.kind == SUPPORT:
            supports[month] = supports.get(month, 0) + 1
        a, b = roles.get(e.helper_id, ""), roles.get(e.helped_id, "")
        if a and b:
            crossed.setdefault(month, []).append(a != b)
    days: dict[str, list[int]] = {}
    for blocker in log.blockers:
        took = blocker.days_to_resolve()
        if took is not None and blocker.resolved and _month(blocker.resolved) in wanted:
            days.setdefault(_month(blocker.resolved), []).append(took)
    means: dict[str, list[float]] = {}
    for r in survey:
        if _month(r.held_on) in wanted:
            means.setdefault(_month(r.held_on), []).append(r.mean)
    values: dict[str, dict[str, float]] = {
        "cross_role_help": {m: round(100 * sum(x) / len(x)) for m, x in crossed.items() if x},
        "blocker_days": {m: statistics.median(x) for m, x in days.items()},
        "safety_survey": {m: round(statistics.fmean(x), 2) for m, x in means.items()},
        # From the first month with a supportive action done, none done is a real zero;
        # before it (or in a team that has not begun weekly goals) there is no figure.
        "supportive_actions": {
            m: supports.get(m, 0) for m in months if m >= min(supports, default="~")
        },
    }
    return [
        Series(
            metric,
            tuple((m, float(values[metric.key][m])) for m in months if m in values[metric.key]),
        )
        for metric in LEADING
    ]


def basket(
    log: HelpLog, survey: Sequence[RoundResult], outcomes: Sequence[Series], end: dt.date
) -> Basket:
    """The twelve months up to ``end``: leading indicators and outcome figures."""
    months = tuple(months_back(_month(end), 12))
    return Basket(tuple(leading_series(log, survey, months)), tuple(outcomes), months)
