"""The ritual editor: a non-blocking dialog that checks the ritual before saving.

Problems are listed under the form, each naming its field; nothing is saved until
the list is empty. `on_save(ritual)` does the saving (an undoable command) and may
raise ValidationError, which is shown the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.calendar.domain import (
    FREQUENCIES,
    ORDINALS,
    WEEKDAY_NAMES,
    Recurrence,
    Ritual,
    ordinal,
)
from teamkeel.core.calendar.library import KINDS, usual_repeat
from teamkeel.core.calendar.people import Person
from teamkeel.core.calendar.validation import MAX_LOCATION, MAX_TITLE, field_label, problems
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.i18n import _
from teamkeel.ui import theme
from teamkeel.ui.checklist import with_all_none
from teamkeel.ui.date_range import keep_in_range

_ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class RitualEditor(QDialog):
    def __init__(
        self,
        ritual: Ritual,
        people: dict[int, Person],
        on_save: Callable[[Ritual], object],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ritual_editor")
        self.setWindowTitle(
            _("New ritual") if ritual.id is None else _("Edit “{title}”").format(title=ritual.title)
        )
        self.original = ritual
        self.on_save = on_save
        self.people = {i: p for i, p in people.items() if not p.archived}
        # Keep this order: the order widgets are made in is the tab order.
        self._build_what_and_when()
        days_row = self._build_repetition()
        self._build_people(ritual, people)
        self._build_place_and_notes()
        self._build_layout(days_row)

        self._load(ritual)
        self._kind_shown = self.kind.currentData()  # the kind before the lead picks another
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.freq.currentIndexChanged.connect(self._enable)
        self.end_mode.currentIndexChanged.connect(self._enable)
        self.all_attendees.toggled.connect(self._enable)
        self._enable()

    def _build_what_and_when(self) -> None:
        """Kind, title, start, time zone and duration."""
        self.kind = QComboBox()
        for info in KINDS.values():
            self.kind.addItem(info.label, info.key)
        self.title = QLineEdit()
        self.title.setMaxLength(MAX_TITLE)
        self.title.setObjectName("ritual_title")
        self.start = QDateTimeEdit()
        self.start.setObjectName("ritual_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(_ZONES)
        self.duration = QSpinBox()
        self.duration.setRange(1, 24 * 60)
        self.duration.setSuffix(_(" min"))

    def _build_repetition(self) -> QHBoxLayout:
        """How it repeats and when it ends; returns the row of weekday boxes."""
        self.freq = QComboBox()
        self.freq.setObjectName("ritual_freq")
        for key, label in FREQUENCIES.items():
            self.freq.addItem(_(label), key)
        self.interval = QSpinBox()
        self.interval.setRange(1, 52)
        self.weekday_boxes = [
            QCheckBox(i18n.day_name(i, "abbreviated")) for i in range(len(WEEKDAY_NAMES))
        ]

        days_row = QHBoxLayout()
        for box in self.weekday_boxes:
            days_row.addWidget(box)
        self.nth = QComboBox()
        self.nth.addItem(_("as on the start date"), None)
        for n in ORDINALS:
            self.nth.addItem(_("the {label} weekday").format(label=ordinal(n)), n)
        self.end_mode = QComboBox()
        self.end_mode.setObjectName("ritual_end_mode")
        self.end_mode.addItems([_("never"), _("on date"), _("after a number of times")])
        self.until = QDateEdit()
        self.until.setObjectName("ritual_until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        keep_in_range(self.start, self.until)
        self.count = QSpinBox()
        self.count.setRange(1, 999)
        self.skipped = QLineEdit()
        self.skipped.setPlaceholderText(_("YYYY-MM-DD, separated by commas"))
        return days_row

    def _build_people(self, ritual: Ritual, people: dict[int, Person]) -> None:
        """Attendees, the facilitator rotation and a fixed facilitator (an archived one
        stays listed while it is the ritual's)."""
        self.all_attendees = QCheckBox(_("The whole team"))
        self.attendees = self._member_list(checkable=True)
        self.attendees.setObjectName("ritual_attendees")
        self.attendees.setAccessibleName(_("Attendees"))
        self.rotation = self._member_list(checkable=True)
        self.rotation.setObjectName("ritual_rotation")
        self.rotation.setAccessibleName(_("Facilitators in turn"))
        self.rotation.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.rotation.setToolTip(_("Tick who takes turns; drag to set the order."))
        self.facilitator = QComboBox()
        self.facilitator.addItem("—", None)
        for p in sorted(self.people.values(), key=lambda p: p.name.casefold()):
            self.facilitator.addItem(p.name, p.id)
        fixed = people.get(ritual.facilitator_id) if ritual.facilitator_id is not None else None
        if fixed is not None and fixed.archived:
            # Kept as it is unless the lead picks someone else (else saving dropped it).
            self.facilitator.addItem(
                _("{fixed_name} (archived)").format(fixed_name=fixed.name), fixed.id
            )

    def _build_place_and_notes(self) -> None:
        """Location, notes and the line that says what is wrong."""
        self.location = QLineEdit()
        self.location.setMaxLength(MAX_LOCATION)
        self.location.setPlaceholderText(_("Room or video link"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.notes.setFixedHeight(54)
        self.errors = QLabel()
        self.errors.setObjectName("ritual_errors")
        self.errors.setStyleSheet(theme.ERROR_TEXT)
        self.errors.setWordWrap(True)

    def _build_layout(self, days_row: QHBoxLayout) -> None:
        """The labelled form, the error line and Save/Cancel."""
        form = QFormLayout()
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Starts"), self.start)
        form.addRow(_("Timezone"), self.timezone)
        form.addRow(_("Duration"), self.duration)
        form.addRow(_("Repeats"), self.freq)
        form.addRow(_("Every (weeks/months/quarters)"), self.interval)
        form.addRow("On", days_row)
        form.addRow(_("Monthly on"), self.nth)
        form.addRow(_("Ends"), self.end_mode)
        form.addRow(_("End date"), self.until)
        form.addRow(_("Number of times"), self.count)
        form.addRow(_("Skipped dates"), self.skipped)
        form.addRow(_("Attendees"), self.all_attendees)
        self.attendees_box = with_all_none(self.attendees)
        form.addRow("", self.attendees_box)
        form.addRow(_("Facilitator rotation"), with_all_none(self.rotation))
        form.addRow(_("Fixed facilitator"), self.facilitator)
        form.addRow(_("Location"), self.location)
        form.addRow(_("Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _member_list(self, checkable: bool) -> QListWidget:
        widget = QListWidget()
        widget.setFixedHeight(96)
        for p in sorted(self.people.values(), key=lambda p: p.name.casefold()):
            item = QListWidgetItem(p.name)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            if checkable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    @staticmethod
    def _checked(widget: QListWidget) -> tuple[int, ...]:
        return tuple(
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        )

    def _kept(self, before: tuple[int, ...], checked: tuple[int, ...]) -> tuple[int, ...]:
        """``checked`` (in the order dragged) plus the archived members ``before`` held:
        they are not listed, but stay (the rotation skips them until they are back),
        each after the member it followed."""
        out = list(checked)
        for i, member in enumerate(before):
            if member in self.people or member in out:
                continue
            prev = next((b for b in reversed(before[:i]) if b in out), None)
            out.insert(out.index(prev) + 1 if prev is not None else 0, member)
        return tuple(out)

    def _load(self, r: Ritual) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(r.kind), 0))
        self.title.setText(r.title)
        s = r.start
        self.start.setDateTime(QDateTime(_qdate(s.date()), QTime(s.hour, s.minute)))
        self.timezone.setCurrentText(r.timezone)
        self.duration.setValue(r.duration_minutes)
        rec = r.recurrence
        self.freq.setCurrentIndex(max(self.freq.findData(rec.freq), 0))
        self.interval.setValue(rec.interval)
        for i, box in enumerate(self.weekday_boxes):
            box.setChecked(i in rec.weekdays)
        self.nth.setCurrentIndex(max(self.nth.findData(rec.nth), 0))
        self.end_mode.setCurrentIndex(1 if rec.until else 2 if rec.count else 0)
        self.until.setDate(_qdate(rec.until or s.date() + dt.timedelta(weeks=12)))
        self.count.setValue(rec.count or 10)
        self.skipped.setText(", ".join(d.isoformat() for d in r.skipped))
        self.all_attendees.setChecked(r.attendees is None)
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            member = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if member in (r.attendees or ())
                               else Qt.CheckState.Unchecked)  # fmt: skip
        # Rotation members first, in their order, then everyone else.
        order = {m: i for i, m in enumerate(r.rotation)}
        items = [self.rotation.takeItem(0) for _ in range(self.rotation.count())]
        items.sort(key=lambda it: order.get(it.data(Qt.ItemDataRole.UserRole), len(order)))
        for item in items:
            member = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(
                Qt.CheckState.Checked if member in order else Qt.CheckState.Unchecked
            )
            self.rotation.addItem(item)
        self.facilitator.setCurrentIndex(max(self.facilitator.findData(r.facilitator_id), 0))
        self.location.setText(r.location)
        self.notes.setPlainText(r.notes)

    def _kind_changed(self) -> None:
        """A new ritual picks up the kind's usual length and name; any ritual picks up
        the kind's usual cadence unless the lead set another one than the last kind's."""
        info = KINDS[self.kind.currentData()]
        previous, self._kind_shown = self._kind_shown, info.key
        if self._repeat_is_usual_for(previous):
            self._set_repeat(*usual_repeat(info.key))
        if self.original.id is None:
            self.duration.setValue(info.duration_minutes)
            # A title still one of the kinds' names (in any language) follows the kind.
            names = {k.label for k in KINDS.values()} | {k.label_text for k in KINDS.values()}
            if not self.title.text().strip() or self.title.text() in names:
                self.title.setText(info.label)

    def _repeat_is_usual_for(self, kind_key: str) -> bool:
        freq, interval = usual_repeat(kind_key)
        if self.freq.currentData() != freq:
            return False
        if freq not in ("weekly", "monthly_nth", "quarterly"):
            return True
        days = [i for i, box in enumerate(self.weekday_boxes) if box.isChecked()]
        on_start_day = days in ([], [self.start.date().dayOfWeek() - 1])
        as_on_start = self.nth.currentData() is None
        if self.interval.value() != interval:
            return False
        return on_start_day if freq == "weekly" else as_on_start

    def _set_repeat(self, freq: str, interval: int) -> None:
        self.freq.setCurrentIndex(max(self.freq.findData(freq), 0))
        self.interval.setValue(interval)
        start_day = self.start.date().dayOfWeek() - 1
        for i, box in enumerate(self.weekday_boxes):
            box.setChecked(freq == "weekly" and i == start_day)
        self.nth.setCurrentIndex(0)  # as on the start date
        if freq == "once":
            self.end_mode.setCurrentIndex(0)

    def _enable(self) -> None:
        freq = self.freq.currentData()
        self.interval.setEnabled(freq in ("weekly", "monthly_nth", "quarterly"))
        for box in self.weekday_boxes:
            box.setEnabled(freq == "weekly")
        self.nth.setEnabled(freq in ("monthly_nth", "quarterly"))
        self.end_mode.setEnabled(freq != "once")
        self.until.setEnabled(freq != "once" and self.end_mode.currentIndex() == 1)
        self.count.setEnabled(freq != "once" and self.end_mode.currentIndex() == 2)
        self.attendees_box.setEnabled(not self.all_attendees.isChecked())

    def ritual(self) -> tuple[Ritual, list[tuple[str, str]]]:
        """The ritual the form describes, and problems reading it (bad dates...)."""
        found: list[tuple[str, str]] = []
        q = self.start.dateTime()
        start = dt.datetime(q.date().year(), q.date().month(), q.date().day(),
                            q.time().hour(), q.time().minute())  # fmt: skip
        freq = self.freq.currentData()
        mode = self.end_mode.currentIndex() if freq != "once" else 0
        skipped: list[dt.date] = []
        for part in self.skipped.text().replace(";", ",").split(","):
            if part.strip():
                try:
                    skipped.append(dt.date.fromisoformat(part.strip()))
                except ValueError:
                    found.append(
                        (
                            "skipped dates",
                            _("'{text}' is not a date (YYYY-MM-DD).").format(text=part.strip()),
                        )
                    )

        rec = Recurrence(
            freq=freq,
            interval=self.interval.value() if freq != "weekdays" else 1,
            weekdays=tuple(i for i, b in enumerate(self.weekday_boxes) if b.isChecked())
            if freq == "weekly" else (),
            nth=self.nth.currentData() if freq in ("monthly_nth", "quarterly") else None,
            until=_pydate(self.until.date()) if mode == 1 else None,
            count=self.count.value() if mode == 2 else None,
        )  # fmt: skip
        ritual = replace(
            self.original,
            kind=self.kind.currentData(),
            title=self.title.text(),
            start=start,
            timezone=self.timezone.currentText().strip(),
            duration_minutes=self.duration.value(),
            recurrence=rec,
            skipped=tuple(skipped),
            attendees=None
            if self.all_attendees.isChecked()
            else self._kept(self.original.attendees or (), self._checked(self.attendees)),
            rotation=self._kept(self.original.rotation, self._checked(self.rotation)),
            facilitator_id=self.facilitator.currentData(),
            location=self.location.text(),
            notes=self.notes.toPlainText(),
        )
        return ritual, found

    def show_problems(self, found: list[tuple[str, str]]) -> None:
        self.errors.setText("\n".join(f"{field_label(field)}: {msg}" for field, msg in found))

    def save(self) -> None:
        self.errors.clear()
        ritual, found = self.ritual()
        found += problems(ritual) if not found else []
        if found:
            self.show_problems(found)
            return
        try:
            self.on_save(ritual)
        except ValidationError as exc:
            self.show_problems([(p.where, p.message) for p in exc.problems])
            return
        except KeelError as exc:  # e.g. the ritual was deleted by another Keel meanwhile
            self.errors.setText(str(exc))
            return
        self.accept()
