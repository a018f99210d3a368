"""Undoable edits of the log. Each keeps the table and today's panel in step itself.

Undoing an addition deletes the entry but keeps a snapshot, so redo puts back the very
same entry (same id); undoing a resolution reopens the blocker.

The change notice (``ctx.changed.emit("standup")``) that makes other tabs re-read is
sent once the event loop is free again, and once for a burst of edits: the new row is
painted first, and a lead typing entry after entry does not wait for other tabs
re-reading a large log after every single one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer

from teamkeel.core.i18n import _
from teamkeel.core.standup import EntryKind, LogEntry, StandupService
from teamkeel.core.standup.entries import EntrySnapshot, OccurrenceLink
from teamkeel.core.standup.parser import ParsedBlocker, ParsedKudos
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup.log_model import LogTableModel
from teamkeel.ui.undo import ServiceCommand, push

KEY = "standup"
NOTICE_DELAY_MS = 300


# What each undo step remembers between its first run and a later undo or redo.
@dataclass
class _RecordedEntry:
    entry: LogEntry | None = None  # as recorded (or restored), with its id
    snapshot: EntrySnapshot | None = None  # taken by undo, so redo keeps the same id


@dataclass
class _ResolvedEntry:
    entry: LogEntry | None = None  # as resolved


@dataclass
class _DeletedEntry:
    snapshot: EntrySnapshot | None = None  # what ``restore`` needs to bring it back


def entry_text(verb: str, entry: LogEntry) -> str:
    """An undo step's name for an entry: "Record kudos from Ana to Lukas",
    "Resolve blocker for Lukas" (``verb``: "Record", "Resolve" or "Delete")."""
    if entry.kind is EntryKind.KUDOS:
        texts = {
            "Record": _("Record kudos from {giver} to {names}"),
            "Resolve": _("Resolve kudos from {giver} to {names}"),
            "Delete": _("Delete kudos from {giver} to {names}"),
        }
        names = ", ".join(other.name for other in entry.others)
        return texts[verb].format(giver=entry.member.name, names=names)
    texts = {
        "Record": _("Record blocker for {name}"),
        "Resolve": _("Resolve blocker for {name}"),
        "Delete": _("Delete blocker for {name}"),
    }
    return texts[verb].format(name=entry.member.name)


class ChangeNotice:
    """Emits ``ctx.changed(KEY)`` once, shortly after the last of a burst of edits."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._timer = QTimer(ctx)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_DELAY_MS)
        self._timer.timeout.connect(lambda: ctx.changed.emit(KEY))

    def schedule(self) -> None:
        self._timer.start()  # restarting it folds a burst of edits into one notice

    def flush(self) -> None:
        """Send a pending notice now (before the window reads other tabs, and in tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.ctx.changed.emit(KEY)


class LogEdits:
    def __init__(
        self,
        ctx: AppContext,
        service: StandupService,
        model: LogTableModel,
        after: Callable[[LogEntry | None], None],
    ) -> None:
        self.ctx = ctx
        self.service = service
        self.model = model
        # Refreshes today's panel; given the entry when only a kudo was added (cheap path).
        self.after = after
        self.notice = ChangeNotice(ctx)

    def _command(
        self, text: str, do: Callable[[], object], undo: Callable[[], object]
    ) -> ServiceCommand:
        return ServiceCommand(self.ctx, KEY, text, do, undo, notify=self.notice.schedule)

    def add(
        self,
        parsed: ParsedKudos | ParsedBlocker,
        day: dt.date,
        link: OccurrenceLink | None = None,
    ) -> LogEntry:
        """Record a parsed entry; raises KeelError (and records nothing) if refused."""
        step = _RecordedEntry()

        def do() -> None:
            if step.snapshot is not None:
                entry = self.service.restore(step.snapshot)
            else:
                entry = self.service.record(parsed, day, link)
            step.entry = entry
            command.setText(entry_text("Record", entry))  # names known once recorded
            self.model.entry_added(entry)
            self.after(entry if entry.kind is EntryKind.KUDOS else None)

        def undo() -> None:
            entry = step.entry
            assert entry is not None
            step.snapshot = self.service.delete(entry.id)
            self.model.entry_removed(entry.id)
            self.after(None)

        text = _("Record kudos") if isinstance(parsed, ParsedKudos) else _("Record blocker")
        command = self._command(text, do, undo)
        push(self.ctx, command)
        assert step.entry is not None  # push raised if the entry was refused
        return step.entry

    def resolve(self, entry_id: int, day: dt.date, helper_ids: Sequence[int]) -> LogEntry:
        step = _ResolvedEntry()

        def do() -> None:
            step.entry = entry = self.service.resolve(entry_id, day, helper_ids)
            command.setText(entry_text("Resolve", entry))
            self.model.entry_changed(entry)
            self.after(None)

        def undo() -> None:
            self.model.entry_changed(self.service.reopen(entry_id))
            self.after(None)

        command = self._command(_("Resolve blocker"), do, undo)
        push(self.ctx, command)
        assert step.entry is not None  # push raised if the resolution was refused
        return step.entry

    def delete(self, entry_id: int) -> None:
        step = _DeletedEntry()
        text = entry_text("Delete", self.service.get(entry_id))

        def do() -> None:
            step.snapshot = self.service.delete(entry_id)
            self.model.entry_removed(entry_id)
            self.after(None)

        def undo() -> None:
            assert step.snapshot is not None
            self.model.entry_added(self.service.restore(step.snapshot))
            self.after(None)

        push(self.ctx, self._command(text, do, undo))
