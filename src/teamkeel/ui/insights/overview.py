"""The main column of the Insights tab: a few plain sentences, then the charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QVBoxLayout, QWidget

from teamkeel.core.i18n import _, ngettext
from teamkeel.core.insights.findings import (
    caveats,
    member_prompts,
    no_prompts_note,
    team_findings,
)
from teamkeel.core.insights.measures import Insights
from teamkeel.ui import theme
from teamkeel.ui.insights.panels import escape
from teamkeel.ui.insights.people_charts import NetworkChart, ReciprocityChart
from teamkeel.ui.insights.trend_charts import BlockerTrendChart, SurveyItemsChart, SurveyTrendChart

ONE_COLUMN_BELOW = 760


def bullets(lines: list[str]) -> str:
    items = "".join(f"<li>{escape(t)}</li>" for t in lines)
    return f"<ul style='margin-left:-20px'>{items}</ul>"


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def waiting(age_days: int) -> str:
    if age_days == 0:
        return _("less than a day")
    return ngettext("{count} day", "{count} days", age_days).format(count=age_days)


class Overview(QWidget):
    memberClicked = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.findings = _rich_label("insights_findings")
        self.prompts = _rich_label("insights_prompts")
        self.prompts.setStyleSheet(theme.box(theme.PRIVATE, padding=6))
        self.reciprocity = ReciprocityChart()
        self.reciprocity.setObjectName("insights_reciprocity")
        self.network = NetworkChart()
        self.network.setObjectName("insights_network")
        self.blockers = BlockerTrendChart()
        self.blockers.setObjectName("insights_blockers")
        self.open_blockers = _rich_label("insights_open_blockers")
        self.survey = SurveyTrendChart()
        self.survey.setObjectName("insights_survey")
        self.survey_items = SurveyItemsChart()
        self.survey_items.setObjectName("insights_survey_items")
        self.caveats = _rich_label("insights_caveats")
        self.caveats.setStyleSheet(theme.HINT_TEXT)

        self.blocker_box = QVBoxLayout()
        self.blocker_box.addWidget(self.blockers)
        self.blocker_box.addWidget(self.open_blockers)
        self.blocker_box.addStretch(1)
        self.survey_box = QVBoxLayout()
        self.survey_box.addWidget(self.survey)
        self.survey_box.addWidget(self.survey_items)
        self.survey_box.addStretch(1)
        self.grid = QGridLayout(self)
        self.wide_cards: list[QWidget] = []  # full-width rows above the caveats
        self.columns = 0
        self._arrange(2)

        self.reciprocity.memberClicked.connect(self.memberClicked)
        self.network.memberClicked.connect(self.memberClicked)

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in two columns, or in one when the column is narrow."""
        if columns == self.columns:
            return
        self.columns = columns
        grid = self.grid
        cards: list[QWidget | QLayout] = [
            self.findings,
            self.prompts,
            self.reciprocity,
            self.network,
            self.blocker_box,
            self.survey_box,
        ]
        for card in [*cards, *self.wide_cards, self.caveats]:
            if isinstance(card, QLayout):
                grid.removeItem(card)
            else:
                grid.removeWidget(card)
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        top = Qt.AlignmentFlag.AlignTop
        for i, card in enumerate(cards):
            row, column = divmod(i, columns)
            align = top if card in (self.findings, self.prompts) else Qt.AlignmentFlag(0)
            if isinstance(card, QLayout):
                grid.addLayout(card, row, column)
            else:
                grid.addWidget(card, row, column, align)
        last = len(cards) // columns
        for wide in self.wide_cards:
            grid.addWidget(wide, last, 0, 1, columns)
            last += 1
        grid.addWidget(self.caveats, last, 0, 1, columns)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1 if columns == 2 else 0)
        grid.setRowStretch(last + 1, 1)

    def add_wide_card(self, card: QWidget) -> None:
        """A card across the whole width, under the charts (the outcome basket)."""
        self.wide_cards.append(card)
        columns, self.columns = self.columns, 0
        self._arrange(columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        # Below about 760 pixels two charts side by side squeeze the help network into a
        # knot of labels; a little hysteresis keeps a border width from flipping.
        width = event.size().width()
        if width < ONE_COLUMN_BELOW:
            self._arrange(1)
        elif width >= ONE_COLUMN_BELOW + 40:
            self._arrange(2)
        super().resizeEvent(event)

    def show_insights(self, ins: Insights) -> None:
        self.findings.setText("<b>" + _("What stands out") + "</b>" + bullets(team_findings(ins)))
        prompts = member_prompts(ins)
        self.prompts.setText(
            _("<b>Conversation prompts</b> <i>(for your eyes only)</i>")
            + (bullets(prompts) if prompts else f"<p>{escape(no_prompts_note(ins))}</p>")
            + f"<p style='{theme.MUTED_TEXT}'>{escape(' '.join(ins.thresholds.describe()))}</p>"
        )
        self.reciprocity.set_rows(ins.members, compare=ins.before_logged)
        self.network.set_network(ins.network)
        self.blockers.set_months(ins.blockers.by_month)
        b = ins.blockers
        if b.oldest_open:
            lines = [f"{o.owner}: {o.note} ({waiting(o.age_days)})" for o in b.oldest_open]
            self.open_blockers.setText(
                _("<b>Open at the end ({count}), longest waiting:</b>").format(count=b.open_at_end)
                + bullets(lines)
            )
        else:
            self.open_blockers.setText(_("No blocker was open at the end of the period."))
        s = ins.survey
        self.survey.set_results(s.results, s.withheld, s.min_responses)
        self.survey_items.set_result(s.latest)
        self.caveats.setText("<b>" + _("Keep in mind") + "</b>" + bullets(caveats(ins)))

    def select(self, member_id: int | None) -> None:
        """Highlight one person in both charts."""
        self.reciprocity.selected = member_id
        self.reciprocity.update()
        self.network.selected = member_id
        self.network.update()
