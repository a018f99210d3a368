"""The form that edits the selected member. Each field is saved when it is left,
after validation; a refused value is explained under the field and nothing is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster import Absence, Member, validation
from teamkeel.ui import theme
from teamkeel.ui.date_range import keep_in_range
from teamkeel.ui.rows_model import USER_ROLE

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent

# Which form field shows a problem reported for a member field.
FIELD_OF_PROBLEM = {
    "name": "name",
    "email": "email",
    "timezone": "timezone",
    "working hours": "hours",
    "absences": "absences",
}


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def absence_label(a: Absence) -> str:
    if a.start == a.end:
        span = i18n.format_date(a.start, "dd MMM y")
    else:
        span = f"{i18n.format_date(a.start, 'dd MMM')} – {i18n.format_date(a.end, 'dd MMM y')}"
    return f"{span} · {a.note}" if a.note else span


# How an undo step names a change of each member field ("Undo change Lukas's role").
EDIT_NAMES = {
    "role": N_("Change {name}'s role"),
    "email": N_("Change {name}'s e-mail"),
    "timezone": N_("Change {name}'s time zone"),
    "work_start": N_("Change {name}'s working hours"),
    "work_end": N_("Change {name}'s working hours"),
    "skills": N_("Change {name}'s skills"),
    "goals": N_("Change {name}'s growth goals"),
    "start_date": N_("Change {name}'s start date"),
    "notes": N_("Change notes on {name}"),
}


def edit_text(old: Member, new: Member) -> str:
    """The undo step's name for a form edit, e.g. "Add absence for Lukas"."""
    if new.name != old.name:
        return _("Rename {old} to {new}").format(old=old.name, new=new.name)
    if len(new.absences) > len(old.absences):
        return _("Add absence for {name}").format(name=new.name)
    if len(new.absences) < len(old.absences):
        return _("Remove absence for {name}").format(name=new.name)
    for field, text in EDIT_NAMES.items():
        if getattr(new, field) != getattr(old, field):
            return _(text).format(name=new.name)
    return _("Edit {name}").format(name=new.name)


class ErrorLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("field_error")
        self.setStyleSheet(theme.ERROR_TEXT)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ZoneBox(QComboBox):
    """An editable box of IANA time zones. The list of ~600 zones (read from disk) is
    filled in when the box is first used, not when the window opens."""

    def __init__(self) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._filled = False

    def fill(self) -> None:
        if self._filled:
            return
        self._filled = True
        text = self.currentText()
        zones = sorted(validation.timezones())
        self.addItems(zones)
        self.setCurrentText(text)
        completer = QtWidgets.QCompleter(zones, self)  # set up on first use
        completer.setFilterMode(QtCore.Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.fill()
        super().focusInEvent(event)

    def showPopup(self) -> None:  # noqa: N802
        self.fill()
        super().showPopup()


class MemberForm(QWidget):
    """Emits ``edited(old, new)`` with a valid changed member; the tab makes it undoable."""

    edited = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        # Disabled (no member yet) before the fields exist: they are born disabled,
        # rather than each being switched off and repainted afterwards.
        self.setEnabled(False)
        self._blank = True  # as set above (isEnabled() also reflects the parents)
        self.member: Member | None = None
        self._loading = False
        self.errors: dict[str, ErrorLabel] = {}
        # Keep this order: the order widgets are made in is the tab order.
        self._build_fields()
        form = self._build_form()
        self._build_layout(form)
        self._connect_signals()
        self.set_member(None)

    def _build_fields(self) -> None:
        """Every editable field, in the order they appear in the form."""
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Display name, in any script"))
        self.role = QLineEdit()
        self.role.setPlaceholderText(_("e.g. Backend engineer"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("optional"))
        self.timezone = ZoneBox()
        self.work_start = QTimeEdit()
        self.work_end = QTimeEdit()
        self.work_end.setAccessibleName(_("Working hours to"))
        for edit in (self.work_start, self.work_end):
            edit.setDisplayFormat("HH:mm")
        self.skills = QLineEdit()
        self.skills.setPlaceholderText(_("comma-separated, e.g. Python, facilitation"))
        self.goals = QLineEdit()
        self.goals.setPlaceholderText(_("what they want to learn"))
        self.has_start = QCheckBox(_("Known"))
        self.start_date = QDateEdit()
        self.start_date.setAccessibleName(_("Start date"))
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("yyyy-MM-dd")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.notes.setPlaceholderText(_("Anything worth remembering (only you see this)"))
        self.notes.setMaximumHeight(80)
        self.absences = QListWidget()
        self.absences.setAccessibleName(_("Absences"))
        self.absences.setMaximumHeight(90)
        self.absence_from = QDateEdit()
        self.absence_to = QDateEdit()
        self.absence_to.setAccessibleName(_("Absence to"))
        for date_edit in (self.absence_from, self.absence_to):
            date_edit.setCalendarPopup(True)
            date_edit.setDisplayFormat("yyyy-MM-dd")
            date_edit.setDate(QDate.currentDate())
        keep_in_range(self.start_date, self.absence_from, self.absence_to)
        self.absence_note = QLineEdit()
        self.absence_note.setAccessibleName(_("Absence note"))
        self.absence_note.setPlaceholderText(_("note, e.g. Holiday"))
        self.add_absence = QPushButton(_("Add absence"))
        self.remove_absence = QPushButton(_("Remove"))
        self.status = QLabel()

    def _build_form(self) -> QFormLayout:
        """The labelled rows, each with its error line below the field."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        buddies = {
            "hours": self.work_start,
            "start_date": self.has_start,
            "absences": self.absence_from,
        }

        def row(label: str, key: str, widget: QWidget) -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            self.errors[key] = ErrorLabel()
            box.addWidget(self.errors[key])
            caption = QLabel(label)
            caption.setBuddy(buddies.get(key, widget))
            form.addRow(caption, box)

        row(_("&Name"), "name", self.name)
        row(_("&Role"), "role", self.role)
        row(_("&E-mail"), "email", self.email)
        row(_("&Time zone"), "timezone", self.timezone)
        hours = self._build_hours_row()
        row(_("Working &hours"), "hours", hours)
        row(_("&Skills"), "skills", self.skills)
        row(_("&Growth goals"), "goals", self.goals)
        start = self._build_start_row()
        row(_("Start &date"), "start_date", start)
        absences = self._build_absences_row()
        row(_("&Absences"), "absences", absences)
        row(_("N&otes"), "notes", self.notes)
        return form

    def _build_hours_row(self) -> QWidget:
        """Working hours: from, to, in the member's local time."""
        hours = QWidget()
        hours_layout = QHBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.addWidget(self.work_start)
        hours_layout.addWidget(QLabel(_("to")))
        hours_layout.addWidget(self.work_end)
        hours_layout.addWidget(QLabel(_("local time")))
        hours_layout.addStretch(1)
        return hours

    def _build_start_row(self) -> QWidget:
        """Start date: known or not, and the date."""
        start = QWidget()
        start_layout = QHBoxLayout(start)
        start_layout.setContentsMargins(0, 0, 0, 0)
        start_layout.addWidget(self.has_start)
        start_layout.addWidget(self.start_date)
        start_layout.addStretch(1)
        return start

    def _build_absences_row(self) -> QWidget:
        """The absences list with the fields that add one."""
        absences = QWidget()
        absences_layout = QVBoxLayout(absences)
        absences_layout.setContentsMargins(0, 0, 0, 0)
        absences_layout.addWidget(self.absences)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.absence_from)
        dates_row.addWidget(QLabel(_("to")))
        dates_row.addWidget(self.absence_to)
        dates_row.addStretch(1)
        absences_layout.addLayout(dates_row)
        note_row = QHBoxLayout()
        note_row.addWidget(self.absence_note, 1)
        note_row.addWidget(self.add_absence)
        note_row.addWidget(self.remove_absence)
        absences_layout.addLayout(note_row)
        return absences

    def _build_layout(self, form: QFormLayout) -> None:
        """The heading and status above the form."""
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("member_heading")
        self.heading.setStyleSheet(theme.TITLE)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        """Each field commits when it is left; notes commit on focus out (eventFilter)."""
        self.name.editingFinished.connect(lambda: self._commit("name", self.name.text()))
        self.role.editingFinished.connect(lambda: self._commit("role", self.role.text()))
        self.email.editingFinished.connect(
            lambda: self._commit("email", self.email.text().strip() or None)
        )
        self.timezone.activated.connect(
            lambda _i: self._commit("timezone", self.timezone.currentText().strip())
        )
        timezone_line = self.timezone.lineEdit()
        assert timezone_line is not None  # a ZoneBox is editable, so it has its line
        timezone_line.editingFinished.connect(
            lambda: self._commit("timezone", self.timezone.currentText().strip())
        )
        self.work_start.editingFinished.connect(self._commit_hours)
        self.work_end.editingFinished.connect(self._commit_hours)
        self.skills.editingFinished.connect(
            lambda: self._commit("skills", validation.parse_tags(self.skills.text()))
        )
        self.goals.editingFinished.connect(
            lambda: self._commit("goals", validation.parse_tags(self.goals.text()))
        )
        self.has_start.toggled.connect(self._commit_start)
        self.start_date.editingFinished.connect(self._commit_start)
        self.add_absence.clicked.connect(self._add_absence)
        self.absence_note.returnPressed.connect(self._add_absence)
        self.remove_absence.clicked.connect(self._remove_absence)
        self.has_start.toggled.connect(self.start_date.setEnabled)
        self._notes_timer_text = ""
        self.notes.installEventFilter(self)

    # -- loading ---------------------------------------------------------------------
    def set_member(self, member: Member | None) -> None:
        previous = self.member
        # The same member shown again (a reload, e.g. for a change made by another Keel):
        # only the fields whose stored value changed are refilled, so a field the lead
        # is typing in (saved on Enter or on leaving it) keeps what they typed.
        same = member is not None and previous is not None and member.id == previous.id

        def changed(*fields: str) -> bool:
            return not same or any(getattr(member, f) != getattr(previous, f) for f in fields)

        self._loading = True
        try:
            self.member = member
            # Only on a change: each one repolishes ~30 fields.
            if self._blank != (member is None):
                self._blank = member is None
                self.setEnabled(member is not None)
            if not same:
                for label in self.errors.values():
                    label.show_message("")
                self._reset_absence_fields()
            m = member or Member(name="")
            self.heading.setText(m.name or _("No member selected"))
            self.status.setText(self._status(m) if member else _("Select a member, or add one."))
            if changed("name"):
                self.name.setText(m.name)
            if changed("role"):
                self.role.setText(m.role)
            if changed("email"):
                self.email.setText(m.email or "")
            if changed("timezone"):
                self.timezone.setCurrentText(m.timezone)
            if changed("work_start", "work_end"):
                self.work_start.setTime(QTime(m.work_start.hour, m.work_start.minute))
                self.work_end.setTime(QTime(m.work_end.hour, m.work_end.minute))
            if changed("skills"):
                self.skills.setText(", ".join(m.skills))
            if changed("goals"):
                self.goals.setText(", ".join(m.goals))
            if changed("start_date"):
                self.has_start.setChecked(m.start_date is not None)
                self.start_date.setEnabled(m.start_date is not None)
                self.start_date.setDate(to_qdate(m.start_date or dt.date.today()))
            if changed("notes"):
                self.notes.setPlainText(m.notes)
            if changed("absences"):
                self._show_absences(m.absences)
        finally:
            self._loading = False

    def _show_absences(self, absences: tuple[Absence, ...]) -> None:
        self.absences.clear()
        for absence in absences:
            item = QListWidgetItem(absence_label(absence))
            item.setData(USER_ROLE, absence)
            self.absences.addItem(item)

    def _reset_absence_fields(self) -> None:
        """Another member: the dates and note typed for the previous one do not apply."""
        for edit in (self.absence_from, self.absence_to):
            edit.setDate(QDate.currentDate())
        self.absence_note.clear()

    @staticmethod
    def _status(m: Member) -> str:
        if m.archived:
            return _("<i>Archived: kept with all their history, hidden from planning.</i>")
        return ""

    # -- saving ----------------------------------------------------------------------
    def _commit(self, field: str, value: Any) -> bool:
        if self._loading or self.member is None:
            return False
        if getattr(self.member, field) == value:
            self.errors.get(FIELD_OF_PROBLEM.get(field, field), ErrorLabel()).show_message("")
            return False
        candidate = validation.clean(replace(self.member, **{field: value}))
        return self._offer(candidate, field)

    def _offer(self, candidate: Member, field_key: str) -> bool:
        assert self.member is not None
        problems = validation.problems(candidate)
        shown = self.show_problems(problems, only=FIELD_OF_PROBLEM.get(field_key, field_key))
        if shown:
            return False
        if candidate == self.member:
            return False
        old, self.member = self.member, candidate
        if candidate.absences != old.absences:
            # The list is not a field the lead types in: show the change now, since the
            # reload that follows sees ``self.member`` already equal to the stored one.
            self._show_absences(candidate.absences)
        self.edited.emit(old, candidate)
        return True

    def show_problems(self, problems: list[Problem], only: str | None = None) -> bool:
        """Show the problems that belong to the edited field; True if any was shown."""
        shown = False
        for key, label in self.errors.items():
            if only is not None and key != only:
                continue
            messages = [
                p.message for p in problems if FIELD_OF_PROBLEM.get(p.where, p.where) == key
            ]
            label.show_message(" ".join(messages))
            shown = shown or bool(messages)
        return shown

    def _commit_hours(self) -> None:
        if self._loading or self.member is None:
            return
        start = self.work_start.time()
        end = self.work_end.time()
        candidate = replace(
            self.member,
            work_start=dt.time(start.hour(), start.minute()),
            work_end=dt.time(end.hour(), end.minute()),
        )
        self._offer(candidate, "hours")

    def _commit_start(self) -> None:
        value = from_qdate(self.start_date.date()) if self.has_start.isChecked() else None
        self._commit("start_date", value)

    def commit_notes(self) -> None:
        self._commit("notes", self.notes.toPlainText().strip())

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        if obj is self.notes and event.type() == QEvent.Type.FocusOut:
            self.commit_notes()
        return super().eventFilter(obj, event)

    def _add_absence(self) -> None:
        if self.member is None:
            return
        absence = Absence(
            from_qdate(self.absence_from.date()),
            from_qdate(self.absence_to.date()),
            " ".join(self.absence_note.text().split()),
        )
        if absence in self.member.absences:
            self.errors["absences"].show_message(
                _("{name} already has this absence ({absence}).").format(
                    name=self.member.name, absence=absence_label(absence)
                )
            )
            return
        candidate = validation.clean(
            replace(self.member, absences=(*self.member.absences, absence))
        )
        if self._offer(candidate, "absences"):
            self.absence_note.clear()

    def _remove_absence(self) -> None:
        item = self.absences.currentItem()
        if self.member is None or item is None:
            return
        target = item.data(USER_ROLE)
        kept = list(self.member.absences)
        kept.remove(target)
        self._offer(replace(self.member, absences=tuple(kept)), "absences")
