"""What weekly goals add to the Insights tab: the outcome basket beside the leading
indicators, the kinds of help (supportive actions as their own), and the check-in brief
of the person in view. Entering or importing figures is an undo step each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.indicators import Basket, basket
from teamkeel.core.goals.outcomes import (
    Metric,
    Outcomes,
    RemovedMetric,
    parse_month,
    parse_value,
)
from teamkeel.core.goals.outcomes_csv import read_figures, read_text
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.insights.events import HelpLog, Period
from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.service import InsightsService
from teamkeel.ui.checkin import export_brief
from teamkeel.ui.context import AppContext
from teamkeel.ui.insights.basket import BasketCard
from teamkeel.ui.insights.overview import Overview
from teamkeel.ui.undo import ServiceCommand, push


class InsightsHost(Protocol):
    """What these parts use of the Insights tab that holds them (the tab imports this
    module, so the module names the tab's shape rather than the tab)."""

    @property
    def ctx(self) -> AppContext: ...
    @property
    def service(self) -> InsightsService: ...
    @property
    def overview(self) -> Overview: ...
    @property
    def exchanges(self) -> QWidget: ...
    @property
    def clock(self) -> Callable[[], dt.date]: ...
    @property
    def _log(self) -> HelpLog | None: ...
    @property
    def _selected(self) -> int | None: ...

    def track(self, signal: Any, slot: Callable[..., Any]) -> None: ...
    def period(self) -> Period: ...


Figures = list[tuple[str, str, float | None]]


@dataclass
class _WrittenFigures:
    """What entering or importing figures remembers: the figures as they were before."""

    before: Figures | None = None


@dataclass
class _ChangedMetric:
    """An added metric (for undo to remove it), or a renamed one as it was."""

    metric: Metric | None = None


@dataclass
class _RemovedMetric:
    """A removed metric with its figures, for undo to put back."""

    gone: RemovedMetric | None = None


class GoalsParts:
    def __init__(self, tab: InsightsHost) -> None:
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
        tab.track(self.card.metric_added, self.add_metric)
        tab.track(self.card.metric_renamed, self.rename_metric)
        tab.track(self.card.metric_removed, self.remove_metric)

    def show(self, ins: Insights, log: HelpLog | None) -> None:
        self.show_measured(ins, self.measure(ins, log))

    def measure(self, ins: Insights, log: HelpLog | None) -> Basket:
        """The basket's twelve months: reading and computing only, so a worker may."""
        end = ins.period.end
        return basket(log or HelpLog(), ins.survey.results, self.outcomes.basket(end), end)

    def show_measured(self, ins: Insights, shown: Basket) -> None:
        self.card.show_kinds(dict(ins.kinds))
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
                count = len(figures)
                text = ngettext(
                    "Import {count} outcome figure", "Import {count} outcome figures", count
                )
                self._write(text.format(count=count), figures)
            except KeelError as exc:
                self.card.show_problem(f"{Path(path).name}: {exc}")
                return
            self.card.show_problem("")

        self.tab.ctx.prompts.open_file(
            _("Import outcome figures"), _("CSV files (*.csv);;All files (*)"), chosen
        )

    # -- the lead's own metrics ------------------------------------------------------
    def _step(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> bool:
        try:
            push(self.tab.ctx, ServiceCommand(self.tab.ctx, "goals", text, do, undo))
        except KeelError as exc:
            self.card.show_problem(str(exc))
            return False
        self.card.show_problem("")
        return True

    def add_metric(self, name: str, unit: str) -> None:
        step = _ChangedMetric()

        def do() -> None:
            step.metric = self.outcomes.add_metric(name, unit)

        def undo() -> None:
            assert step.metric is not None
            self.outcomes.remove_metric(step.metric.key)

        if self._step(_("Add the metric “{name}”").format(name=_short(name)), do, undo):
            self.card.metric_name.clear()
            self.card.metric_unit.clear()
            assert step.metric is not None
            self.card.pick_next = step.metric.key

    def rename_metric(self, key: str, name: str, unit: str) -> None:
        step = _ChangedMetric()

        def do() -> None:
            step.metric = self.outcomes.rename_metric(key, name, unit)  # as it was

        def undo() -> None:
            assert step.metric is not None
            now = self.outcomes.find_metric(name)
            self.outcomes.rename_metric(now.key, step.metric.name, step.metric.unit)

        old = self.card.custom.get(key)
        was = old.name if old else key
        if self._step(
            _("Rename the metric “{old}” to “{new}”").format(old=_short(was), new=_short(name)),
            do,
            undo,
        ):
            self.card.pick_next = self.outcomes.find_metric(name).key  # keep it picked

    def remove_metric(self, key: str) -> None:
        metric = self.card.custom.get(key)
        if metric is None:
            return
        step = _RemovedMetric()

        def do() -> None:
            step.gone = self.outcomes.remove_metric(key, with_figures=True)

        def undo() -> None:
            assert step.gone is not None
            self.outcomes.restore_metric(step.gone)

        def remove() -> None:
            self._step(_("Remove the metric “{name}”").format(name=_short(metric.name)), do, undo)

        count = self.outcomes.figure_count(key)
        if not count:
            remove()
            return
        self.tab.ctx.prompts.confirm(
            _("Remove metric"),
            ngettext(
                "Remove “{metric}” and its {count} figure? Edit → Undo brings it back.",
                "Remove “{metric}” and its {count} figures? Edit → Undo brings them back.",
                count,
            ).format(metric=metric.name, count=count),
            remove,
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


def _short(name: str, limit: int = 32) -> str:
    """A metric's name as an undo step's title holds it (whole words where it can)."""
    clean = " ".join(name.split())
    return clean if len(clean) <= limit else clean[: limit - 1].rsplit(" ", 1)[0] + "…"
