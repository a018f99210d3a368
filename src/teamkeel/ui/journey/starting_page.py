"""The starting point: the self-assessment dialog, where it placed the team (and how
that moved between takes), and the first step, which goes into the calendar in one click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _, format_date
from teamkeel.core.journey.starting_point import MODELS, STATEMENTS, Placement
from teamkeel.ui import theme
from teamkeel.ui.journey.edits import JourneyEdits

SCALE = (N_("not at all"), "", N_("partly"), "", N_("completely"))


def _scale(value: int) -> str:
    """The word under an answer from 1 to 5 ("" for the ones between)."""
    word = SCALE[value - 1]
    return _(word) if word else ""


class AssessmentDialog(QDialog):
    """Six statements, each answered from 1 (not at all) to 5 (completely)."""

    def __init__(
        self,
        on_done: Callable[[tuple[int, ...]], None],
        previous: tuple[int, ...] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("assessment_dialog")
        self.setWindowTitle(_("Where does the team start?"))
        self.on_done = on_done
        grid = QGridLayout()
        for col in range(5):
            head = QLabel(f"{col + 1}\n{_scale(col + 1)}")
            grid.addWidget(head, 0, col + 1)
        self.groups: list[QButtonGroup] = []
        for row, statement in enumerate(STATEMENTS, 1):
            text = QLabel(statement.text)
            text.setWordWrap(True)
            text.setMinimumWidth(320)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value in range(1, 6):
                button = QRadioButton()
                button.setObjectName(f"assess_{statement.key}_{value}")
                button.setAccessibleName(f"{value}, {_scale(value)}".rstrip(", "))
                button.setAccessibleDescription(statement.text)
                group.addButton(button, value)
                grid.addWidget(button, row, value)
            chosen = previous[row - 1] if previous else 3
            group.button(chosen).setChecked(True)
            self.groups.append(group)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Place the team"))
        buttons.accepted.connect(self._done)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            _(
                "Answer for the team as it is today, not as it should be. There are no right "
                "answers; you can take this again later to see what moved."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def answers(self) -> tuple[int, ...]:
        return tuple(g.checkedId() for g in self.groups)

    def _done(self) -> None:
        self.on_done(self.answers())
        self.accept()


class StartingPage(QWidget):
    def __init__(self, edits: JourneyEdits):
        super().__init__()
        self.edits = edits
        self.placements: list[Placement] = []
        self.result = QLabel()
        self.result.setObjectName("starting_result")
        self.result.setWordWrap(True)
        self.history = QLabel()
        self.history.setObjectName("starting_history")
        self.history.setWordWrap(True)
        self.history.setStyleSheet(theme.MUTED_TEXT)
        take = QPushButton(_("Take the self-assessment…"))
        take.setObjectName("starting_take")
        take.clicked.connect(self.open_dialog)
        self.add_step = QPushButton(_("Add the first step to the calendar"))
        self.add_step.setObjectName("starting_add_step")
        self.add_step.clicked.connect(self._add_step)
        buttons = QHBoxLayout()
        buttons.addWidget(take)
        buttons.addWidget(self.add_step)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.history)
        layout.addStretch(1)

    def reload(self) -> None:
        self.placements = self.edits.service.placements()
        latest = self.placements[-1] if self.placements else None
        if latest is None:
            self.result.setText(
                _(
                    "<p>Not assessed yet. Six statements place the team on one of three models of "
                    "support, and propose a first step that fits.</p>"
                )
            )
            self.add_step.setEnabled(False)
            self.history.clear()
            return
        model = MODELS[latest.model]
        step = latest.first_step
        reasons = "".join(f"<li>{r}</li>" for r in latest.reasons)
        first_step = _("First step (in the calendar):") if latest.ritual_id else _("First step:")
        self.result.setText(
            _(
                "<h3>{model_name}: “{nickname}”</h3><p>{summary}</p><p>Assessed {taken_on:%d %b "
                "%Y}. Why:</p><ul>{reasons}</ul><p><b>{first_step}</b> {title}<br/>{why}</p>"
            ).format(
                model_name=model.name,
                nickname=model.nickname,
                summary=model.summary,
                taken_on=latest.taken_on,
                reasons=reasons,
                first_step=first_step,
                title=step.title,
                why=step.why,
            )
        )
        self.add_step.setEnabled(latest.ritual_id is None)
        if len(self.placements) > 1:
            moves = " → ".join(
                f"{MODELS[p.model].nickname} ({format_date(p.taken_on, 'dd MMM y')})"
                for p in self.placements
            )
            self.history.setText(_("Over time: {moves}").format(moves=moves))
        else:
            self.history.clear()

    def open_dialog(self) -> AssessmentDialog:
        previous = self.placements[-1].answers if self.placements else None
        dialog = AssessmentDialog(
            lambda answers: self.edits.assess(answers, dt.date.today()), previous, self
        )
        dialog.open()
        return dialog

    def _add_step(self) -> None:
        if self.placements:
            self.edits.add_first_step(self.placements[-1])
