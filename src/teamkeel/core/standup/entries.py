"""Plain dataclasses of the stand-up log, shared by the parser, the service and the window.

Nothing here touches SQL or Qt: these are the values that cross layer boundaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EntryKind(StrEnum):
    KUDOS = "kudos"
    BLOCKER = "blocker"


class Status(StrEnum):
    """What a log row shows in its status column; kudos have none."""

    NONE = ""
    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class MemberRef:
    """The part of a roster member the stand-up log needs: who, and how they are called."""

    id: int
    name: str


@dataclass(frozen=True)
class OccurrenceLink:
    """Optional link to one occurrence of a calendar ritual.

    Stored as two plain values (no foreign key) so the log works without the calendar.
    """

    ritual_id: int
    occurrence_date: dt.date


@dataclass(frozen=True)
class LogEntry:
    """One row of the log, either a kudo or a blocker, with names already resolved.

    For a kudo, ``member`` is the giver and ``others`` the receivers (the people who
    helped). For a blocker, ``member`` is the owner and ``others`` the helpers who
    unblocked it (empty while it is open).
    """

    id: int
    kind: EntryKind
    day: dt.date
    member: MemberRef
    others: tuple[MemberRef, ...]
    note: str
    tags: tuple[str, ...] = ()
    resolved_on: dt.date | None = None
    link: OccurrenceLink | None = None
    created_at: dt.datetime | None = None

    @property
    def status(self) -> Status:
        if self.kind is EntryKind.KUDOS:
            return Status.NONE
        return Status.RESOLVED if self.resolved_on is not None else Status.OPEN

    @property
    def days_to_resolve(self) -> int | None:
        if self.kind is not EntryKind.BLOCKER or self.resolved_on is None:
            return None
        return (self.resolved_on - self.day).days


@dataclass(frozen=True)
class KudoRecord:
    """A kudo for analysis: ``receiver_ids`` helped ``giver_id`` on ``day``."""

    id: int
    day: dt.date
    giver_id: int
    receiver_ids: tuple[int, ...]
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class BlockerRecord:
    """A blocker for analysis: ``helper_ids`` unblocked ``owner_id``.

    ``resolved_on`` is None while the blocker is open; ``days_to_resolve`` is derived.
    """

    id: int
    raised_on: dt.date
    owner_id: int
    helper_ids: tuple[int, ...]
    note: str
    tags: tuple[str, ...]
    resolved_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    @property
    def days_to_resolve(self) -> int | None:
        if self.resolved_on is None:
            return None
        return (self.resolved_on - self.raised_on).days


@dataclass(frozen=True)
class LogFilter:
    """What the log table shows. Every field left at its default means "no restriction"."""

    start: dt.date | None = None
    end: dt.date | None = None
    member_id: int | None = None
    kind: EntryKind | None = None
    status: Status | None = None
    text: str = ""


class SortKey(StrEnum):
    """Orders the log can be read in; all are backed by an index."""

    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class EntrySnapshot:
    """Everything needed to put a deleted entry back exactly as it was (for undo)."""

    id: int
    kind: EntryKind
    day: dt.date
    member_id: int
    other_ids: tuple[int, ...]
    note: str
    tags: tuple[str, ...]
    resolved_on: dt.date | None
    link: OccurrenceLink | None
    created_at: dt.datetime


@dataclass(frozen=True)
class StandupDay:
    """Today's stand-up at a glance: who has spoken and what is still stuck."""

    day: dt.date
    spoken_ids: frozenset[int]
    open_blockers: tuple[LogEntry, ...] = field(default=())
