"""Reading the roster with plain SQL: every member read in Keel comes through here.

The window shows the roster before SQLAlchemy has loaded (see ``TeamFile.reading``), so
reading needs nothing but ``sqlite3``. The values are decoded as SQLAlchemy stored them:
dates and times as ISO text, skills and goals as JSON lists, flags as 0/1.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.text import fold_accents

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

_MEMBER_COLUMNS = (
    "id, name, role, email, timezone, work_start, work_end, skills, goals, start_date, "
    "notes, archived"
)


def _tags(text: str | None) -> tuple[str, ...]:
    value = json.loads(text) if text else None
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _time(text: str | None, default: dt.time) -> dt.time:
    return dt.time.fromisoformat(text) if text else default


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


FETCH_PART = 2_000  # rows


def read_members(
    conn: sqlite3.Connection, include_archived: bool = False, member_id: int | None = None
) -> list[Member]:
    """Members (with their absences) in the order a list shows them: by name."""
    where, params = [], []
    if not include_archived:
        where.append("archived = 0")
    if member_id is not None:
        where.append("id = ?")
        params.append(member_id)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    cursor = conn.execute(f"SELECT {_MEMBER_COLUMNS} FROM member{clause}", params)
    rows: list[tuple[Any, ...]] = []
    # In parts: a worker reading 100,000 members in one fetchall (a loop in C) kept the
    # GIL from the window's thread for as long; between parts it can take its turn.
    while part := cursor.fetchmany(FETCH_PART):
        rows.extend(part)
    one = " WHERE member_id = ?" if member_id is not None else ""
    absences: dict[int, list[Absence]] = {}
    for owner, start, end, note in conn.execute(
        f'SELECT member_id, start, "end", note FROM absence{one} ORDER BY start, id',
        [member_id] if one else [],
    ):
        absences.setdefault(owner, []).append(
            Absence(dt.date.fromisoformat(start), dt.date.fromisoformat(end), note or "")
        )
    members = [
        Member(
            id=r[0],
            name=r[1],
            role=r[2] or "",
            email=r[3],
            timezone=r[4],
            work_start=_time(r[5], dt.time(9, 0)),
            work_end=_time(r[6], dt.time(17, 0)),
            skills=_tags(r[7]),
            goals=_tags(r[8]),
            start_date=_date(r[9]),
            notes=r[10] or "",
            archived=bool(r[11]),
            absences=tuple(absences.get(r[0], ())),
        )
        for r in rows
    ]
    return sorted(members, key=lambda m: (m.name.casefold(), m.id or 0))


def person_key(member: Member) -> tuple[str, str]:
    """Who a member is, for finding duplicates: their e-mail, or their name when they
    have none. Equal keys are the same person (see ``same_person``)."""
    if member.email:
        return ("email", member.email.casefold())
    return ("name", member.name.casefold())


def same_person(a: Member, b: Member) -> bool:
    """Duplicates: the same e-mail, or the same name when neither has an e-mail."""
    return person_key(a) == person_key(b)


class RosterReader:
    """The reading half of the roster facade (``RosterService`` adds the writing)."""

    def __init__(self, team: TeamFile):
        self.team = team

    def list_members(self, include_archived: bool = False) -> list[Member]:
        with self.team.reading() as conn:
            return read_members(conn, include_archived)

    def get(self, member_id: int) -> Member:
        with self.team.reading() as conn:
            found = read_members(conn, include_archived=True, member_id=member_id)
        if not found:
            raise KeelError(
                _("There is no member with id {member_id}.").format(member_id=member_id)
            )
        return found[0]

    def count(self) -> int:
        with self.team.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM member").fetchone()[0])

    def anyone_active(self) -> bool:
        """Whether anyone is on the team and not archived: stops at the first one (a
        count reads every row, a quarter of a second after a 100,000-row import)."""
        with self.team.reading() as conn:
            return (
                conn.execute("SELECT 1 FROM member WHERE NOT archived LIMIT 1").fetchone()
                is not None
            )

    def active_count(self) -> int:
        """How many members are not archived."""
        with self.team.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM member WHERE NOT archived").fetchone()[0])

    def find_by_name(self, text: str, include_archived: bool = False) -> list[Member]:
        """Members a typed name may mean: exact (case-insensitive) matches if any,
        otherwise those whose name, or a word of it, starts with the text."""
        members = self.list_members(include_archived=include_archived)
        # First as typed (case aside), then with accents ignored, so that "Zoe" on a
        # keyboard without "ë" still finds Zoë, while an exact spelling always wins.
        for fold in (str.casefold, fold_accents):
            needle = fold(" ".join(text.split()))
            if not needle:
                return []
            exact = [m for m in members if fold(m.name) == needle]
            if exact:
                return exact
            starts = [
                m
                for m in members
                if fold(m.name).startswith(needle)
                or any(w.startswith(needle) for w in fold(m.name).split())
            ]
            if starts:
                return starts
        return []

    def resolve_name(self, text: str) -> Member:
        """The one member a name means, or a KeelError listing the candidates."""
        found = self.find_by_name(text)
        if len(found) == 1:
            return found[0]
        if not found:
            names = ", ".join(m.name for m in self.list_members()) or "the roster is empty"
            raise KeelError(
                _("No member is called “{text}” (members: {names}).").format(text=text, names=names)
            )
        raise KeelError(
            _("“{text}” could mean {items}; give more of the name.").format(
                text=text, items=", ".join(m.name for m in found)
            )
        )

    @staticmethod
    def is_absent(member: Member, day: dt.date) -> bool:
        return member.is_absent(day)

    def duplicate_of(self, member: Member) -> Member | None:
        for other in self.list_members(include_archived=True):
            if other.id != member.id and same_person(other, member):
                return other
        return None
