"""The Journey's phases and checks, worked out from facts read from the team file.

Pure functions: ``service.JourneyService.facts()`` reads the file, ``journey(facts)``
turns it into phases, checks with their evidence, and next steps. Nothing here is a box
the lead ticks; every check is a question the file answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from teamkeel.core.calendar.rollout import phases as phase_dates
from teamkeel.core.i18n import N_, _, format_date, ngettext
from teamkeel.core.journey.records import decision_label

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


WHEN = (N_("weeks 1–4"), N_("weeks 5–12"), N_("months 4–6"), N_("ongoing"))
NAMES = (N_("Diagnosis and foundation"), N_("Ritual pilot"), N_("Integration"), N_("Sustaining"))


def _d(day: dt.date) -> str:
    return format_date(day, "d MMM y")


def _answers(n: int) -> str:
    return ngettext("{count} answer", "{count} answers", n).format(count=n)


# -- phase 1 ------------------------------------------------------------------------


def listening(f: Facts) -> Check:
    big = [(d, n) for d, n in f.rounds if n >= f.min_answers]
    if big:
        day, n = big[-1]
        status = DONE
        evidence = _("held {day}, {answers}").format(day=_d(day), answers=_answers(n))
    elif f.rounds:
        day, n = f.rounds[-1]
        status = OPEN
        evidence = _("{day}: {answers} so far, {minimum} needed to show results").format(
            day=_d(day), answers=_answers(n), minimum=f.min_answers
        )
    else:
        status, evidence = OPEN, _("no listening round yet")
    return Check(
        "listening",
        _("A listening round with at least {minimum} answers").format(minimum=f.min_answers),
        status,
        evidence,
        "journey",
        _("Ask the team the two listening questions and record the answers without names."),
        "listening",
    )


def starting_point(f: Facts) -> Check:
    if f.placement:
        day, model = f.placement
        status, evidence = DONE, _("{model}, assessed {day}").format(model=model, day=_d(day))
    else:
        status, evidence = OPEN, _("not assessed yet")
    return Check(
        "starting_point",
        _("A starting point chosen"),
        status,
        evidence,
        "journey",
        _("Take the starting-point self-assessment and add its first step to the calendar."),
        "starting",
    )


def compact(f: Facts) -> Check:
    if f.ratified is None:
        status, evidence = OPEN, _("no ratified compact yet")
    else:
        number, on, signed, active = f.ratified
        status = DONE if active and signed >= active else OPEN
        evidence = _("version {number} ratified {day}, {signed} of {active} signed").format(
            number=number, day=_d(on), signed=signed, active=active
        )
    return Check(
        "compact",
        _("A compact ratified and signed by every active member"),
        status,
        evidence,
        "compact",
        _("Draft the Team Support Compact together, ratify it and collect every signature."),
    )


# -- phase 2 ------------------------------------------------------------------------


def in_pilot(f: Facts) -> Check:
    n = len(f.pilots)
    titles = ", ".join(p.title for p in f.pilots)
    status = DONE if 2 <= n <= 3 else OPEN
    if titles:
        evidence = ngettext(
            "{count} ritual in pilot: {titles}", "{count} rituals in pilot: {titles}", n
        ).format(count=n, titles=titles)
    else:
        evidence = _("no ritual in pilot")
    if n > 3:
        evidence = _("{evidence} (more than three is hard to judge)").format(evidence=evidence)
    return Check(
        "pilot",
        _("Two or three rituals in pilot"),
        status,
        evidence,
        "journey",
        _("Mark two or three rituals as in pilot, inside meetings the team already has."),
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
            _("Feedback on each piloted ritual every two weeks"),
            LATER,
            _("no ritual in pilot yet"),
            "journey",
            _("Hold the two-weekly feedback round: what felt useful, what felt awkward?"),
            "pilot",
        )
    parts, missing, due = [], 0, 0
    for p in f.pilots:
        starts = windows(p, f.today, pilot_end)
        covered = sum(1 for s in starts if any(s <= d < s + WINDOW for d in p.feedback_days))
        due += len(starts)
        missing += len(starts) - covered
        if starts:
            parts.append(
                _("{ritual}: {covered} of {windows} two-week windows").format(
                    ritual=p.title, covered=covered, windows=len(starts)
                )
            )
        else:
            ends = _d(p.since + WINDOW - dt.timedelta(days=1))
            parts.append(_("{ritual}: first window ends {day}").format(ritual=p.title, day=ends))
    status = LATER if due == 0 else (DONE if missing == 0 else OPEN)
    evidence = "; ".join(parts)
    return Check(
        "feedback",
        _("Feedback on each piloted ritual every two weeks"),
        status,
        evidence,
        "journey",
        _("Hold the two-weekly feedback round: what felt useful, what felt awkward?"),
        "pilot",
    )


def decisions(f: Facts) -> Check:
    decided = [p for p in f.pilots if p.last_decision]
    parts = [
        _("{ritual}: {decision}").format(
            ritual=p.title, decision=decision_label(p.last_decision) or _("none yet")
        )
        for p in f.pilots
    ]
    status = LATER if not f.pilots else (DONE if len(decided) == len(f.pilots) else OPEN)
    return Check(
        "decisions",
        _("A decision for each piloted ritual: keep, adjust or drop"),
        status,
        "; ".join(parts) or _("no ritual in pilot yet"),
        "journey",
        _("Decide with the team whether each piloted ritual is kept, adjusted or dropped."),
        "pilot",
    )


# -- phases 3 and 4 -----------------------------------------------------------------


def guardian(f: Facts) -> Check:
    return Check(
        "guardian",
        _("A rotating culture guardian"),
        DONE if f.guardian else OPEN,
        f.guardian or _("no rotation or ritual names a culture guardian"),
        "rotations",
        _("Set up a rotating culture guardian who runs the team-health retrospective."),
    )


def checkins(f: Facts) -> Check:
    recent = [d for d in f.checkins if f.today - QUARTER < d <= f.today]
    if recent:
        status, evidence = DONE, _("last held {day}").format(day=_d(max(recent)))
    elif f.checkins:
        status = OPEN
        evidence = _("last held {day}, more than a quarter ago").format(day=_d(max(f.checkins)))
    else:
        status, evidence = OPEN, _("none held yet")
    return Check(
        "checkins",
        _("A culture check-in every quarter"),
        status,
        evidence,
        "calendar",
        _("Hold a culture check-in, apart from project retrospectives."),
    )


def review(f: Facts) -> Check:
    state, day = f.review
    status = OPEN if state in ("none", "overdue") else DONE
    evidence = {
        "none": _("no review date set"),
        "overdue": _("review was due {day}").format(day=_d(day)) if day else _("review overdue"),
    }.get(state, _("next review {day}").format(day=_d(day)) if day else "")
    return Check(
        "review",
        _("The compact reviewed on time"),
        status,
        evidence,
        "compact",
        _("Review the compact with the team and ratify the updated version."),
    )


def stories(f: Facts) -> Check:
    recent = [d for d in f.stories if f.today - QUARTER < d <= f.today]
    status = DONE if recent else OPEN
    if recent:
        evidence = ngettext(
            "{count} story this quarter", "{count} stories this quarter", len(recent)
        ).format(count=len(recent))
    elif f.stories:
        evidence = _("last one {day}").format(day=_d(max(f.stories)))
    else:
        evidence = _("no story recorded yet")
    return Check(
        "stories",
        _("Stories of mutual support recorded"),
        status,
        evidence,
        "journey",
        _("Record a story worth celebrating: help that led to a win or a step forward."),
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
        phases.append(Phase(_(NAMES[i]), _(WHEN[i]), first, last, current, checks))
    return Journey(f.today, f.program_start, tuple(phases), next_steps(f, phases, current_index))


def phase_heading(phase: Phase) -> str:
    """A phase's heading in the overview: "Ritual pilot (weeks 5–12, from 23 Nov 2026) — now"."""
    if phase.first_day:
        heading = _("{phase} ({when}, from {day})").format(
            phase=phase.name, when=phase.when, day=_d(phase.first_day)
        )
    else:
        heading = _("{phase} ({when})").format(phase=phase.name, when=phase.when)
    return _("{heading}  — now").format(heading=heading) if phase.current else heading


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
            due.append(
                _("Ask for feedback on “{ritual}” by {day}: what helps, what jars.").format(
                    ritual=p.title, day=_d(end)
                )
            )
    return due


def next_steps(f: Facts, phases: list[Phase], current: int) -> tuple[str, ...]:
    if f.program_start is None:
        steps = [_("Set the program's start date, so Keel can place the four phases.")]
    else:
        steps = []
    for phase in phases[: current + 1]:
        steps += [c.suggestion for c in phase.checks if c.status == OPEN]
    steps += _feedback_due(f, phases[1].last_day)
    if not steps and current + 1 < len(phases):
        steps = [_("Prepare for the next phase: {phase}.").format(phase=phases[current + 1].name)]
    return tuple(steps[:MAX_NEXT_STEPS])
