"""Blocker buddies: up to three colleagues who could help with a blocker now.

Who is suggested, in this order of concern:

1. whose working hours are on at that moment, or begin soonest (their own timezone and
   hours from the roster, weekends and absences skipped, daylight saving included);
2. whose skills, or past help (blockers they helped on and kudos they received in the
   last half year), match the blocker's tags and words;
3. among equals, who has carried less help lately, so the same people are not asked
   every time.

Each suggestion says why in plain words. Nothing here scores people for display: the
order only decides which three are shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from teamkeel.core.i18n import _, ngettext
from teamkeel.core.text import fold_accents

MAX_SUGGESTIONS = 3
# How long until someone is around, in bands: within a band, a better match comes first.
WAIT_BANDS = (0, 180, 12 * 60, 24 * 60)
LOOK_AHEAD_DAYS = 8
RECENT_DAYS = 28
_WORD = re.compile(r"[^\W_][\w+#.-]*")
_STOP_WORDS = (
    "the and for with from that this into onto our their they them was were has have "
    "had not but can cannot can't won't waiting wait need needs stuck blocked still "
    "again about after before when what which while who why how out off are is"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


@dataclass(frozen=True)
class Candidate:
    """A colleague as the buddy finder sees them."""

    id: int
    name: str
    timezone: str = "UTC"
    work_start: dt.time = dt.time(9, 0)
    work_end: dt.time = dt.time(17, 0)
    skills: tuple[str, ...] = ()
    away: tuple[tuple[dt.date, dt.date], ...] = ()

    def away_on(self, day: dt.date) -> bool:
        return any(first <= day <= last for first, last in self.away)


@dataclass(frozen=True)
class PastHelp:
    """One earlier act of help: ``helper_id`` helped on something tagged ``tags``."""

    helper_id: int
    tags: tuple[str, ...]
    times: int = 1  # how often, when the reader has already grouped identical ones


@dataclass(frozen=True)
class Suggestion:
    member_id: int
    name: str
    reasons: tuple[str, ...]
    starts_in_minutes: int  # 0 when in working hours now
    local_time: str = ""  # their clock at the moment asked about, e.g. "14:05 Tue"
    skills: tuple[str, ...] = field(default=())

    def sentence(self) -> str:
        return f"{self.name}: {', '.join(self.reasons)}"


def terms(note: str, tags: Iterable[str]) -> set[str]:
    """The words a blocker is about: its tags and the meaningful words of its note."""
    words = {fold_accents(w).strip(".-") for w in _WORD.findall(note)}
    found = {w for w in words if len(w) >= 3 and w not in _STOP}
    return found | {fold_accents(t) for t in tags}


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def next_working_start(c: Candidate, at: dt.datetime) -> tuple[int, dt.datetime] | None:
    """Minutes until ``c`` is in working hours (0 if now) and the local start time, or
    None if they are away or off for the whole look-ahead."""
    zone = _zone(c.timezone)
    local_day = at.astimezone(zone).date()
    if c.away_on(local_day):  # away today: not someone to ask now
        return None
    for offset in range(-1, LOOK_AHEAD_DAYS):
        day = local_day + dt.timedelta(days=offset)
        if day.weekday() >= 5 or c.away_on(day):
            continue
        start = dt.datetime.combine(day, c.work_start, tzinfo=zone)
        end_day = day if c.work_end > c.work_start else day + dt.timedelta(days=1)
        end = dt.datetime.combine(end_day, c.work_end, tzinfo=zone)
        # Round trips through UTC put wall times that daylight saving skips on real ones.
        start_utc, end_utc = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        if start_utc <= at < end_utc:
            return 0, at.astimezone(zone)
        if at < start_utc:
            return int((start_utc - at).total_seconds() // 60), start_utc.astimezone(zone)
    return None


def _token_matches(token: str, wanted: set[str]) -> bool:
    if token in wanted:
        return True
    if len(token) < 5:
        return False
    return any(
        len(term) >= 5 and (token.startswith(term) or term.startswith(token)) for term in wanted
    )


def _matches(skill: str, wanted: set[str]) -> bool:
    """A skill matches when the blocker names it: as a tag (``#api-design``), or every
    meaningful word of it among the blocker's words ("postgres" finds PostgreSQL)."""
    key = fold_accents(skill)
    if key.replace(" ", "-") in wanted or key.replace(" ", "") in wanted:
        return True
    tokens = [t.strip(".-") for t in _WORD.findall(key)]
    tokens = [t for t in tokens if len(t) >= 2 and t not in _STOP]
    return bool(tokens) and all(_token_matches(t, wanted) for t in tokens)


def _place(zone_name: str) -> str:
    return zone_name.rsplit("/", 1)[-1].replace("_", " ") or zone_name


def _wait(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest and hours < 10 else f"{hours} h"


def _helped(tag: str, count: int) -> str:
    if count == 2:
        return _("helped with #{tag} twice").format(tag=tag)
    return ngettext("helped with #{tag} once", "helped with #{tag} {count} times", count).format(
        tag=tag, count=count
    )


def suggest(
    owner_id: int,
    note: str,
    tags: Sequence[str],
    candidates: Iterable[Candidate],
    history: Iterable[PastHelp],
    recent_help: dict[int, int],
    at: dt.datetime,
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Up to ``limit`` suggestions for a blocker of ``owner_id`` at the moment ``at``."""
    if at.tzinfo is None:
        raise ValueError("the moment must carry a timezone")
    wanted = terms(note, tags)
    tag_set = {fold_accents(t) for t in tags} | wanted
    helped: dict[int, Counter[str]] = {}
    for past in history:
        shared = [t for t in past.tags if t in tag_set]
        if shared:
            helped.setdefault(past.helper_id, Counter())[shared[0]] += past.times
    ranked = []
    known: dict[str, bool] = {}  # skills are shared by many people: match each once
    for c in candidates:
        if c.id == owner_id:
            continue
        when = next_working_start(c, at)
        if when is None:
            continue
        minutes, local = when
        for skill in c.skills:
            if skill not in known:
                known[skill] = _matches(skill, wanted)
        skills = tuple(s for s in c.skills if known[s])
        help_counts = helped.get(c.id, Counter())
        reasons = []
        if minutes == 0:
            reasons.append(
                _("in working hours now ({time} in {place})").format(
                    time=f"{local:%H:%M}", place=_place(c.timezone)
                )
            )
        else:
            reasons.append(
                _("starts in {wait} ({time} in {place})").format(
                    wait=_wait(minutes), time=f"{local:%a %H:%M}", place=_place(c.timezone)
                )
            )
        if skills:
            if len(skills) == 1:
                reasons.append(_("knows {skill}").format(skill=skills[0]))
            else:
                reasons.append(_("knows {a} and {b}").format(a=skills[0], b=skills[1]))
        if help_counts:
            tag, count = help_counts.most_common(1)[0]
            reasons.append(_helped(tag, count))
        relevance = 2 * len(skills) + min(sum(help_counts.values()), 3)
        tier = next((i for i, limit in enumerate(WAIT_BANDS) if minutes <= limit), len(WAIT_BANDS))
        key = (tier, -relevance, recent_help.get(c.id, 0), minutes, c.name.casefold(), c.id)
        ranked.append(
            (
                key,
                Suggestion(
                    c.id,
                    c.name,
                    tuple(reasons),
                    minutes,
                    f"{at.astimezone(_zone(c.timezone)):%H:%M %a}",
                    skills,
                ),
            )
        )
    ranked.sort(key=lambda pair: pair[0])
    return [s for _key, s in ranked[:limit]]
