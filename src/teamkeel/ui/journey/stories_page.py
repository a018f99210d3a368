"""Stories worth celebrating: written directly or grown from a kudos or a resolved
blocker, each with a one-line outcome and a kind."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, format_date
from teamkeel.core.journey.records import STORY_KINDS, Story, StorySource, kind_title
from teamkeel.ui import theme
from teamkeel.ui.journey.edits import JourneyEdits

ID_ROLE = 256


class StoriesPage(QWidget):
    def __init__(self, edits: JourneyEdits):
        super().__init__()
        self.edits = edits
        self.sources: list[StorySource] = []
        self.list = QListWidget()
        self.list.setAccessibleName(_("Stories"))
        self.list.setObjectName("stories_list")
        # A story is a sentence or two: wrap it to the page instead of scrolling sideways.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        remove = QPushButton(_("Remove selected story"))
        remove.clicked.connect(self._remove)
        self.list_problem = QLabel()
        self.list_problem.setObjectName("stories_list_problem")
        self.list_problem.setWordWrap(True)
        self.list_problem.setStyleSheet(theme.ERROR_TEXT)
        self.source = QComboBox()
        self.source.setObjectName("story_source")
        self.source.currentIndexChanged.connect(self._prefill)
        self.kind = QComboBox()
        self.kind.setObjectName("story_kind")
        for key, title in STORY_KINDS.items():
            self.kind.addItem(_(title), key)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.outcome = QLineEdit()
        self.outcome.setObjectName("story_outcome")
        self.outcome.setPlaceholderText(_("One line, e.g. “release shipped on time”"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.text.setObjectName("story_text")
        self.text.setFixedHeight(70)
        add = QPushButton(_("Add story"))
        add.setObjectName("story_add")
        add.clicked.connect(self.add)
        self.problem = QLabel()
        self.problem.setObjectName("story_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        box = QGroupBox(_("New story"))
        form = QFormLayout(box)
        form.addRow(_("From"), self.source)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date"), self.day)
        form.addRow(_("Outcome"), self.outcome)
        form.addRow(_("What happened"), self.text)
        form.addRow(add, self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(QLabel(_("Stories, newest first (File → Export prints a period's sheet)")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.list_problem)
        layout.addWidget(remove)

    def reload(self) -> None:
        self.list.clear()
        self.list_problem.clear()
        for s in reversed(self.edits.service.stories()):
            item = QListWidgetItem(
                f"{format_date(s.told_on, 'dd MMM y')} · {kind_title(s.kind)} · {s.outcome}"
                f"\n   {s.text}"
            )
            item.setData(ID_ROLE, s.id)
            if s.project_id is not None:
                item.setToolTip(
                    _("Told from a delivered skill-share project (Stand-up → Skill shares)")
                )
            self.list.addItem(item)
        self.sources = self.edits.service.story_sources(dt.date.today() - dt.timedelta(days=120))
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(_("Written directly"), None)
        for src in self.sources:
            kind = _("Kudos") if src.kind == "kudos" else _("Resolved blocker")
            day = format_date(src.day, "dd MMM")
            self.source.addItem(f"{kind}, {day}: {src.text[:60]}", src.entry_id)
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
            self.edits.add_story(story)
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        self.outcome.clear()
        self.text.clear()
        self.source.setCurrentIndex(0)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        story_id = item.data(ID_ROLE)
        if story_id is None:
            # Its words live in the project; removing it here would not last.
            self.list_problem.setText(
                _(
                    "This story is told from a delivered skill-share project: change or drop "
                    "the project in Stand-up → Skill shares."
                )
            )
            return
        self.edits.remove_story(int(story_id))
