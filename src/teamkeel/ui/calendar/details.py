"""The panel beside the calendar: one occurrence's facilitator, attendees' local
times (unfair times marked) and the ritual's guide."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.calendar.domain import Occurrence, Ritual
from teamkeel.core.calendar.library import KINDS, colour
from teamkeel.core.calendar.people import LocalTime, Person
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme

Index = QModelIndex | QPersistentModelIndex
NAME, LOCAL, NOTE = range(3)


class LocalTimesModel(QAbstractTableModel):
    HEADERS = (N_("Attendee"), N_("Their time"), N_("Note"))

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.times: list[LocalTime] = []

    def set_times(self, times: list[LocalTime]) -> None:
        self.beginResetModel()
        self.times = list(times)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.times)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self.times[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == NAME:
                return t.name
            if index.column() == LOCAL:
                city = t.timezone.rsplit("/", 1)[-1].replace("_", " ")
                day = i18n.format_date(t.start, "EEE")
                return f"{day} {t.start:%H:%M}–{t.end:%H:%M} {city}"
            return _("absent") if t.absent else _("outside hours") if t.out_of_hours else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return t.label()
        if role == Qt.ItemDataRole.ForegroundRole and (t.out_of_hours or t.absent):
            return QColor(theme.ERROR)
        return None


class DetailsPanel(QWidget):
    swap_requested = Signal(object)  # member id, or None for "back to the rotation"
    skip_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()
    feedback_requested = Signal()  # the Journey's pilot feedback form, for this ritual

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendar_details")
        self.occurrence: Occurrence | None = None
        # Keep this order: the order widgets are made in is the tab order.
        self._build_summary()
        self._build_actions()
        self._build_local_times()
        self._build_guide_and_pilot()
        self._build_layout()
        self._connect_signals()
        self.show_occurrence(None, None, [], {})

    def _build_summary(self) -> None:
        """What, when, who facilitates and the rotation round that meets there."""
        self.heading = QLabel(_("Click an occurrence to see who facilitates and who attends."))
        self.heading.setObjectName("calendar_details_heading")
        self.heading.setWordWrap(True)
        self.when = QLabel()
        self.when.setWordWrap(True)
        self.facilitator = QLabel()
        self.facilitator.setObjectName("calendar_facilitator")
        self.facilitator.setWordWrap(True)
        # The round of a rotation that meets here: who pairs with whom that day.
        self.rotation_round = QLabel()
        self.rotation_round.setObjectName("calendar_rotation_round")
        self.rotation_round.setWordWrap(True)
        self.rotation_round.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rotation_round.hide()

    def _build_actions(self) -> None:
        """Swap this occurrence, skip the date, edit or delete the ritual."""
        self.swap_to = QComboBox()
        self.swap_to.setAccessibleName(_("Hand this occurrence to"))
        self.swap_to.setObjectName("calendar_swap_to")
        self.swap_to.setToolTip(_("Hand this one occurrence to someone else"))
        self.swap_button = QPushButton(_("Swap"))
        self.swap_button.setToolTip(_("Only this occurrence changes; the rotation carries on."))
        self.skip_button = QPushButton(_("Skip this date"))
        self.edit_button = QPushButton(_("Edit ritual…"))
        self.delete_button = QPushButton(_("Delete ritual"))

    def _build_local_times(self) -> None:
        """The attendees' local times, one row each."""
        self.times = LocalTimesModel(self)
        self.times_view = QTableView()
        self.times_view.setAccessibleName(_("Attendees in their own time"))
        self.times_view.setObjectName("calendar_local_times")
        self.times_view.setModel(self.times)
        self.times_view.verticalHeader().hide()
        self.times_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.times_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LOCAL, QHeaderView.ResizeMode.Stretch)
        self.times_view.verticalHeader().setDefaultSectionSize(
            self.times_view.fontMetrics().height() + 6
        )
        self.times_view.setWordWrap(False)
        self.times_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _build_guide_and_pilot(self) -> None:
        """The ritual's guide, and its pilot with the feedback button."""
        self.guide = QTextBrowser()
        self.guide.setAccessibleName(_("Facilitation guide"))
        self.guide.setObjectName("calendar_guide")
        self.pilot = QLabel()
        self.pilot.setObjectName("calendar_pilot")
        self.pilot.setWordWrap(True)
        self.feedback_button = QPushButton(_("Pilot feedback…"))
        self.feedback_button.setObjectName("calendar_pilot_feedback")
        self.feedback_button.clicked.connect(self.feedback_requested)
        self.show_pilot("", False)

    def _build_layout(self) -> None:
        """Everything in one column, the times and the guide sharing the room left."""
        swap_row = QHBoxLayout()
        swap_row.addWidget(QLabel(_("Swap to")))
        swap_row.addWidget(self.swap_to, 1)
        swap_row.addWidget(self.swap_button)
        buttons = QHBoxLayout()
        for b in (self.skip_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.when)
        layout.addWidget(self.facilitator)
        layout.addWidget(self.rotation_round)
        layout.addLayout(swap_row)
        layout.addLayout(buttons)
        layout.addWidget(self.pilot)
        layout.addWidget(self.feedback_button)
        layout.addWidget(QLabel(_("Attendees in their own time")))
        layout.addWidget(self.times_view, 2)
        layout.addWidget(QLabel(_("Guide")))
        layout.addWidget(self.guide, 3)

    def _connect_signals(self) -> None:
        """The action buttons pass their requests on to the tab."""
        self.swap_button.clicked.connect(
            lambda: self.swap_requested.emit(self.swap_to.currentData())
        )
        self.skip_button.clicked.connect(self.skip_requested)
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button.clicked.connect(self.delete_requested)

    def show_rounds(self, rounds: list[tuple[str, int, str]]) -> None:
        """(rotation, round number, who is with whom) of the rotations meeting here."""
        self.rotation_round.setText(
            "<br>".join(
                f"<b>{escape(name)}</b>, round {number + 1}: {escape(text)}"
                for name, number, text in rounds
            )
        )
        self.rotation_round.setVisible(bool(rounds))

    def show_pilot(self, text: str, offer_form: bool) -> None:
        """The Journey's note on this ritual (pilot, feedback history), if any."""
        self.pilot.setText(text)
        self.pilot.setVisible(bool(text))
        self.feedback_button.setVisible(offer_form)

    def show_occurrence(
        self,
        occ: Occurrence | None,
        ritual: Ritual | None,
        times: list[LocalTime],
        people: dict[int, Person],
    ) -> None:
        self.occurrence = occ
        enabled = occ is not None and ritual is not None
        for w in (self.swap_to, self.swap_button, self.skip_button, self.edit_button,
                  self.delete_button):  # fmt: skip
            w.setEnabled(enabled)
        self.times.set_times(times)
        if occ is None or ritual is None:
            self.heading.setText(_("Click an occurrence to see who facilitates and who attends."))
            self.when.clear()
            self.facilitator.clear()
            self.guide.clear()
            self.swap_to.clear()
            return
        info = KINDS.get(occ.kind)
        self.heading.setText(
            f'<span style="font-size:13pt; font-weight:600; color:{theme.series(colour(occ.kind)).name()}">'
            f"{escape(occ.title)}</span>"
        )
        where = f" · {escape(occ.location)}" if occ.location else ""
        rule = ritual.recurrence.describe(ritual.start.date())
        self.when.setText(
            _(
                "{day}, {start:%H:%M}–{end:%H:%M} {timezone}{where}<br><span "
                "style='{MUTED_TEXT}'>Repeats {escape}; occurrence {number}.</span>"
            ).format(
                day=i18n.format_date(occ.start.date(), "EEEE dd MMMM y"),
                start=occ.start,
                end=occ.end,
                timezone=occ.timezone,
                where=where,
                MUTED_TEXT=theme.MUTED_TEXT,
                escape=escape(rule),
                number=occ.index + 1,
            )
        )
        who = escape(occ.facilitator_name) if occ.facilitator_name else _("nobody available")
        how = _(" (swapped by the lead)") if occ.swapped else (
            _(" (rotation)") if ritual.rotation else "")  # fmt: skip
        self.facilitator.setText(_("Facilitator: <b>{who}</b>{how}").format(who=who, how=how))
        self.swap_to.clear()
        self.swap_to.addItem(_("— back to the rotation —"), None)
        for person in sorted(people.values(), key=lambda p: p.name.casefold()):
            if not person.archived:
                self.swap_to.addItem(person.name, person.id)
        if occ.swapped and occ.facilitator_id is not None:
            self.swap_to.setCurrentIndex(max(self.swap_to.findData(occ.facilitator_id), 0))
        out = [t.name for t in times if t.out_of_hours and not t.absent]
        note = (f"<p style='{theme.ERROR_TEXT}'>"
                + _("Outside working hours for: {names}.").format(names=escape(", ".join(out)))
                + "</p>") if out else ""  # fmt: skip
        guide = info.guide if info else None
        html = note
        if ritual.notes:
            html += f"<p><i>{escape(ritual.notes)}</i></p>"
        if guide is not None:
            html += f"<p>{escape(guide.purpose)}</p><ol>"
            html += "".join(f"<li>{escape(step)}</li>" for step in guide.agenda) + "</ol>"
            if guide.protocol:
                html += "<p><b>" + _("Ground rules") + "</b></p><ul>"
                html += "".join(f"<li>{escape(r)}</li>" for r in guide.protocol) + "</ul>"
        self.guide.setHtml(html)
