"""The stand-up log: kudos (who helped whom, for what) and blockers (who is stuck, who helped).

Layout:

- ``entries``   plain dataclasses shared by every layer (``LogEntry``, ``KudoRecord``, ...)
- ``parser``    the quick-entry line (pure: ``parse_entry(text, members)``)
- ``lifecycle`` blocker rules (pure: open/carried-forward, age, time to resolve)
- ``models``    SQLAlchemy tables; ``service`` the ``StandupService(team)`` facade
- ``csv_export``, ``interchange``, ``demo``: export, JSON section, demo history

Reading the log for analysis (e.g. Insights)
--------------------------------------------
``StandupService(team)`` offers read methods that return plain, frozen dataclasses and
hold no session:

``kudos_between(start, end) -> list[KudoRecord]``
    Every kudo dated ``start <= day <= end`` (inclusive), oldest first. A kudo from
    ``giver_id`` to ``receiver_ids`` means **each receiver helped the giver** (the giver
    thanks them). ``note`` is what the help was, ``tags`` its lower-case tags.

``blockers_between(start, end) -> list[BlockerRecord]``
    Every blocker *raised* in ``[start, end]``, oldest first, with ``owner_id`` (who was
    stuck), ``helper_ids`` (who unblocked them; empty if it resolved without help or is
    still open), ``resolved_on`` (None while open) and the derived ``days_to_resolve``.

``open_blockers(day) -> list[LogEntry]``
    Blockers still stuck at the end of ``day`` (see ``lifecycle`` for the exact rule).

Member ids are roster ids (``RosterService.get(id)``); archived members keep their history.
Dates are ``datetime.date``; everything is ordered by day then id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from teamkeel.core.standup.entries import (
    BlockerRecord,
    EntryKind,
    KudoRecord,
    LogEntry,
    LogFilter,
    MemberRef,
    Status,
)

if TYPE_CHECKING:
    from teamkeel.core.standup.service import StandupService

__all__ = [
    "BlockerRecord",
    "EntryKind",
    "KudoRecord",
    "LogEntry",
    "LogFilter",
    "MemberRef",
    "StandupService",
    "Status",
]


def __getattr__(name: str) -> Any:
    # Imported lazily so the pure parser and lifecycle load without the storage layer.
    if name == "StandupService":
        from teamkeel.core.standup.service import StandupService

        return StandupService
    raise AttributeError(name)
