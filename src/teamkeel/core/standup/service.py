"""``StandupService(team)``: every read and write of the stand-up log.

Each method owns one short session and returns plain dataclasses from ``entries``.
Listing is paged and filtered in SQL on indexed columns, so the log stays quick with
hundreds of thousands of entries; nothing here loads the whole log into memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeAlias

from sqlalchemy import Row, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.standup import lifecycle
from teamkeel.core.standup.entries import (
    BlockerRecord,
    EntryKind,
    EntrySnapshot,
    KudoRecord,
    LogEntry,
    LogFilter,
    MemberRef,
    OccurrenceLink,
    SortKey,
    StandupDay,
    Status,
)
from teamkeel.core.standup.models import (
    ENTRY_COLUMNS,
    ROLE_HELPER,
    ROLE_RECEIVER,
    StandupEntry,
    StandupPerson,
)
from teamkeel.core.standup.parser import (
    ParsedBlocker,
    ParsedEntry,
    ParsedKudos,
    ParsedResolution,
    name_key,
)
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile

MAX_NOTE = 2000
NO_FILTER = LogFilter()


def entry_values(
    entry_id: int,
    kind: EntryKind,
    day: dt.date,
    member_id: int,
    note: str,
    tags: tuple[str, ...],
    resolved: dt.date | None,
    created: dt.datetime,
    ritual_id: int | None = None,
    occurrence: dt.date | None = None,
) -> dict[str, Any]:
    """One ``standup_entry`` row for a bulk insert (the demo, a JSON import)."""
    return {
        "id": entry_id,
        "kind": kind.value,
        "day": day,
        "member_id": member_id,
        "note": note,
        "tags": " ".join(tags),
        "search_text": search_text(note, tags),
        "resolved_on": resolved,
        "ritual_id": ritual_id,
        "occurrence_date": occurrence,
        "created_at": created,
    }


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: without ``#``, case-folded, no spaces, no duplicates, in order."""
    out: list[str] = []
    for tag in tags:
        clean = "-".join(name_key(tag).lstrip("#").split())
        if clean and clean not in out:
            out.append(clean)
    return tuple(out)


# A day of slack: a script in a time zone ahead of this machine may already be "tomorrow".
FUTURE_SLACK = dt.timedelta(days=1)


def _date_problems(day: dt.date) -> list[Problem]:
    """The log records what was said at stand-ups: a date in the future is a typo."""
    if out_of_range(day):
        return [Problem("date", str(out_of_range(day)))]
    if day > dt.date.today() + FUTURE_SLACK:
        return [
            Problem(
                "date",
                _("{day} is in the future; the log records what was said").format(
                    day=day.isoformat()
                ),
            )
        ]
    return []


def search_text(note: str, tags: Sequence[str]) -> str:
    return name_key(" ".join([note, *("#" + t for t in tags)]))


def _like_pattern(text: str) -> str:
    escaped = name_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filter_conditions(f: LogFilter) -> list:
    """The SQL conditions of a log filter (shared by paging, counting and matching)."""
    conds: list = []
    if f.start is not None:
        conds.append(StandupEntry.day >= f.start)
    if f.end is not None:
        conds.append(StandupEntry.day <= f.end)
    if f.kind is not None:
        conds.append(StandupEntry.kind == f.kind.value)
    if f.status is Status.OPEN:
        conds += [StandupEntry.kind == EntryKind.BLOCKER.value, StandupEntry.resolved_on.is_(None)]
    elif f.status is Status.RESOLVED:
        conds += [
            StandupEntry.kind == EntryKind.BLOCKER.value,
            StandupEntry.resolved_on.is_not(None),
        ]
    if f.member_id is not None:
        involved = select(StandupPerson.entry_id).where(StandupPerson.member_id == f.member_id)
        conds.append(or_(StandupEntry.member_id == f.member_id, StandupEntry.id.in_(involved)))
    if f.text.strip():
        conds.append(StandupEntry.search_text.like(_like_pattern(f.text.strip()), escape="\\"))
    return conds


