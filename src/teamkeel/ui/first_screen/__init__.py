"""First screens: what a tab shows in the window's first frame, until it is built.

Keel reopens on the tab the lead left, and its first frame must come as fast as a bare
window (docs/STARTUP.md). The Roster tab itself is light; every other tab loads its
services, SQLAlchemy and heavy modules (charts, PDF, dateutil) when it is built. So the
window Keel starts with shows that tab's first screen instead: the same data the tab
opens on, read with plain SQL (``teamkeel.core.first_screen``) into plain widgets, read
only. Right after the first frame the window builds the tab itself in its place
(``MainWindow._build``). Insights and the Journey show the figures they computed last
time, kept in the file with the data version they came from, and say so when the data
has changed since.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

OPENING = N_("The rest of this tab opens in a moment.")


class FirstScreen(QWidget):
    """A read-only column of headings, text and tables, in the order they are added."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.setObjectName(f"{key}_first_screen")
        self.column = QVBoxLayout(self)

    def heading(self, text: str) -> QLabel:
        return self.text(text, theme.HEADING)

    def text(self, text: str, style: str = "") -> QLabel:
        """A paragraph (rich text where it has tags), wrapped to the width."""
        label = QLabel(text)
        label.setWordWrap(True)
        if style:
            label.setStyleSheet(style)
        self.column.addWidget(label)
        return label

    def table(
        self, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], stretch: int = 1
    ) -> QTableWidget:
        table = QTableWidget(len(rows), len(columns))
        table.setObjectName(f"{self.key}_first_rows")
        table.setHorizontalHeaderLabels([_(c) for c in columns])  # marked with N_
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        self.column.addWidget(table, stretch)
        return table

    def opening_note(self, text: str = "") -> None:
        self.text(text or _(OPENING), theme.HINT_TEXT)

    def end(self) -> None:
        """Keep what was added at the top."""
        self.column.addStretch(1)


def first_screen(key: str, team: TeamFile) -> FirstScreen | None:
    """The first screen of the tab ``key`` (None: the tab is light enough itself, or
    has no first screen). Plain imports, one light module per tab."""
    if key == "journey":
        from teamkeel.ui.first_screen import journey

        return journey.build(team)
    if key == "compact":
        from teamkeel.ui.first_screen import compact

        return compact.build(team)
    if key == "calendar":
        from teamkeel.ui.first_screen import calendar

        return calendar.build(team)
    if key == "rotations":
        from teamkeel.ui.first_screen import rotations

        return rotations.build(team)
    if key == "standup":
        from teamkeel.ui.first_screen import standup

        return standup.build(team)
    if key == "insights":
        from teamkeel.ui.first_screen import insights

        return insights.build(team)
    return None
