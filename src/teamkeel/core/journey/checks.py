"""The Journey's phases and checks, worked out from facts read from the team file.

Pure functions: ``service.JourneyService.facts()`` reads the file, ``journey(facts)``
turns it into phases, checks with their evidence, and next steps. Nothing here is a box
the lead ticks; every check is a question the file answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from teamkeel.core.calendar.rollout import phases as phase_dates

WINDOW = dt.timedelta(weeks=2)
QUARTER = dt.timedelta(days=92)
MAX_NEXT_STEPS = 3

DONE, OPEN, LATER = "done", "open", "later"


@dataclass(frozen=True)
class PilotFacts:
    ritual_id: int
    title: str
    since: dt.date
    feedback_days: tuple[dt.date, ...] = ()
    last_decision: str = ""
    dropped_on: dt.date | None = None


@dataclass(frozen=True)
class Facts:
    today: dt.date
    program_start: dt.date | None = None
    min_answers: int = 5
    rounds: tuple[tuple[dt.date, int], ...] = ()  # (held on, size)
    placement: tuple[dt.date, str] | None = None  # (taken on, model name)
    ratified: tuple[int, dt.date, int, int] | None = None  # number, on, signed, active
    review: tuple[str, dt.date | None] = ("none", None)  # compact review state, date
    pilots: tuple[PilotFacts, ...] = ()
    guardian: str = ""  # how a rotating guardian shows in the file, "" if it does not
    checkins: tuple[dt.date, ...] = ()  # culture check-ins held (past occurrences)
    stories: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    status: str  # done, open, later
    evidence: str
    target: str  # the tab where it is done
    suggestion: str  # worded for "next steps"
    section: str = ""  # a part of the Journey tab, when the target is "journey"


@dataclass(frozen=True)
class Phase:
    name: str
    when: str
    first_day: dt.date | None
    last_day: dt.date | None
    current: bool
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Journey:
    today: dt.date
    program_start: dt.date | None
    phases: tuple[Phase, ...]
    next_steps: tuple[str, ...] = field(default=())

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(c for p in self.phases for c in p.checks)


WHEN = ("weeks 1–4", "weeks 5–12", "months 4–6", "ongoing")
NAMES = ("Diagnosis and foundation", "Ritual pilot", "Integration", "Sustaining")


def _d(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- phase 1 ------------------------------------------------------------------------


def listening(f: Facts) -> Check:
    big = [(d, n) for d, n in f.rounds if n >= f.min_answers]
    if big:
        day, n = big[-1]
        status, evidence = DONE, f"held {_d(day)}, {_plural(n, 'answer')}"
    elif f.rounds:
        day, n = f.rounds[-1]
        status = OPEN
        evidence = (
            f"{_d(day)}: {_plural(n, 'answer')} so far, {f.min_answers} needed to show results"
        )
    else:
        status, evidence = OPEN, "no listening round yet"
    return Check(
        "listening",
        f"A listening round with at least {f.min_answers} answers",
        status,
        evidence,
        "journey",
        "Ask the team the two listening questions and record the answers without names.",
        "listening",
    )


def starting_point(f: Facts) -> Check:
    if f.placement:
        day, model = f.placement
        status, evidence = DONE, f"{model}, assessed {_d(day)}"
    else:
        status, evidence = OPEN, "not assessed yet"
    return Check(
        "starting_point",
        "A starting point chosen",
        status,
        evidence,
        "journey",
        "Take the starting-point self-assessment and add its first step to the calendar.",
        "starting",
    )


def compact(f: Facts) -> Check:
    if f.ratified is None:
        status, evidence = OPEN, "no ratified compact yet"
    else:
        number, on, signed, active = f.ratified
        status = DONE if active and signed >= active else OPEN
        evidence = f"version {number} ratified {_d(on)}, {signed} of {active} signed"
    return Check(
        "compact",
        "A compact ratified and signed by every active member",
        status,
        evidence,
        "compact",
        "Draft the Team Support Compact together, ratify it and collect every signature.",
    )


# -- phase 2 ------------------------------------------------------------------------


def in_pilot(f: Facts) -> Check:
    n = len(f.pilots)
    titles = ", ".join(p.title for p in f.pilots)
    status = DONE if 2 <= n <= 3 else OPEN
    evidence = f"{_plural(n, 'ritual')} in pilot" + (f": {titles}" if titles else "")
    if n > 3:
        evidence += " (more than three is hard to judge)"
    return Check(
        "pilot",
        "Two or three rituals in pilot",
        status,
        evidence,
        "journey",
        "Mark two or three rituals as in pilot, inside meetings the team already has.",
        "pilot",
    )


def windows(p: PilotFacts, today: dt.date, pilot_end: dt.date | None) -> list[dt.date]:
    """Start days of the pilot's two-week windows that have ended by today."""
    end = min(d for d in (today, pilot_end, p.dropped_on) if d is not None)
    starts, day = [], p.since
    while day + WINDOW <= end + dt.timedelta(days=1):
        starts.append(day)
        day += WINDOW
    return starts


