"""The roster facade: every read and write of members goes through here.

Each method owns one short transaction and returns plain ``Member`` objects, so no
caller ever holds a session or an ORM row. Reads are plain SQL (``reader.py``); writes
go through the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.roster import validation
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.models import AbsenceRow, MemberRow
from teamkeel.core.roster.reader import RosterReader
from teamkeel.core.storage.rows import row_or_refuse


def to_member(row: MemberRow) -> Member:
    return Member(
        id=row.id,
        name=row.name,
        role=row.role,
        email=row.email,
        timezone=row.timezone,
        work_start=row.work_start,
        work_end=row.work_end,
        skills=tuple(row.skills or ()),
        goals=tuple(row.goals or ()),
        start_date=row.start_date,
        notes=row.notes,
        archived=row.archived,
        absences=tuple(Absence(a.start, a.end, a.note) for a in row.absences),
    )


def _fill(row: MemberRow, member: Member) -> None:
    row.name = member.name
    row.role = member.role
    row.email = member.email
    row.timezone = member.timezone
    row.work_start = member.work_start
    row.work_end = member.work_end
    row.skills = list(member.skills)
    row.goals = list(member.goals)
    row.start_date = member.start_date
    row.notes = member.notes
    row.archived = member.archived
    row.absences = [AbsenceRow(start=a.start, end=a.end, note=a.note) for a in member.absences]


def checked(member: Member) -> Member:
    """The cleaned member, or ValidationError naming each bad field."""
    member = validation.clean(member)
    found = validation.problems(member)
    if found:
        raise ValidationError(found)
    return member


class RosterService(RosterReader):
    """The roster facade: reads (from ``RosterReader``) and writes through the ORM."""

    # -- writing ---------------------------------------------------------------------
    def add(self, member: Member) -> Member:
        """Store a new member (keeping ``member.id`` if given, for undo) and return it."""
        return self.add_many([member])[0]

    def add_many(self, members: Iterable[Member]) -> list[Member]:
        """Store several members in one transaction: all of them, or none."""
        members = [checked(m) for m in members]
        with self.team.session() as s:
            rows = []
            for member in members:
                if member.id is not None and s.get(MemberRow, member.id) is not None:
                    # SQLite gives a freed id again: another Keel on this file may have
                    # added someone under the id of the member being put back (redo).
                    raise KeelError(
                        f"{member.name} cannot be added back: the roster was changed "
                        "meanwhile and their number is now someone else's."
                    )
                row = MemberRow(id=member.id)
                _fill(row, member)
                s.add(row)
                rows.append(row)
            s.flush()
            return [to_member(r) for r in rows]

    def update(self, member: Member) -> Member:
        member_id = member.id
        if member_id is None:
            raise KeelError("Cannot update a member that was never stored.")
        member = checked(member)
        with self.team.session() as s:
            row = self._row(s, member_id)
            _fill(row, member)
            s.flush()
            return to_member(row)

    def set_archived(self, member_id: int, archived: bool) -> Member:
        with self.team.session() as s:
            row = self._row(s, member_id)
            row.archived = archived
            s.flush()
            return to_member(row)

    def delete(self, member_id: int) -> None:
        """Remove a member entirely. Only for undoing an addition: a member with any
        history is refused (archive them instead)."""
        try:
            with self.team.session() as s:
                s.delete(self._row(s, member_id))
        except IntegrityError as exc:
            raise ValidationError(
                [Problem("member", "This member has history; archive them instead.")]
            ) from exc

    @staticmethod
    def _row(s: Session, member_id: int) -> MemberRow:
        return row_or_refuse(s, MemberRow, member_id, f"There is no member with id {member_id}.")
