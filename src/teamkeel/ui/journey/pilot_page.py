"""The pilot: which rituals the team is trying out (and with whom), the two-weekly
feedback form, and the history of feedback and decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, format_date, ngettext
from teamkeel.core.journey.records import DECISIONS, Feedback, Pilot, decision_label
from teamkeel.ui import theme
from teamkeel.ui.journey.edits import JourneyEdits

ID_ROLE = 256  # Qt.ItemDataRole.UserRole


class PilotGroupDialog(QDialog):
    """Everyone who attends the ritual, or a chosen group of members."""

    def __init__(
        self,
        members: list[tuple[int, str]],
        chosen: tuple[int, ...] | None,
        on_done: Callable[[tuple[int, ...] | None], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("pilot_group_dialog")
        self.setWindowTitle(_("Pilot group"))
        self.on_done = on_done
        self.everyone = QCheckBox(_("Everyone who attends the ritual"))
        self.everyone.setChecked(chosen is None)
        self.list = QListWidget()
        for member_id, name in members:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            picked = chosen is not None and member_id in chosen
            item.setCheckState(Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.everyone.toggled.connect(lambda on: self.list.setEnabled(not on))
        self.list.setEnabled(chosen is not None)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._done)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        layout = QVBoxLayout(self)
        layout.addWidget(self.everyone)
        layout.addWidget(self.list)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, ...] | None:
        if self.everyone.isChecked():
            return None
        items = (self.list.item(i) for i in range(self.list.count()))
        return tuple(int(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked)

    def _done(self) -> None:
        try:
            self.on_done(self.chosen())
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


class PilotPage(QWidget):
    def __init__(self, edits: JourneyEdits):
        super().__init__()
        self.edits = edits
        self.pilots: dict[int, Pilot] = {}
        self.rituals = QListWidget()
        self.rituals.setAccessibleName(_("Rituals in pilot"))
        self.rituals.setObjectName("pilot_rituals")
        self.rituals.itemChanged.connect(self._toggled)
        group = QPushButton(_("Pilot group…"))
        group.setObjectName("pilot_group")
        group.clicked.connect(self.open_group_dialog)
        pilot_box = QGroupBox(_("Rituals in pilot (tick two or three)"))
        pilot_layout = QVBoxLayout(pilot_box)
        pilot_layout.addWidget(self.rituals)
        pilot_layout.addWidget(group)

        self.ritual = QComboBox()
        self.ritual.setObjectName("feedback_ritual")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.useful = QLineEdit()
        self.useful.setObjectName("feedback_useful")
        self.awkward = QLineEdit()
        self.awkward.setObjectName("feedback_awkward")
        self.decision = QComboBox()
        self.decision.setObjectName("feedback_decision")
        for decision in DECISIONS:  # shown translated, stored as the key
            self.decision.addItem(decision_label(decision), decision)
        self.change = QLineEdit()
        self.change.setObjectName("feedback_change")
        self.change.setPlaceholderText(_("What changes (for adjust)"))
        record = QPushButton(_("Record feedback"))
        record.setObjectName("feedback_record")
        record.clicked.connect(self.record)
        self.problem = QLabel()
        self.problem.setObjectName("feedback_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        form_box = QGroupBox(_("Feedback round (every two weeks of the pilot)"))
        form = QFormLayout(form_box)
        form.addRow(_("Ritual"), self.ritual)
        form.addRow(_("Date"), self.day)
        form.addRow(_("What felt useful"), self.useful)
        form.addRow(_("What felt awkward"), self.awkward)
        form.addRow(_("Decision"), self.decision)
        form.addRow(_("Change"), self.change)
        form.addRow(record, self.problem)
        note = QLabel(_("Notes are unnamed. Dropping a ritual ends it from the decision date on."))
        note.setStyleSheet(theme.MUTED_TEXT)
        form.addRow(note)

        self.history = QListWidget()
        self.history.setAccessibleName(_("Feedback given"))
        self.history.setObjectName("feedback_history")
        remove = QPushButton(_("Remove selected feedback"))
        remove.clicked.connect(self._remove)
        history_box = QGroupBox(_("Feedback and decisions"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)
        history_layout.addWidget(remove)

        top = QHBoxLayout()
        top.addWidget(pilot_box, 1)
        top.addWidget(form_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(history_box, 1)

    def reload(self) -> None:
        self.pilots = {p.ritual_id: p for p in self.edits.service.pilots()}
        rituals = self.edits.calendar.list_rituals()
        current = self.rituals.currentItem()
        selected = current.data(ID_ROLE) if current is not None else None
        self.rituals.blockSignals(True)
        self.rituals.clear()
        for r in rituals:
            pilot = self.pilots.get(r.id or 0)
            label = r.title
            if pilot is not None:
                since = format_date(pilot.since, "dd MMM")
                if pilot.members is None:
                    label = _("{title}  (since {day}, everyone)").format(title=r.title, day=since)
                else:
                    n = len(pilot.members)
                    label = ngettext(
                        "{title}  (since {day}, {count} person)",
                        "{title}  (since {day}, {count} people)",
                        n,
                    ).format(title=r.title, day=since, count=n)
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pilot else Qt.CheckState.Unchecked)
            self.rituals.addItem(item)
            if r.id == selected:
                self.rituals.setCurrentItem(item)
        self.rituals.blockSignals(False)
        kept = self.ritual.currentData()
        self.ritual.clear()
        for p in self.pilots.values():
            self.ritual.addItem(p.title, p.ritual_id)
        if kept is not None and self.ritual.findData(kept) >= 0:
            self.ritual.setCurrentIndex(self.ritual.findData(kept))
        self.history.clear()
        for f in reversed(self.edits.service.feedback()):
            day = format_date(f.given_on, "dd MMM y")
            lines = [f"{day}  {f.ritual_title}: {decision_label(f.decision)}"]
            lines += [
                "   " + text.format(answer=answer)  # indented under its entry
                for text, answer in (
                    (_("useful: {answer}"), f.useful),
                    (_("awkward: {answer}"), f.awkward),
                    (_("change: {answer}"), f.change),
                )
                if answer
            ]
            item = QListWidgetItem("\n".join(lines))
            item.setData(ID_ROLE, f.id)
            self.history.addItem(item)

    def select_ritual(self, ritual_id: int) -> None:
        """Open the form on a ritual (from the calendar's ritual details)."""
        index = self.ritual.findData(ritual_id)
        if index >= 0:
            self.ritual.setCurrentIndex(index)
        self.useful.setFocus()

    def _toggled(self, item: QListWidgetItem) -> None:
        ritual_id = int(item.data(ID_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.edits.set_pilot(ritual_id, dt.date.today(), None)
        else:
            self.edits.end_pilot(ritual_id)

    def open_group_dialog(self) -> PilotGroupDialog | None:
        item = self.rituals.currentItem()
        if item is None or int(item.data(ID_ROLE)) not in self.pilots:
            self.edits.ctx.prompts.info(
                _("Pilot group"), _("Tick a ritual as in pilot, then select it.")
            )
            return None
        pilot = self.pilots[int(item.data(ID_ROLE))]
        members = [(m.id, m.name) for m in self.edits.members() if m.id is not None]
        dialog = PilotGroupDialog(
            members,
            pilot.members,
            lambda chosen: self.edits.set_pilot(pilot.ritual_id, pilot.since, chosen, strict=True),
            self,
        )
        dialog.open()
        return dialog

    def record(self) -> None:
        self.problem.clear()
        ritual_id = self.ritual.currentData()
        if ritual_id is None:
            self.problem.setText(_("Mark a ritual as in pilot first."))
            return
        q = self.day.date()
        entry = Feedback(
            int(ritual_id),
            dt.date(q.year(), q.month(), q.day()),
            str(self.decision.currentData()),
            self.useful.text(),
            self.awkward.text(),
            self.change.text(),
        )
        try:
            self.edits.add_feedback(entry)
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        for field in (self.useful, self.awkward, self.change):
            field.clear()

    def _remove(self) -> None:
        item = self.history.currentItem()
        if item is not None:
            self.edits.remove_feedback(int(item.data(ID_ROLE)))
