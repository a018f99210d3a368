"""“Plan a skill-share project…” for a pair on a skill-share rotation's board.

The partners and each one's growth goal come prefilled from the round and the roster
(``core.goals.round_pairs``); the lead names the deliverable and a due date. Starting
the project is one undo step, the same as in Stand-up → Skill shares, where it is then
followed through to delivered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.projects import ProjectDraft, SkillShares
from teamkeel.core.goals.round_pairs import PairDraft
from teamkeel.core.i18n import _
from teamkeel.ui import theme
from teamkeel.ui.context import AppContext
from teamkeel.ui.date_range import pydate
from teamkeel.ui.undo import ServiceCommand, push

# Long enough for a micro-project beside the day's work, short enough to stay small.
DEFAULT_WEEKS = 6


@dataclass
class _StartedShare:
    """What starting the project remembers: its id, so redo brings back the same one."""

    id: int | None = None


def start_project(ctx: AppContext, draft: ProjectDraft, pair: str) -> None:
    """Store the project as one undo step; a refused draft raises KeelError, stores nothing."""
    shares = SkillShares(ctx.team)
    step = _StartedShare()

    def do() -> None:
        step.id = shares.add(draft, step.id).id

    def undo() -> None:
        assert step.id is not None
        shares.delete(step.id)

    push(
        ctx,
        ServiceCommand(
            ctx, "goals", _("Start a skill share for {pair}").format(pair=pair), do, undo
        ),
    )


class ProjectDialog(QDialog):
    def __init__(self, ctx: AppContext, found: PairDraft, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("skill_share_project_dialog")
        self.setWindowTitle(_("Plan a skill-share project"))
        self.setMinimumWidth(480)  # the deliverable is a phrase: room to read it whole
        self.ctx, self.found = ctx, found
        self.pair = _("{a} and {b}").format(a=found.first_name, b=found.second_name)
        self._build_form()
        self._build_layout()

    def _build_form(self) -> None:
        self.first_goal = _goal_choice(self.found.first_goals, self.found.draft.first_goal)
        self.second_goal = _goal_choice(self.found.second_goals, self.found.draft.second_goal)
        self.deliverable = QLineEdit()
        self.deliverable.setObjectName("project_deliverable")
        self.deliverable.setPlaceholderText(_("what the pair will make, e.g. a query cookbook"))
        self.due = QDateEdit(QDate.currentDate().addDays(7 * DEFAULT_WEEKS))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.problem = QLabel()
        self.problem.setObjectName("project_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.ERROR_TEXT)

    def _build_layout(self) -> None:
        found = self.found
        intro = QLabel(
            f"<b>{escape(self.pair)}</b>, {escape(found.source)}."
            + (f"<br>{escape(found.reason)}." if found.reason else "")
            + "<br>A small thing they make together, serving each one's growth goal."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("{name}'s growth goal").format(name=found.first_name), self.first_goal)
        form.addRow(_("{name}'s growth goal").format(name=found.second_name), self.second_goal)
        form.addRow(_("Deliverable"), self.deliverable)
        form.addRow(_("Due"), self.due)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start project"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.deliverable.setFocus()

    def draft(self) -> ProjectDraft:
        return replace(
            self.found.draft,
            deliverable=self.deliverable.text(),
            first_goal=self.first_goal.currentData() or "",
            second_goal=self.second_goal.currentData() or "",
            due_on=pydate(self.due.date()),
        )

    def start(self) -> None:
        try:
            start_project(self.ctx, self.draft(), self.pair)
        except KeelError as exc:
            theme.show_problem(self.problem, str(exc))
            return
        self.accept()


def _goal_choice(goals: tuple[str, ...], chosen: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("(no growth goal)"), "")
    for goal in goals:
        combo.addItem(goal, goal)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo
