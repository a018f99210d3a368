"""CalendarService: the facade the window and the command line share.

Each method owns one short `with team.session()` block and returns plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.dates import check_day
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService

from . import ics, pdf, public_holidays, rollout, schedule, validation
from .domain import Marker, Occurrence, Recurrence, Ritual, Swap
from .models import RitualAttendeeRow, RitualFacilitatorRow, RitualRow, RitualSwapRow
from .people import LocalTime, Person, local_time


def to_ritual(row: RitualRow) -> Ritual:
    return Ritual(
        id=row.id,
        uid=row.uid,
        kind=row.kind,
        title=row.title,
        start=row.start,
        timezone=row.timezone,
        duration_minutes=row.duration_minutes,
        recurrence=Recurrence(
            freq=row.freq,
            interval=row.interval,
            weekdays=tuple(row.weekdays or ()),
            nth=row.nth,
            until=row.until,
            count=row.count,
        ),
        skipped=tuple(sorted(dt.date.fromisoformat(d) for d in row.skipped or ())),
        attendees=None if row.all_attendees else tuple(a.member_id for a in row.attendees),
        location=row.location,
        notes=row.notes,
        rotation=tuple(f.member_id for f in row.rotation),
        facilitator_id=row.facilitator_id,
        swaps=tuple(Swap(s.day, s.member_id) for s in row.swaps),
    )


def fill_row(row: RitualRow, ritual: Ritual) -> None:
    rec = ritual.recurrence
    row.uid = ritual.uid
    row.kind = ritual.kind
    row.title = ritual.title
    row.start = ritual.start.replace(tzinfo=None, second=0, microsecond=0)
    row.timezone = ritual.timezone
    row.duration_minutes = ritual.duration_minutes
    row.freq = rec.freq
    row.interval = rec.interval
    row.weekdays = sorted(set(rec.weekdays))
    row.nth = rec.nth
    row.until = rec.until
    row.count = rec.count
    row.skipped = sorted({d.isoformat() for d in ritual.skipped})
    row.all_attendees = ritual.attendees is None
    row.attendees = [RitualAttendeeRow(member_id=m) for m in sorted(set(ritual.attendees or ()))]
    row.location = ritual.location
    row.notes = ritual.notes
    row.facilitator_id = ritual.facilitator_id
    row.rotation = [
        RitualFacilitatorRow(position=i, member_id=m) for i, m in enumerate(ritual.rotation)
    ]
    row.swaps = [RitualSwapRow(day=s.day, member_id=s.member_id) for s in ritual.swaps]


def clean(ritual: Ritual) -> Ritual:
    return replace(
        ritual,
        title=" ".join(ritual.title.split()),
        location=ritual.location.strip(),
        notes=ritual.notes.strip(),
        start=ritual.start.replace(tzinfo=None, second=0, microsecond=0),
        skipped=tuple(sorted(set(ritual.skipped))),
    )


def check(ritual: Ritual, member_ids: set[int]) -> Ritual:
    """The cleaned ritual, or ValidationError naming each bad field."""
    ritual = clean(ritual)
    found = [Problem(f, m) for f, m in validation.problems(ritual)]
    named = {
        "attendees": ritual.attendees or (),
        "facilitator rotation": ritual.rotation,
        "facilitator": (ritual.facilitator_id,) if ritual.facilitator_id is not None else (),
        "swap": tuple(s.member_id for s in ritual.swaps),
    }
    for field_name, ids in named.items():
        unknown = sorted(set(ids) - member_ids)
        if unknown:
            found.append(
                Problem(field_name, _("no member with id {unknown}").format(unknown=unknown[0]))
            )
    if found:
        raise ValidationError(found)
    return ritual


def to_person(row: MemberRow) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        timezone=row.timezone,
        work_start=row.work_start,
        work_end=row.work_end,
        absences=tuple((a.start, a.end) for a in row.absences),
        archived=row.archived,
    )


def _ritual_row(s: Session, ritual_id: int) -> RitualRow:
    return row_or_refuse(
        s,
        RitualRow,
        ritual_id,
        _("There is no ritual with id {ritual_id}.").format(ritual_id=ritual_id),
    )


def _people(s: Session) -> dict[int, Person]:
    return {row.id: to_person(row) for row in s.scalars(select(MemberRow))}


def compact_review_markers(team: TeamFile, first: dt.date, last: dt.date) -> list[Marker]:
    """The compact's next review date, if it falls between ``first`` and ``last``."""
    # Imported here: the compact's service imports the calendar's for its kickoff date.
    from teamkeel.core.compact.service import CompactService

    day = CompactService(team).review_status().next_review
    if day is not None and first <= day <= last:
        return [Marker(day, _("Compact review due"), "compact")]
    return []


