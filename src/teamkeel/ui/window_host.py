"""The main window as the parts around it see it: File-menu extras, imports, backups and
the dialogs it opens (Preferences, restore, shortcuts).

``MainWindow`` is the one implementation. The parts are imported by the window, so they
name this base instead of the window itself: no module imports back the module that
imports it, and mypy still checks every use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from teamkeel.ui.base_tab import BaseTab
    from teamkeel.ui.context import AppContext
    from teamkeel.ui.prompts import Prompts


class TabSlot(QWidget):
    """The page of one tab. Its content is built when first needed, so the window
    shows the current tab at once and builds the others right after."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.tab: BaseTab | None = None
        # Shown in the first frame until the tab is built (see teamkeel.ui.first_screen).
        self.first_screen: QWidget | None = None
        self.content = QVBoxLayout(self)
        self.content.setContentsMargins(0, 0, 0, 0)


class WindowHost(QMainWindow):
    ctx: AppContext | None  # the open team file's context; None when none is open
    settings: QSettings
    prompts: Prompts
    slots: list[TabSlot]

    def select_tab(self, key: str) -> bool:
        """Show the tab with this key (False if there is none)."""
        raise NotImplementedError

    def tab(self, key: str) -> BaseTab | None:
        """The tab with this key, built if need be."""
        raise NotImplementedError

    def open_file(self, path: Path, create: bool = False) -> bool:
        raise NotImplementedError

    def _close_team(self) -> None:
        """Let go of the open file (a restore replaces it underneath)."""
        raise NotImplementedError

    def preferences_applied(self, changed: list[str]) -> None:
        raise NotImplementedError
