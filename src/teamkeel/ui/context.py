"""What every tab is given: the open team file, the undo stack, change notices, prompts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.ui.prompts import Prompts


class AppContext(QObject):
    # Emitted with a feature key ("roster", "compact", ...) after any data change,
    # including undo and redo, so every view that shows that data can refresh.
    changed = Signal(str)
    # Emitted with a feature key when an undo or redo (not the edit itself) is about to
    # change that feature's data, so the window can show the tab where it happens.
    replaying = Signal(str)
    # A tab asks the window to show another tab by its key (e.g. "Add people first"
    # on the Rotations tab leads to the Roster).
    show_tab = Signal(str)
    # Emitted once the team file is closed (its connections gone), before this context
    # is deleted: e.g. for the last backup of the day's work.
    closed = Signal()

    def __init__(self, team: TeamFile, prompts: Prompts, parent: QObject | None = None):
        super().__init__(parent)
        self.team = team
        self.prompts = prompts
        self.undo_stack = QUndoStack(self)
        # True in the window Keel starts with: a newly built tab fills itself in steps,
        # one per turn of the event loop (``BaseTab.fill_in_steps``).
        self.fill_in_steps = False
