"""The "Support & Communication" section a lead pastes into a project charter.

Generated from what is in the file: the compact's current commitments, the rituals in
use (a dropped or finished ritual is not), the rotations, and how to ask for help.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.calendar.domain import Ritual
from teamkeel.core.calendar.recurrence import held_starts
from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.compact.service import CompactService
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService

TITLE = "Support & Communication"


@dataclass(frozen=True)
class Charter:
    team: str
    made_on: dt.date
    compact: str  # which version the commitments come from
    commitments: tuple[str, ...]
    rituals: tuple[str, ...]
    rotations: tuple[str, ...]
    asking: tuple[str, ...]


def in_use(ritual: Ritual, today: dt.date) -> bool:
    """Started and not ended: a dropped ritual (its rule ends) is no longer in use."""
    if ritual.start.date() > today:
        return False
    rec = ritual.recurrence
    if rec.freq == "once" or rec.count is not None:
        held = held_starts(ritual)
        return bool(held) and held[-1].date() >= today
    return rec.until is None or rec.until >= today


def _facilitators(ritual: Ritual, names: dict[int, str]) -> str:
    if len(ritual.rotation) > 1:
        return f"facilitators take turns ({len(ritual.rotation)} people)"
    single = ritual.rotation[0] if ritual.rotation else ritual.facilitator_id
    return f"facilitated by {names[single]}" if single in names else "facilitator to agree"


def _asking(rituals: list[Ritual]) -> tuple[str, ...]:
    standup = next((r for r in rituals if r.kind == "standup"), None)
    lines = []
    if standup is not None:
        where = f" ({standup.location})" if standup.location else ""
        lines.append(
            f"Name a blocker in “{standup.title}”{where}, "
            f"{standup.recurrence.describe(standup.start.date())}: it is a request, "
            "never an admission of failure."
        )
    else:
        lines.append("Name a blocker to the team as soon as it costs you an hour.")
    lines.append("Anyone may answer a request for help, whatever their role.")
    lines.append("Thank the people who helped, by name, so help stays visible.")
    return tuple(lines)


def build(team: TeamFile, today: dt.date | None = None) -> Charter:
    day = today or dt.date.today()
    compact_service = CompactService(team)
    compact = compact_service.latest() or compact_service.draft()
    if compact is None or not compact.commitments:
        raise KeelError(
            _("The charter section starts from the compact; write (and ideally ratify) it first.")
        )
    calendar = CalendarService(team)
    names = {p.id: p.name for p in calendar.people().values()}
    rituals = [r for r in calendar.list_rituals() if in_use(r, day)]
    ritual_lines = tuple(
        f"{r.title}: "
        f"{r.recurrence.describe(r.start.date())}, {r.duration_minutes} min, "
        f"{_facilitators(r, names)}"
        for r in rituals
    )
    from teamkeel.core.rotations.export import describe_cadence
    from teamkeel.core.rotations.service import RotationService

    rotations_service = RotationService(team)
    rotations = tuple(
        f"{spec.name}: {describe_cadence(spec)}"
        for spec in (r.spec for r in rotations_service.list_rotations())
    )
    label = (
        f"version {compact.number}, ratified {compact.ratified_on:%d %b %Y}"
        if compact.number and compact.ratified_on
        else "draft, not yet ratified"
    )
    return Charter(
        TeamInfoService(team).name() or "Team",
        day,
        label,
        tuple(c.statement + (f" (norm: {c.norm})" if c.norm else "") for c in compact.commitments),
        ritual_lines,
        rotations,
        _asking(rituals),
    )


def markdown(c: Charter) -> str:
    def section(title: str, lines: tuple[str, ...], empty: str) -> list[str]:
        return [f"### {title}", "", *([f"- {line}" for line in lines] or [empty]), ""]

    out = [
        f"## {TITLE}",
        "",
        f"*{c.team}, {c.made_on:%d %B %Y}. From the Team Support Compact ({c.compact}).*",
        "",
        *section("Our commitments", c.commitments, "None yet."),
        *section("Rituals in use", c.rituals, "No rituals yet."),
        *section("Rotations", c.rotations, "No rotations."),
        *section("How to ask for help", c.asking, ""),
    ]
    return "\n".join(out).rstrip() + "\n"
