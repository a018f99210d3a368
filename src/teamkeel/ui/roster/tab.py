"""The Roster tab: the team's members in a searchable table beside a detail form."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QItemSelectionModel
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.progress import Cancelled
from teamkeel.core.roster import Member, RosterReader
from teamkeel.core.team_info import MAX_TEAM_NAME, TeamInfoService
from teamkeel.ui import options, theme
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.first_step import FirstStep
from teamkeel.ui.roster.detail_form import MemberForm, edit_text
from teamkeel.ui.roster.table_model import (
    GOALS,
    NAME,
    SKILLS,
    START,
    TIMEZONE,
    MemberFilterProxy,
    MemberTableModel,
    Prepared,
    prepare,
    status_text,
)
from teamkeel.ui.rows_model import show_titles
from teamkeel.ui.undo import ServiceCommand, push
from teamkeel.ui.worker import Job, KeepGoing, run_in_worker

LARGE_ROSTER = 5_000  # members; a larger roster is read on a worker
READ_ON_WORKER_BYTES = 1_000_000  # a larger roster file is read on a worker

if TYPE_CHECKING:
    from teamkeel.core.roster.csv_mapping import ColumnMapping
    from teamkeel.core.roster.csvio import RosterCsv
    from teamkeel.core.roster.service import RosterService
    from teamkeel.ui.roster.import_preview import RosterImportPreview


# What Qt's item delegate adds around a cell's text (2 × (focus frame margin + 1) in
# the Fusion style); asking the style for it would load all of QStyle's enums at start.
CELL_PADDING = 6
# Columns that give way, in this order, when the table is too narrow for all of them:
# the form beside the table shows them for the selected member (and search finds them).
GIVE_WAY = (GOALS, SKILLS, TIMEZONE, START)


# What each undo step remembers between its first run and a later undo or redo.
@dataclass
class _AddedMember:
    member: Member | None = None  # as first stored: redo brings back the same id


@dataclass
class _Imported:
    members: list[Member] = field(default_factory=list)  # as stored, ids kept on redo
    written: bool = False  # stored by the worker: the first redo has nothing to do


class RosterTab(BaseTab):
    key = "roster"
    title = "Roster"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.reader = RosterReader(ctx.team)
        self._roster: RosterService | None = None
        self.import_preview: RosterImportPreview | None = None  # open while one is shown
        self._import_job: Job[list[Member] | KeelError] | None = None
        self._reading: Job[Prepared] | None = None  # a large roster read on a worker
        self._csv_job: Job[RosterCsv | KeelError] | None = None  # a large file read
        self.info = TeamInfoService(ctx.team)
        # Keep this order: the order widgets are made in is the tab order.
        self._build_controls()
        self._build_table()
        detail = self._build_detail()
        self._build_layout(detail)
        self._connect_signals()
        # Whether the column widths fit real rows: widths fitted to an empty table (a
        # new file) would cut every name once people are added, and be remembered so.
        self._widths_fit_rows = False
        # Until the lead picks columns (right-click a title), columns that do not fit
        # give way rather than hide the last ones behind a scrollbar.
        self._columns_chosen = False
        self._watched_viewport: QWidget | None = None  # set in finish_setup
        self.reload()
        if not self._widths_fit_rows:  # no rows to fit (reload fitted them otherwise)
            self._fit_columns()

    def _build_controls(self) -> None:
        """The team name, search, the member buttons and the summary line."""
        self.team_name = QLineEdit()
        self.team_name.setAccessibleName(_("Team name"))
        self.team_name.setObjectName("team_name")
        self.team_name.setPlaceholderText(_("Team name"))
        self.team_name.setMaxLength(MAX_TEAM_NAME)
        self.team_name.setStyleSheet(theme.TEAM_NAME)
        self.search = QLineEdit()
        self.search.setAccessibleName(_(_("Search the roster")))
        self.search.setObjectName("roster_search")
        self.search.setPlaceholderText(_("Search name, role, skill, goal… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox(_("Show archived"))
        self.add_button = QPushButton(_("Add member"))
        self.add_button.setToolTip(_("Add a member (Ctrl+Shift+A)"))
        self.archive_button = QPushButton(_("Archive"))
        self.archive_button.setToolTip(_("Archive the selected member: history is kept (Ctrl+Del)"))
        self.import_button = QPushButton(_("Import CSV…"))
        self.export_button = QPushButton(_("Export CSV…"))
        self.summary = QLabel()
        self.summary.setObjectName("roster_summary")

    def _build_table(self) -> None:
        """The members table, sorted by name."""
        self.model = MemberTableModel()
        self.proxy = MemberFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(_("Team members"))
        self.table.setObjectName("roster_table")
        self.table.setModel(self.proxy)
        self.titles = show_titles(self.table, self.model.HEADERS)
        # Name order (ascending: the C++ default). Clicking a title sorts once
        # ``finish_setup`` or a restored header has turned sorting on.
        self.proxy.sort(NAME)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)

    def _build_detail(self) -> QScrollArea:
        """The selected member's form, in a scroll area that never scrolls sideways."""
        self.form = MemberForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(380)
        # Spelled as text: ``Qt.ScrollBarPolicy`` would build all of Qt's enums before
        # the first frame (see teamkeel.ui.rows_model).
        scroll.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        return scroll

    def _build_layout(self, scroll: QScrollArea) -> None:
        """Team and search on top; buttons and table beside the member's details."""
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Team")))
        top.addWidget(self.team_name, 1)
        top.addSpacing(16)
        top.addWidget(self.search, 2)
        top.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter()
        self.splitter.setObjectName("roster_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 440])
        self.first_step = FirstStep()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.first_step)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        """Fields, buttons, the form's edits, the team file's changes and shortcuts."""
        self.track(self.search.textChanged, self._on_search)
        self.track(self.show_archived.toggled, self._on_show_archived)
        self.track(self.table.selectionModel().currentRowChanged, lambda *_: self._on_current())
        self.track(self.form.edited, self._on_edited)
        self.track(self.add_button.clicked, self.add_member)
        self.track(self.archive_button.clicked, self.toggle_archive)
        self.track(self.import_button.clicked, self.choose_import)
        self.track(self.export_button.clicked, self.choose_export)
        self.track(self.team_name.editingFinished, self._on_team_name)
        self.track(self.ctx.changed, self._on_changed)
        for keys, what, slot in (
            ("Ctrl+F", _("Search the roster"), self._focus_search),
            ("Ctrl+Shift+A", _("Add a member"), self.add_member),
            ("Ctrl+Del", _("Archive or bring back the member"), self.toggle_archive),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)  # listed in Help → Keyboard shortcuts
            shortcut.activated.connect(slot)

    @property
    def roster(self) -> RosterService:
        """The writing facade, made on first use: it loads SQLAlchemy, which the window
        imports only after its first frame (reading needs none)."""
        if self._roster is None:
            from teamkeel.core.roster.service import RosterService

            self._roster = RosterService(self.ctx.team)
        return self._roster

    # -- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Read the roster again. A large one (an import of thousands) is read and laid
        out on a worker and shown in slices (``MemberTableModel.set_prepared``): read
        here, 100,000 members held the window for seconds."""
        keep = self.current_member()
        reader, sorted_by = self.reader, self.model.sorted_by

        def read(_keep_going: object = None) -> Prepared:
            members = reader.list_members(include_archived=True)
            return prepare(members, dt.datetime.now(dt.UTC), *sorted_by)

        if reader.count() <= LARGE_ROSTER:
            self._reading = None
            self._show_members(read(), keep)
            return
        job: Job[Prepared] = run_in_worker(
            read, done=lambda prepared: self._show_read(job, prepared, keep), parent=self
        )
        self._reading = job

    @property
    def reading(self) -> bool:
        """The roster is being read on a worker or shown in slices (tests wait)."""
        return self._reading is not None or self.model.filling

    def _show_read(self, job: Job[Prepared], prepared: Prepared, keep: Member | None) -> None:
        if job is self._reading:  # only the latest reading is shown
            self._reading = None
            self._show_members(prepared, keep)

    def _show_members(self, prepared: Prepared, keep: Member | None) -> None:
        if not self.team_name.isModified():  # else the lead is typing a new name
            self.team_name.setText(self.info.name())
        self.model.set_prepared(prepared, then=lambda: self._members_shown(keep))

    def _members_shown(self, keep: Member | None) -> None:
        self._update_summary()
        self._show_first_step()
        if not self._widths_fit_rows and self.model.rowCount():
            self._fit_columns()
        if keep is not None and keep.id is not None:
            self.select_member(keep.id)
        elif self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._on_current()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        plain = self.table.fontMetrics()
        bold_font = self.table.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        for column in range(self.model.columnCount()):
            text = self.model.widest_text(column, plain, bold) + CELL_PADDING
            width = max(text, header.sectionSizeHint(column))
            header.resizeSection(column, min(width + 12, 260))
        self._widths_fit_rows = self.model.rowCount() > 0
        self.fit_to_room()

    def fit_to_room(self) -> None:
        """Show every column that fits the table's width, letting GIVE_WAY columns go
        first; unless the lead chose the columns."""
        room = self.table.viewport().width()
        if self._columns_chosen or room < 200:  # not laid out yet
            return
        header = self.table.horizontalHeader()
        # Widths as they are, or as they would be for a column hidden now; the last
        # column stretches over the rest, so it counts at what its texts need.
        last = header.logicalIndex(header.count() - 1)
        widths = {
            c: self._width_of(c)
            if header.isSectionHidden(c) or c == last
            else header.sectionSize(c)
            for c in range(self.model.columnCount())
        }
        total = sum(widths.values())
        hide = []
        for column in GIVE_WAY:
            if total <= room:
                break
            hide.append(column)
            total -= widths[column]
        for column in GIVE_WAY:
            if header.isSectionHidden(column) != (column in hide):
                if column not in hide:
                    header.resizeSection(column, self._width_of(column))
                header.setSectionHidden(column, column in hide)
        self._explain_columns()

    def _explain_columns(self) -> None:
        header = self.table.horizontalHeader()
        hidden = [_(t) for c, t in enumerate(self.model.HEADERS) if header.isSectionHidden(c)]
        tip = _("Click a title to sort; right-click to choose the columns.")
        if hidden:
            tip += " " + _("{columns}: not shown, to fit the width.").format(
                columns=", ".join(hidden)
            )
        header.setToolTip(tip)

    def _width_of(self, column: int) -> int:
        """The width ``_fit_columns`` gives a column (to show a hidden one again)."""
        text = self.model.widest_text(column, self.table.fontMetrics(), self.table.fontMetrics())
        width = max(text + CELL_PADDING, self.table.horizontalHeader().sectionSizeHint(column))
        return min(width + 12, 260)

    def choose_columns(self, position: Any) -> None:
        """Right-click on a title: tick the columns to show; from then on the lead's."""
        from PySide6.QtWidgets import QMenu

        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, title in enumerate(self.model.HEADERS):
            if column == NAME:
                continue
            action = menu.addAction(_(title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
        menu.popup(header.mapToGlobal(position))

    def show_column(self, column: int, shown: bool) -> None:
        self._columns_chosen = True
        header = self.table.horizontalHeader()
        if shown and header.isSectionHidden(column):
            header.resizeSection(column, self._width_of(column))
        header.setSectionHidden(column, not shown)
        self._explain_columns()

    def teardown(self) -> None:
        if self._watched_viewport is not None:
            with contextlib.suppress(RuntimeError):  # the table may already be gone
                self._watched_viewport.removeEventFilter(self)
            self._watched_viewport = None
        super().teardown()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        resized = event.type() == QEvent.Type.Resize and watched is self._watched_viewport
        if resized and event.size().width() != event.oldSize().width():
            self._room_timer.start()  # once the resizing is over; dies with the tab
        return super().eventFilter(watched, event)

    def fonts_changed(self) -> None:
        # Widen the columns whose text now takes more room (CJK glyphs instead of the
        # narrower boxes measured before); widths the lead made wider stay.
        header = self.table.horizontalHeader()
        before = [header.sectionSize(c) for c in range(self.model.columnCount())]
        self._fit_columns()
        for column, width in enumerate(before):
            header.resizeSection(column, max(width, header.sectionSize(column)))

    def _show_first_step(self) -> None:
        if self.model.rowCount():
            self.first_step.clear()
            return
        self.first_step.show_step(
            _(
                "<b>Add people first.</b> Everything in Keel starts from the team: add "
                "members one by one, or import a list from a CSV file."
            ),
            [(_("Add member"), self.add_member), (_("Import CSV…"), self.choose_import)],
        )

    def _update_summary(self) -> None:
        members = self.model.rows
        today = dt.date.today()
        active = [m for m in members if not m.archived]
        away = sum(1 for m in active if m.absences and status_text(m, today) != _("Active"))
        archived = len(members) - len(active)
        parts = [
            ngettext("{count} active member", "{count} active members", len(active)).format(
                count=len(active)
            )
        ]
        if away:
            parts.append(_("{count} away today").format(count=away))
        if archived:
            parts.append(_("{count} archived").format(count=archived))

        self.summary.setText(" · ".join(parts))

    def current_member(self) -> Member | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.member(self.proxy.mapToSource(index).row())

    def select_member(self, member_id: int) -> bool:
        row = self.model.row_of(member_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _on_current(self) -> None:
        member = self.current_member()
        self.form.set_member(member)
        self.archive_button.setEnabled(member is not None)
        self.archive_button.setText(_("Restore") if member and member.archived else _("Archive"))

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filter()

    def _on_show_archived(self, show: bool) -> None:
        self.proxy.set_show_archived(show)
        self._after_filter()

    def _after_filter(self) -> None:
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._on_current()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_changed(self, key: str) -> None:
        if key == self.key:
            self.reload()

    # -- editing ---------------------------------------------------------------------
    def _on_edited(self, old: Member, new: Member) -> None:
        roster = self.roster
        member_id = new.id

        def notify() -> None:  # an undo shows the member it changes
            self.ctx.changed.emit(self.key)
            if member_id is not None:
                self.select_member(member_id)

        try:
            push(
                self.ctx,
                ServiceCommand(
                    self.ctx,
                    self.key,
                    edit_text(old, new),
                    lambda: roster.update(new),
                    lambda: roster.update(old),
                    notify,
                ),
            )
        except ValidationError as exc:
            self.form.set_member(old)
            self.form.show_problems(exc.problems)
        except KeelError as exc:
            self.form.set_member(old)
            self.ctx.prompts.error(_("Cannot save"), str(exc))

    def _push(self, command: ServiceCommand) -> bool:
        """Run an edit; if the file refuses it (e.g. another Keel changed it meanwhile),
        say why and show the file as it is now."""
        try:
            push(self.ctx, command)
        except KeelError as exc:
            self.ctx.prompts.error(_("Cannot save"), str(exc))
            self.reload()
            return False
        return True

    def add_member(self) -> None:
        roster = self.roster
        draft = Member(name=self._new_name(), timezone=options.lead_timezone())
        step = _AddedMember()

        def do() -> None:
            member = roster.add(step.member if step.member is not None else draft)
            if step.member is None:
                step.member = member

        def added_id() -> int:
            assert step.member is not None
            member_id = step.member.id
            assert member_id is not None  # roster.add returns the member as stored
            return member_id

        def undo() -> None:
            roster.delete(added_id())

        text = _("Add member “{name}”").format(name=draft.name)
        if not self._push(ServiceCommand(self.ctx, self.key, text, do, undo)):
            return
        if self.show_archived.isChecked() is False and self.search.text():
            self.search.clear()
        self.select_member(added_id())
        self.form.name.setFocus()
        self.form.name.selectAll()

    def _new_name(self) -> str:
        taken = {self.model.member(r).name for r in range(self.model.rowCount())}
        name, n = _("New member"), 2
        while name in taken:
            name, n = _("New member {number}").format(number=n), n + 1
        return name

    def toggle_archive(self) -> None:
        member = self.current_member()
        if member is None or member.id is None:
            return
        roster, member_id, archive = self.roster, member.id, not member.archived
        text = (_("Archive {name}") if archive else _("Restore {name}")).format(name=member.name)

        command = ServiceCommand(
            self.ctx,
            self.key,
            text,
            lambda: roster.set_archived(member_id, archive),
            lambda: roster.set_archived(member_id, not archive),
        )
        if not self._push(command):
            return
        if archive and not self.show_archived.isChecked():
            # Archived members drop out of view: say where they went.
            self.window().statusBar().showMessage(  # type: ignore[attr-defined]
                _("{member_name} is archived; tick “Show archived” to see them.").format(
                    member_name=member.name
                ),
                6000,
            )

    def _on_team_name(self) -> None:
        self.team_name.setModified(False)  # saved now: reloads may show the stored name
        new = " ".join(self.team_name.text().split())
        old = self.info.name()
        if new == old:
            return
        info = self.info
        self._push(
            ServiceCommand(
                self.ctx,
                "team",
                _("Rename team to “{name}”").format(name=new) if new else _("Clear the team name"),
                lambda: info.rename(new),
                lambda: info.rename(old),
            ),
        )

    # -- files -----------------------------------------------------------------------
    def choose_import(self) -> None:
        self.ctx.prompts.open_file(
            _("Import roster from CSV"),
            _("CSV files (*.csv *.txt);;All files (*)"),
            lambda p: self.preview_csv(Path(p)),
        )

    def preview_csv(self, path: Path) -> RosterImportPreview | None:
        """Read a roster file and show the import preview (mapping and first rows);
        the import itself waits for the lead's go-ahead there. A large file is read
        on a worker (10 MB took half a second): the preview follows, None now."""
        try:
            large = path.stat().st_size > READ_ON_WORKER_BYTES
        except OSError:
            large = False  # read_roster_csv says what is wrong with it
        if not large:
            return self._show_preview(path, _read_csv(path))
        self._csv_job = run_in_worker(
            lambda _keep_going: _read_csv(path),
            done=lambda source: self._show_preview(path, source),
            parent=self,
        )
        return None

    def _show_preview(
        self, path: Path, source: RosterCsv | KeelError
    ) -> RosterImportPreview | None:
        from teamkeel.ui.roster.import_preview import RosterImportPreview

        self._csv_job = None
        if isinstance(source, ValidationError):
            self._refused(path.name, source)
            return None
        if isinstance(source, KeelError):
            self.ctx.prompts.error(_("Nothing was imported"), str(source))
            return None
        dialog = RosterImportPreview(
            source,
            lambda mapping, finished: self.import_csv(source, mapping, finished),
            options.lead_timezone(),
            self,
        )
        self.import_preview = dialog
        dialog.finished.connect(lambda _result: self._preview_closed(dialog))
        dialog.open()
        return dialog

    def _preview_closed(self, dialog: RosterImportPreview) -> None:
        if self.import_preview is dialog:
            self.import_preview = None
        dialog.deleteLater()
        self.table.setFocus()  # back where the imported people now are, not nowhere

    def import_csv(
        self,
        source: RosterCsv,
        mapping: ColumnMapping | None = None,
        finished: Callable[[bool], None] | None = None,
    ) -> Job[list[Member] | KeelError]:
        """Add the members of a file read before, all or nothing, as one undo step.
        Checking and storing run on a worker behind a window-modal progress dialog (no
        other edit can start meanwhile); Cancel rolls the worker's transaction back.
        ``finished(ok)`` follows once the members are in, or nothing is."""
        from teamkeel.core.roster.csvio import import_members
        from teamkeel.ui.progress import ProgressDialog

        roster = self.roster
        count = len(source.table.records)
        dialog = ProgressDialog(
            self.ctx.team,
            _("Importing the roster"),
            f"Importing {count:,} members from {source.name}…",
            self,
        )

        def work(keep_going: KeepGoing) -> list[Member] | KeelError:
            try:
                return list(import_members(roster, source, mapping, keep_going).members)
            except KeelError as exc:  # refused or cancelled: told in the main thread
                return exc

        def landed(result: list[Member] | KeelError | None, problem: str = "") -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            ok = self._imported(source, result, problem)
            if finished is not None:
                finished(ok)

        job = run_in_worker(work, done=landed, failed=lambda p: landed(None, p), parent=self)
        dialog.follow(job)
        self._import_job = job
        return job

    @property
    def importing(self) -> bool:
        """A roster file is read or imported on a worker (tests wait for it to land)."""
        return self._csv_job is not None or (
            self._import_job is not None and self._import_job.running
        )

    def _imported(
        self, source: RosterCsv, result: list[Member] | KeelError | None, problem: str
    ) -> bool:
        """Keep a finished import as one undo step (its first redo has nothing left to
        write), or say why nothing was imported."""
        if isinstance(result, Cancelled):
            self.window().statusBar().showMessage(str(result), 8000)  # type: ignore[attr-defined]
            return False
        if isinstance(result, ValidationError):
            self._refused(source.name, result)
            return False
        if result is None or isinstance(result, KeelError):
            self.ctx.prompts.error(_("Nothing was imported"), str(result or problem))
            return False
        roster = self.roster
        step = _Imported(result, written=True)

        def do() -> None:
            if step.written:  # by the worker, the first time
                step.written = False
            else:
                roster.add_many(step.members)

        def undo() -> None:
            roster.delete_many(m.id for m in step.members if m.id is not None)

        count = len(source.table.records)
        text = _("Import {count} members from {file}").format(count=count, file=source.name)
        push(self.ctx, ServiceCommand(self.ctx, self.key, text, do, undo))
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            _("Imported {count} members from {file}").format(
                count=len(step.members), file=source.name
            ),
            6000,
        )
        return True

    def _refused(self, name: str, exc: ValidationError) -> None:
        count = exc.total
        self.ctx.prompts.error(
            _("Nothing was imported"),
            ngettext(
                "{file} has {count} problem; fix them and import again.",
                "{file} has {count} problems; fix them and import again.",
                count,
            ).format(file=name, count=count)
            + "\n\n"
            + "\n".join(exc.lines(12)),
            "\n".join(exc.lines()),
        )

    def choose_export(self) -> None:
        self.ctx.prompts.save_file(
            _("Export roster as CSV"),
            _("CSV files (*.csv)"),
            lambda p: self.export_csv(Path(p)),
            "roster.csv",
        )

    def export_csv(self, path: Path) -> None:
        from teamkeel.core.roster.csvio import export_roster_csv

        try:
            count = export_roster_csv(self.roster, path)
        except KeelError as exc:
            self.ctx.prompts.error(_("Export failed"), str(exc))
            return
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            _("Wrote {count} members to {path}").format(count=count, path=path), 6000
        )

    def focus_start(self) -> None:
        """A team without a name starts there; otherwise the list of people."""
        if not self.team_name.text().strip():
            self.team_name.setFocus()
        else:
            self.table.setFocus()

    def export_actions(self) -> list[QAction]:
        action = QAction(_("Roster as &CSV…"), self)
        action.triggered.connect(self.choose_export)
        return [action]

    # -- layout ----------------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": base64.b64encode(bytes(self.splitter.saveState().data())).decode(),
            "header": base64.b64encode(
                bytes(self.table.horizontalHeader().saveState().data())
            ).decode(),
            "show_archived": self.show_archived.isChecked(),
            "widths_fit_rows": self._widths_fit_rows,
            "columns_chosen": self._columns_chosen,
        }

    def finish_setup(self) -> None:
        if not self.table.isSortingEnabled():  # no remembered sort order: by name
            self.table.sortByColumn(NAME, QtCore.Qt.SortOrder.AscendingOrder)
            self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.track(header.customContextMenuRequested, self.choose_columns)
        self._room_timer = QtCore.QTimer(self)
        self._room_timer.setSingleShot(True)
        self._room_timer.setInterval(0)
        self._room_timer.timeout.connect(self.fit_to_room)
        self._watched_viewport = self.table.viewport()
        self._watched_viewport.installEventFilter(self)
        self.fit_to_room()
        from teamkeel.ui.roster import checkin_menu  # a member's check-in brief

        checkin_menu.install(self.table, self.ctx, self.current_member)

    def restore_state(self, state: dict[str, Any]) -> None:
        if "splitter" in state:
            self.splitter.restoreState(QByteArray(base64.b64decode(state["splitter"])))
        header = self.table.horizontalHeader()
        if "header" in state:
            header.restoreState(QByteArray(base64.b64decode(state["header"])))
            if header.isSortIndicatorShown():  # saved once sorting was on
                # By the remembered column and order, all in C++ (no ``Qt`` needed).
                self.table.setSortingEnabled(True)
            # Widths saved from an empty table (or by a Keel that did not say) are fitted
            # again to the rows; widths that fitted rows are the lead's to keep.
            self._widths_fit_rows = bool(state.get("widths_fit_rows"))
            self._columns_chosen = bool(state.get("columns_chosen"))
            if not self._columns_chosen:  # columns that gave way come back if there is room
                for column in range(self.model.columnCount()):
                    header.setSectionHidden(column, False)
            if not self._widths_fit_rows:
                self._fit_columns()
            self.fit_to_room()
        self.show_archived.setChecked(bool(state.get("show_archived", False)))


def _read_csv(path: Path) -> RosterCsv | KeelError:
    """The file read and its columns guessed, or why not (handed back, not raised, from
    a worker)."""
    from teamkeel.core.roster.csvio import read_roster_csv

    try:
        return read_roster_csv(path)
    except KeelError as exc:
        return exc
