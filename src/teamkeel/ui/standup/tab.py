"""The Stand-up tab: a quick-entry line, today's stand-up, and the whole log.

Built to keep up with a live meeting without the mouse: the entry line has the focus,
``@`` completes names, Enter records, Ctrl+B jumps to the open blockers where R resolves
one, Esc comes back, Ctrl+Z undoes anything.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.standup import EntryKind, LogEntry, StandupService
from teamkeel.core.standup.csv_export import export_csv
from teamkeel.core.standup.entries import SortKey
from teamkeel.core.standup.occurrences import StandupOccurrence, standup_on
from teamkeel.core.standup.parser import (
    EXAMPLE_BLOCKER,
    EXAMPLE_GOAL,
    EXAMPLE_KUDOS,
    EntryProblem,
    NameIndex,
    ParsedBlocker,
    ParsedEntry,
    ParsedKudos,
    ParsedResolution,
    parse_entry,
)
from teamkeel.ui import theme
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.date_range import keep_in_range, pydate, qdate
from teamkeel.ui.first_step import FirstStep, ask_for_people
from teamkeel.ui.standup.buddy_bar import BuddyBar
from teamkeel.ui.standup.edits import LogEdits
from teamkeel.ui.standup.filter_bar import FilterBar
from teamkeel.ui.standup.goal_entry import GoalEntry
from teamkeel.ui.standup.goals_grid import WeeklyGoalsPanel
from teamkeel.ui.standup.log_model import DATE, LogProxy, LogTableModel
from teamkeel.ui.standup.log_view import LogTableView
from teamkeel.ui.standup.name_line import NameCompletingLine
from teamkeel.ui.standup.skill_shares import SkillSharesPanel
from teamkeel.ui.standup.today_panel import TodayPanel

HINT_TEXT = N_(
    "“{kudos}” · “{blocker}” · “resolved @Cy by @Ana” — "
    "@ completes names, #words become tags, Enter records, Ctrl+B open blockers, Ctrl+Z undo"
    "<br>Weekly goals: “{goal}” · “done @Ana support” — Ctrl+G opens the grid"
)
PREVIEW_TEXT = N_("Enter records: {entry}")


def hint() -> str:
    """The quick entry's hint; its examples keep the entry's own (English) words."""
    return _(HINT_TEXT).format(
        kudos=_(EXAMPLE_KUDOS), blocker=_(EXAMPLE_BLOCKER), goal=_(EXAMPLE_GOAL)
    )


def preview(entry: str) -> str:
    return _(PREVIEW_TEXT).format(entry=entry)


PREVIEW_DELAY_MS = 150
MAX_PROBLEMS_SHOWN = 4


class StandupTab(BaseTab):
    key = "standup"
    title = "Stand-up"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = StandupService(ctx.team)
        self.names = NameIndex([])
        self.occurrence: StandupOccurrence | None = None

        # Which day is today; the window may stay open for days (see follow_today).
        self.clock: Callable[[], dt.date] = dt.date.today
        self._today = self.clock()
        self.day = QDateEdit(qdate(self._today))
        self.day.setAccessibleName(_("Stand-up date"))
        self.day.setObjectName("standup_day")
        self.day.setCalendarPopup(True)
        # Past stand-ups can be filled in later; future ones cannot have happened yet.
        self.day.setMaximumDate(qdate(self._today).addDays(1))
        keep_in_range(self.day)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setToolTip(_("The stand-up new entries belong to (Ctrl+D)"))
        self.quick = NameCompletingLine()
        self.quick.setAccessibleName(_("Quick entry"))
        self.quick.setAccessibleDescription(
            _("kudos @giver -> @helper what they did, or blocked @member what is stuck")
        )
        self.quick.setObjectName("quick_entry")
        self.quick.setPlaceholderText(
            _("kudos @giver -> @helper what they did   ·   blocked @member what is stuck")
        )
        self.record_button = QPushButton(_("Record"))
        self.message = QLabel(hint())
        self.message.setObjectName("entry_problem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        # Room for two lines, so a new message does not push the whole tab around.
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing() + 4)
        self.problems: list[EntryProblem] = []
        # The preview parses the line once typing pauses, not on every key: a pasted
        # line may be long, and keys typed in a row need one parse, not one each.
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview)

        self.today = TodayPanel()
        self.filters = FilterBar()
        self.model = LogTableModel(self.service)
        self.proxy = LogProxy(self.model)
        self.table = LogTableView(self.proxy)
        self.table.setAccessibleName(_("Stand-up log"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setToolTip(_("Click Date to flip between newest and oldest first"))
        # Only the date order exists for the whole log (see LogProxy): keep the arrow there.
        header.sortIndicatorChanged.connect(self._keep_date_sort_indicator)
        self.count_label = QLabel()
        self.count_label.setObjectName("log_count")

        self.edits = LogEdits(ctx, self.service, self.model, self.refresh_after)
        # Weekly goals live beside the log: the same line takes "goal @Ana ...".
        self.goal_entry = GoalEntry(ctx, self.standup_day)
        self.goals: WeeklyGoalsPanel = self.goal_entry.panel
        self.buddy_bar = BuddyBar(ctx)
        self.skill_shares = SkillSharesPanel(ctx)
        self._build_layout()
        self._connect()
        self.fill_in_steps(self._show_members_and_log, self.skill_shares.reload, self._day_changed)
        self.quick.setFocus()

    # -- layout and wiring ---------------------------------------------------------------
    def _build_layout(self) -> None:
        entry_row = QHBoxLayout()
        entry_row.addWidget(QLabel(_("Stand-up of")))
        entry_row.addWidget(self.day)
        entry_row.addWidget(self.quick, 1)
        entry_row.addWidget(self.record_button)

        log_side = QWidget()
        log_layout = QVBoxLayout(log_side)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(self.filters)
        log_layout.addWidget(self.table, 1)
        log_layout.addWidget(self.count_label)

        self.views = QTabWidget()
        self.views.setObjectName("standup_views")
        self.views.addTab(log_side, _("Log"))
        self.views.addTab(self.goals, _("Weekly goals"))
        self.views.addTab(self.skill_shares, _("Skill shares"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.today)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([320, 900])

        self.first_step = FirstStep()
        layout = QVBoxLayout(self)
        layout.addWidget(self.first_step)
        layout.addLayout(entry_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buddy_bar)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.quick.returnPressed.connect(self.submit)
        self.quick.textEdited.connect(self._typed)
        self.record_button.clicked.connect(self.submit)
        self.day.dateChanged.connect(lambda _d: self._day_changed())
        self.filters.changed.connect(self.apply_filters)
        self.filters.search.returnPressed.connect(self.filters.apply_now)
        self.today.resolve_requested.connect(self.resolve)
        self.today.leave_requested.connect(self.quick.setFocus)
        self.today.buddy_requested.connect(self.suggest_buddy)
        self.goals.message.connect(self._say)
        self.buddy_bar.message.connect(self._say)
        self.skill_shares.message.connect(self._say)
        self.buddy_bar.install_shortcuts(self)
        self.track(self.model.rowsInserted, lambda *_: self._update_count())
        self.track(self.model.rowsRemoved, lambda *_: self._update_count())
        self.track(self.model.modelReset, self._update_count)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, what, slot in (
            ("Ctrl+L", _("Go to the quick entry line"), self.quick.setFocus),
            ("Ctrl+B", _("Go to the open blockers"), self.focus_blockers),
            ("Ctrl+F", _("Search the log"), self.filters.search.setFocus),
            ("Ctrl+D", _("Go to the stand-up date"), self.day.setFocus),
            ("Ctrl+G", _("Go to the weekly goals"), self.focus_goals),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)  # listed in Help → Keyboard shortcuts
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setWhatsThis(_("Delete the selected entry"))
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read members, the log and today's panel (after a change in another tab)."""
        self._show_members_and_log()
        self.skill_shares.reload()
        self._day_changed()

    def _show_members_and_log(self) -> None:
        active = self.service.members()
        ask_for_people(
            self.first_step,
            self.ctx,
            _("Kudos and blockers name people from your roster (@name), and nobody is on it yet."),
        )
        self.names = NameIndex(active)
        self.quick.set_members(active)
        self.filters.set_members(self.service.members(include_archived=True))
        self.goals.set_members(active)
        self.model.set_filter(self.filters.current())

    def _day_changed(self) -> None:
        """Look up the calendar's stand-up for the chosen day, then show that day."""
        self.occurrence = standup_on(self.ctx.team, self.standup_day())
        if self.occurrence is None:
            self.today.occurrence.setText(
                _("No stand-up in the calendar that day: entries are dated only.")
            )
        else:
            occ = self.occurrence
            if occ.facilitator_name:
                text = _("{title} at {time} · facilitated by {name}")
            else:
                text = _("{title} at {time}")
            self.today.occurrence.setText(
                text.format(title=occ.title, time=f"{occ.start:%H:%M}", name=occ.facilitator_name)
            )
        self.refresh_today()
        self.goals.show_week(self.standup_day())

    def follow_today(self) -> None:
        """Move on with the calendar when the window stayed open past midnight: the
        stand-up day becomes the new today, unless the lead had picked another day."""
        today = self.clock()
        if today == self._today:
            return
        was_today = self.standup_day() == self._today
        self._today = today
        self.day.setMaximumDate(qdate(today).addDays(1))
        if was_today:
            self.day.setDate(qdate(today))

    def focus_start(self) -> None:
        self.quick.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.follow_today()
        super().showEvent(event)

    def standup_day(self) -> dt.date:
        return pydate(self.day.date())

    def refresh_today(self) -> None:
        self.today.show_day(self.service.day_summary(self.standup_day()), self.names.members)

    def refresh_after(self, added_kudo: LogEntry | None) -> None:
        """Bring today's panel up to date after an edit of the log."""
        if added_kudo is None:
            self.refresh_today()
        elif added_kudo.day == self.today.summary.day:
            self.today.mark_spoken(added_kudo.member.id)

    def apply_filters(self) -> None:
        self.model.set_filter(self.filters.current())

    def _keep_date_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        if column != DATE:
            newest = self.model.order is SortKey.NEWEST
            wanted = Qt.SortOrder.DescendingOrder if newest else Qt.SortOrder.AscendingOrder
            self.table.horizontalHeader().setSortIndicator(DATE, wanted)

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(
            ngettext("{count} entry", "{count} entries", total).format(count=total)
        )

    # -- recording -----------------------------------------------------------------------
    def submit(self) -> None:
        """Record what the quick-entry line says, or explain in place what is wrong."""
        self.follow_today()
        self._preview_timer.stop()  # Enter reads the line now; no stale preview after it
        text = self.quick.text()
        goal = self.goal_entry.submit(text, self.names)
        if goal is not None:  # a goal line: recorded, or its problems to show
            if isinstance(goal, list):
                self.show_problems(text, goal)
                return
            self.quick.clear()
            self._clear_problems()
            self.message.setText(html.escape(goal))
            return
        parsed = parse_entry(text, self.names)
        if isinstance(parsed, list):
            self.show_problems(text, parsed)
            return
        day = self.standup_day()
        try:
            if isinstance(parsed, ParsedResolution):
                blocker = self.service.single_open_blocker_of(parsed.owner_id, day)
                entry = self.edits.resolve(blocker.id, day, parsed.helper_ids)
            else:
                link = self.occurrence.link if self.occurrence else None
                entry = self.edits.add(parsed, day, link)
        except KeelError as exc:
            self.show_problems(text, [EntryProblem(0, len(text), str(exc))])
            return
        self.quick.clear()
        self._clear_problems()
        self.message.setText(_("Recorded: {escape}").format(escape=html.escape(_summary(entry))))
        self.show_entry(entry.id)
        if isinstance(parsed, ParsedBlocker):
            self.buddy_bar.show_for(entry.id, entry.member.name)
        else:
            self.buddy_bar.hide()

    def show_problems(self, text: str, problems: list[EntryProblem]) -> None:
        self.problems = problems
        lines = []
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            fragment = text[problem.start : problem.end].strip()
            where = f"<b>{html.escape(fragment)}</b> — " if fragment and len(fragment) < 40 else ""
            lines.append(f"{where}{html.escape(problem.message)}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(
                _("… and {count} more problems in this line").format(
                    count=len(problems) - MAX_PROBLEMS_SHOWN
                )
            )

        self.message.setText(f"<span style='{theme.ERROR_TEXT}'>" + "<br>".join(lines) + "</span>")
        theme.mark_field(self.quick, True)
        first = problems[0]
        if first.end > first.start and (first.start, first.end) != (0, len(text)):
            self.quick.setSelection(first.start, first.end - first.start)
        self.quick.setFocus()

    def _clear_problems(self, *_: object) -> None:
        if self.problems:
            self.problems = []
            theme.mark_field(self.quick, False)
            self.message.setText(hint())

    def _typed(self, _text: str) -> None:
        self._clear_problems()
        self._preview_timer.start()

    def _preview(self) -> None:
        """Say how the line will be read once it is complete; problems wait for Enter."""
        text = self.quick.text()
        goal = self.goal_entry.describe(text, self.names)
        if goal is not None:
            self.message.setText(preview(html.escape(goal)) if goal else hint())
            return
        parsed = parse_entry(text, self.names)
        if isinstance(parsed, list):
            if self.message.text().startswith(preview("")):
                self.message.setText(hint())
            return
        self.message.setText(preview(html.escape(self._describe(parsed))))

    def _describe(self, parsed: ParsedEntry) -> str:
        name = {m.id: m.name for m in self.names.members}
        if isinstance(parsed, ParsedKudos):
            receivers = ", ".join(name[i] for i in parsed.receiver_ids)
            return _("{giver} thanks {names} — {note}").format(
                giver=name[parsed.giver_id], names=receivers, note=parsed.note
            )
        if isinstance(parsed, ParsedBlocker):
            return _("{name} is blocked — {note}").format(
                name=name[parsed.owner_id], note=parsed.note
            )
        helpers = ", ".join(name[i] for i in parsed.helper_ids)
        if not helpers:
            return _("resolve {name}'s blocker, helped by nobody").format(
                name=name[parsed.owner_id]
            )
        return _("resolve {name}'s blocker, helped by {helpers}").format(
            name=name[parsed.owner_id], helpers=helpers
        )

    def show_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.scrollTo(index)
        self.table.selectRow(index.row())

    def _say(self, text: str) -> None:
        self.message.setText(html.escape(text))

    def focus_goals(self) -> None:
        """Ctrl+G: the weekly goals grid, on the stand-up's week."""
        self.views.setCurrentWidget(self.goals)
        self.goals.table.setFocus()

    # -- blockers and deleting -----------------------------------------------------------
    def focus_blockers(self) -> None:
        self.today.blockers.setFocus()
        if self.today.blockers.currentRow() < 0 and self.today.blockers.count():
            self.today.blockers.setCurrentRow(0)

    def suggest_buddy(self, entry_id: int) -> None:
        """Buddy suggestions for a blocker already open (picked in the open blockers)."""
        blocker = next((b for b in self.today.summary.open_blockers if b.id == entry_id), None)
        if blocker is None:
            return
        if self.buddy_bar.show_for(entry_id, blocker.member.name):
            self._say(
                _("Suggestions for {name}'s blocker: Alt+1–3 picks one.").format(
                    name=blocker.member.name
                )
            )
        else:
            self._say(
                _(
                    "Nobody could be suggested for {name}'s blocker: everyone else is away or "
                    "not on the roster."
                ).format(name=blocker.member.name)
            )

    def resolve(self, entry_id: int, helper_ids: tuple[int, ...]) -> None:
        self.follow_today()
        try:
            entry = self.edits.resolve(entry_id, self.standup_day(), helper_ids)
        except KeelError as exc:
            self.today.show_problem(str(exc))
            return
        self.message.setText(_("Resolved: {escape}").format(escape=html.escape(_summary(entry))))
        self.today.blockers.setFocus()

    def selected_entry(self) -> LogEntry | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.entry(self.proxy.mapToSource(indexes[0]).row())

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        try:
            self.edits.delete(entry.id)
        except KeelError as exc:
            self.ctx.prompts.error(_("Cannot delete the entry"), str(exc))
            return
        self.message.setText(
            _("Deleted: {escape} (Ctrl+Z brings it back)").format(
                escape=html.escape(_summary(entry))
            )
        )
        if self.proxy.rowCount():
            self.table.selectRow(min(row, self.proxy.rowCount() - 1))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        # Leaving the tab: other tabs should see the latest log now, not in a moment.
        self.edits.notice.flush()
        super().hideEvent(event)

    # -- export and layout ---------------------------------------------------------------
    def export_actions(self) -> list[QAction]:
        action = QAction(_("Stand-up log as CSV…"), self)
        action.triggered.connect(self.export_log)
        return [action]

    def export_log(self) -> None:
        log_filter = self.filters.current()

        def write(path: str) -> None:
            try:
                count = export_csv(self.service, Path(path), log_filter)
            except (KeelError, OSError) as exc:
                self.ctx.prompts.error(_("Export failed"), str(exc))
                return
            self.message.setText(
                _("Wrote {count} entries to {escape}").format(count=count, escape=html.escape(path))
            )

        self.ctx.prompts.save_file(
            _("Export the stand-up log"), _("CSV (*.csv)"), write, "standup-log.csv"
        )

    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": base64.b64encode(bytes(self.splitter.saveState().data())).decode(),
            "header": base64.b64encode(
                bytes(self.table.horizontalHeader().saveState().data())
            ).decode(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if "splitter" in state:
            self.splitter.restoreState(QByteArray(base64.b64decode(state["splitter"])))
        if "header" in state:
            self.table.horizontalHeader().restoreState(
                QByteArray(base64.b64decode(state["header"]))
            )
            self.table.fit_note_column()


def _summary(entry: LogEntry) -> str:
    others = ", ".join(m.name for m in entry.others)
    if entry.kind is EntryKind.KUDOS:
        return _("{giver} thanks {names} — {note}").format(
            giver=entry.member.name, names=others, note=entry.note
        )
    if entry.resolved_on is not None and others:
        return _("{name}'s blocker resolved, helped by {helpers}").format(
            name=entry.member.name, helpers=others
        )
    if entry.resolved_on is not None:
        return _("{name}'s blocker resolved").format(name=entry.member.name)
    return _("{name} is blocked — {note}").format(name=entry.member.name, note=entry.note)
