"""The phased rollout plan, as ordinary rituals the lead can then edit.

Phase 1, weeks 1-4: diagnosis (kickoff pre-mortem, listening sessions, drafting and
ratifying the compact). Phase 2, weeks 5-12: pilot the daily kudos & blockers stand-up
and weekly pairing, with a feedback retrospective every two weeks. Phase 3, months
4-6: integrate (cross-check every sprint, monthly skill share and team-health
retrospective). Phase 4, from month 7: sustain with quarterly culture check-ins and
compact reviews.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from teamkeel.core.i18n import N_, _, format_date, ngettext

from .domain import Recurrence, Ritual
from .library import kind
from .recurrence import iter_rule

# How far ahead the plan's recurring rituals skip public holidays (they go on after,
# and the lead skips a date by hand in the calendar).
HOLIDAY_HORIZON = timedelta(days=2 * 365)

# What the plan adds, phase by phase, for the window to explain before generating.
PLAN_SUMMARY = (
    N_(
        "Weeks 1–4, diagnosis: a kickoff pre-mortem, listening sessions, then drafting and "
        "ratifying the Team Support Compact."
    ),
    N_(
        "Weeks 5–12, pilot: a daily kudos & blockers stand-up, a weekly pairing session and a "
        "feedback retrospective every two weeks."
    ),
    N_(
        "Months 4–6, integration: a cross-check every sprint, a monthly skill share and a "
        "monthly team-health retrospective."
    ),
    N_("From month 7, sustaining: quarterly culture check-ins and compact reviews."),
)


@dataclass(frozen=True)
class Phase:
    name: str
    first_day: date
    last_day: date | None  # None = ongoing


def monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def phases(program_start: date) -> list[Phase]:
    week = timedelta(weeks=1)
    s = program_start
    return [
        Phase(_("Diagnosis and foundation"), s, s + 4 * week - timedelta(days=1)),
        Phase(_("Ritual pilot"), s + 4 * week, s + 12 * week - timedelta(days=1)),
        Phase(_("Integration"), s + 12 * week, s + 26 * week - timedelta(days=1)),
        Phase(_("Sustaining"), s + 26 * week, None),
    ]


def rollout_plan(
    program_start: date,
    timezone: str,
    rotation: tuple[int, ...] = (),
    lead_id: int | None = None,
) -> list[Ritual]:
    """Rituals for the whole program, starting on the Monday on or after the date.

    `rotation` (member ids) becomes the facilitator rotation of the recurring team
    rituals; `lead_id` facilitates the diagnosis sessions and the compact work.
    """
    s = monday_on_or_after(program_start)
    diagnosis, pilot, integration, sustaining = phases(s)

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute))

    def ritual(key, title, start, rec=None, minutes=None, rotating=True, notes=""):
        return Ritual(
            kind=key,
            title=title,
            start=start,
            timezone=timezone,
            duration_minutes=minutes or kind(key).duration_minutes,
            recurrence=rec or Recurrence(),
            rotation=rotation if rotating else (),
            facilitator_id=None if rotating and rotation else lead_id,
            notes=notes,
        )

    return [
        # Phase 1: listen first, then write the compact together.
        ritual(
            "pre_mortem",
            _("Kickoff pre-mortem"),
            at(s, 10),
            rotating=False,
            notes=_("Phase 1: diagnosis and foundation."),
        ),
        ritual(
            "listening",
            _("Listening sessions"),
            at(s + timedelta(days=1), 14),
            Recurrence("weekly", weekdays=(1, 3), count=4),
            rotating=False,
            notes=_("One-to-one or small-group; collect answers without names."),
        ),
        ritual(
            "compact_review",
            _("Draft the Team Support Compact"),
            at(s + timedelta(days=16), 14),
            minutes=90,
            rotating=False,
        ),
        ritual(
            "compact_review",
            _("Ratify the Team Support Compact"),
            at(s + timedelta(days=25), 11),
            rotating=False,
        ),
        # Phase 2: pilot two or three light rituals inside existing meetings.
        ritual(
            "standup",
            _("Kudos & blockers stand-up"),
            at(pilot.first_day, 9, 30),
            Recurrence("weekdays"),
            notes=_("Phase 2 onwards: replaces the usual stand-up."),
        ),
        ritual(
            "pairing",
            _("Pairing rotation session"),
            at(pilot.first_day + timedelta(days=2), 14),
            Recurrence("weekly", weekdays=(2,)),
        ),
        ritual(
            "retrospective",
            _("Pilot feedback retrospective"),
            at(pilot.first_day + timedelta(days=11), 15),
            minutes=45,
            rec=Recurrence("weekly", interval=2, weekdays=(4,), until=pilot.last_day),
            notes=_("What feels useful, what feels awkward? Adjust the pilot."),
        ),
        # Phase 3: the rituals that worked become how the team works.
        ritual(
            "cross_check",
            _("Sprint cross-check"),
            at(integration.first_day + timedelta(days=3), 11),
            Recurrence("weekly", interval=2, weekdays=(3,)),
        ),
        ritual(
            "skill_share",
            _("Skill share"),
            at(integration.first_day + timedelta(days=8), 15),
            Recurrence("monthly_nth"),
        ),
        ritual(
            "retrospective",
            _("Team-health retrospective"),
            at(integration.first_day + timedelta(days=18), 15),
            Recurrence("monthly_nth"),
            notes=_("Facilitated by the culture guardian of the month."),
        ),
        # Phase 4: keep it alive.
        ritual(
            "culture_checkin",
            _("Quarterly culture check-in"),
            at(sustaining.first_day + timedelta(days=1), 10),
            Recurrence("quarterly"),
        ),
        ritual(
            "compact_review",
            _("Quarterly compact review"),
            at(sustaining.first_day + timedelta(days=3), 10),
            Recurrence("quarterly"),
            rotating=False,
        ),
    ]


@dataclass(frozen=True)
class Moved:
    title: str
    planned: date
    to: date
    why: str  # "Saturday", "New Year's Day"...


@dataclass
class RolloutProposal:
    """The plan fitted to the team: what is added, and what was left out or changed."""

    rituals: list[Ritual]  # to add
    reused: list[tuple[str, Ritual]] = field(default_factory=list)  # (planned title, kept)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (planned title, why)
    moved: list[Moved] = field(default_factory=list)
    holidays_skipped: int = 0  # meetings of recurring rituals that fall on a holiday

    def describe(self) -> list[str]:
        """One line per kind of change, for the lead to read after generating."""
        lines = []
        if self.reused:
            kept = ", ".join(f"“{ritual.title}”" for ritual in _unique(r for _, r in self.reused))
            lines.append(
                _("Kept what the team already has instead of adding more: {kept}.").format(
                    kept=kept
                )
            )
        for title, why in self.left_out:
            lines.append(_("Left out “{title}”: {why}.").format(title=title, why=why))
        for m in self.moved:
            lines.append(
                _("Moved “{title}” from {planned} ({why}) to {to}.").format(
                    title=m.title,
                    planned=format_date(m.planned, "EEE d MMM"),
                    why=m.why,
                    to=format_date(m.to, "EEE d MMM"),
                )
            )
        if self.holidays_skipped:
            n = self.holidays_skipped
            lines.append(
                ngettext(
                    "Skipped {count} meeting that fell on a public holiday.",
                    "Skipped {count} meetings that fell on a public holiday.",
                    n,
                ).format(count=n)
            )
        return lines


def _unique(rituals: object) -> list[Ritual]:
    seen: dict[int | str, Ritual] = {}
    for ritual in rituals:  # type: ignore[attr-defined]
        seen.setdefault(ritual.id if ritual.id is not None else ritual.uid, ritual)
    return list(seen.values())


def is_compact_step(ritual: Ritual) -> bool:
    """Drafting or ratifying the compact: the plan's one-off compact meetings."""
    return ritual.kind == "compact_review" and ritual.recurrence.freq == "once"


