"""The base of every tab: what it is given, and signal connections torn down with it."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from teamkeel.ui.context import AppContext


class BaseTab(QWidget):
    key = ""  # short, stable name: roster, compact, calendar, rotations, standup, insights
    title = ""  # shown on the tab

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._connections: list[tuple[Any, Callable[..., Any]]] = []
        self._steps: list[Callable[[], object]] = []  # what is left of fill_in_steps
        self.setObjectName(f"{self.key}_tab")

    def fill_in_steps(self, *steps: Callable[[], object], first_now: bool = True) -> None:
        """Fill a newly built tab: the first step now (unless ``first_now`` is False:
        then the tab is shown empty first), each next one in a turn of the event loop
        of its own when the context asks for it (the window Keel starts with: the user
        feels a stall over 100 ms, and some tabs read for longer than that), else all at
        once (a test reads the tab right after building it)."""
        if not self.ctx.fill_in_steps:
            for step in steps:
                step()
            return
        self._steps = list(steps)
        if first_now:
            self._next_step()
        else:
            QTimer.singleShot(0, self, self._next_step)

    @property
    def filling(self) -> bool:
        """Steps of ``fill_in_steps`` are still to come."""
        return bool(self._steps)

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(0, self, self._next_step)  # not after the tab is gone

    def track(self, signal: Any, slot: Callable[..., Any]) -> None:
        """Connect, and remember the connection so ``teardown`` can undo it."""
        signal.connect(slot)
        self._connections.append((signal, slot))

    def teardown(self) -> None:
        self._steps.clear()  # the file is closing: nothing more to read from it
        for signal, slot in self._connections:
            # The sender may already be gone, or Qt may have dropped the connection with
            # it: PySide then raises, or only warns, and either is fine here.
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                signal.disconnect(slot)
        self._connections.clear()

    def finish_setup(self) -> None:
        """Set-up the window's first frame does without (what needs ``QtCore.Qt``, see
        teamkeel.ui.rows_model). The window calls it right after that frame, or at once
        for a tab built later."""

    def fonts_changed(self) -> None:
        """Keel's own fonts became known after this tab was shown (see teamkeel.ui.fonts):
        widths measured before may be too narrow for names in other scripts."""

    def preferences_changed(self, keys: list[str]) -> None:
        """The lead changed these preferences (``ui.options`` keys); the tab reloads
        right after, so only what ``reload`` does not read again needs doing here."""

    def focus_start(self) -> None:
        """Put the keyboard focus where work on this tab begins, when the lead switches
        to it (the tab bar keeps it otherwise)."""

    def reload(self) -> None:
        """Read again from the services (after a change elsewhere)."""

    def export_actions(self) -> list[QAction]:
        """Entries this tab adds to File → Export."""
        return []

    def save_state(self) -> dict[str, Any]:
        """Layout worth remembering (splitter sizes, column widths...)."""
        return {}

    def restore_state(self, state: dict[str, Any]) -> None:
        pass
