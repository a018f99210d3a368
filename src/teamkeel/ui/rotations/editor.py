"""The dialog to create or change a rotation: kind, cadence, members and rules.

It is opened with ``open()`` (never a blocking ``exec()``); pressing Save checks the
rotation and shows what is wrong, naming the field, or emits ``saved(spec)``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _
from teamkeel.core.roster.member import Member
from teamkeel.core.rotations.link import RitualChoice, on_meeting_grid
from teamkeel.core.rotations.planner import KIND_LABELS, Kind, OddPolicy
from teamkeel.core.rotations.records import MAX_NAME, RotationSpec
from teamkeel.ui import theme
from teamkeel.ui.checklist import with_all_none
from teamkeel.ui.date_range import keep_in_range

KIND_HINTS = {
    Kind.PAIRS: N_("Everyone is paired with someone new each round."),
    Kind.CROSS_CHECK: N_("Each member reviews one colleague's work and is reviewed by another."),
    Kind.SKILL_SHARE: N_(
        "Pairs where one can teach the other a growth goal, both ways if possible."
    ),
    Kind.ROLE: N_("One member holds the role each round, taking turns evenly."),
    Kind.GROUPS: N_("Balanced groups that mix people who have met least."),
}


class RotationEditor(QDialog):
    saved = Signal(object)  # RotationSpec

    def __init__(
        self,
        members: list[Member],
        spec: RotationSpec | None,
        parent: QWidget | None = None,
        rituals: list[RitualChoice] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("rotation_editor")
        self.setWindowTitle(_("New rotation") if spec is None else f"Rotation “{spec.name}”")
        self.original = spec
        self.members = [m for m in members if m.id is not None]
        spec = spec or RotationSpec(name="", start_date=_next_monday())
        # Keep this order: the order widgets are made in is the tab order.
        self._build_name_and_kind(spec)
        self._build_schedule(spec, rituals)
        self._build_member_choice(spec)
        self._build_grouping(spec)
        self._build_never_together(spec)
        buttons = self._build_layout()
        self._connect_signals(buttons)
        self._follow_ritual()
        self._update()
        self.resize(520, 640)

    def _build_name_and_kind(self, spec: RotationSpec) -> None:
        """The name, the kind and the hint that explains the kind."""
        self.name = QLineEdit(spec.name)
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(_("e.g. Wednesday pairing"))
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(_(KIND_LABELS[kind]), kind)
        self.kind.setCurrentIndex(list(Kind).index(spec.kind))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.MUTED_TEXT)

    def _build_schedule(self, spec: RotationSpec, rituals: list[RitualChoice] | None) -> None:
        """When it meets: its own start and cadence, or a ritual in the calendar."""
        self.start = QDateEdit(
            QDate(spec.start_date.year, spec.start_date.month, spec.start_date.day)
        )
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        keep_in_range(self.start)
        self.cadence = QSpinBox()
        self.cadence.setRange(1, 52)
        self.cadence.setValue(spec.cadence_weeks)
        self.cadence.setSuffix(_(" week(s)"))
        # Meeting at a calendar ritual: the ritual says when (start and cadence).
        self.rituals = {r.id: r for r in rituals or []}
        self.meets_at = QComboBox()
        self.meets_at.setObjectName("editor_meets_at")
        self.meets_at.addItem(_("— its own dates (below)"), None)
        for choice in self.rituals.values():
            self.meets_at.addItem(choice.label(), choice.id)
        if spec.ritual_id is not None and spec.ritual_id not in self.rituals:
            self.meets_at.addItem(_("a ritual that no longer meets weekly"), spec.ritual_id)
        self.meets_at.setCurrentIndex(max(self.meets_at.findData(spec.ritual_id), 0))
        self.meets_at.setToolTip(
            _(
                "Link the rotation to a ritual in the calendar: its rounds are that ritual's "
                "meetings, and each meeting shows the round's pairs"
            )
        )
        self._own_dates = (self.start.date(), spec.cadence_weeks)

    def _build_member_choice(self, spec: RotationSpec) -> None:
        """All active members, or the ones checked in the list."""
        self.all_members = QCheckBox(_("All active members"))
        self.all_members.setChecked(spec.all_members)
        self.member_list = QListWidget()
        self.member_list.setObjectName("editor_members")
        self.member_list.setAccessibleName(_("Members in the rotation"))
        chosen = set(spec.members)
        for m in self.members:
            item = QListWidgetItem(m.name + (f" · {m.role}" if m.role else ""))
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.id in chosen else Qt.CheckState.Unchecked)
            self.member_list.addItem(item)

    def _build_grouping(self, spec: RotationSpec) -> None:
        """Group size, the odd one out, and the pairing preferences."""
        self.odd = QComboBox()
        self.odd.addItem(_("sits the round out"), OddPolicy.SIT_OUT)
        self.odd.addItem(_("joins a pair as a trio"), OddPolicy.TRIO)
        self.odd.setCurrentIndex(0 if spec.odd_policy == OddPolicy.SIT_OUT else 1)
        self.group_size = QSpinBox()
        self.group_size.setRange(2, 20)
        self.group_size.setValue(spec.group_size)
        self.mix_roles = QCheckBox(_("Prefer pairs across different roles"))
        self.mix_roles.setChecked(spec.mix_roles)
        self.overlap_on = QCheckBox(_("Prefer pairs whose working hours overlap by at least"))
        self.overlap_on.setChecked(spec.min_overlap_hours is not None)
        self.overlap = QDoubleSpinBox()
        self.overlap.setAccessibleName(_("Shared working hours at least"))
        self.overlap.setRange(0, 24)
        self.overlap.setSingleStep(0.5)
        self.overlap.setSuffix(" h")
        self.overlap.setValue(spec.min_overlap_hours if spec.min_overlap_hours is not None else 2)

    def _build_never_together(self, spec: RotationSpec) -> None:
        """The pairs that are never put together, and the fields that add one."""
        self.never = QListWidget()
        self.never.setObjectName("editor_never")
        self.never.setMaximumHeight(90)
        self.never_a, self.never_b = QComboBox(), QComboBox()
        self.never_a.setAccessibleName(_("Never together: first person"))
        self.never_b.setAccessibleName(_("Never together: second person"))
        for combo in (self.never_a, self.never_b):
            for m in self.members:
                combo.addItem(m.name, m.id)
        if self.never_b.count() > 1:
            self.never_b.setCurrentIndex(1)  # two different people by default
        self.add_never = QPushButton(_("Add"))
        self.remove_never = QPushButton(_("Remove"))
        for a, b in spec.never_together:
            self._add_never_pair(a, b)

    def _build_layout(self) -> QDialogButtonBox:
        """The form, the problem line under it and Save/Cancel; returns the buttons."""
        self.problems = QLabel()
        self.problems.setObjectName("editor_problems")
        self.problems.setStyleSheet(theme.ERROR_TEXT)
        self.problems.setWordWrap(True)

        overlap_row = QHBoxLayout()
        overlap_row.addWidget(self.overlap_on)
        overlap_row.addWidget(self.overlap)
        overlap_row.addStretch(1)
        never_row = QHBoxLayout()
        never_row.addWidget(self.never_a)
        never_row.addWidget(QLabel(_("and")))
        never_row.addWidget(self.never_b)
        never_row.addWidget(self.add_never)
        never_row.addWidget(self.remove_never)
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Kind"), self.kind)
        form.addRow("", self.hint)
        form.addRow(_("Meets &at"), self.meets_at)
        form.addRow(_("&Starts"), self.start)
        form.addRow(_("&Every"), self.cadence)
        form.addRow(_("&Members"), self.all_members)
        self.members_box = with_all_none(self.member_list, N_("every member listed"))
        form.addRow("", self.members_box)
        form.addRow(_("&Odd one out"), self.odd)
        form.addRow(_("&Group size"), self.group_size)
        form.addRow(_("Preferences"), self.mix_roles)
        form.addRow("", overlap_row)
        form.addRow(_("Never together"), self.never)
        form.addRow("", never_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        return buttons

    def _connect_signals(self, buttons: QDialogButtonBox) -> None:
        """Fields that show or hide others, the never-together buttons, Save and Cancel."""
        self.kind.currentIndexChanged.connect(self._update)
        self.meets_at.currentIndexChanged.connect(self._follow_ritual)
        self.all_members.toggled.connect(self._update)
        self.overlap_on.toggled.connect(self._update)
        self.add_never.clicked.connect(
            lambda: self._add_never_pair(self.never_a.currentData(), self.never_b.currentData())
        )
        self.remove_never.clicked.connect(
            lambda: [self.never.takeItem(self.never.row(i)) for i in self.never.selectedItems()]
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _add_never_pair(self, a: int | None, b: int | None) -> None:
        if a is None or b is None or a == b:
            self.problems.setText(_("Never together: choose two different members."))
            return
        names = {m.id: m.name for m in self.members}
        item = QListWidgetItem(f"{names.get(a, a)} and {names.get(b, b)}")
        item.setData(Qt.ItemDataRole.UserRole, (a, b))
        self.never.addItem(item)

    def _follow_ritual(self) -> None:
        """A linked rotation shows the ritual's start and cadence, read-only; back to
        its own dates, it shows the ones it had."""
        choice = self.rituals.get(self.meets_at.currentData())
        linked = self.meets_at.currentData() is not None
        self.start.setEnabled(not linked)
        self.cadence.setEnabled(not linked)
        if choice is not None:
            own = self._own_dates[0]
            first = on_meeting_grid(
                choice.start_date,
                choice.cadence_weeks,
                dt.date(own.year(), own.month(), own.day())
                if self.original is not None
                else choice.start_date,
            )
            self.start.setDate(QDate(first.year, first.month, first.day))
            self.cadence.setValue(choice.cadence_weeks)
        elif not linked:
            self.start.setDate(self._own_dates[0])
            self.cadence.setValue(self._own_dates[1])

    def _update(self) -> None:
        kind = Kind(self.kind.currentData())
        self.hint.setText(_(KIND_HINTS[kind]))
        self.members_box.setEnabled(not self.all_members.isChecked())
        self.odd.setEnabled(kind in (Kind.PAIRS, Kind.SKILL_SHARE))
        self.group_size.setEnabled(kind == Kind.GROUPS)
        self.overlap.setEnabled(self.overlap_on.isChecked())

    def spec(self) -> RotationSpec:
        checked = [
            self.member_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.member_list.count())
            if self.member_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        # Archived members are not listed, but stay in the rotation (planning skips them
        # until they are back); the stored order is kept, new choices go last.
        listed = {m.id for m in self.members}
        before = self.original.members if self.original else ()
        members = tuple(m for m in before if m not in listed or m in checked) + tuple(
            m for m in checked if m not in before
        )
        date = self.start.date()
        return RotationSpec(
            id=self.original.id if self.original else None,
            name=" ".join(self.name.text().split()),
            kind=Kind(self.kind.currentData()),
            start_date=dt.date(date.year(), date.month(), date.day()),
            cadence_weeks=self.cadence.value(),
            all_members=self.all_members.isChecked(),
            members=members,
            odd_policy=OddPolicy(self.odd.currentData()),
            group_size=self.group_size.value(),
            never_together=tuple(
                self.never.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.never.count())
            ),
            mix_roles=self.mix_roles.isChecked(),
            min_overlap_hours=self.overlap.value() if self.overlap_on.isChecked() else None,
            notes=self.original.notes if self.original else "",
            ritual_id=self.meets_at.currentData(),
        )

    def save(self) -> None:
        spec = self.spec()
        problems = spec.problems()
        if problems:
            self.problems.setText("\n".join(str(p) for p in problems))
            return
        self.problems.clear()
        self.saved.emit(spec)

    def show_problem(self, text: str) -> None:
        self.problems.setText(text)


def _next_monday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