def _repeats(ritual: Ritual) -> bool:
    return ritual.recurrence.freq != "once"


def _still_running(ritual: Ritual, on: date) -> bool:
    until = ritual.recurrence.until
    return until is None or until >= on


def next_working_day(day: date, days_off: Mapping[date, str]) -> date:
    while day.weekday() >= 5 or day in days_off:
        day += timedelta(days=1)
    return day


def fit_plan(
    plan: Sequence[Ritual],
    existing: Sequence[Ritual] = (),
    *,
    reuse: bool = True,
    compact_ratified: int | None = None,
    days_off: Mapping[date, str] | None = None,
) -> RolloutProposal:
    """Fit the generic plan to the team: a recurring ritual the team already has (same
    kind, still running) is kept instead of a second one when ``reuse``; drafting and
    ratifying the compact are left out once a version is ratified; one-off meetings
    move off weekends and public holidays, and recurring ones skip the holidays of the
    next two years."""
    days_off = days_off or {}
    proposal = RolloutProposal(rituals=[])
    for ritual in plan:
        if compact_ratified is not None and is_compact_step(ritual):
            why = _("version {number} of the compact is already ratified").format(
                number=compact_ratified
            )
            proposal.left_out.append((ritual.title, why))
            continue
        same = [
            e
            for e in existing
            if reuse and _repeats(ritual) and _repeats(e) and e.kind == ritual.kind
            and _still_running(e, ritual.start.date())
        ]  # fmt: skip
        if same:
            proposal.reused.append((ritual.title, same[0]))
            continue
        proposal.rituals.append(_off_days(ritual, days_off, proposal))
    return proposal


def _off_days(ritual: Ritual, days_off: Mapping[date, str], proposal: RolloutProposal) -> Ritual:
    planned = ritual.start.date()
    if not _repeats(ritual):
        day = next_working_day(planned, days_off)
        if day == planned:
            return ritual
        why = days_off.get(planned) or format_date(planned, "EEEE")
        proposal.moved.append(Moved(ritual.title, planned, day, why))
        return replace(ritual, start=datetime.combine(day, ritual.start.time()))
    horizon = datetime.combine(planned + HOLIDAY_HORIZON, time.max)
    skipped = tuple(s.date() for s in iter_rule(ritual, horizon) if s.date() in days_off)
    if not skipped:
        return ritual
    held = [s for s in iter_rule(ritual, horizon) if s.date() not in days_off]
    if not held and (ritual.recurrence.count or ritual.recurrence.until):
        return ritual  # every meeting a holiday: keep them rather than plan nothing
    proposal.holidays_skipped += len(skipped)
    return replace(ritual, skipped=tuple(sorted(set(ritual.skipped) | set(skipped))))
