"""The Rotations tab: rotations on the left; on the right the selected rotation's rounds
with a board for one round, and its fairness (pairing heat map, per-member figures)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
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
from teamkeel.core.goals.round_pairs import draft_from_round
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.rotations import link
from teamkeel.core.rotations.export import describe_cadence
from teamkeel.core.rotations.files import export_rotation, people_of
from teamkeel.core.rotations.planner import Candidate, Kind, Plan
from teamkeel.core.rotations.records import PlanJob, RotationSpec, RoundView
from teamkeel.core.rotations.service import DEFAULT_ROUNDS_AHEAD, RotationService
from teamkeel.core.rotations.stats import back_to_back_repeats, member_stats, pairing_matrix
from teamkeel.ui import options, theme
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.first_step import FirstStep, ask_for_people
from teamkeel.ui.rotations.board import RoundBoard
from teamkeel.ui.rotations.editor import RotationEditor
from teamkeel.ui.rotations.heatmap import PairingHeatMap
from teamkeel.ui.rotations.planning import PlanRunner
from teamkeel.ui.rotations.project_dialog import ProjectDialog
from teamkeel.ui.rotations.table_models import (
    ID_ROLE,
    ROTATION_KIND,
    ROTATION_NAME,
    ROUND_GROUPS,
    ROUND_OUT,
    STATS_HELD,
    STATS_SAT_OUT,
    STATS_TRIO,
    RotationListModel,
    RoundTableModel,
    StatsModel,
)
from teamkeel.ui.tables import read_only_table
from teamkeel.ui.undo import ServiceCommand, push
from teamkeel.ui.worker import Job, run_in_worker

KEY = "rotations"


# What each undo step remembers between its first run and a later undo or redo.
@dataclass
class _SavedRotation:
    saved: RotationSpec | None = None  # as stored, with its id once created


@dataclass
class _DeletedRotation:
    spec: RotationSpec | None = None  # what ``restore`` needs to bring it back
    rounds: list[RoundView] = field(default_factory=list)


@dataclass
class _PlannedRounds:
    rotation_id: int
    before: list[RoundView]  # the rounds before the plan, as undo puts them back
    after: list[RoundView]  # the rounds as planned, redone as they were
    written: bool = True  # the worker stored the plan: the first redo has nothing to do


@dataclass
class _EditedRound:
    after: RoundView | None = None  # the round as changed, redone as it was


# A rotation's rounds, its people (for skill-share topics) and the ids it plans for.
_RotationRead = tuple[list[RoundView], dict[int, Candidate], list[int]]


class RotationsTab(BaseTab):
    key = KEY
    title = "Rotations"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = RotationService(ctx.team)
        self.names: dict[int, str] = {}
        self.people: dict[int, Candidate] = {}  # for skill-share topics
        self._choosing = False  # reload picks the rotation and shows it once
        self.editor: RotationEditor | None = None
        self.project_dialog: ProjectDialog | None = None
        self._storing: Job[_PlannedRounds | None] | None = None
        self.runner = PlanRunner(self)
        self._basis: tuple[object, ...] | None = None  # what the running plan was made from
        # Keep this order: the order widgets are made in is the tab order.
        left = self._build_rotation_list()
        self._build_heading()
        schedule = self._build_schedule_page()
        fairness = self._build_fairness_page()
        right = self._build_rotation_pages(schedule, fairness)
        self._build_splitter(left, right)
        self._connect_signals()
        self._reads = 0  # a rotation read on a worker is shown unless shown anew since
        if ctx.fill_in_steps:  # at start: its rounds read on a worker (a query per round)
            self.fill_in_steps(self._list_rotations, self._read_rotation_in_worker)
        else:
            self.reload()

    def _build_rotation_list(self) -> QWidget:
        """The left side: the rotations and their buttons (the export button sits on the
        plan row but is made here, after Delete)."""
        self.rotation_model = RotationListModel()
        self.rotation_table, self.rotation_proxy = read_only_table(
            self.rotation_model, "rotation_table", sort_column=ROTATION_NAME
        )
        self.rotation_table.setAccessibleName(_("Rotations"))
        self.new_button = QPushButton(_("New…"))
        self.new_button.setToolTip(_("Create a rotation (Ctrl+Shift+N)"))
        self.new_button.setShortcut("Ctrl+Shift+N")
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.export_button = QPushButton(_("Export…"))
        left_buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            left_buttons.addWidget(b)
        left_buttons.addStretch(1)
        # The kind is in each name's tooltip and above the rounds: the list stays narrow.
        self.rotation_table.setColumnHidden(ROTATION_KIND, True)
        self.rotation_table.horizontalHeader().setStretchLastSection(False)  # the name stretches
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(left_buttons)
        left_layout.addWidget(self.rotation_table, 1)
        return left

    def _build_heading(self) -> None:
        """The rotation's name and kind, above the Rounds and Fairness pages."""
        self.heading = QLabel()
        self.heading.setObjectName("rotation_heading")
        self.heading.setStyleSheet(theme.HEADING)
        self.subheading = QLabel()
        self.subheading.setStyleSheet(theme.MUTED_TEXT)

    def _build_schedule_page(self) -> QWidget:
        """The first page on the right: the plan row, the rounds and the board."""
        plan_row = self._build_plan_row()
        self._build_round_table()
        self.board = RoundBoard()
        schedule_split = QSplitter(Qt.Orientation.Vertical)
        schedule_split.setObjectName("rotations_schedule_splitter")
        schedule_split.addWidget(self.round_table)
        schedule_split.addWidget(self.board)
        # The board gets the larger share: a round of twelve people has twelve reviews.
        schedule_split.setSizes([220, 420])
        schedule_split.setStretchFactor(1, 1)
        self.schedule_split = schedule_split
        schedule = QWidget()
        schedule_layout = QVBoxLayout(schedule)
        schedule_layout.setContentsMargins(0, 4, 0, 0)
        schedule_layout.addLayout(plan_row)
        schedule_layout.addWidget(schedule_split, 1)
        return schedule

    def _build_plan_row(self) -> QHBoxLayout:
        """How many rounds to plan, the progress of a running plan, and Export."""
        self.rounds_ahead = QSpinBox()
        self.rounds_ahead.setAccessibleName(_("Rounds to plan"))
        self.rounds_ahead.setRange(1, 520)
        self.rounds_ahead.setValue(DEFAULT_ROUNDS_AHEAD)
        self.rounds_ahead.setSuffix(_(" rounds"))
        self.plan_button = QPushButton(_("Plan ahead"))
        self.plan_button.setToolTip(
            _("Keep every round up to the last one marked done; plan this many after it")
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("plan_progress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.hide()
        plan_row = QHBoxLayout()
        plan_row.addWidget(QLabel(_("Plan")))
        plan_row.addWidget(self.rounds_ahead)
        plan_row.addWidget(self.plan_button)
        plan_row.addWidget(self.progress)
        plan_row.addWidget(self.cancel_button)
        plan_row.addStretch(1)
        plan_row.addWidget(self.export_button)
        return plan_row

    def _build_round_table(self) -> None:
        """The planned and held rounds, their pairs wrapping in the last column."""
        self.round_model = RoundTableModel()
        self.round_table, self.round_proxy = read_only_table(
            self.round_model, "round_table", sort_column=0
        )
        self.round_table.setAccessibleName(_("Rounds"))
        # "Who is with whom" comes last and wraps, so that every pair and who sits out
        # can be read without scrolling sideways.
        self.round_table.setWordWrap(True)
        rounds_header = self.round_table.horizontalHeader()
        rounds_header.moveSection(rounds_header.visualIndex(ROUND_OUT), ROUND_GROUPS)
        rounds_header.setSectionResizeMode(ROUND_GROUPS, QHeaderView.ResizeMode.Stretch)
        self._fit_rows_timer = QTimer(self)
        self._fit_rows_timer.setSingleShot(True)
        self._fit_rows_timer.timeout.connect(self._fit_round_rows)
        self.track(rounds_header.sectionResized, self._refit_round_rows)

    def _build_fairness_page(self) -> QWidget:
        """The second page on the right: the pairing heat map and the statistics."""
        self.heatmap = PairingHeatMap()
        heat_scroll = QScrollArea()
        heat_scroll.setWidget(self.heatmap)
        # The map sizes its cells to the room it gets (down to a minimum): no last column
        # cut off by the edge.
        heat_scroll.setWidgetResizable(True)
        self.stats_model = StatsModel()
        self.stats_table, self.stats_proxy = read_only_table(
            self.stats_model, "rotation_stats", sort_column=0
        )
        self.stats_table.setAccessibleName(_("Fairness per member"))
        self.stats_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        fairness_split = QSplitter(Qt.Orientation.Horizontal)
        fairness_split.addWidget(heat_scroll)
        fairness_split.addWidget(self.stats_table)
        fairness_split.setStretchFactor(0, 3)
        fairness_split.setStretchFactor(1, 2)
        fairness_split.setSizes([600, 400])
        fairness = QWidget()
        fairness_layout = QVBoxLayout(fairness)
        fairness_layout.setContentsMargins(0, 4, 0, 0)
        note = QLabel(
            _(
                "How often each two members were together, planned rounds included; a ring marks "
                "pairs of the latest round done. Hover a cell for details."
            )
        )
        note.setStyleSheet(theme.MUTED_TEXT)
        note.setWordWrap(True)
        self.shade_by = QComboBox()
        self.shade_by.setAccessibleName(_("Shade the heat map by"))
        self.shade_by.setObjectName("heatmap_shade")
        self.shade_by.addItems([_("how often"), _("how recently")])
        shade_row = QHBoxLayout()
        shade_row.addWidget(note, 1)
        shade_row.addWidget(QLabel(_("Shade by")))
        shade_row.addWidget(self.shade_by)
        fairness_layout.addLayout(shade_row)
        fairness_layout.addWidget(fairness_split, 1)
        return fairness

    def _build_rotation_pages(self, schedule: QWidget, fairness: QWidget) -> QWidget:
        """The right side: the heading over the Rounds and Fairness pages."""
        self.pages = QTabWidget()
        self.pages.setObjectName("rotation_pages")
        self.pages.addTab(schedule, _("Rounds"))
        self.pages.addTab(fairness, _("Fairness"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.subheading)
        right_layout.addWidget(self.pages, 1)
        return right

    def _build_splitter(self, left: QWidget, right: QWidget) -> None:
        """The list beside the pages, under the first-step hint."""
        self.splitter = QSplitter()
        self.splitter.setObjectName("rotations_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1000])
        self.first_step = FirstStep()
        layout = QVBoxLayout(self)
        layout.addWidget(self.first_step)
        layout.addWidget(self.splitter)

    def _connect_signals(self) -> None:
        """Selection, buttons, the planner, the board and the team file's changes."""
        self.track(
            self.rotation_table.selectionModel().currentRowChanged,
            lambda *_: self._on_rotation_chosen(),
        )
        self.track(
            self.round_table.selectionModel().currentRowChanged, lambda *_: self._show_round()
        )
        self.track(self.new_button.clicked, self.new_rotation)
        self.track(self.edit_button.clicked, self.edit_rotation)
        self.track(self.delete_button.clicked, self.delete_rotation)
        self.track(self.export_button.clicked, self.choose_export)
        self.track(self.plan_button.clicked, lambda: self.plan_ahead(self.rounds_ahead.value()))
        self.track(self.cancel_button.clicked, self.runner.cancel)
        self.track(self.runner.progress, self._on_progress)
        self.track(self.runner.finished, self._on_planned)
        self.track(self.runner.failed, self._on_plan_failed)
        self.track(self.board.swap_requested, self.swap)
        self.track(self.board.pin_requested, self.set_pinned)
        self.track(self.board.done_requested, self.set_done)
        self.track(self.board.replan_requested, self.replan_after_current)
        self.track(self.board.project_requested, self.plan_project)
        self.track(self.stats_proxy.layoutChanged, self._order_heatmap)
        self.track(self.shade_by.currentIndexChanged, lambda i: self.heatmap.set_by_recency(i == 1))
        self.track(self.ctx.changed, self._on_changed)

    # -- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        keep_round = self.current_round_id()
        self._list_rotations()
        self._show_rotation(keep_round)

    def _list_rotations(self) -> None:
        """The rotations, with the one shown before (or the first) selected."""
        keep_rotation = self.current_rotation_id()
        self.names = self.service.names()
        rotations = self.service.list_rotations()
        if (
            not ask_for_people(
                self.first_step,
                self.ctx,
                _("A rotation pairs or groups the people on your roster, and nobody is on it yet."),
            )
            and not rotations
        ):
            self.first_step.show_step(
                _(
                    "<b>No rotation yet.</b> Start with one: pairing partners, cross-checks of "
                    "each other's work, or who holds a role this week."
                ),
                [(_("New rotation…"), self.new_rotation)],
            )
        elif rotations:
            self.first_step.clear()
        self.rotation_model.set_items(rotations)
        self.rotation_table.resizeColumnsToContents()
        self.rotation_table.horizontalHeader().setSectionResizeMode(
            ROTATION_NAME, QHeaderView.ResizeMode.Stretch
        )
        self._choosing = True  # shown once, below, not also as the selection moves
        try:
            kept = keep_rotation is not None and self.select_rotation(keep_rotation)
            if not kept and self.rotation_proxy.rowCount():
                self.rotation_table.setCurrentIndex(self.rotation_proxy.index(0, 0))
        finally:
            self._choosing = False

    def _on_rotation_chosen(self) -> None:
        if not self._choosing:
            self._show_rotation()

    def current_rotation_id(self) -> int | None:
        index = self.rotation_table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_spec(self) -> RotationSpec | None:
        rid = self.current_rotation_id()
        row = self.rotation_model.row_of(rid) if rid is not None else -1
        return self.rotation_model.items[row].spec if row >= 0 else None

    def current_round_id(self) -> int | None:
        index = self.round_table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_round(self) -> RoundView | None:
        rid = self.current_round_id()
        row = self.round_model.row_of(rid) if rid is not None else -1
        return self.round_model.rounds[row] if row >= 0 else None

    def select_rotation(self, rotation_id: int) -> bool:
        return self._select(
            self.rotation_table, self.rotation_proxy, self.rotation_model.row_of(rotation_id)
        )

    def select_round(self, round_id: int) -> bool:
        return self._select(self.round_table, self.round_proxy, self.round_model.row_of(round_id))

    @staticmethod
    def _select(view: QTableView, proxy: QSortFilterProxyModel, row: int) -> bool:
        if row < 0:
            return False
        index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(index)
        return True

    @staticmethod
    def _read_rotation(service: RotationService, spec: RotationSpec) -> _RotationRead:
        """Plain data only: on a worker it must not touch a widget."""
        assert spec.id is not None
        members = [m.id for m in service.plan_members(spec) if m.id is not None]
        return service.rounds(spec.id), people_of(service, spec), members

    def _read_rotation_in_worker(self) -> None:
        """At start: the rounds (a query per round) read on a worker, then shown."""
        spec = self.current_spec()
        if spec is None or spec.id is None:
            self._show_rotation()
            return
        self._reads += 1
        reads, service = self._reads, self.service

        def shown(read: _RotationRead) -> None:
            # Else the lead chose another rotation, or a reload showed it, meanwhile.
            if reads == self._reads and self.current_rotation_id() == spec.id:
                self._show_rotation(read=read)

        def failed(_problem: str) -> None:
            if reads == self._reads:
                self._show_rotation()  # says what is wrong the way a reload does

        run_in_worker(lambda _keep_going: self._read_rotation(service, spec), shown, failed, self)

    def _show_rotation(
        self, keep_round: int | None = None, read: _RotationRead | None = None
    ) -> None:
        if read is None:
            self._reads += 1  # shown from the file as it is now: a worker's read is older
        spec = self.current_spec()
        has = spec is not None
        for b in (self.edit_button, self.delete_button, self.export_button):
            b.setEnabled(has)
        self.plan_button.setEnabled(has and not self.planning)
        if spec is None or spec.id is None:
            self.heading.setText(_("No rotation yet") if not self.rotation_model.items else "")
            self.subheading.setText(_("Create one with New… to plan who works with whom."))
            self.round_model.set_rounds(None, [], self.names)
            self.board.show_round(None, None, self.names, [])
            self.heatmap.set_matrix(None, self.names, -1)
            self.stats_model.set_stats(Kind.PAIRS, [], self.names)
            return
        rounds, self.people, members = read or self._read_rotation(self.service, spec)
        self.heading.setText(spec.name)
        done = sum(1 for r in rounds if r.done)
        self.subheading.setText(
            _("{describe_cadence} · {count} members · {done} of {count2} rounds done").format(
                describe_cadence=describe_cadence(spec),
                count=len(members),
                done=done,
                count2=len(rounds),
            )
        )
        self.round_model.set_rounds(spec, rounds, self.names)
        self.round_table.resizeColumnsToContents()  # all but the stretched groups
        self._fit_rows_timer.start(0)
        matrix = pairing_matrix(spec.kind, members, rounds)
        latest = max((r.number for r in rounds if r.done), default=-1)
        self.heatmap.set_matrix(matrix, self.names, latest)
        self.stats_model.set_stats(spec.kind, member_stats(spec.kind, members, rounds), self.names)
        self._order_heatmap()
        # Only the columns that can be non-zero for this kind of rotation.
        self.stats_table.setColumnHidden(
            STATS_TRIO, spec.kind not in (Kind.PAIRS, Kind.SKILL_SHARE)
        )
        self.stats_table.setColumnHidden(STATS_SAT_OUT, spec.kind in (Kind.ROLE,))
        self.stats_table.setColumnHidden(STATS_HELD, spec.kind not in (Kind.ROLE, Kind.CROSS_CHECK))
        self.round_table.setColumnHidden(ROUND_OUT, not any(r.sitting_out for r in rounds))
        target = keep_round if keep_round is not None else self._next_round_id(rounds)
        if target is None or not self.select_round(target):
            self._show_round()

    def _refit_round_rows(self, *_: object) -> None:
        self._fit_rows_timer.start(0)

    def _fit_round_rows(self) -> None:
        """Rows as tall as their pairs wrap to, with the chosen round still in view."""
        self.round_table.resizeRowsToContents()
        if self.round_table.currentIndex().isValid():
            self.round_table.scrollTo(self.round_table.currentIndex())

    def _order_heatmap(self) -> None:
        """The heat map lists members in the stats table's order (by name, or as the
        lead sorted it), so that a row reads across both."""
        proxy = self.stats_proxy
        order = [
            self.stats_model.stats[proxy.mapToSource(proxy.index(r, 0)).row()].member
            for r in range(proxy.rowCount())
        ]
        self.heatmap.set_order(order)

    @staticmethod
    def _next_round_id(rounds: list[RoundView]) -> int | None:
        upcoming = [r for r in rounds if not r.done]
        pick = upcoming[0] if upcoming else (rounds[-1] if rounds else None)
        return pick.id if pick else None

    def _show_round(self) -> None:
        spec, view = self.current_spec(), self.current_round()
        unseated: list[int] = []
        if spec is not None and view is not None:
            seated = {m for g in view.groups for m in g.members} | set(view.sitting_out)
            unseated = [
                m.id
                for m in self.service.plan_members(spec)
                if m.id is not None and m.id not in seated
            ]
        self.board.show_round(spec, view, self.names, unseated, self.people)

    def _on_changed(self, key: str) -> None:
        # The main window reloads this tab for the roster's and the calendar's changes
        # (a linked ritual may have moved) when it is shown; this is our own. Reloading
        # here for theirs as well re-read every round twice, or while hidden.
        if key == KEY:
            self.reload()

    # -- editing rotations ---------------------------------------------------------------
    def _push(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> bool:
        try:
            push(self.ctx, ServiceCommand(self.ctx, KEY, text, do, undo))
        except KeelError as exc:
            self.ctx.prompts.error(_("Rotations"), str(exc))
            return False
        return True

    def new_rotation(self) -> None:
        self._open_editor(None)

    def edit_rotation(self) -> None:
        spec = self.current_spec()
        if spec is not None:
            self._open_editor(spec)

    def _open_editor(self, spec: RotationSpec | None) -> None:
        members = self.service.roster()
        rituals = link.ritual_choices(self.ctx.team)
        editor = RotationEditor([m for m in members if not m.archived], spec, self, rituals)
        editor.saved.connect(lambda new: self._save_from_editor(editor, spec, new))
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept once closed
        self.editor = editor
        editor.open()

    def _save_from_editor(
        self, editor: RotationEditor, old: RotationSpec | None, new: RotationSpec
    ) -> None:
        step = _SavedRotation()

        def do() -> None:
            step.saved = self.service.save(step.saved or new)

        def undo() -> None:
            saved = step.saved
            assert saved is not None and saved.id is not None
            if old is None:
                self.service.delete(saved.id)
            else:
                self.service.save(old)

        label = (
            _("Create rotation “{name}”") if old is None else _("Change rotation “{name}”")
        ).format(name=new.name)
        try:
            push(self.ctx, ServiceCommand(self.ctx, KEY, label, do, undo))
        except KeelError as exc:
            editor.show_problem(str(exc))
            return
        editor.accept()
        self.editor = None
        if step.saved is not None and step.saved.id is not None:
            self.select_rotation(step.saved.id)

    def delete_rotation(self) -> None:
        spec = self.current_spec()
        if spec is None or spec.id is None:
            return
        rid = spec.id

        def confirmed() -> None:
            step = _DeletedRotation()

            def do() -> None:
                step.spec, step.rounds = self.service.delete(rid)

            def undo() -> None:
                assert step.spec is not None
                self.service.restore(step.spec, step.rounds)

            self._push(_("Delete rotation “{name}”").format(name=spec.name), do, undo)

        self.ctx.prompts.confirm(
            _("Delete rotation"),
            _(
                "Delete “{spec_name}” and all its rounds? You can undo this while Keel is open."
            ).format(spec_name=spec.name),
            confirmed,
        )

    # -- planning ------------------------------------------------------------------------
    def plan_ahead(self, count: int) -> None:
        spec = self.current_spec()
        if spec is None or spec.id is None or self.planning:
            return
        try:
            job = self.service.prepare(spec.id, count=count)
        except KeelError as exc:
            self.ctx.prompts.error(_("Rotations"), str(exc))
            return
        self._start(job, _("Plan {count} rounds of “{name}”").format(count=count, name=spec.name))

    def replan_after_current(self) -> None:
        spec, view = self.current_spec(), self.current_round()
        if spec is None or spec.id is None or view is None or self.planning:
            return
        try:
            job = self.service.prepare(spec.id, after=view.number)
        except KeelError as exc:
            self.ctx.prompts.error(_("Rotations"), str(exc))
            return
        if not job.numbers:
            self.ctx.prompts.info(_("Rotations"), _("There are no planned rounds after this one."))
            return
        self._start(
            job,
            _("Re-plan “{name}” after round {number}").format(
                name=spec.name, number=view.number + 1
            ),
        )

    def _plan_basis(self, rotation_id: int) -> tuple[object, ...]:
        """What a plan was computed from: the rotation, its rounds and its members."""
        spec = self.service.get(rotation_id)
        return spec, self.service.rounds(rotation_id), self.service.plan_members(spec)

    def _start(self, job: PlanJob, label: str) -> None:
        self._plan_label = label
        self._keep_round = self.current_round_id()
        # The rotation list stays usable (and Ctrl+Z works) while the worker runs.
        self._basis = self._plan_basis(job.rotation_id)
        self.progress.setRange(0, max(1, len(job.requests)))
        self.progress.setValue(0)
        self.progress.setFormat("Planning %v of %m rounds")
        self.progress.show()
        self.cancel_button.show()
        self.plan_button.setEnabled(False)
        self.board.setEnabled(False)
        self.runner.start(job)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _finish_ui(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.board.setEnabled(True)
        self.plan_button.setEnabled(self.current_spec() is not None)

    def _on_plan_failed(self, message: str) -> None:
        self._storing = None
        self._finish_ui()
        self.ctx.prompts.error(_("Rotations"), _("Planning failed; nothing was changed."), message)

    def _on_planned(self, job: PlanJob, result: Plan) -> None:
        if result.cancelled:
            self._finish_ui()
            self.ctx.prompts.info(_("Rotations"), _("Planning was cancelled; nothing was changed."))
            return
        # Checking the plan against the rotation and storing it read and write every
        # round (a second on five years of weekly rounds): on a worker, the board still
        # disabled so that no hand edit lands in between.
        basis = self._basis
        self._storing = run_in_worker(
            lambda _keep_going: self._store_plan(job, result, basis),
            done=lambda step: self._on_plan_stored(step, result),
            failed=self._on_plan_failed,
            parent=self,
        )

    def _store_plan(self, job: PlanJob, result: Plan, basis: object) -> _PlannedRounds | None:
        """In a worker: the stored step, or None if the plan is stale. A plan made from a
        rotation that was since edited, re-planned by hand or deleted would store rounds
        that break its new rules (or fail on a missing rotation)."""
        try:
            if self._plan_basis(job.rotation_id) != basis:
                return None
        except KeelError:
            return None
        before = self.service.rounds(job.rotation_id)
        self.service.store(job, result)
        return _PlannedRounds(job.rotation_id, before, self.service.rounds(job.rotation_id))

    def _on_plan_stored(self, step: _PlannedRounds | None, result: Plan) -> None:
        self._storing = None
        self._finish_ui()
        if step is None:
            self.ctx.prompts.info(
                _("Rotations"),
                _(
                    "The rotation or its members changed while it was being planned; nothing was "
                    "stored. Plan again to use the changes."
                ),
            )
            return

        def do() -> None:
            if step.written:  # by the worker, the first time
                step.written = False
            else:
                self.service.replace_rounds(step.rotation_id, step.after)

        def undo() -> None:
            self.service.replace_rounds(step.rotation_id, step.before)

        self._push(self._plan_label, do, undo)
        if self._keep_round is not None:
            self.select_round(self._keep_round)
        if result.warnings:
            self.ctx.prompts.info(_("Rotations"), "\n".join(result.warnings))

    @property
    def planning(self) -> bool:
        """A plan is being made or stored: no other may start meanwhile."""
        return self.runner.busy or self._storing is not None

    # -- editing a round -----------------------------------------------------------------
    def _edit_round(self, text: str, change: Callable[[int], RoundView]) -> None:
        view = self.current_round()
        if view is None or view.id is None:
            return
        round_id = view.id
        before = self.service.round(round_id)
        step = _EditedRound()

        def do() -> None:
            if step.after is not None:
                self.service.write_round(step.after)
            else:
                step.after = change(round_id)

        def undo() -> None:
            self.service.write_round(before)

        if self._push(text, do, undo):
            self.select_round(round_id)

    def _round_name(self) -> str:
        """ "round 3 of “Pairing”", for naming an edit of the current round."""
        spec, view = self.current_spec(), self.current_round()
        if spec is None or view is None:
            return _("the round")
        return _("round {n} of “{rotation}”").format(n=view.number + 1, rotation=spec.name)

    def swap(self, a: int, b: int) -> None:
        names = _("Swap {a} and {b}").format(a=self.names.get(a, a), b=self.names.get(b, b))
        self._edit_round(names, lambda rid: self.service.swap(rid, a, b))
        self.board.select_members(a, b)
        self.board.show_warning(self._repeat_warning(a, b))

    def _repeat_warning(self, a: int, b: int) -> str:
        """A word when the swap put two people together who also meet in the round
        right before or after (the planner avoids that; a swap may not)."""
        spec, view = self.current_spec(), self.current_round()
        if spec is None or spec.id is None or view is None:
            return ""
        repeats = back_to_back_repeats(spec.kind, view, self.service.rounds(spec.id), (a, b))
        if not repeats:
            return ""
        said = [
            _("{a} and {b} are together in round {n} too").format(
                a=self.names.get(x, x), b=self.names.get(y, y), n=number + 1
            )
            for (x, y), number in repeats
        ]
        return _(
            "Back to back: {repeats}. Undo (Ctrl+Z) or swap again if that is not what you want."
        ).format(repeats="; ".join(said))

    def plan_project(self, pair_no: int) -> ProjectDialog | None:
        """“Plan a skill-share project…” for a pair of the round on the board."""
        spec, view = self.current_spec(), self.current_round()
        if spec is None or spec.id is None or view is None:
            return None
        try:
            found = draft_from_round(self.ctx.team, spec.id, view.number + 1, pair_no + 1)
        except KeelError as exc:
            self.ctx.prompts.error(_("Rotations"), str(exc))
            return None
        dialog = ProjectDialog(self.ctx, found, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept once closed
        self.project_dialog = dialog
        dialog.open()
        return dialog

    def set_pinned(self, group_no: int, pinned: bool) -> None:
        text = _("Pin group {n} in {round}") if pinned else _("Unpin group {n} in {round}")
        text = text.format(n=group_no + 1, round=self._round_name())
        self._edit_round(text, lambda rid: self.service.set_pinned(rid, group_no, pinned))

    def set_done(self, done: bool) -> None:
        text = _("Mark {round} done") if done else _("Mark {round} planned")
        text = text.format(round=self._round_name())
        self._edit_round(text, lambda rid: self.service.set_done(rid, done))

    # -- export --------------------------------------------------------------------------
    def focus_start(self) -> None:
        """The list of rotations, or the button that makes the first one."""
        if self.rotation_proxy.rowCount():
            self.rotation_table.setFocus()
        else:
            self.new_button.setFocus()

    def export_actions(self) -> list[QAction]:
        action = QAction(_("Rotation schedule (PDF or CSV)…"), self)
        action.triggered.connect(self.choose_export)
        return [action]

    def choose_export(self) -> None:
        spec = self.current_spec()
        if spec is None or spec.id is None:
            self.ctx.prompts.info(_("Rotations"), _("Select a rotation to export first."))
            return
        rid = spec.id

        def write(path: str) -> None:
            try:
                export_rotation(self.ctx.team, rid, Path(path), options.current(options.PAPER_SIZE))
            except KeelError as exc:
                self.ctx.prompts.error(_("Export rotation"), str(exc))
                return
            rounds = len(self.service.rounds(rid))
            self.ctx.prompts.info(
                _("Rotation exported"),
                ngettext(
                    "Wrote “{name}” ({count} round) to {path}.",
                    "Wrote “{name}” ({count} rounds) to {path}.",
                    rounds,
                ).format(name=spec.name, count=rounds, path=path),
            )

        self.ctx.prompts.save_file(
            _("Export rotation"), _("PDF (*.pdf);;CSV (*.csv)"), write, f"{spec.name}.pdf"
        )

    # -- lifecycle -----------------------------------------------------------------------
    def teardown(self) -> None:
        self.runner.wait()
        super().teardown()

    def save_state(self) -> dict[str, Any]:
        spec = self.current_spec()
        return {
            "splitter": base64.b64encode(bytes(self.splitter.saveState().data())).decode(),
            "schedule": base64.b64encode(bytes(self.schedule_split.saveState().data())).decode(),
            "page": self.pages.currentIndex(),
            # By name: the settings are shared by every team file, ids are not.
            "rotation": spec.name if spec is not None else None,
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        for key, splitter in (("splitter", self.splitter), ("schedule", self.schedule_split)):
            if isinstance(state.get(key), str):
                splitter.restoreState(QByteArray(base64.b64decode(state[key])))
        if isinstance(state.get("page"), int) and 0 <= state["page"] < self.pages.count():
            self.pages.setCurrentIndex(state["page"])
        name = state.get("rotation")
        match = [i.spec.id for i in self.rotation_model.items if i.spec.name == name]
        if match and match[0] is not None:
            self._choosing = True  # shown once: below, or by the step still to come
            try:
                self.select_rotation(match[0])
            finally:
                self._choosing = False
            if not self.filling:
                self._show_rotation()
