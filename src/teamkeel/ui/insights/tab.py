"""The Insights tab: is support mutual?  Charts first, a few plain sentences, and the
details (one person's exchanges, survey rounds, thresholds) at the side.

Measures are recomputed only when the tab is visible and something changed; every edit
(survey responses, thresholds) goes through the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.first_screen import insights as first_screen
from teamkeel.core.goals.indicators import Basket
from teamkeel.core.i18n import N_, _, format_date, ngettext
from teamkeel.core.insights.events import HelpLog, Period
from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.reciprocity import Thresholds
from teamkeel.core.insights.service import InsightsService, RoundInfo, RoundSnapshot
from teamkeel.core.insights.survey import parse_csv, read_survey_file
from teamkeel.core.progress import Cancelled, Progress, Steps
from teamkeel.core.standup import StandupService
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.date_range import keep_in_range, pydate, qdate
from teamkeel.ui.first_step import FirstStep, ask_for_people
from teamkeel.ui.insights.goals_parts import GoalsParts
from teamkeel.ui.insights.overview import Overview
from teamkeel.ui.insights.panels import ExchangesPanel, SurveyPanel, ThresholdsPanel
from teamkeel.ui.options import PAPER_SIZE, current
from teamkeel.ui.undo import ServiceCommand, push
from teamkeel.ui.worker import KeepGoing, run_in_worker

PRESETS = (
    (N_("Last 30 days"), 30),
    (N_("Last 90 days"), 90),
    (N_("Last 6 months"), 182),
    (N_("Last 12 months"), 365),
    (N_("Custom"), 0),
)
ALL_ROLES = N_("All roles")
# Data that changes what this tab shows.
WATCHED = {"roster", "standup", "insights", "calendar", "goals"}


# What each undo step remembers between its first run and a later undo or redo.
@dataclass
class _AddedResponses:
    round_id: int | None = None  # the round recorded, when the responses started one
    response_ids: list[int] = field(default_factory=list)  # added to an existing round


@dataclass
class _DeletedRound:
    round_id: int  # as given back by each restore
    snapshot: RoundSnapshot | None = None  # what ``restore_round`` needs


@dataclass(frozen=True)
class _Measured:
    """What a worker computed for the current filters: plain data for the panels."""

    log: HelpLog
    fresh_log: bool  # read anew (the roles list follows it)
    insights: Insights
    basket: Basket


class InsightsTab(BaseTab):
    key = "insights"
    title = "Insights"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = InsightsService(ctx.team)
        self.insights: Insights | None = None
        # Which day is today: a preset ("Last 30 days") ends on it, even when the window
        # stayed open past midnight.
        self.clock: Callable[[], dt.date] = dt.date.today
        self._log: HelpLog | None = None  # the whole log, read once per change
        self._log_version = 0  # the file's data version the log was read at
        self._dirty = True
        # Measures are computed on a worker; only the latest request's result is shown.
        self._requests = 0
        self._shown_request = 0
        self._selected: int | None = None
        # Keep this order: the order widgets are made in is the tab order.
        bar = self._build_filters()
        self._build_panels()
        self._build_layout(bar)
        # Supportive actions, the outcome basket and the check-in brief (weekly goals).
        self.goals = GoalsParts(self)
        self._build_export_actions()
        self._connect_signals()
        self._set_preset_dates(30)
        self.reload()

    def _build_filters(self) -> QHBoxLayout:
        """The filter bar: period, dates, role and the export button."""
        self.preset = QComboBox()
        self.preset.setAccessibleName(_("Period"))
        self.preset.setObjectName("insights_period")
        for text, days in PRESETS:
            self.preset.addItem(_(text), days)
        self.start = QDateEdit()
        self.start.setAccessibleName(_("Period from"))
        self.end = QDateEdit()
        self.end.setAccessibleName(_("Period to"))
        for edit, name in ((self.start, "insights_from"), (self.end, "insights_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        keep_in_range(self.start, self.end)
        self.role = QComboBox()
        self.role.setAccessibleName(_("Role"))
        self.role.setObjectName("insights_role")
        self.role.addItem(_(ALL_ROLES))
        self.export_button = QPushButton(_("Export health report…"))
        self.export_button.setObjectName("insights_export")
        bar = QHBoxLayout()
        for widget in (QLabel(_("Period")), self.preset, self.start, QLabel(_("to")), self.end):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(QLabel(_("Role")))
        bar.addWidget(self.role)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    def _build_panels(self) -> None:
        """The charts in the middle, the Exchanges/Survey rounds/Thresholds at the side."""
        self.overview = Overview()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.overview)
        self.exchanges = ExchangesPanel()
        self.surveys = SurveyPanel()
        self.thresholds = ThresholdsPanel()
        self.side = QTabWidget()
        self.side.setObjectName("insights_side")
        self.side.addTab(self.exchanges, _("Exchanges"))
        self.side.addTab(self.surveys, _("Survey rounds"))
        self.side.addTab(self.thresholds, _("Thresholds"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1100, 460])

    def _build_layout(self, bar: QHBoxLayout) -> None:
        """The first-step hint, the filter bar and the panels."""
        self.first_step = FirstStep()
        layout = QVBoxLayout(self)
        layout.addWidget(self.first_step)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _build_export_actions(self) -> None:
        """The health report actions the window's menu shows."""
        self.export_action = QAction(_("&Health report…"), self)
        self.export_team_action = QAction(_("Health report for the &team (no names)…"), self)

    def _connect_signals(self) -> None:
        """Filters, export, the panels' requests and the team file's changes."""
        self.track(self.export_action.triggered, lambda: self.choose_export())
        self.track(self.export_team_action.triggered, lambda: self.choose_export(for_team=True))
        self.track(self.export_button.clicked, lambda: self.choose_export())
        self.track(self.preset.currentIndexChanged, self._on_preset)
        self.track(self.start.dateChanged, self._on_dates)
        self.track(self.end.dateChanged, self._on_dates)
        self.track(self.role.currentIndexChanged, lambda *_: self.refresh())
        self.track(self.overview.memberClicked, self.show_member)
        self.track(self.exchanges.memberPicked, self.show_member)
        self.track(self.surveys.entry.submitted, self.add_responses)
        self.track(self.surveys.entry.import_requested, self.choose_import)
        self.track(self.surveys.deleteRequested, self.delete_round)
        self.track(self.thresholds.thresholdsEdited, self.change_thresholds)
        self.track(self.thresholds.minimumEdited, self.change_min_responses)
        self.track(self.ctx.changed, self._on_changed)

    # -- reading ---------------------------------------------------------------------------
    def period(self) -> Period:
        start, end = pydate(self.start.date()), pydate(self.end.date())
        return Period(min(start, end), max(start, end))

    def selected_role(self) -> str | None:
        text = self.role.currentText()
        return None if text == _(ALL_ROLES) else text

    def reload(self, log_changed: bool = True) -> None:
        """Read again from the services (the stand-up log, roster or surveys changed)."""
        if log_changed:
            self._log = None
            self._requests += 1  # a result read from the old log must not come back
        self._dirty = True
        self.thresholds.load(self.service.thresholds(), self.service.min_responses())
        rounds = self.service.list_rounds()
        self.surveys.set_rounds(rounds, self.service.min_responses())
        self._show_first_step(has_rounds=bool(rounds))
        if self.isVisible():
            self.refresh()

    def _show_first_step(self, has_rounds: bool) -> None:
        why = _(
            "Insights show how help flows between the people on your roster; nobody is on it yet."
        )
        if ask_for_people(self.first_step, self.ctx, why):
            return
        if has_rounds or StandupService(self.ctx.team).count():
            self.first_step.clear()
            return
        self.first_step.show_step(
            _(
                "<b>Nothing recorded yet.</b> Insights grow from the kudos and blockers logged at "
                "stand-ups, and from the team's survey rounds."
            ),
            [
                (_("Go to the Stand-up"), lambda: self.ctx.show_tab.emit("standup")),
                (_("Add a survey round"), lambda: self.side.setCurrentWidget(self.surveys)),
            ],
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        preset_outdated = bool(self.preset.currentData()) and self.period().end != self.clock()
        if self._dirty or preset_outdated:
            self.refresh()

    @property
    def measuring(self) -> bool:
        """True while the measures for the latest filters are still being computed."""
        return self._shown_request != self._requests

    def refresh(self) -> None:
        """Recompute the measures for the current filters on a worker (five years of
        log take seconds to read) and show them when they are ready."""
        days = self.preset.currentData()
        if days:  # a preset is relative to today; "Custom" dates stay as they are
            self._set_preset_dates(days)
        self._requests += 1
        request, log = self._requests, self._log
        # The data version the log is read at, for the figures kept for the next start.
        version = self.ctx.team.data_version() if log is None else self._log_version
        period, role, service, goals = self.period(), self.selected_role(), self.service, self.goals

        def measure(_keep_going: KeepGoing) -> _Measured:
            whole_log = service.help_log() if log is None else log
            insights = service.compute(period, role=role, log=whole_log)
            return _Measured(whole_log, log is None, insights, goals.measure(insights, whole_log))

        self._dirty = False
        run_in_worker(
            measure,
            done=lambda measured: self._show_measured(request, measured, version),
            failed=lambda problem: self._measuring_failed(request, problem),
            parent=self,
        )

    def _measuring_failed(self, request: int, problem: str) -> None:
        if request == self._requests:
            self._shown_request = request
            self._dirty = True
            self.ctx.prompts.error("Insights", f"Cannot compute the insights: {problem}")

    def _show_measured(self, request: int, measured: _Measured, version: int) -> None:
        if request != self._requests:
            return  # the filters or the data changed meanwhile; a newer result follows
        self._shown_request = request
        if measured.fresh_log:
            self._log, self._log_version = measured.log, version
            self._fill_roles(measured.log)
        self.insights = measured.insights
        self._keep_for_first_screen(self.insights)
        self.overview.show_insights(self.insights)
        self.goals.show_measured(self.insights, measured.basket)
        self.exchanges.set_members(self.insights.members)
        if self._selected is not None:
            if any(m.member_id == self._selected for m in self.insights.members):
                # brought up to date in place: the side panel the lead is using stays put
                self._show_exchanges(self._selected)
            else:
                self._selected = None
                self.exchanges.clear()
                self.overview.select(None)

    def _keep_for_first_screen(self, ins: Insights) -> None:
        """The figures of the tab's first view (last 30 days, all roles) go into the file,
        for the next start's first frame (teamkeel.ui.first_screen.insights)."""
        if self.preset.currentData() == first_screen.DAYS and ins.role is None:
            self.ctx.team.keep_derived(
                first_screen.KEPT_AS, self._log_version, first_screen.figures_of(ins)
            )

    def _fill_roles(self, log: HelpLog) -> None:
        roles = sorted({p.role.strip() for p in log.people if p.role.strip()}, key=str.casefold)
        current = self.role.currentText()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItems([_(ALL_ROLES), *roles])
        self.role.setCurrentText(current if current in roles else _(ALL_ROLES))
        self.role.blockSignals(False)

    # -- filters ---------------------------------------------------------------------------
    def _set_preset_dates(self, days: int) -> None:
        today = qdate(self.clock())
        for w in (self.start, self.end):
            w.blockSignals(True)
        self.end.setDate(today)
        self.start.setDate(today.addDays(-(days - 1)))
        for w in (self.start, self.end):
            w.blockSignals(False)

    def _on_preset(self) -> None:
        days = self.preset.currentData()
        if days:  # "Custom" keeps the dates as they are
            self._set_preset_dates(days)
            self.refresh()

    def _on_dates(self) -> None:
        # editing a date by hand turns the preset into "Custom"
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)
        self.preset.blockSignals(False)
        self.refresh()

    def set_period(self, period: Period) -> None:
        """Show ``period`` (as if typed into the date fields)."""
        for w, day in ((self.start, period.start), (self.end, period.end)):
            w.blockSignals(True)
            w.setDate(QDate(day.year, day.month, day.day))
            w.blockSignals(False)
        self._on_dates()

    # -- one member ------------------------------------------------------------------------
    def show_member(self, member_id: int) -> None:
        """The lead picked someone: show their exchanges."""
        self._show_exchanges(member_id)
        self.side.setCurrentWidget(self.exchanges)

    def _show_exchanges(self, member_id: int) -> None:
        self._selected = member_id
        self.goals.brief_button.setEnabled(True)
        log = self._log or self.service.help_log()
        person = log.person(member_id)
        views = self.service.member_exchanges(member_id, self.period(), log)
        name = person.name if person else "?"
        self.exchanges.show_exchanges(member_id, name, self.period().label(), views)
        self.overview.select(member_id)

    # -- edits (all undoable) --------------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        if key in WATCHED:
            # survey and threshold edits leave the (slower to read) stand-up log as it was
            self.reload(log_changed=key != self.key)

    def _push(self, text: str, do: Any, undo: Any) -> None:
        push(self.ctx, ServiceCommand(self.ctx, self.key, text, do, undo))

    def change_thresholds(self, new: Thresholds) -> None:
        old = self.service.thresholds()
        if new != old:
            self._push(
                _("Change insight thresholds"),
                lambda: self.service.set_thresholds(new),
                lambda: self.service.set_thresholds(old),
            )

    def change_min_responses(self, new: int) -> None:
        old = self.service.min_responses()
        if new != old:
            self._push(
                _("Change survey minimum"),
                lambda: self.service.set_min_responses(new),
                lambda: self.service.set_min_responses(old),
            )

    def add_responses(
        self,
        held_on: dt.date,
        label: str,
        responses: list[tuple[int, ...]],
        progress: Progress | None = None,
    ) -> None:
        """Record typed or imported responses: a new round, or more answers to the round
        already held that day (a paper survey typed in over several sittings).
        ``progress`` is told of the first run only (a redo is quick and shows none)."""
        existing = self.service.round_on(held_on)
        step = _AddedResponses()
        first_run = [progress]

        def told() -> Progress | None:
            return first_run.pop() if first_run else None

        if existing is None:

            def do() -> None:
                step.round_id = self.service.add_round(held_on, responses, label, progress=told())

            def undo() -> None:
                assert step.round_id is not None
                self.service.delete_round(step.round_id)
        else:

            def do() -> None:
                step.response_ids = self.service.add_responses(existing.id, responses, told())

            def undo() -> None:
                self.service.remove_responses(step.response_ids)

        try:
            self._push(
                ngettext(
                    "Add {count} survey response of {day}",
                    "Add {count} survey responses of {day}",
                    len(responses),
                ).format(count=len(responses), day=format_date(held_on)),
                do,
                undo,
            )
        except Cancelled as exc:
            self._cancelled(exc)
            return
        except KeelError as exc:
            self.surveys.entry.show_problem(exc)
            return
        self.surveys.entry.clear()

    def _cancelled(self, exc: Cancelled) -> None:
        self.window().statusBar().showMessage(str(exc), 8000)  # type: ignore[attr-defined]

    def delete_round(self, row: RoundInfo) -> None:
        step = _DeletedRound(row.id)

        def do() -> None:
            step.snapshot = self.service.delete_round(step.round_id)

        def undo() -> None:
            assert step.snapshot is not None
            step.round_id = self.service.restore_round(step.snapshot)

        self.ctx.prompts.confirm(
            _("Delete survey round"),
            _("Delete the round of {held_on} and its {responses} responses?").format(
                held_on=row.held_on.isoformat(), responses=row.responses
            ),
            lambda: self._push(
                _("Delete the survey round of {day}").format(day=format_date(row.held_on)), do, undo
            ),
        )

    # -- files -----------------------------------------------------------------------------
    def choose_import(self) -> None:
        entry = self.surveys.entry

        def chosen(path: str) -> None:
            try:
                text = read_survey_file(Path(path))
            except KeelError as exc:
                self.ctx.prompts.error(_("Cannot import survey"), str(exc))
                return
            from teamkeel.ui.progress import progress_dialog

            lines = text.count("\n") + 1
            label = _("Importing survey answers from {file}…").format(file=Path(path).name)
            title = _("Importing survey answers")
            with progress_dialog(self, self.ctx.team, title, label) as progress:
                steps = Steps(progress, 2 * lines, _("The survey import"))
                try:
                    responses = parse_csv(text, steps.part(0))
                except Cancelled as exc:
                    self._cancelled(exc)
                    return
                except KeelError as exc:
                    entry.show_problem(exc)
                    return
                held_on, title = entry.held_on(), entry.label.text()
                self.add_responses(held_on, title, responses, steps.part(lines))

        self.ctx.prompts.open_file(
            _("Import survey responses"), _("CSV files (*.csv);;All files (*)"), chosen
        )

    def choose_export(self, for_team: bool = False) -> None:
        """Ask where to write the health report: the lead's own, or the version without
        names that can be shared with the team."""
        period, role = self.period(), self.selected_role()

        service = self.service

        def chosen(path: str) -> None:
            # Five years of history take seconds to read and lay out: on a worker,
            # so that the window keeps answering (see teamkeel.ui.worker).
            self.export_button.setEnabled(False)
            paper = current(PAPER_SIZE)
            run_in_worker(
                lambda _keep_going: service.export_report(
                    Path(path), period, role, for_team=for_team, paper=paper
                ),
                done=self._report_written,
                failed=self._report_failed,
                parent=self,
            )

        suggested = f"team-health{'-shared' if for_team else ''}-{period.end.isoformat()}.pdf"
        self.ctx.prompts.save_file(
            _("Export health report"), _("PDF files (*.pdf)"), chosen, suggested
        )

    def _report_written(self, out: Path) -> None:
        self.export_button.setEnabled(True)
        self.ctx.prompts.info("Health report", f"Wrote the team health report to {out}.")

    def _report_failed(self, problem: str) -> None:
        self.export_button.setEnabled(True)
        self.ctx.prompts.error("Cannot write the health report", problem)

    def export_actions(self) -> list[QAction]:
        return [self.export_action, self.export_team_action]

    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": [int(x) for x in self.splitter.sizes()],
            "preset": self.preset.currentIndex(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        sizes = state.get("splitter")
        if isinstance(sizes, list) and all(isinstance(x, int) for x in sizes):
            self.splitter.setSizes(sizes)
        preset = state.get("preset")
        if isinstance(preset, int) and 0 <= preset < len(PRESETS) - 1:
            self.preset.setCurrentIndex(preset)
