"""The row of filters above the log: date range, member, kind, status and text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _
from teamkeel.core.standup import EntryKind, LogFilter, MemberRef, Status
from teamkeel.ui.date_range import keep_in_range, pydate

# label, days back from today (None: no limit; BETWEEN: the two date fields)
BETWEEN = "between"
RANGES: tuple[tuple[str, int | str | None], ...] = (
    (N_("All time"), None),
    (N_("Last 7 days"), 7),
    (N_("Last 30 days"), 30),
    (N_("Last 90 days"), 90),
    (N_("Last 12 months"), 365),
    (N_("Between dates…"), BETWEEN),
)
KINDS = (
    (N_("Kudos and blockers"), None),
    (N_("Kudos"), EntryKind.KUDOS),
    (N_("Blockers"), EntryKind.BLOCKER),
)
STATUSES = ((N_("Any status"), None), (N_("Open"), Status.OPEN), (N_("Resolved"), Status.RESOLVED))
SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.range = QComboBox()
        self.range.setAccessibleName(_("Period shown"))
        self.range.setObjectName("filter_range")
        for label, days in RANGES:
            self.range.addItem(_(label), days)
        # Shown only for "Between dates…": any stretch of the log, e.g. last quarter.
        self.start_date = QDateEdit(QDate.currentDate().addDays(-30))
        self.start_date.setAccessibleName(_("Log from"))
        self.start_date.setObjectName("filter_from")
        self.end_date = QDateEdit(QDate.currentDate())
        self.end_date.setAccessibleName(_("Log up to"))
        self.end_date.setObjectName("filter_to")
        self.to_label = QLabel(_("to"))
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        keep_in_range(self.start_date, self.end_date)
        self.member = QComboBox()
        self.member.setAccessibleName(_("Person shown"))
        self.member.setObjectName("filter_member")
        self.member.setToolTip(_("Entries where this member gave, received, was blocked or helped"))
        self.member.addItem(_("Anyone"), None)
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kinds shown"))
        self.kind.setObjectName("filter_kind")
        for label, kind in KINDS:
            self.kind.addItem(_(label), kind)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status shown"))
        self.status.setObjectName("filter_status")
        for label, status in STATUSES:
            self.status.addItem(_(label), status)
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Search what was said"))
        self.search.setObjectName("filter_text")
        self.search.setPlaceholderText(_("Search what was said… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        # Wait for a pause in typing before querying.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())

        self.range.currentIndexChanged.connect(self._show_dates)
        for combo in (self.range, self.member, self.kind, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row = QHBoxLayout()
        for widget in (self.range, self.member, self.kind, self.status):
            row.addWidget(widget)
        row.addWidget(self.search, 1)
        # The dates get a line of their own, so the search box keeps its room.
        self.dates = QWidget()
        dates_row = QHBoxLayout(self.dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        for date_widget in (QLabel(_("From")), self.start_date, self.to_label, self.end_date):
            dates_row.addWidget(date_widget)
        dates_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.dates)
        self._show_dates()

    def _show_dates(self, *_: object) -> None:
        self.dates.setVisible(self.range.currentData() == BETWEEN)

    def set_members(self, members: Sequence[MemberRef]) -> None:
        """Offer every member who may appear in the log (archived ones too)."""
        chosen = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(_("Anyone"), None)
        for member in members:
            self.member.addItem(member.name, member.id)
        index = self.member.findData(chosen) if chosen is not None else 0
        self.member.setCurrentIndex(max(0, index))
        self.member.blockSignals(False)

    def select_member(self, member_id: int | None) -> None:
        self.member.setCurrentIndex(max(0, self.member.findData(member_id)))

    def current(self, today: dt.date | None = None) -> LogFilter:
        days = self.range.currentData()
        start = end = None
        if days == BETWEEN:
            first, last = pydate(self.start_date.date()), pydate(self.end_date.date())
            start, end = min(first, last), max(first, last)  # either order means the same
        elif days is not None:
            # Today counts as one of the days (as on the Insights tab).
            start = (today or dt.date.today()) - dt.timedelta(days=days - 1)
        # Qt hands enum data back as plain strings; turn them into enums again.
        kind = self.kind.currentData()
        status = self.status.currentData()
        return LogFilter(
            start=start,
            end=end,
            member_id=self.member.currentData(),
            kind=EntryKind(kind) if kind else None,
            status=Status(status) if status else None,
            text=self.search.text(),
        )

    def apply_now(self) -> None:
        """Apply a pending text search at once (tests and Enter in the search box)."""
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()
