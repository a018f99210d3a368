"""The side panels of the Insights tab: one person's exchanges, the survey rounds, and
the thresholds.  Each is a plain widget with signals; the tab does the service calls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _
from teamkeel.core.insights.reciprocity import MemberReciprocity, Thresholds
from teamkeel.core.insights.service import ExchangeView, RoundInfo
from teamkeel.ui.insights.models import ExchangeModel, RoundModel
from teamkeel.ui.insights.survey_entry import SurveyEntry
from teamkeel.ui.tables import read_only_table


def make_table(model: Any, name: str, parent: QWidget) -> QTableView:
    """A read-only table of one-line rows, as every Keel table is."""
    view, _proxy = read_only_table(model, name, parent, fit_to_contents=True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PICK_HINT = N_("Pick a person, or click one in a chart, to see their exchanges.")


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class ExchangesPanel(QWidget):
    """Who one person helped and who helped them, in the chosen period."""

    memberPicked = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pick = QComboBox()
        self.pick.setAccessibleName(_("Show the exchanges of"))
        self.pick.setObjectName("insights_member_pick")
        self.pick.setToolTip(_("Or click a person in a chart"))
        self.title = QLabel(_(PICK_HINT))
        self.title.setObjectName("insights_member_title")
        self.title.setWordWrap(True)
        self.model = ExchangeModel()
        self.view = make_table(self.model, "insights_exchanges", self)
        self.view.setAccessibleName(_("Exchanges"))
        self.view.setAccessibleDescription(_("The chosen person's exchanges of help"))
        self.view.sortByColumn(ExchangeModel.DAY, Qt.SortOrder.DescendingOrder)  # newest first
        layout = QVBoxLayout(self)
        layout.addWidget(self.pick)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self.pick.activated.connect(self._on_activated)

    def _on_activated(self, index: int) -> None:
        member = self.pick.itemData(index)
        if isinstance(member, int):
            self.memberPicked.emit(member)

    def set_members(self, members: Sequence[MemberReciprocity]) -> None:
        current = self.pick.currentData()
        self.pick.blockSignals(True)
        self.pick.clear()
        self.pick.addItem(_("Show the exchanges of…"), None)
        for m in members:
            self.pick.addItem(m.name, m.member_id)
        self.pick.setCurrentIndex(max(self.pick.findData(current), 0))
        self.pick.blockSignals(False)

    def show_exchanges(
        self, member_id: int, name: str, period: str, views: Sequence[ExchangeView]
    ) -> None:
        gave = sum(1 for v in views if v.direction == "gave")
        self.title.setText(
            _(
                "<b>{escape}</b> · {escape2}: helped {times}, was helped {times2}. A starting "
                "point for a conversation, not a score."
            ).format(
                escape=escape(name),
                escape2=escape(period),
                times=times(gave),
                times2=times(len(views) - gave),
            )
        )
        self.model.set_rows(views)
        self.pick.blockSignals(True)
        self.pick.setCurrentIndex(max(self.pick.findData(member_id), 0))
        self.pick.blockSignals(False)

    def clear(self) -> None:
        """Nobody picked (the person left the view, e.g. under another role filter)."""
        self.title.setText(_(PICK_HINT))
        self.model.set_rows([])
        self.pick.setCurrentIndex(0)


class SurveyPanel(QWidget):
    """The rounds recorded so far (counts only, never answers) and the entry form."""

    deleteRequested = Signal(object)  # noqa: N815 - the RoundInfo to delete

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RoundModel()
        self.view = make_table(self.model, "insights_rounds", self)
        self.view.setAccessibleName(_("Survey rounds"))
        self.view.sortByColumn(RoundModel.DAY, Qt.SortOrder.AscendingOrder)
        self.delete_button = QPushButton(_("Delete round"))
        self.entry = SurveyEntry()
        note = QLabel(
            _(
                "Answers are stored without names or times. A round's results appear only once "
                "it has enough responses (see Thresholds)."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.delete_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.entry, 2)
        self.delete_button.clicked.connect(self._on_delete)

    def set_rounds(self, rounds: Sequence[RoundInfo], minimum: int) -> None:
        self.model.set_rows(rounds)
        self.model.set_minimum(minimum)

    def _on_delete(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            proxy = self.view.model()
            row = self.model.rows[proxy.mapToSource(index).row()]  # type: ignore[attr-defined]
            self.deleteRequested.emit(row)


class ThresholdsPanel(QWidget):
    """When the gentle flags are raised, and how many answers a survey round needs."""

    thresholdsEdited = Signal(object)  # noqa: N815 - the new Thresholds
    minimumEdited = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.give_ratio = QDoubleSpinBox()
        self.give_ratio.setRange(1, 10)
        self.give_ratio.setSingleStep(0.5)
        self.give_ratio.setSuffix("×")
        self.min_given = QSpinBox()
        self.min_given.setRange(1, 200)
        self.carry_periods = QSpinBox()
        self.carry_periods.setRange(1, 12)
        self.quiet_periods = QSpinBox()
        self.quiet_periods.setRange(1, 12)
        self.min_responses = QSpinBox()
        self.min_responses.setRange(3, 100)
        for w, name in (
            (self.give_ratio, "give_ratio"),
            (self.min_given, "min_given"),
            (self.carry_periods, "carry_periods"),
            (self.quiet_periods, "quiet_periods"),
            (self.min_responses, "min_responses"),
        ):
            w.setObjectName(f"insights_{name}")
            w.setKeyboardTracking(False)  # one change per finished edit, not per keystroke
        intro = QLabel(
            _(
                "Flags are prompts to check in, not judgements. A period is as long as the one "
                "chosen above; adjust these to what is normal for this team."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(_("Carrying a lot when giving at least"), self.give_ratio)
        form.addRow(_("… what they receive, and at least"), self.min_given)
        form.addRow(_("… in each of the last (periods)"), self.carry_periods)
        form.addRow(_("Quiet after periods without exchanges"), self.quiet_periods)
        form.addRow(_("Survey: minimum responses to show a round"), self.min_responses)
        for w in (self.give_ratio, self.min_given, self.carry_periods, self.quiet_periods):
            w.valueChanged.connect(lambda *_: self.thresholdsEdited.emit(self.thresholds()))
        self.min_responses.valueChanged.connect(self.minimumEdited)

    def thresholds(self) -> Thresholds:
        return Thresholds(
            give_ratio=self.give_ratio.value(),
            min_given=self.min_given.value(),
            carry_periods=self.carry_periods.value(),
            quiet_periods=self.quiet_periods.value(),
        )

    def load(self, t: Thresholds, minimum: int) -> None:
        """Show stored values without announcing them as edits."""
        self.give_ratio.blockSignals(True)
        self.give_ratio.setValue(t.give_ratio)
        self.give_ratio.blockSignals(False)
        for w, value in (
            (self.min_given, t.min_given),
            (self.carry_periods, t.carry_periods),
            (self.quiet_periods, t.quiet_periods),
            (self.min_responses, minimum),
        ):
            w.blockSignals(True)
            w.setValue(value)
            w.blockSignals(False)
