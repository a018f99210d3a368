"""Skill-share micro-projects beside the weekly goals: a pair, a deliverable, each
partner's growth goal it serves (from the roster), a due date, a status and an outcome.

The table lists the projects; the form below adds one, or changes the selected one's
status, due date and outcome. Each edit is one undo step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.projects import ProjectDraft, ProjectStatus, SkillShareProject, SkillShares
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.ui import theme
from teamkeel.ui.context import AppContext
from teamkeel.ui.date_range import pydate
from teamkeel.ui.rows_model import TitledRowsModel
from teamkeel.ui.undo import ServiceCommand, push

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
HEADERS = (
    N_("Pair"),
    N_("Deliverable"),
    N_("Growth goals served"),
    N_("Due"),
    N_("Status"),
    N_("Outcome"),
)


class ProjectsModel(TitledRowsModel):
    """Rows under fixed titles (the table model base every flat Keel table uses)."""

    HEADERS = HEADERS
    rows: list[SkillShareProject]

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self.rows[index.row()]
        goals = [
            f"{n}: {g}"
            for n, g in ((p.first_name, p.first_goal), (p.second_name, p.second_goal))
            if g
        ]
        return (
            f"{p.first_name} & {p.second_name}",
            p.deliverable,
            "; ".join(goals),
            p.due_on.isoformat() if p.due_on else "",
            p.status.label,
            p.outcome,
        )[index.column()]


@dataclass
class _StartedShare:
    """What starting a skill share remembers: its id, so redo brings back the same one."""

    id: int | None = None


class SkillSharesPanel(QWidget):
    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = SkillShares(ctx.team)
        self.members: list[Member] = []
        self.model = ProjectsModel()
        self.table = QTableView()
        self.table.setAccessibleName(_("Skill shares"))
        self.table.setObjectName("skill_shares")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Goals and outcomes are phrases: rows grow to show them whole.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((160, 210, 200, 85, 85)):
            self.table.setColumnWidth(column, width)

        self.first, self.second = QComboBox(), QComboBox()
        self.first_goal, self.second_goal = QComboBox(), QComboBox()
        self.first.setAccessibleName(_("First person"))
        self.first_goal.setAccessibleName(_("First person's goal"))
        self.second.setAccessibleName(_("Second person"))
        self.second_goal.setAccessibleName(_("Second person's goal"))
        self.deliverable = QLineEdit()
        self.deliverable.setAccessibleName(_("What is shared"))
        self.deliverable.setPlaceholderText(_("what the pair will make, e.g. a content dashboard"))
        self.due = QDateEdit(QDate.currentDate().addDays(42))
        self.due.setAccessibleName(_("Due on"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.add_button = QPushButton(_("Add project"))
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        for status in ProjectStatus:
            self.status.addItem(status.label, status.value)
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName(_("Outcome"))
        self.outcome.setPlaceholderText(_("what came of it (for a delivered project)"))
        self.save_button = QPushButton(_("Save changes"))
        self.delete_button = QPushButton(_("Remove"))

        form = QGridLayout()
        form.addWidget(QLabel(_("New pair")), 0, 0)
        form.addWidget(self.first, 0, 1)
        form.addWidget(self.first_goal, 0, 2)
        form.addWidget(self.second, 0, 3)
        form.addWidget(self.second_goal, 0, 4)
        form.addWidget(QLabel(_("Deliverable")), 1, 0)
        form.addWidget(self.deliverable, 1, 1, 1, 3)
        form.addWidget(self.due, 1, 4)
        form.addWidget(self.add_button, 1, 5)
        form.addWidget(QLabel(_("Selected")), 2, 0)
        form.addWidget(self.status, 2, 1)
        form.addWidget(self.outcome, 2, 2, 1, 2)
        form.addWidget(self.save_button, 2, 4)
        form.addWidget(self.delete_button, 2, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            _(
                "A pair from a skill-share rotation: Rotations → select the pair on the round's "
                "board → “Plan a skill-share project…”. Delivered projects are told in the "
                "Journey's stories and in the partners' check-in briefs."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.HINT_TEXT)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(form)

        self.first.currentIndexChanged.connect(
            lambda _i: self._fill_goals(self.first, self.first_goal)
        )
        self.second.currentIndexChanged.connect(
            lambda _i: self._fill_goals(self.second, self.second_goal)
        )
        self.add_button.clicked.connect(self.add)
        self.deliverable.returnPressed.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

    # -- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        self.members = RosterService(self.ctx.team).list_members()
        for combo in (self.first, self.second):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for m in self.members:
                combo.addItem(m.name, m.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        if self.second.count() > 1 and self.second.currentIndex() == self.first.currentIndex():
            self.second.setCurrentIndex(1)
        self._fill_goals(self.first, self.first_goal)
        self._fill_goals(self.second, self.second_goal)
        row = self.table.currentIndex().row()
        self.model.set_rows(self.service.all())
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def _fill_goals(self, who: QComboBox, goals: QComboBox) -> None:
        member = next((m for m in self.members if m.id == who.currentData()), None)
        goals.clear()
        goals.addItem(_("(no growth goal)"), "")
        for goal in member.goals if member else ():
            goals.addItem(goal, goal)
        if goals.count() > 1:
            goals.setCurrentIndex(1)

    def selected(self) -> SkillShareProject | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _show_selected(self) -> None:
        project = self.selected()
        if project is not None:
            self.status.setCurrentIndex(self.status.findData(project.status.value))
            self.outcome.setText(project.outcome)

    # -- edits -------------------------------------------------------------------------
    def _push(self, text: str, do: Any, undo: Any) -> bool:
        def redo_and_show() -> None:
            do()
            self.reload()

        def undo_and_show() -> None:
            undo()
            self.reload()

        try:
            push(self.ctx, ServiceCommand(self.ctx, "goals", text, redo_and_show, undo_and_show))
        except KeelError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def add(self) -> None:
        draft = ProjectDraft(
            self.first.currentData() or 0,
            self.second.currentData() or 0,
            self.deliverable.text(),
            self.first_goal.currentData() or "",
            self.second_goal.currentData() or "",
            pydate(self.due.date()),
        )
        step = _StartedShare()

        def do() -> None:
            step.id = self.service.add(draft, step.id).id

        def undo() -> None:
            assert step.id is not None
            self.service.delete(step.id)

        pair = _("{a} and {b}").format(a=self.first.currentText(), b=self.second.currentText())
        if self._push(_("Start a skill share for {pair}").format(pair=pair), do, undo):
            self.deliverable.clear()
            self.message.emit(_("Skill share started for {pair}.").format(pair=pair))

    def save(self) -> None:
        project = self.selected()
        if project is None:
            return
        status = ProjectStatus(self.status.currentData())
        delivered = project.delivered_on or (
            dt.date.today() if status is ProjectStatus.DELIVERED else None
        )
        draft = replace(
            project.draft(), status=status, outcome=self.outcome.text(), delivered_on=delivered
        )
        before = project.draft()
        self._push(
            _("Change the skill share of {a} and {b}").format(
                a=project.first_name, b=project.second_name
            ),
            lambda: self.service.update(project.id, draft),
            lambda: self.service.update(project.id, before),
        )

    def delete(self) -> None:
        project = self.selected()
        if project is None:
            return
        self._push(
            _("Remove the skill share of {a} and {b}").format(
                a=project.first_name, b=project.second_name
            ),
            lambda: self.service.delete(project.id),
            lambda: self.service.add(project.draft(), project.id),
        )
