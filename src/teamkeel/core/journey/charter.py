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
from teamkeel.core.i18n import N_, _, format_date, ngettext
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService

TITLE = N_("Support & Communication")


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
        count = len(ritual.rotation)
        return ngettext(
            "facilitators take turns ({count} person)",
            "facilitators take turns ({count} people)",
            count,
        ).format(count=count)
    single = ritual.rotation[0] if ritual.rotation else ritual.facilitator_id
    if single in names:
        return _("facilitated by {name}").format(name=names[single])
    return _("facilitator to agree")


def _asking(rituals: list[Ritual]) -> tuple[str, ...]:
    standup = next((r for r in rituals if r.kind == "standup"), None)
    lines = []
    if standup is not None:
        repeats = standup.recurrence.describe(standup.start.date())
        if standup.location:
            line = _(
                "Name a blocker in “{ritual}” ({place}), {repeats}: it is a request, "
                "never an admission of failure."
            ).format(ritual=standup.title, place=standup.location, repeats=repeats)
        else:
            line = _(
                "Name a blocker in “{ritual}”, {repeats}: it is a request, "
                "never an admission of failure."
            ).format(ritual=standup.title, repeats=repeats)
        lines.append(line)
    else:
        lines.append(_("Name a blocker to the team as soon as it costs you an hour."))
    lines.append(_("Anyone may answer a request for help, whatever their role."))
    lines.append(_("Thank the people who helped, by name, so help stays visible."))
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
        _("{ritual}: {repeats}, {minutes} min, {facilitators}").format(
            ritual=r.title,
            repeats=r.recurrence.describe(r.start.date()),
            minutes=r.duration_minutes,
            facilitators=_facilitators(r, names),
        )
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
        _("version {number}, ratified {day}").format(
            number=compact.number, day=format_date(compact.ratified_on, "d MMM y")
        )
        if compact.number and compact.ratified_on
        else _("draft, not yet ratified")
    )
    return Charter(
        TeamInfoService(team).name() or _("Team"),
        day,
        label,
        tuple(_commitment(c.statement, c.norm) for c in compact.commitments),
        ritual_lines,
        rotations,
        _asking(rituals),
    )


def _commitment(statement: str, norm: str) -> str:
    if not norm:
        return statement
    return _("{statement} (norm: {norm})").format(statement=statement, norm=norm)


def markdown(c: Charter) -> str:
    def section(title: str, lines: tuple[str, ...], empty: str) -> list[str]:
        return [f"### {title}", "", *([f"- {line}" for line in lines] or [empty]), ""]

    out = [
        f"## {_(TITLE)}",
        "",
        "*"
        + _("{team}, {day}. From the Team Support Compact ({version}).").format(
            team=c.team, day=format_date(c.made_on, "long"), version=c.compact
        )
        + "*",
        "",
        *section(_("Our commitments"), c.commitments, _("None yet.")),
        *section(_("Rituals in use"), c.rituals, _("No rituals yet.")),
        *section(_("Rotations"), c.rotations, _("No rotations.")),
        *section(_("How to ask for help"), c.asking, ""),
    ]
    return "\n".join(out).rstrip() + "\n"