def feedback(f: Facts, pilot_end: dt.date | None) -> Check:
    if not f.pilots:
        return Check(
            "feedback",
            "Feedback on each piloted ritual every two weeks",
            LATER,
            "no ritual in pilot yet",
            "journey",
            "Hold the two-weekly feedback round: what felt useful, what felt awkward?",
            "pilot",
        )
    parts, missing, due = [], 0, 0
    for p in f.pilots:
        starts = windows(p, f.today, pilot_end)
        covered = sum(1 for s in starts if any(s <= d < s + WINDOW for d in p.feedback_days))
        due += len(starts)
        missing += len(starts) - covered
        if starts:
            parts.append(f"{p.title}: {covered} of {len(starts)} two-week windows")
        else:
            parts.append(
                f"{p.title}: first window ends {_d(p.since + WINDOW - dt.timedelta(days=1))}"
            )
    status = LATER if due == 0 else (DONE if missing == 0 else OPEN)
    evidence = "; ".join(parts)
    return Check(
        "feedback",
        "Feedback on each piloted ritual every two weeks",
        status,
        evidence,
        "journey",
        "Hold the two-weekly feedback round: what felt useful, what felt awkward?",
        "pilot",
    )


def decisions(f: Facts) -> Check:
    decided = [p for p in f.pilots if p.last_decision]
    parts = [f"{p.title}: {p.last_decision or 'none yet'}" for p in f.pilots]
    status = LATER if not f.pilots else (DONE if len(decided) == len(f.pilots) else OPEN)
    return Check(
        "decisions",
        "A decision for each piloted ritual: keep, adjust or drop",
        status,
        "; ".join(parts) or "no ritual in pilot yet",
        "journey",
        "Decide with the team whether each piloted ritual is kept, adjusted or dropped.",
        "pilot",
    )


# -- phases 3 and 4 -----------------------------------------------------------------


def guardian(f: Facts) -> Check:
    return Check(
        "guardian",
        "A rotating culture guardian",
        DONE if f.guardian else OPEN,
        f.guardian or "no rotation or ritual names a culture guardian",
        "rotations",
        "Set up a rotating culture guardian who runs the team-health retrospective.",
    )


def checkins(f: Facts) -> Check:
    recent = [d for d in f.checkins if f.today - QUARTER < d <= f.today]
    if recent:
        status, evidence = DONE, f"last held {_d(max(recent))}"
    elif f.checkins:
        status, evidence = OPEN, f"last held {_d(max(f.checkins))}, more than a quarter ago"
    else:
        status, evidence = OPEN, "none held yet"
    return Check(
        "checkins",
        "A culture check-in every quarter",
        status,
        evidence,
        "calendar",
        "Hold a culture check-in, apart from project retrospectives.",
    )


def review(f: Facts) -> Check:
    state, day = f.review
    status = OPEN if state in ("none", "overdue") else DONE
    evidence = {
        "none": "no review date set",
        "overdue": f"review was due {_d(day)}" if day else "review overdue",
    }.get(state, f"next review {_d(day)}" if day else "")
    return Check(
        "review",
        "The compact reviewed on time",
        status,
        evidence,
        "compact",
        "Review the compact with the team and ratify the updated version.",
    )


def stories(f: Facts) -> Check:
    recent = [d for d in f.stories if f.today - QUARTER < d <= f.today]
    status = DONE if recent else OPEN
    evidence = (
        f"{_plural(len(recent), 'story')} this quarter".replace("storys", "stories")
        if recent
        else (f"last one {_d(max(f.stories))}" if f.stories else "no story recorded yet")
    )
    return Check(
        "stories",
        "Stories of mutual support recorded",
        status,
        evidence,
        "journey",
        "Record a story worth celebrating: help that led to a win or a step forward.",
        "stories",
    )


def journey(f: Facts) -> Journey:
    dates = phase_dates(f.program_start) if f.program_start else None
    built = [
        (listening(f), starting_point(f), compact(f)),
        (in_pilot(f), feedback(f, dates[1].last_day if dates else None), decisions(f)),
        (guardian(f),),
        (checkins(f), review(f), stories(f)),
    ]
    phases = []
    current_index = 0
    for i, checks in enumerate(built):
        first = dates[i].first_day if dates else None
        last = dates[i].last_day if dates else None
        current = bool(first and first <= f.today and (last is None or f.today <= last))
        if first and first <= f.today:
            current_index = i
        begun = first <= f.today if first else i == 0
        if not begun:  # its checks are for later (all but phase 1 before a start date)
            checks = tuple(c if c.status == DONE else _later(c) for c in checks)
        phases.append(Phase(NAMES[i], WHEN[i], first, last, current, checks))
    return Journey(f.today, f.program_start, tuple(phases), next_steps(f, phases, current_index))


def _later(c: Check) -> Check:
    return Check(c.key, c.title, LATER, c.evidence, c.target, c.suggestion, c.section)


def _feedback_due(f: Facts, pilot_end: dt.date | None) -> list[str]:
    """The running two-week window of each piloted ritual still without feedback."""
    due = []
    for p in f.pilots:
        if p.dropped_on or p.since > f.today or (pilot_end and f.today > pilot_end):
            continue
        start = p.since + WINDOW * ((f.today - p.since).days // WINDOW.days)
        if not any(start <= d <= f.today for d in p.feedback_days):
            end = start + WINDOW - dt.timedelta(days=1)
            due.append(f"Ask for feedback on “{p.title}” by {_d(end)}: what helps, what jars.")
    return due


def next_steps(f: Facts, phases: list[Phase], current: int) -> tuple[str, ...]:
    if f.program_start is None:
        steps = ["Set the program's start date, so Keel can place the four phases."]
    else:
        steps = []
    for phase in phases[: current + 1]:
        steps += [c.suggestion for c in phase.checks if c.status == OPEN]
    steps += _feedback_due(f, phases[1].last_day)
    if not steps and current + 1 < len(phases):
        steps = [f"Prepare for the next phase: {phases[current + 1].name.lower()}."]
    return tuple(steps[:MAX_NEXT_STEPS])