def sort_key(entry: LogEntry, order: SortKey) -> tuple[dt.date, int]:
    """Where an entry sits in the log order (the window inserts new rows with this)."""
    return (entry.day, entry.id)


def _order_by(order: SortKey) -> tuple:
    if order is SortKey.OLDEST:
        return (StandupEntry.day.asc(), StandupEntry.id.asc())
    return (StandupEntry.day.desc(), StandupEntry.id.desc())


# id, day, member, note, tags, resolved on: what the analysis reads of an entry.
_EntryRow: TypeAlias = "Row[int, dt.date, int, str, str, dt.date | None]"


class StandupService:
    def __init__(self, team: TeamFile):
        self.team = team

    # -- members -------------------------------------------------------------------------
    def members(self, include_archived: bool = False) -> list[MemberRef]:
        """Who can be named in an entry (active members unless asked otherwise)."""
        with self.team.session() as s:
            query = select(MemberRow.id, MemberRow.name)
            if not include_archived:
                query = query.where(MemberRow.archived.is_(False))
            rows = s.execute(query).all()
        return sorted((MemberRef(i, n) for i, n in rows), key=lambda m: (name_key(m.name), m.id))

    # -- writing -------------------------------------------------------------------------
    def add_kudos(
        self,
        day: dt.date,
        giver_id: int,
        receiver_ids: Sequence[int],
        note: str,
        tags: Iterable[str] = (),
        link: OccurrenceLink | None = None,
    ) -> LogEntry:
        """Record that each receiver helped the giver on ``day``."""
        receivers = list(dict.fromkeys(receiver_ids))
        problems = self._note_problems(note) + _date_problems(day)
        if not receivers:
            problems.append(Problem("receivers", _("name at least one person who helped")))
        if giver_id in receivers:
            problems.append(Problem("receivers", _("nobody can thank themselves")))
        with self.team.session() as s:
            problems += self._member_problems(s, {"giver": [giver_id], "receivers": receivers})
            if problems:
                raise ValidationError(problems)
            return self._insert(
                s, EntryKind.KUDOS, day, giver_id, receivers, ROLE_RECEIVER, note, tags, None, link
            )

    def add_blocker(
        self,
        day: dt.date,
        owner_id: int,
        note: str,
        tags: Iterable[str] = (),
        link: OccurrenceLink | None = None,
    ) -> LogEntry:
        """Record that ``owner_id`` is stuck, from ``day`` until the blocker is resolved."""
        problems = self._note_problems(note) + _date_problems(day)
        with self.team.session() as s:
            problems += self._member_problems(s, {"owner": [owner_id]})
            if problems:
                raise ValidationError(problems)
            return self._insert(
                s, EntryKind.BLOCKER, day, owner_id, [], ROLE_HELPER, note, tags, None, link
            )

    def record(
        self, parsed: ParsedEntry, day: dt.date, link: OccurrenceLink | None = None
    ) -> LogEntry:
        """Store what the quick-entry line parsed (a resolution resolves the owner's blocker)."""
        if isinstance(parsed, ParsedKudos):
            return self.add_kudos(
                day, parsed.giver_id, parsed.receiver_ids, parsed.note, parsed.tags, link
            )
        if isinstance(parsed, ParsedBlocker):
            return self.add_blocker(day, parsed.owner_id, parsed.note, parsed.tags, link)
        if isinstance(parsed, ParsedResolution):
            blocker = self.single_open_blocker_of(parsed.owner_id, day)
            return self.resolve(blocker.id, day, parsed.helper_ids)
        raise TypeError(f"not a parsed entry: {parsed!r}")

    def single_open_blocker_of(self, owner_id: int, day: dt.date) -> LogEntry:
        """The one blocker of ``owner_id`` open on ``day``, or a KeelError saying why not."""
        found = [b for b in self.open_blockers(day) if b.member.id == owner_id]
        if len(found) == 1:
            return found[0]
        name = self._name(owner_id)
        if not found:
            raise KeelError(_("{name} has no open blocker.").format(name=name))
        listed = "; ".join(f"#{b.id} {b.note[:40]}" for b in found)
        raise KeelError(
            _(
                "{name} has {count} open blockers ({listed}): pick one in the list of open "
                "blockers."
            ).format(name=name, count=len(found), listed=listed)
        )

    def resolve(self, entry_id: int, on: dt.date, helper_ids: Sequence[int] = ()) -> LogEntry:
        """Mark a blocker resolved on ``on``, naming who helped (possibly nobody)."""
        helpers = list(helper_ids)
        with self.team.session() as s:
            row = self._row(s, entry_id)
            if row.kind != EntryKind.BLOCKER.value:
                raise KeelError(
                    _("Entry #{entry_id} is a kudo, not a blocker.").format(entry_id=entry_id)
                )
            messages = lifecycle.resolution_problems(
                raised_on=row.day,
                already_resolved_on=row.resolved_on,
                resolved_on=on,
                owner_id=row.member_id,
                helper_ids=helpers,
            )
            problems = [Problem("resolution", m) for m in messages] + _date_problems(on)
            problems += self._member_problems(s, {"helpers": helpers})
            if problems:
                raise ValidationError(problems)
            row.resolved_on = on
            row.people = [
                StandupPerson(member_id=m, role=ROLE_HELPER, position=i)
                for i, m in enumerate(helpers)
            ]
            s.flush()
            return self._entries(s, [row.id])[0]

    def reopen(self, entry_id: int) -> LogEntry:
        """Undo a resolution: the blocker is open again and has no helpers."""
        with self.team.session() as s:
            row = self._row(s, entry_id)
            if row.kind != EntryKind.BLOCKER.value:
                raise KeelError(
                    _("Entry #{entry_id} is a kudo, not a blocker.").format(entry_id=entry_id)
                )
            row.resolved_on = None
            row.people = []
            s.flush()
            return self._entries(s, [row.id])[0]

    def update_note(self, entry_id: int, note: str, tags: Iterable[str] = ()) -> LogEntry:
        problems = self._note_problems(note)
        if problems:
            raise ValidationError(problems)
        with self.team.session() as s:
            row = self._row(s, entry_id)
            clean_tags = normalise_tags(tags)
            row.note = " ".join(note.split())
            row.tags = " ".join(clean_tags)
            row.search_text = search_text(row.note, clean_tags)
            s.flush()
            return self._entries(s, [row.id])[0]

    def delete(self, entry_id: int) -> EntrySnapshot:
        """Remove an entry, returning what ``restore`` needs to put it back."""
        with self.team.session() as s:
            row = self._row(s, entry_id)
            snapshot = EntrySnapshot(
                id=row.id,
                kind=EntryKind(row.kind),
                day=row.day,
                member_id=row.member_id,
                other_ids=tuple(p.member_id for p in row.people),
                note=row.note,
                tags=tuple(row.tags.split()),
                resolved_on=row.resolved_on,
                link=_link(row.ritual_id, row.occurrence_date),
                created_at=row.created_at,
            )
            s.execute(delete(StandupPerson).where(StandupPerson.entry_id == entry_id))
            s.execute(delete(StandupEntry).where(StandupEntry.id == entry_id))
        return snapshot

    def restore(self, snapshot: EntrySnapshot) -> LogEntry:
        """Put a deleted entry back with its id, people and dates."""
        role = ROLE_RECEIVER if snapshot.kind is EntryKind.KUDOS else ROLE_HELPER
        with self.team.session() as s:
            if s.get(StandupEntry, snapshot.id) is not None:
                # SQLite gives a freed id again: another Keel on this file (a chat
                # bridge) logged an entry meanwhile. Never put this one over it.
                raise KeelError(
                    _(
                        "Entry #{id} cannot be put back: the log was changed meanwhile and that number "
                        "is now another entry's."
                    ).format(id=snapshot.id)
                )
            return self._insert(
                s,
                snapshot.kind,
                snapshot.day,
                snapshot.member_id,
                list(snapshot.other_ids),
                role,
                snapshot.note,
                snapshot.tags,
                snapshot.resolved_on,
                snapshot.link,
                entry_id=snapshot.id,
                created_at=snapshot.created_at,
            )

    # -- reading the log -----------------------------------------------------------------
    def get(self, entry_id: int) -> LogEntry:
        with self.team.session() as s:
            found = self._entries(s, [entry_id])
        if not found:
            raise KeelError(_("There is no log entry #{entry_id}.").format(entry_id=entry_id))
        return found[0]

    def page(
        self,
        log_filter: LogFilter = NO_FILTER,
        offset: int = 0,
        limit: int = 200,
        order: SortKey = SortKey.NEWEST,
    ) -> list[LogEntry]:
        """One page of the filtered log, in ``order``."""
        query = (
            select(*ENTRY_COLUMNS)
            .where(*filter_conditions(log_filter))
            .order_by(*_order_by(order))
            .offset(offset)
            .limit(limit)
        )
        with self.team.session() as s:
            return self._build(s, s.execute(query).all())

    def count(self, log_filter: LogFilter = NO_FILTER) -> int:
        with self.team.session() as s:
            query = (
                select(func.count()).select_from(StandupEntry).where(*filter_conditions(log_filter))
            )
            return int(s.scalar(query) or 0)

    def matches(self, log_filter: LogFilter, entry_id: int) -> bool:
        """Whether an entry passes a filter (to place a new entry in a filtered view)."""
        with self.team.session() as s:
            query = select(StandupEntry.id).where(
                StandupEntry.id == entry_id, *filter_conditions(log_filter)
            )
            return s.scalar(query) is not None

    def iter_entries(
        self, log_filter: LogFilter = NO_FILTER, chunk: int = 5000
    ) -> Iterator[LogEntry]:
        """The whole filtered log, oldest first, read in chunks (for export)."""
        after: tuple[dt.date, int] | None = None
        while True:
            conds = filter_conditions(log_filter)
            if after is not None:
                conds.append(
                    or_(
                        StandupEntry.day > after[0],
                        and_(StandupEntry.day == after[0], StandupEntry.id > after[1]),
                    )
                )
            query = (
                select(*ENTRY_COLUMNS)
                .where(*conds)
                .order_by(StandupEntry.day, StandupEntry.id)
                .limit(chunk)
            )
            with self.team.session() as s:
                entries = self._build(s, s.execute(query).all())
            yield from entries
            if len(entries) < chunk:
                return
            after = (entries[-1].day, entries[-1].id)

    def first_day(self) -> dt.date | None:
        """The day of the earliest entry: the log says nothing about the time before."""
        with self.team.session() as s:
            return s.scalar(select(func.min(StandupEntry.day)))

    # -- today's stand-up ----------------------------------------------------------------
    def open_blockers(self, day: dt.date) -> list[LogEntry]:
        """Blockers still stuck at the end of ``day``, oldest first (see ``lifecycle``)."""
        return self._blockers_open_after(
            day, StandupEntry.day <= day, StandupEntry.resolved_on > day
        )

    def carried_into(self, day: dt.date) -> list[LogEntry]:
        """Blockers that came into ``day``'s stand-up unresolved from earlier ones."""
        return self._blockers_open_after(
            day, StandupEntry.day < day, StandupEntry.resolved_on >= day
        )

    def _blockers_open_after(self, day: dt.date, raised, resolved_later) -> list[LogEntry]:
        # Two index seeks (still open / resolved later) instead of one OR, which would
        # make SQLite walk every blocker ever raised.
        kind = StandupEntry.kind == EntryKind.BLOCKER.value
        with self.team.session() as s:
            rows = list(
                s.execute(
                    select(*ENTRY_COLUMNS).where(kind, StandupEntry.resolved_on.is_(None), raised)
                )
            )
            rows += s.execute(select(*ENTRY_COLUMNS).where(kind, resolved_later, raised)).all()
            rows.sort(key=lambda r: (r.day, r.id))
            return self._build(s, rows)

    def spoken_on(self, day: dt.date) -> frozenset[int]:
        """Members who gave kudos, raised a blocker or had one resolved on ``day``."""
        spoke = select(StandupEntry.member_id).where(StandupEntry.day == day)
        resolved = select(StandupEntry.member_id).where(
            StandupEntry.kind == EntryKind.BLOCKER.value, StandupEntry.resolved_on == day
        )
        with self.team.session() as s:
            return frozenset(s.scalars(spoke.union(resolved)).all())

    def day_summary(self, day: dt.date) -> StandupDay:
        return StandupDay(day, self.spoken_on(day), tuple(self.open_blockers(day)))

    # -- reading for analysis (see the package docstring) ------------------------------------
    def kudos_between(self, start: dt.date, end: dt.date) -> list[KudoRecord]:
        """Kudos dated in ``[start, end]``: each receiver helped the giver."""
        rows, people = self._entries_between(EntryKind.KUDOS, start, end)
        return [
            KudoRecord(i, day, giver, people.get(i, ()), note, tuple(tags.split()))
            for i, day, giver, note, tags, _ in rows
        ]

    def blockers_between(self, start: dt.date, end: dt.date) -> list[BlockerRecord]:
        """Blockers raised in ``[start, end]`` with their helpers and resolution date."""
        rows, people = self._entries_between(EntryKind.BLOCKER, start, end)
        return [
            BlockerRecord(i, day, owner, people.get(i, ()), note, tuple(tags.split()), resolved)
            for i, day, owner, note, tags, resolved in rows
        ]

    def _entries_between(self, kind: EntryKind, start: dt.date, end: dt.date
                         ) -> tuple[Sequence[_EntryRow], dict[int, tuple[int, ...]]]:  # fmt: skip
        """Entries of one kind dated in ``[start, end]`` (id, day, member, note, tags,
        resolved on), in order, and the people each names."""
        query = (
            select(
                StandupEntry.id,
                StandupEntry.day,
                StandupEntry.member_id,
                StandupEntry.note,
                StandupEntry.tags,
                StandupEntry.resolved_on,
            )
            .where(
                StandupEntry.kind == kind.value,
                StandupEntry.day >= start,
                StandupEntry.day <= end,
            )
            .order_by(StandupEntry.day, StandupEntry.id)
        )
        with self.team.session() as s:
            rows = s.execute(query).all()
            people = self._people(s, start, end, kind)
        return rows, people

    # -- internals -----------------------------------------------------------------------
    @staticmethod
    def _note_problems(note: str) -> list[Problem]:
        clean = " ".join(note.split())
        if not clean:
            return [Problem("note", _("say what happened"))]
        if len(clean) > MAX_NOTE:
            return [
                Problem("note", _("keep it under {MAX_NOTE} characters").format(MAX_NOTE=MAX_NOTE))
            ]
        return []

    @staticmethod
    def _member_problems(s: Session, groups: dict[str, list[int]]) -> list[Problem]:
        wanted = {m for ids in groups.values() for m in ids}
        if not wanted:
            return []
        known = set(s.scalars(select(MemberRow.id).where(MemberRow.id.in_(wanted))).all())
        return [
            Problem(field, _("there is no member with id {m}").format(m=m))
            for field, ids in groups.items()
            for m in ids
            if m not in known
        ]

    def _insert(
        self,
        s: Session,
        kind: EntryKind,
        day: dt.date,
        member_id: int,
        other_ids: list[int],
        role: str,
        note: str,
        tags: Iterable[str],
        resolved_on: dt.date | None,
        link: OccurrenceLink | None,
        entry_id: int | None = None,
        created_at: dt.datetime | None = None,
    ) -> LogEntry:
        clean_note = " ".join(note.split())
        clean_tags = normalise_tags(tags)
        row = StandupEntry(
            id=entry_id,
            kind=kind.value,
            day=day,
            member_id=member_id,
            note=clean_note,
            tags=" ".join(clean_tags),
            search_text=search_text(clean_note, clean_tags),
            resolved_on=resolved_on,
            ritual_id=link.ritual_id if link else None,
            occurrence_date=link.occurrence_date if link else None,
            created_at=created_at or dt.datetime.now().replace(microsecond=0),
            people=[
                StandupPerson(member_id=m, role=role, position=i) for i, m in enumerate(other_ids)
            ],
        )
        s.add(row)
        s.flush()
        return self._entries(s, [row.id])[0]

    @staticmethod
    def _row(s: Session, entry_id: int) -> StandupEntry:
        return row_or_refuse(s, StandupEntry, entry_id, f"There is no log entry #{entry_id}.")

    def _name(self, member_id: int) -> str:
        with self.team.session() as s:
            return s.scalar(select(MemberRow.name).where(MemberRow.id == member_id)) or "?"

    def _entries(self, s: Session, ids: Sequence[int]) -> list[LogEntry]:
        rows = s.execute(select(*ENTRY_COLUMNS).where(StandupEntry.id.in_(ids))).all()
        return self._build(s, rows)

    @staticmethod
    def _people(
        s: Session, start: dt.date, end: dt.date, kind: EntryKind
    ) -> dict[int, tuple[int, ...]]:
        query = (
            select(StandupPerson.entry_id, StandupPerson.member_id)
            .join(StandupEntry, StandupEntry.id == StandupPerson.entry_id)
            .where(
                StandupEntry.kind == kind.value, StandupEntry.day >= start, StandupEntry.day <= end
            )
            .order_by(StandupPerson.entry_id, StandupPerson.position)
        )
        out: dict[int, list[int]] = {}
        for entry_id, member_id in s.execute(query):
            out.setdefault(entry_id, []).append(member_id)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _build(s: Session, rows: Sequence) -> list[LogEntry]:
        """LogEntries from selected columns, with names and other people filled in."""
        if not rows:
            return []
        ids = [r[0] for r in rows]
        others: dict[int, list[int]] = {}
        for start in range(0, len(ids), 900):  # stay under SQLite's variable limit
            chunk = ids[start : start + 900]
            query = (
                select(StandupPerson.entry_id, StandupPerson.member_id)
                .where(StandupPerson.entry_id.in_(chunk))
                .order_by(StandupPerson.entry_id, StandupPerson.position)
            )
            for entry_id, member_id in s.execute(query):
                others.setdefault(entry_id, []).append(member_id)
        names = dict(s.execute(select(MemberRow.id, MemberRow.name)).all())

        def ref(member_id: int) -> MemberRef:
            return MemberRef(member_id, names.get(member_id, "?"))

        return [
            LogEntry(
                id=i,
                kind=EntryKind(kind),
                day=day,
                member=ref(member_id),
                others=tuple(ref(m) for m in others.get(i, ())),
                note=note,
                tags=tuple(tags.split()),
                resolved_on=resolved_on,
                link=_link(ritual_id, occurrence_date),
                created_at=created_at,
            )
            for (
                i,
                kind,
                day,
                member_id,
                note,
                tags,
                resolved_on,
                ritual_id,
                occurrence_date,
                created_at,
            ) in rows
        ]


def _link(ritual_id: int | None, occurrence_date: dt.date | None) -> OccurrenceLink | None:
    if ritual_id is None or occurrence_date is None:
        return None
    return OccurrenceLink(ritual_id, occurrence_date)
