"""The Insights tab: is support mutual?  Charts first, a few plain sentences, and the
details (one person's exchanges, survey rounds, thresholds) at the side.

Measures are recomputed only when the tab is visible and something changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.insights.events import HelpLog, Period
from teamkeel.core.insights.findings import caveats, member_prompts, team_findings
from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.insights.survey import parse_csv
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.insights.charts import (
    BlockerTrendChart,
    NetworkChart,
    ReciprocityChart,
    SurveyItemsChart,
    SurveyTrendChart,
)
from teamkeel.ui.insights.models import SORT_ROLE, ExchangeModel, RoundModel
from teamkeel.ui.insights.survey_entry import SurveyEntry
from teamkeel.ui.undo import ServiceCommand, push

PRESETS = (
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 6 months", 182),
    ("Last 12 months", 365),
    ("Custom", 0),
)
ALL_ROLES = "All roles"
# Data that changes what this tab shows.
WATCHED = {"roster", "standup", "insights", "calendar"}


def _bullets(lines: list[str]) -> str:
    return (
        "<ul style='margin-left:-20px'>" + "".join(f"<li>{_esc(t)}</li>" for t in lines) + "</ul>"
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InsightsTab(BaseTab):
    key = "insights"
    title = "Insights"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = InsightsService(ctx.team)
        self.insights: Insights | None = None
        self._log: HelpLog | None = None
        self._dirty = True
        self._selected: int | None = None

        # -- filters -------------------------------------------------------------------
        self.preset = QComboBox()
        self.preset.setObjectName("insights_period")
        for text, days in PRESETS:
            self.preset.addItem(text, days)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, "insights_from"), (self.end, "insights_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.role = QComboBox()
        self.role.setObjectName("insights_role")
        self.role.addItem(ALL_ROLES)
        self.export_button = QPushButton("Export health report…")
        self.export_button.setObjectName("insights_export")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Period"))
        bar.addWidget(self.preset)
        bar.addWidget(self.start)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.end)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Role"))
        bar.addWidget(self.role)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        # -- the main column: findings and charts --------------------------------------
        self.findings = QLabel()
        self.findings.setObjectName("insights_findings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.prompts_label = QLabel()
        self.prompts_label.setObjectName("insights_prompts")
        self.prompts_label.setWordWrap(True)
        self.prompts_label.setTextFormat(Qt.TextFormat.RichText)
        self.prompts_label.setStyleSheet(
            "background: #fff7e6; border: 1px solid #f0d9a8; border-radius: 4px; padding: 6px;"
        )
        self.reciprocity = ReciprocityChart()
        self.reciprocity.setObjectName("insights_reciprocity")
        self.network = NetworkChart()
        self.network.setObjectName("insights_network")
        self.blockers = BlockerTrendChart()
        self.blockers.setObjectName("insights_blockers")
        self.open_blockers = QLabel()
        self.open_blockers.setObjectName("insights_open_blockers")
        self.open_blockers.setWordWrap(True)
        self.survey = SurveyTrendChart()
        self.survey.setObjectName("insights_survey")
        self.survey_items = SurveyItemsChart()
        self.survey_items.setObjectName("insights_survey_items")
        self.caveats = QLabel()
        self.caveats.setWordWrap(True)
        self.caveats.setTextFormat(Qt.TextFormat.RichText)
        self.caveats.setStyleSheet("color: palette(placeholder-text);")

        content = QWidget()
        grid = QGridLayout(content)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.findings, 0, 0, top)
        grid.addWidget(self.prompts_label, 0, 1, top)
        grid.addWidget(self.reciprocity, 1, 0)
        grid.addWidget(self.network, 1, 1)
        blocker_box = QVBoxLayout()
        blocker_box.addWidget(self.blockers)
        blocker_box.addWidget(self.open_blockers)
        blocker_box.addStretch(1)
        grid.addLayout(blocker_box, 2, 0)
        survey_box = QVBoxLayout()
        survey_box.addWidget(self.survey)
        survey_box.addWidget(self.survey_items)
        survey_box.addStretch(1)
        grid.addLayout(survey_box, 2, 1)
        grid.addWidget(self.caveats, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        # -- the side: exchanges, survey rounds, thresholds ----------------------------
        self.side = QTabWidget()
        self.side.setObjectName("insights_side")
        self.side.addTab(self._exchanges_page(), "Exchanges")
        self.side.addTab(self._survey_page(), "Survey rounds")
        self.side.addTab(self._thresholds_page(), "Thresholds")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1100, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.export_action = QAction("&Health report…", self)
        self.track(self.export_action.triggered, self.choose_export)
        self.track(self.export_button.clicked, self.choose_export)
        self.track(self.preset.currentIndexChanged, self._on_preset)
        self.track(self.start.dateChanged, self._on_dates)
        self.track(self.end.dateChanged, self._on_dates)
        self.track(self.role.currentIndexChanged, lambda *_: self.refresh())
        self.track(self.reciprocity.memberClicked, self.show_member)
        self.track(self.network.memberClicked, self.show_member)
        self.track(self.entry.submitted, self.add_responses)
        self.track(self.entry.import_requested, self.choose_import)
        self.track(self.delete_round_button.clicked, self.delete_round)
        self.track(ctx.changed, self._on_changed)
        self._set_preset_dates(30)
        self.reload()

    # -- building the side pages ----------------------------------------------------------
    def _table(self, model: Any, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView()
        view.setObjectName(name)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _exchanges_page(self) -> QWidget:
        page = QWidget()
        self.member_pick = QComboBox()
        self.member_pick.setObjectName("insights_member_pick")
        self.member_pick.setToolTip("Or click a person in a chart")
        self.member_title = QLabel(
            "Pick a person, or click one in a chart, to see their exchanges."
        )
        self.member_title.setObjectName("insights_member_title")
        self.member_title.setWordWrap(True)
        self.exchange_model = ExchangeModel()
        self.exchange_view = self._table(self.exchange_model, "insights_exchanges")
        self.track(self.member_pick.activated, lambda i: self._on_member_picked(i))
        layout = QVBoxLayout(page)
        layout.addWidget(self.member_pick)
        layout.addWidget(self.member_title)
        layout.addWidget(self.exchange_view, 1)
        return page

    def _survey_page(self) -> QWidget:
        page = QWidget()
        self.round_model = RoundModel()
        self.round_view = self._table(self.round_model, "insights_rounds")
        self.round_view.sortByColumn(RoundModel.DAY, Qt.SortOrder.AscendingOrder)
        self.delete_round_button = QPushButton("Delete round")
        self.entry = SurveyEntry()
        note = QLabel(
            "Answers are stored without names or times. A round's results appear only "
            "once it has enough responses (see Thresholds)."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.round_view, 1)
        layout.addWidget(self.delete_round_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.entry, 2)
        return page

    def _thresholds_page(self) -> QWidget:
        page = QWidget()
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
        form = QFormLayout(page)
        intro = QLabel(
            "Flags are prompts to check in, not judgements. A period is as long as the one "
            "chosen above; adjust these to what is normal for this team."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow("Carrying a lot when giving at least", self.give_ratio)
        form.addRow("… what they receive, and at least", self.min_given)
        form.addRow("… in each of the last (periods)", self.carry_periods)
        form.addRow("Quiet after periods without exchanges", self.quiet_periods)
        form.addRow("Survey: minimum responses to show a round", self.min_responses)
        for w in (self.give_ratio, self.min_given, self.carry_periods, self.quiet_periods):
            self.track(w.valueChanged, lambda *_: self._on_thresholds())
        self.track(self.min_responses.valueChanged, lambda *_: self._on_min_responses())
        return page

    # -- reading ------------------------------------------------------------------------
    def period(self) -> Period:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(min(start, end), max(start, end))

    def selected_role(self) -> str | None:
        text = self.role.currentText()
        return None if text == ALL_ROLES else text

    def reload(self, log_changed: bool = True) -> None:
        """Read again from the services (the stand-up log, roster or surveys changed)."""
        if log_changed:
            self._log = None
        self._dirty = True
        self._load_settings()
        self.round_model.set_rows(self.service.list_rounds())
        self.round_model.set_minimum(self.service.min_responses())
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the measures for the current filters and show them."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self._log is None:
                self._log = self.service.help_log()
                self._fill_roles(self._log)
            self.insights = self.service.compute(
                self.period(), role=self.selected_role(), log=self._log
            )
        finally:
            QApplication.restoreOverrideCursor()
        self._dirty = False
        self._show(self.insights)
        if self._selected is not None:
            self.show_member(self._selected)

    def _on_member_picked(self, index: int) -> None:
        member = self.member_pick.itemData(index)
        if isinstance(member, int):
            self.show_member(member)

    def _fill_members(self, ins: Insights) -> None:
        current = self.member_pick.currentData()
        self.member_pick.blockSignals(True)
        self.member_pick.clear()
        self.member_pick.addItem("Show the exchanges of…", None)
        for m in ins.members:
            self.member_pick.addItem(m.name, m.member_id)
        found = self.member_pick.findData(current)
        self.member_pick.setCurrentIndex(max(found, 0))
        self.member_pick.blockSignals(False)

    def _fill_roles(self, log: HelpLog) -> None:
        roles = sorted({p.role.strip() for p in log.people if p.role.strip()}, key=str.casefold)
        current = self.role.currentText()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItems([ALL_ROLES, *roles])
        self.role.setCurrentText(current if current in roles else ALL_ROLES)
        self.role.blockSignals(False)

    def _show(self, ins: Insights) -> None:
        self.findings.setText("<b>What stands out</b>" + _bullets(team_findings(ins)))
        prompts = member_prompts(ins)
        self.prompts_label.setText(
            "<b>Conversation prompts</b> <i>(for your eyes only)</i>"
            + (
                _bullets(prompts)
                if prompts
                else "<p>Nobody stands out: help is flowing both ways.</p>"
            )
            + "<p style='color:#666'>"
            + _esc(" ".join(ins.thresholds.describe()))
            + "</p>"
        )
        self.reciprocity.set_rows(ins.members)
        self._fill_members(ins)
        self.network.set_network(ins.network)
        self.blockers.set_months(ins.blockers.by_month)
        if ins.blockers.oldest_open:
            lines = [
                f"{o.owner}: {o.note} ({'1 day' if o.age_days == 1 else f'{o.age_days} days'})"
                for o in ins.blockers.oldest_open
            ]
            self.open_blockers.setText(
                f"<b>Open at the end ({ins.blockers.open_at_end}), longest waiting:</b>"
                + _bullets(lines)
            )
        else:
            self.open_blockers.setText("No blocker was open at the end of the period.")
        s = ins.survey
        self.survey.set_results(s.results, s.withheld, s.min_responses)
        self.survey_items.set_result(s.latest)
        self.caveats.setText("<b>Keep in mind</b>" + _bullets(caveats(ins)))

    def _load_settings(self) -> None:
        t = self.service.thresholds()
        widgets = (
            (self.give_ratio, t.give_ratio),
            (self.min_given, t.min_given),
            (self.carry_periods, t.carry_periods),
            (self.quiet_periods, t.quiet_periods),
            (self.min_responses, self.service.min_responses()),
        )
        for w, value in widgets:
            w.blockSignals(True)
            w.setValue(value)
            w.blockSignals(False)

    # -- filters ----------------------------------------------------------------------
    def _set_preset_dates(self, days: int) -> None:
        today = QDate.currentDate()
        for w in (self.start, self.end):
            w.blockSignals(True)
        self.end.setDate(today)
        self.start.setDate(today.addDays(-(days - 1)))
        for w in (self.start, self.end):
            w.blockSignals(False)

    def _on_preset(self) -> None:
        days = self.preset.currentData()
        custom = not days
        if not custom:
            self._set_preset_dates(days)
            self.refresh()

    def _on_dates(self) -> None:
        # editing a date by hand turns the preset into "Custom"
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)
        self.preset.blockSignals(False)
        self.refresh()

    def set_period(self, period: Period) -> None:
        """Show ``period`` (used by the window's tests and by scripts)."""
        for w, day in ((self.start, period.start), (self.end, period.end)):
            w.blockSignals(True)
            w.setDate(QDate(day.year, day.month, day.day))
            w.blockSignals(False)
        self._on_dates()

    # -- one member -------------------------------------------------------------------
    def show_member(self, member_id: int) -> None:
        self._selected = member_id
        log = self._log or self.service.help_log()
        person = log.person(member_id)
        views = self.service.member_exchanges(member_id, self.period(), log)
        gave = sum(1 for v in views if v.direction == "gave")
        name = person.name if person else "?"
        self.member_title.setText(
            f"<b>{_esc(name)}</b> · {_esc(self.period().label())}: helped {gave} times, was "
            f"helped {len(views) - gave} times. A starting point for a conversation, not a score."
        )
        self.exchange_model.set_rows(views)
        self.member_pick.blockSignals(True)
        self.member_pick.setCurrentIndex(max(self.member_pick.findData(member_id), 0))
        self.member_pick.blockSignals(False)
        self.reciprocity.selected = member_id
        self.reciprocity.update()
        self.network.selected = member_id
        self.network.update()
        self.side.setCurrentIndex(0)

    # -- edits (all undoable) -----------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        if key in WATCHED:
            # survey and threshold edits leave the (slower to read) stand-up log as it was
            self.reload(log_changed=key != self.key)

    def _on_thresholds(self) -> None:
        old = self.service.thresholds()
        new = replace(
            old,
            give_ratio=self.give_ratio.value(),
            min_given=self.min_given.value(),
            carry_periods=self.carry_periods.value(),
            quiet_periods=self.quiet_periods.value(),
        )
        if new == old:
            return
        push(
            self.ctx,
            ServiceCommand(
                self.ctx,
                self.key,
                "Change insight thresholds",
                lambda: self.service.set_thresholds(new),
                lambda: self.service.set_thresholds(old),
            ),
        )

    def _on_min_responses(self) -> None:
        old, new = self.service.min_responses(), self.min_responses.value()
        if new == old:
            return
        push(
            self.ctx,
            ServiceCommand(
                self.ctx,
                self.key,
                "Change survey minimum",
                lambda: self.service.set_min_responses(new),
                lambda: self.service.set_min_responses(old),
            ),
        )

    def add_responses(self, held_on: dt.date, label: str, responses: list[tuple[int, ...]]) -> None:
        """Record typed or imported responses: a new round, or more answers to the round
        already held that day."""
        existing = self.service.round_on(held_on)
        state: dict[str, Any] = {}
        if existing is None:

            def do() -> None:
                state["round"] = self.service.add_round(held_on, responses, label)

            def undo() -> None:
                self.service.delete_round(state["round"])
        else:

            def do() -> None:
                state["ids"] = self.service.add_responses(existing.id, responses)

            def undo() -> None:
                self.service.remove_responses(state["ids"])

        try:
            push(
                self.ctx,
                ServiceCommand(
                    self.ctx, self.key, f"Add {len(responses)} survey responses", do, undo
                ),
            )
        except KeelError as exc:
            self.entry.show_problem(exc)
            return
        self.entry.clear()

    def delete_round(self) -> None:
        index = self.round_view.currentIndex()
        if not index.isValid():
            return
        proxy = self.round_view.model()
        row = self.round_model.rows[proxy.mapToSource(index).row()]  # type: ignore[attr-defined]
        state: dict[str, Any] = {"id": row.id}

        def do() -> None:
            state["snap"] = self.service.delete_round(state["id"])

        def undo() -> None:
            state["id"] = self.service.restore_round(state["snap"])

        def confirmed() -> None:
            push(self.ctx, ServiceCommand(self.ctx, self.key, "Delete survey round", do, undo))

        self.ctx.prompts.confirm(
            "Delete survey round",
            f"Delete the round of {row.held_on.isoformat()} and its {row.responses} responses?",
            confirmed,
        )

    # -- files ------------------------------------------------------------------------
    def choose_import(self) -> None:
        def chosen(path: str) -> None:
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
                responses = parse_csv(text)
            except (OSError, UnicodeDecodeError) as exc:
                self.ctx.prompts.error("Cannot import survey", f"{Path(path).name}: {exc}")
                return
            except KeelError as exc:
                self.entry.show_problem(exc)
                return
            self.add_responses(self.entry.held_on(), self.entry.label.text(), responses)

        self.ctx.prompts.open_file(
            "Import survey responses", "CSV files (*.csv);;All files (*)", chosen
        )

    def choose_export(self) -> None:
        period, role = self.period(), self.selected_role()

        def chosen(path: str) -> None:
            try:
                out = self.service.export_report(Path(path), period, role)
            except (KeelError, OSError) as exc:
                self.ctx.prompts.error("Cannot write the health report", str(exc))
                return
            self.ctx.prompts.info("Health report", f"Wrote the team health report to {out}.")

        suggested = f"team-health-{period.end.isoformat()}.pdf"
        self.ctx.prompts.save_file("Export health report", "PDF files (*.pdf)", chosen, suggested)

    def export_actions(self) -> list[QAction]:
        return [self.export_action]

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
