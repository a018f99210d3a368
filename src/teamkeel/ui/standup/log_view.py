"""The log's table view: fixed-width columns around a "What" column that stays readable.

"What" stretches to fill the width; on a narrow window it would shrink to a sliver
(the other columns alone nearly fill 1024 pixels), so below ``MIN_NOTE_WIDTH`` it keeps
that width and the columns right of it scroll instead.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from teamkeel.ui.standup.log_model import (
    DATE,
    DAYS,
    KIND,
    NOTE,
    OTHERS,
    RESOLVED,
    STATUS,
    TAGS,
    WHO,
)

MIN_NOTE_WIDTH = 240
DEFAULT_WIDTHS = (
    (DATE, 92),
    (KIND, 64),
    (WHO, 130),
    (OTHERS, 150),
    (TAGS, 90),
    (STATUS, 70),
    (RESOLVED, 92),
    (DAYS, 44),
)


class LogTableView(QTableView):
    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_table")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in DEFAULT_WIDTHS:
            header.resizeSection(column, width)
        header.sectionResized.connect(self._other_column_resized)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_note_column()

    def _other_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != NOTE:
            self.fit_note_column()

    def fit_note_column(self) -> None:
        """Let "What" fill the free width, but never narrower than ``MIN_NOTE_WIDTH``."""
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != NOTE and not header.isSectionHidden(c)
        )
        roomy = self.viewport().width() - others >= MIN_NOTE_WIDTH
        mode = QHeaderView.ResizeMode.Stretch if roomy else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(NOTE) != mode:
            header.setSectionResizeMode(NOTE, mode)
        if not roomy and header.sectionSize(NOTE) != MIN_NOTE_WIDTH:
            header.resizeSection(NOTE, MIN_NOTE_WIDTH)
