"""The roster facade: every read and write of members goes through here.

Each method owns one short transaction and returns plain ``Member`` objects, so no
caller ever holds a session or an ORM row. Reads are plain SQL (``reader.py``); writes
go through the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, cast

from sqlalchemy import Table, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.progress import Cancelled, Progress
from teamkeel.core.roster import validation
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.models import AbsenceRow, MemberRow, _now
from teamkeel.core.roster.reader import RosterReader
from teamkeel.core.storage.rows import row_or_refuse

_ID_CHUNK = 500  # ids per IN (...) list: well below SQLite's limit on parameters


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


def _table(model: type[MemberRow] | type[AbsenceRow]) -> Table:
    # The plain table: a Core insert of many rows skips the ORM's per-row bookkeeping.
    return cast(Table, model.__table__)


_INSERT_CHUNK = 5000  # rows per executemany: progress is told between them


def _insert_many(
    s: Session, table: Table, columns: dict[str, list[Any]], progress: Progress | None = None
) -> None:
    """Insert rows, given column by column, in a few executemany calls, without
    SQLAlchemy's work per row: each column's values become what SQLAlchemy stores
    through its own bind processors (so the format is exactly the ORM's), once per
    distinct value. ``progress`` hears of the rows inserted; when it answers False,
    ``Cancelled`` is raised (the caller's transaction then writes nothing)."""
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    if not count:
        return
    conn = s.connection()
    dialect = conn.dialect  # its own type for each column (SQLite's TIME, not Time)
    stored = []
    for name, values in columns.items():
        process = dialect.type_descriptor(table.c[name].type).bind_processor(dialect)
        stored.append(values if process is None else list(map(_memo(process), values)))
    params = list(zip(*stored, strict=True))
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
    for start in range(0, count, _INSERT_CHUNK):
        conn.exec_driver_sql(sql, params[start : start + _INSERT_CHUNK])
        done = min(start + _INSERT_CHUNK, count)
        if progress is not None and not progress(done, count):
            raise Cancelled()


def _memo(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            done[value] = result = process(value)
            return result
        except TypeError:  # not hashable
            return process(value)

    return convert


_MEMBER_COLUMNS = (
    *("id", "name", "role", "email", "timezone", "work_start", "work_end", "skills"),
    *("goals", "start_date", "notes", "archived"),
)  # skills and goals stay tuples: stored as the JSON list, and hashable for _memo


def _member_columns(members: list[Member], now: dt.datetime) -> dict[str, list[Any]]:
    """The members' columns, for a bulk insert (absences go in their own table)."""
    columns: dict[str, list[Any]] = {
        name: list(map(attrgetter(name), members)) for name in _MEMBER_COLUMNS
    }
    columns["created_at"] = [now] * len(members)
    return columns


def _absence_columns(members: list[Member]) -> dict[str, list[Any]]:
    rows = [(m.id, a) for m in members for a in m.absences]
    return {
        "member_id": [owner for owner, _ in rows],
        "start": [a.start for _, a in rows],
        "end": [a.end for _, a in rows],
        "note": [a.note for _, a in rows],
    }


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

    def add_many(
        self,
        members: Iterable[Member],
        validated: bool = False,
        progress: Progress | None = None,
    ) -> list[Member]:
        """Store several members in one transaction: all of them, or none. Members that
        carry an id (put back by redo) keep it. Inserted in bulk, so that a roster file
        of many thousand rows is stored in a moment; ``validated`` spares checking again
        what the caller has just checked (``checked``). ``progress`` hears of the rows
        stored and may cancel (``Cancelled``: nothing is stored)."""
        members = list(members) if validated else [checked(m) for m in members]
        with self.team.session() as s:
            self._refuse_taken_ids(s, members)
            # Ids are given here, as SQLite would (one past the highest): no row has
            # to be read back, so thousands are inserted in one statement.
            highest = s.scalar(select(func.max(MemberRow.id))) or 0
            next_id = max([highest, *(m.id for m in members if m.id is not None)]) + 1
            stored = []
            for m in members:
                if m.id is None:
                    m = m.with_id(next_id)
                    next_id += 1
                stored.append(m)
            _insert_many(s, _table(MemberRow), _member_columns(stored, _now()), progress)
            _insert_many(s, _table(AbsenceRow), _absence_columns(stored))
        return stored

    @staticmethod
    def _refuse_taken_ids(s: Session, members: list[Member]) -> None:
        by_id = {m.id: m for m in members if m.id is not None}
        wanted = list(by_id)
        for start in range(0, len(wanted), _ID_CHUNK):
            chunk = wanted[start : start + _ID_CHUNK]
            taken = s.scalars(select(MemberRow.id).where(MemberRow.id.in_(chunk))).first()
            if taken is not None:
                # SQLite gives a freed id again: another Keel on this file may have
                # added someone under the id of the member being put back (redo).
                raise KeelError(
                    _(
                        "{name} cannot be added back: the roster was changed meanwhile and their number "
                        "is now someone else's."
                    ).format(name=by_id[taken].name)
                )

    def update(self, member: Member) -> Member:
        member_id = member.id
        if member_id is None:
            raise KeelError(_("Cannot update a member that was never stored."))
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

    def delete_many(self, member_ids: Iterable[int]) -> None:
        """Remove members entirely, in one transaction (undoing an import); refused as
        a whole if any of them has history."""
        ids = list(member_ids)
        try:
            with self.team.session() as s:
                for start in range(0, len(ids), _ID_CHUNK):
                    chunk = ids[start : start + _ID_CHUNK]
                    s.execute(delete(MemberRow).where(MemberRow.id.in_(chunk)))
        except IntegrityError as exc:
            raise ValidationError(
                [Problem("member", _("Some of these members have history; archive them instead."))]
            ) from exc

    def delete(self, member_id: int) -> None:
        """Remove a member entirely. Only for undoing an addition: a member with any
        history is refused (archive them instead)."""
        try:
            with self.team.session() as s:
                s.delete(self._row(s, member_id))
        except IntegrityError as exc:
            raise ValidationError(
                [Problem("member", _("This member has history; archive them instead."))]
            ) from exc

    @staticmethod
    def _row(s: Session, member_id: int) -> MemberRow:
        return row_or_refuse(s, MemberRow, member_id, f"There is no member with id {member_id}.")