def latest_ratified_compact(team: TeamFile) -> int | None:
    """The number of the newest ratified compact, if one is ratified."""
    # Imported here: the compact's service imports the calendar's for its kickoff date.
    from teamkeel.core.compact.service import CompactService

    versions = CompactService(team).versions()
    return max((v.number for v in versions if v.number is not None), default=None)


class CalendarService:
    def __init__(self, team: TeamFile):
        self.team = team

    # -- reading ---------------------------------------------------------------------
    def list_rituals(self) -> list[Ritual]:
        with self.team.session() as s:
            rows = s.scalars(select(RitualRow).order_by(RitualRow.start, RitualRow.id)).all()
            return [to_ritual(r) for r in rows]

    def get(self, ritual_id: int) -> Ritual:
        with self.team.session() as s:
            return to_ritual(_ritual_row(s, ritual_id))

    def people(self) -> dict[int, Person]:
        """Everyone, archived included (old occurrences keep their facilitator's name)."""
        with self.team.session() as s:
            return _people(s)

    def occurrences(self, first: dt.date, last: dt.date) -> list[Occurrence]:
        """Every held occurrence whose local date lies in [first, last], in time order."""
        with self.team.session() as s:
            rituals = [to_ritual(r) for r in s.scalars(select(RitualRow))]
            people = _people(s)
        return schedule.all_occurrences(rituals, first, last, people)

    def local_times(self, occurrence: Occurrence) -> list[LocalTime]:
        """The occurrence in each attendee's own timezone, marking unfair times."""
        ritual = self.get(occurrence.ritual_id) if occurrence.ritual_id else None
        people = self.people()
        if ritual is None or ritual.attendees is None:
            attendees = [p for p in people.values() if not p.archived]
        else:
            attendees = [people[i] for i in ritual.attendees if i in people]
        attendees.sort(key=lambda p: (p.name.casefold(), p.id))
        return [local_time(p, occurrence.start, occurrence.end) for p in attendees]

    def markers(self, first: dt.date, last: dt.date) -> list[Marker]:
        return compact_review_markers(self.team, first, last)

    def team_name(self) -> str:
        return TeamInfoService(self.team).name() or "Team"

    # -- writing ---------------------------------------------------------------------
    def add(self, ritual: Ritual) -> Ritual:
        with self.team.session() as s:
            ritual = check(ritual, set(_people(s)))
            row = RitualRow()
            fill_row(row, ritual)
            if ritual.id is not None:  # restoring a deleted ritual (undo) keeps its id
                _check_id_free(s, ritual)
                row.id = ritual.id
            s.add(row)
            s.flush()
            return to_ritual(row)

    def update(self, ritual: Ritual) -> Ritual:
        ritual_id = ritual.id
        if ritual_id is None:
            raise KeelError(_("This ritual has not been saved yet."))
        with self.team.session() as s:
            ritual = check(ritual, set(_people(s)))
            row = _ritual_row(s, ritual_id)
            fill_row(row, ritual)
            s.flush()
            return to_ritual(row)

    def delete(self, ritual_id: int) -> Ritual:
        """Delete a ritual; returns it as it was, so undo can `add` it back."""
        with self.team.session() as s:
            row = _ritual_row(s, ritual_id)
            gone = to_ritual(row)
            s.delete(row)
            return gone

    def swap(self, ritual_id: int, day: dt.date, member_id: int | None) -> Ritual:
        """Give the occurrence on `day` to `member_id` (None: back to the rotation)."""
        ritual = self.get(ritual_id)
        swaps = tuple(s for s in ritual.swaps if s.day != day)
        if member_id is not None:
            swaps = tuple(sorted(swaps + (Swap(day, member_id),), key=lambda s: s.day))
        return self.update(replace(ritual, swaps=swaps))

    def holiday_country(self, timezone: str) -> str:
        """The country whose public holidays plans avoid: the team's choice, else the
        country of ``timezone`` ("" for none)."""
        chosen = TeamInfoService(self.team).setting(public_holidays.HOLIDAY_SETTING)
        if chosen is not None:
            return chosen
        return public_holidays.country_for_timezone(timezone)

    def set_holiday_country(self, country: str) -> None:
        TeamInfoService(self.team).set_setting(public_holidays.HOLIDAY_SETTING, country)

    def propose_rollout(
        self,
        program_start: dt.date,
        timezone: str,
        rotation: Sequence[int] = (),
        lead_id: int | None = None,
        reuse: bool = True,
        country: str | None = None,
    ) -> rollout.RolloutProposal:
        """The phased plan fitted to this team (see ``rollout.fit_plan``): the rituals
        it already has, the compact it already ratified, and the public holidays of
        ``country`` (None: the team's, see ``holiday_country``)."""
        check_day(program_start, "rollout start")
        plan = rollout.rollout_plan(program_start, timezone, tuple(rotation), lead_id)
        if country is None:
            country = self.holiday_country(timezone)
        first = min(r.start.date() for r in plan)
        days_off = public_holidays.days_off(country, first, first + rollout.HOLIDAY_HORIZON)
        return rollout.fit_plan(
            plan,
            self.list_rituals(),
            reuse=reuse,
            compact_ratified=latest_ratified_compact(self.team),
            days_off=days_off,
        )

    def add_planned(
        self, rituals: Sequence[Ritual], program_start: dt.date | None = None
    ) -> list[Ritual]:
        """Add the rituals of a plan in one transaction; returns them as saved. With
        ``program_start``, store it too: the Journey's timeline reads the same value."""
        added = []
        with self.team.session() as s:
            if program_start is not None:
                _store_program_start(s, program_start)
            member_ids = set(_people(s))
            for ritual in rituals:
                ritual = check(ritual, member_ids)
                row = RitualRow()
                fill_row(row, ritual)
                s.add(row)
                s.flush()
                added.append(to_ritual(row))
        return added

    def generate_rollout(
        self,
        program_start: dt.date,
        timezone: str,
        rotation: Sequence[int] = (),
        lead_id: int | None = None,
        reuse: bool = True,
        country: str | None = None,
    ) -> list[Ritual]:
        """Add the phased rollout plan, fitted to the team, in one transaction."""
        proposal = self.propose_rollout(program_start, timezone, rotation, lead_id, reuse, country)
        return self.add_planned(proposal.rituals, rollout.monday_on_or_after(program_start))

    def delete_many(self, ritual_ids: Sequence[int]) -> None:
        with self.team.session() as s:
            for ritual_id in ritual_ids:
                row = s.get(RitualRow, ritual_id)
                if row is not None:
                    s.delete(row)

    def restore_many(self, rituals: Sequence[Ritual]) -> None:
        with self.team.session() as s:
            member_ids = set(_people(s))
            for ritual in rituals:
                if ritual.id is not None:
                    _check_id_free(s, ritual)
                row = RitualRow(id=ritual.id)
                fill_row(row, check(ritual, member_ids))
                s.add(row)

    # -- exports ---------------------------------------------------------------------
    def export_ics(
        self, out: Path, first: dt.date | None = None, last: dt.date | None = None
    ) -> int:
        """Write the ICS file; with a range, only rituals that meet in it. Returns the
        number of events."""
        rituals = self.list_rituals()
        people = self.people()
        if first is not None and last is not None:
            rituals = [r for r in rituals if schedule.occurrences(r, first, last, people)]
        data = ics.export_ics(rituals, people, team_name=self.team_name(), from_day=first)
        _write_atomically(out, data)
        return len(rituals)

    def export_pdf(
        self,
        out: Path,
        first: dt.date,
        last: dt.date,
        view: str = "month",
        paper: str = "A4",
        first_weekday: int = 0,
    ) -> int:
        """The calendar PDF; its month grids' weeks begin on ``first_weekday`` (0 Monday
        ... 6 Sunday: the window's Preferences → Week starts on, the command line's
        --week-start or the locale's)."""
        occ = self.occurrences(first, last)
        markers = self.markers(first, last)
        team_name = self.team_name()
        with replacing(out) as tmp:
            pdf.calendar_pdf(
                str(tmp), occ, first, last, team_name=team_name, view=view, markers=markers,
                paper=paper, first_weekday=first_weekday,
            )  # fmt: skip
        return len(occ)

    def export_cards(self, out: Path, paper: str = "A4") -> list[str]:
        rituals, people, team_name = self.list_rituals(), self.people(), self.team_name()
        if not rituals:
            # An empty PDF would look like a failed print; say what to do instead.
            raise KeelError(
                _(
                    "There are no rituals yet, so no cards to print; add rituals or a rollout plan "
                    "first."
                )
            )
        with replacing(out) as tmp:
            kinds = pdf.facilitation_cards_pdf(
                str(tmp), rituals, people, team_name=team_name, paper=paper
            )
        return kinds


def _store_program_start(s: Session, day: dt.date) -> None:
    from teamkeel.core.roster.models import SettingRow
    from teamkeel.core.team_info import PROGRAM_START_KEY

    row = s.get(SettingRow, PROGRAM_START_KEY)
    if row is None:
        s.add(SettingRow(key=PROGRAM_START_KEY, value=day.isoformat()))
    else:
        row.value = day.isoformat()


def _check_id_free(s: Session, ritual: Ritual) -> None:
    """SQLite gives a freed id again: another Keel on this file may have added a ritual
    under the id of the one being put back. Never put it over that one."""
    if s.get(RitualRow, ritual.id) is not None:
        raise KeelError(
            _(
                "“{title}” cannot be put back: the calendar was changed meanwhile and its number "
                "is now another ritual's."
            ).format(title=ritual.title)
        )


def _write_atomically(out: Path, data: bytes) -> None:
    with replacing(out) as tmp:
        tmp.write_bytes(data)
