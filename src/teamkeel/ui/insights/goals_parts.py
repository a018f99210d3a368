"""What weekly goals add to the Insights tab: the outcome basket beside the leading
indicators, the kinds of help (supportive actions as their own), and the check-in brief
of the person in view. Entering or importing figures is an undo step each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.indicators import basket
from teamkeel.core.goals.outcomes import Outcomes, parse_month, parse_value
from teamkeel.core.goals.outcomes_csv import read_figures, read_text
from teamkeel.core.i18n import _
from teamkeel.core.insights.events import HelpLog
from teamkeel.core.insights.measures import Insights
from teamkeel.ui.checkin import export_brief
from teamkeel.ui.insights.basket import BasketCard
from teamkeel.ui.undo import ServiceCommand, push

if TYPE_CHECKING:
    from teamkeel.ui.insights.tab import InsightsTab

Figures = list[tuple[str, str, float | None]]


@dataclass
class _WrittenFigures:
    """What entering or importing figures remembers: the figures as they were before."""

    before: Figures | None = None


class GoalsParts:
    def __init__(self, tab: InsightsTab) -> None:
        self.tab = tab
        self.outcomes = Outcomes(tab.ctx.team)
        self.card = BasketCard()
        tab.overview.add_wide_card(self.card)
        self.brief_button = QPushButton(_("Check-in brief…"))
        self.brief_button.setObjectName("insights_checkin")
        self.brief_button.setToolTip(
            _(
                "A one-page brief for this person's check-in: the help others thanked them for, "
                "blockers they helped clear, supportive actions and skill shares. No scores."
            )
        )
        self.brief_button.setEnabled(False)
        layout = tab.exchanges.layout()
        if layout is not None:
            layout.addWidget(self.brief_button)
        tab.track(self.brief_button.clicked, self.export_brief)
        tab.track(self.card.figure_entered, self.enter_figure)
        tab.track(self.card.import_requested, self.choose_import)

    def show(self, ins: Insights, log: HelpLog | None) -> None:
        self.card.show_kinds(dict(ins.kinds))
        end = ins.period.end
        shown = basket(log or HelpLog(), ins.survey.results, self.outcomes.basket(end), end)
        self.card.show_basket(shown, self.tab.clock())
        if self.tab._selected is None:
            self.brief_button.setEnabled(False)

    # -- figures ---------------------------------------------------------------------
    def _write(self, text: str, figures: Figures) -> None:
        step = _WrittenFigures()

        def do() -> None:
            step.before = self.outcomes.set_values(figures)

        def undo() -> None:
            assert step.before is not None
            self.outcomes.set_values(step.before)

        push(self.tab.ctx, ServiceCommand(self.tab.ctx, "goals", text, do, undo))

    def enter_figure(self, key: str, month: str, value: str) -> None:
        try:
            figure = (key, parse_month(month), parse_value(value))
            metric = self.outcomes.find_metric(key)
            self._write(f"Enter {metric.name.lower()} for {figure[1]}", [figure])
        except ValueError as exc:
            self.card.show_problem(f"{exc}.")
            return
        except KeelError as exc:
            self.card.show_problem(str(exc))
            return
        self.card.show_problem("")
        self.card.value.clear()

    def choose_import(self) -> None:
        def chosen(path: str) -> None:
            try:
                figures: Figures = list(read_figures(read_text(Path(path)), self.outcomes))
                self._write(f"Import {len(figures)} outcome figures", figures)
            except KeelError as exc:
                self.card.show_problem(f"{Path(path).name}: {exc}")
                return
            self.card.show_problem("")

        self.tab.ctx.prompts.open_file(
            _("Import outcome figures"), _("CSV files (*.csv);;All files (*)"), chosen
        )

    # -- the person in view ----------------------------------------------------------
    def export_brief(self) -> None:
        member_id = self.tab._selected
        if member_id is None:
            return
        log = self.tab._log or self.tab.service.help_log()
        person = log.person(member_id)
        period = self.tab.period()
        export_brief(
            self.tab.ctx, member_id, person.name if person else "?", period.start, period.end
        )
