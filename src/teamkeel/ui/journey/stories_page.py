"""Stories worth celebrating: written directly or grown from a kudos or a resolved
blocker, each with a one-line outcome and a kind."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.journey.records import STORY_KINDS, Story, StorySource
from teamkeel.ui import theme

if TYPE_CHECKING:
    from teamkeel.ui.journey.tab import JourneyTab

ID_ROLE = 256


class StoriesPage(QWidget):
    def __init__(self, tab: JourneyTab):
        super().__init__()
        self.tab = tab
        self.sources: list[StorySource] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Stories")
        self.list.setObjectName("stories_list")
        remove = QPushButton("Remove selected story")
        remove.clicked.connect(self._remove)
        self.source = QComboBox()
        self.source.setObjectName("story_source")
        self.source.currentIndexChanged.connect(self._prefill)
        self.kind = QComboBox()
        self.kind.setObjectName("story_kind")
        for key, title in STORY_KINDS.items():
            self.kind.addItem(title, key)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.outcome = QLineEdit()
        self.outcome.setObjectName("story_outcome")
        self.outcome.setPlaceholderText("One line, e.g. “release shipped on time”")
        self.text = QPlainTextEdit()
        self.text.setObjectName("story_text")
        self.text.setFixedHeight(70)
        add = QPushButton("Add story")
        add.setObjectName("story_add")
        add.clicked.connect(self.add)
        self.problem = QLabel()
        self.problem.setObjectName("story_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        box = QGroupBox("New story")
        form = QFormLayout(box)
        form.addRow("From", self.source)
        form.addRow("Kind", self.kind)
        form.addRow("Date", self.day)
        form.addRow("Outcome", self.outcome)
        form.addRow("What happened", self.text)
        form.addRow(add, self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(QLabel("Stories, newest first (File → Export prints a period's sheet)"))
        layout.addWidget(self.list, 1)
        layout.addWidget(remove)

    def reload(self) -> None:
        self.list.clear()
        for s in reversed(self.tab.service.stories()):
            item = QListWidgetItem(
                f"{s.told_on:%d %b %Y} · {STORY_KINDS.get(s.kind, s.kind)} · {s.outcome}\n   {s.text}"
            )
            item.setData(ID_ROLE, s.id)
            self.list.addItem(item)
        self.sources = self.tab.service.story_sources(dt.date.today() - dt.timedelta(days=120))
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("Written directly", None)
        for src in self.sources:
            kind = "Kudos" if src.kind == "kudos" else "Resolved blocker"
            self.source.addItem(f"{kind}, {src.day:%d %b}: {src.text[:60]}", src.entry_id)
        self.source.blockSignals(False)

    def _prefill(self, index: int) -> None:
        src = self.sources[index - 1] if index > 0 else None
        if src is not None:
            self.text.setPlainText(src.text)
            self.day.setDate(QDate(src.day.year, src.day.month, src.day.day))
            kind = "project_win" if src.kind == "blocker" else "learning"
            self.kind.setCurrentIndex(self.kind.findData(kind))

    def add(self) -> None:
        self.problem.clear()
        q = self.day.date()
        story = Story(
            dt.date(q.year(), q.month(), q.day()),
            str(self.kind.currentData()),
            self.text.toPlainText(),
            self.outcome.text(),
            self.source.currentData(),
        )
        try:
            self.tab.add_story(story)
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        self.outcome.clear()
        self.text.clear()
        self.source.setCurrentIndex(0)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.tab.remove_story(int(item.data(ID_ROLE)))
