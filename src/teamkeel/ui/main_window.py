"""The main window: one tab per area, the File / Edit / Help menus, remembered layout."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from teamkeel import __version__
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster.reader import RosterReader
from teamkeel.core.storage.copy import snapshot
from teamkeel.core.storage.teamfile import TeamFile, back_up_before_open
from teamkeel.core.storage.watch import ChangeWatch
from teamkeel.core.team_info import TeamInfoService
from teamkeel.features import TAB_TITLES
from teamkeel.resources import ROOT as RESOURCES
from teamkeel.ui import fonts, options
from teamkeel.ui import settings as keel_settings
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.first_screen import first_screen
from teamkeel.ui.import_hook import pyside_import_hook_paused
from teamkeel.ui.prompts import Prompts
from teamkeel.ui.tabs import (
    file_menu_extras,
    file_opened_extras,
    import_core_of,
    tab_class,
    tab_module,
)
from teamkeel.ui.window_host import TabSlot, WindowHost
from teamkeel.ui.worker import Job, register_pdf_fonts, run_in_worker, warm_imports

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent

log = logging.getLogger(__name__)
BACKGROUND_BUILD_DELAY_MS = 150
# A window that shows but is never painted (minimized) loads the rest after this.
BACKGROUND_FALLBACK_MS = 1000
EXTERNAL_CHECK_MS = 2000
TEAM_FILTER = N_("Keel team files (*.keel);;All files (*)")
# Change keys that are not a tab's own key, and the tab that shows their data.
TAB_OF_CHANGE = {"team": "roster", "goals": "standup"}
# Data shown on more than one tab: an undo does not leave any of these for its home tab.
ALSO_SHOWN_ON = {"goals": ("insights", "rotations", "roster")}
OUTSIDE_CHANGES = N_("Updated with changes made outside this window.")
# Loaded on a worker once every tab is built, so that the first plan, PDF or preview
# does not wait for them on the main thread (networkx alone takes seconds).
HEAVY_MODULES = (
    "teamkeel.core.rotations.planner",  # networkx
    "teamkeel.core.compact.pdf",  # reportlab
    "teamkeel.core.calendar.pdf",
    "teamkeel.core.insights.charts",
    "pypdfium2",  # the compact's preview
)


def load_locale_data() -> None:
    """Read the lead's locale data (month and day names: Babel unpickles it on first
    use, about 80 ms) on the worker that imports a tab, not while the tab is built."""
    from teamkeel.core import i18n

    i18n.month_name(1)


class WelcomePage(QWidget):
    """Shown when no team file is open (e.g. the last one could not be opened)."""

    def __init__(self, window: MainWindow):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(
            _(
                "<h2>No team file is open</h2>"
                "<p>Create a new team file, or open one you already have.</p>"
            )
        )
        title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        for text, slot in (
            (_("New team file…"), window.new_file),
            (_("Open…"), window.choose_file),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setMaximumWidth(240)
            layout.addWidget(button, alignment=QtCore.Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(WindowHost):
    # After the first frame: the ORM has loaded (edits need no more imports), then
    # every tab is built (for a file opened in place of another, the tab on screen:
    # the others are built when first shown).
    orm_loaded = Signal()
    loaded = Signal()
    # After Edit → Preferences: the keys of the options that changed (``ui.options``:
    # e.g. ``options.THEME.key``), for whatever follows them (theme, language).
    preferences_changed = Signal(list)
    tab_built = Signal(str)  # a tab's own widgets are in place (its key)

    def __init__(
        self,
        settings: QSettings,
        prompts: Prompts | None = None,
        load_in_background: bool = True,
        lean_first_frame: bool = False,
    ):
        super().__init__()
        self.settings = settings
        options.use(settings)
        # False for a screenshot: the other tabs and the ORM then load only if needed.
        self.load_in_background = load_in_background
        # True for the window Keel starts with: each tab leaves the set-up that needs
        # ``QtCore.Qt`` (see teamkeel.ui.rows_model) until the first frame is painted.
        self._lean = lean_first_frame
        # ... and its tabs fill themselves in steps, one per turn (BaseTab.fill_in_steps).
        self._fill_in_steps = lean_first_frame
        self._unfinished: list[BaseTab] = []
        self.prompts = prompts or Prompts(self, settings)
        if self.prompts.parent is None:
            self.prompts.parent = self
        self.ctx: AppContext | None = None
        self._watch: ChangeWatch | None = None
        self.external_timer = QTimer(self)
        self.external_timer.setInterval(EXTERNAL_CHECK_MS)
        self.external_timer.timeout.connect(self.check_external_changes)
        self.tabs: list[BaseTab] = []  # built tabs, in the order they were built
        self.slots: list[TabSlot] = []
        self._stale: set[str] = set()  # built tabs whose data changed while hidden
        self._orm_ready = False
        self._orm_loading = False
        self._warmed_up = False
        self._core_imported: set[str] = set()  # tabs whose core modules a worker imported
        self._background_pending = False
        self._generation = 0  # one per opened file, so that a stale build chain stops
        self._only_shown_tab = False  # see open_file
        # Entries other features add to the File menu load after the first frame.
        self._menu_extras_ready = False
        QTimer.singleShot(BACKGROUND_BUILD_DELAY_MS, self.load_menu_extras)
        self.setWindowIcon(QIcon(str(RESOURCES / "icons" / "keel.svg")))
        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self.tab_widget.currentChanged.connect(self._on_tab_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tab_widget)
        self.welcome: WelcomePage | None = None
        self.setCentralWidget(self.stack)
        self._build_menus()
        self._update_title()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self._first_geometry()

    def _first_geometry(self) -> None:
        """1280×800 where the screen has room, else nine tenths of it; centred, since a
        desktop without a window manager would put the window in the corner."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        room = screen.availableGeometry()
        width = min(1280, room.width() * 9 // 10)
        height = min(800, room.height() * 9 // 10)
        self.setGeometry(
            room.x() + (room.width() - width) // 2,
            room.y() + (room.height() - height) // 2,
            width,
            height,
        )

    # -- menus -----------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self._add(file_menu, _("&New team file…"), self.new_file, QKeySequence.StandardKey.New)
        self._add(file_menu, _("&Open…"), self.choose_file, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.copy_action = self._add(
            file_menu, _("Save a &copy as…"), self.save_copy, QKeySequence.StandardKey.SaveAs
        )
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu(_("&Export"))
        self.import_menu = file_menu.addMenu(_("&Import"))
        file_menu.addSeparator()
        self.file_extras = file_menu.addMenu(_("&Data safety"))
        file_menu.addSeparator()
        quit_action = self._add(file_menu, _("&Quit"), self.close)
        # Some platforms define no standard Quit key; Ctrl+Q is what people expect.
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )

        self.edit_menu = bar.addMenu(_("&Edit"))
        self.preferences_action = QAction(_("&Preferences…"), self)
        self.preferences_action.setObjectName("preferences")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setShortcuts([QKeySequence("Ctrl+,")])  # see _add
        self.preferences_action.triggered.connect(self.open_preferences)
        self._rebuild_edit_menu()
        self.help_menu = bar.addMenu(_("&Help"))
        self._add(
            self.help_menu,
            _("&Keyboard shortcuts"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        self._add(self.help_menu, _("&About Keel"), self.about)
        self._refresh_recent()
        self._refresh_file_menus()
        self._add_tab_keys()

    def _add_tab_keys(self) -> None:
        """Keys that switch tabs from anywhere in the window, a table included (the tab
        widget's own Ctrl+Tab only works while the focus is on its tab bar)."""
        moves = (
            (("Ctrl+Tab", "Ctrl+PgDown"), _("Next tab"), lambda: self.step_tab(1)),
            (("Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp"), _("Previous tab"),
             lambda: self.step_tab(-1)),
        )  # fmt: skip
        for keys, text, slot in moves:
            self._window_key(keys, text, slot)
        titles = list(TAB_TITLES.values())  # named for Help → Keyboard shortcuts
        for number in range(1, min(len(titles), 9) + 1):
            self._window_key(
                (f"Ctrl+{number}",),
                _("Go to {tab}").format(tab=_(titles[number - 1])),
                lambda _=False, n=number: self.go_to_tab(n - 1),
            )

    def _window_key(self, keys: tuple[str, ...], text: str, slot: Callable[..., object]) -> None:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])  # see _add
        action.triggered.connect(slot)
        self.addAction(action)

    def step_tab(self, delta: int) -> None:
        count = self.tab_widget.count()
        if count and self.stack.currentWidget() is self.tab_widget:
            self.go_to_tab((self.tab_widget.currentIndex() + delta) % count)

    def go_to_tab(self, index: int) -> None:
        if 0 <= index < self.tab_widget.count() and self.stack.currentWidget() is self.tab_widget:
            self.tab_widget.setCurrentIndex(index)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Not setShortcut(): to pick its overload PySide6 checks for a ``Qt.Key``,
            # which builds all of Qt's enums before the first frame.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        files = keel_settings.recent_files(self.settings)
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_later(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    def _refresh_file_menus(self) -> None:
        self.export_menu.clear()
        for action in self.import_menu.actions():  # made anew on each refresh
            action.deleteLater()
        self.import_menu.clear()
        has_file = self.ctx is not None
        self.copy_action.setEnabled(has_file)
        self.export_menu.setEnabled(has_file)
        self.import_menu.setEnabled(has_file)
        # file_menu_actions() makes new actions on each call: free the ones it made before.
        for action in self.file_extras.actions():
            action.deleteLater()
        self.file_extras.clear()
        for action in file_menu_extras(self) if self._menu_extras_ready else ():
            self.file_extras.addAction(action)
        self.file_extras.menuAction().setVisible(not self.file_extras.isEmpty())
        if not has_file:
            return
        for slot in self.slots:
            if slot.tab is not None:
                for action in slot.tab.export_actions():
                    self.export_menu.addAction(action)
        self.export_menu.addSeparator()
        self._add(self.export_menu, _("Whole team as &JSON…"), self.export_json)
        from teamkeel.ui.import_menu import import_actions  # not needed for the first frame

        for action in import_actions(self):
            self.import_menu.addAction(action)

    def load_menu_extras(self) -> None:
        """Add the File-menu entries of features without a tab (Data safety)."""
        self._menu_extras_ready = True
        self._refresh_file_menus()
        self._tell_file_opened()

    def _tell_file_opened(self) -> None:
        """Let features without a tab follow the open file (e.g. backups while open);
        each makes sure it acts once per file."""
        if self.ctx is None or not self._menu_extras_ready:
            return
        file_opened_extras(self)

    def _rebuild_edit_menu(self) -> None:
        self.edit_menu.clear()
        if self.ctx is None:
            self.edit_menu.addAction(self.preferences_action)
            return
        # Owned by the open file's context, so they go away with it.
        undo = self.ctx.undo_stack.createUndoAction(self.ctx, _("&Undo"))
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])  # see _add
        redo = self.ctx.undo_stack.createRedoAction(self.ctx, _("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)

    # -- files -----------------------------------------------------------------------
    def open_file(self, path: Path, create: bool = False) -> bool:
        """Open a team file in place of the current one; False (and a message) if refused."""
        # ``create`` only allows making the file: an existing one still opens on its
        # remembered tab (Keel starts with create=True on the last file used).
        created = create and not path.expanduser().exists()
        try:
            team = TeamFile.open(path, create=create)
        except KeelError as exc:
            log.warning("Could not open %s: %s", path, exc)
            self.prompts.error(_("Cannot open team file"), str(exc))
            return False
        # A file opened after another (File → Open, a restore) builds only the tab
        # on screen at once: building the other six in the background held the window
        # for a second and a half on five years of history, for tabs maybe never shown.
        self._only_shown_tab = self._generation > 0
        self._close_team()
        self._orm_ready = False
        self._orm_loading = False
        self.ctx = AppContext(team, self.prompts, self)
        self.ctx.fill_in_steps = self._fill_in_steps
        self.ctx.changed.connect(self._on_changed)
        self.ctx.replaying.connect(self._show_tab_of_change)
        self.ctx.show_tab.connect(self.select_tab)
        self._watch_file(team)
        # A bound slot, not a lambda: Qt drops the connection with the window, while the
        # undo stack (emptied, so clean again, as it goes) may outlive it by a moment.
        self.ctx.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.tab_widget.blockSignals(True)
        for key, title in TAB_TITLES.items():
            slot = TabSlot(key)
            self.slots.append(slot)
            self.tab_widget.addTab(slot, _(title))
        self.tab_widget.setCurrentIndex(self._start_index(team, created))
        self.tab_widget.blockSignals(False)
        self._show_first(self.tab_widget.currentWidget())
        self.stack.setCurrentWidget(self.tab_widget)
        # The rest loads once the first frame is painted (see paintEvent).
        self._generation += 1
        self._background_pending = self.load_in_background
        if self.isVisible():
            self._arm_background_fallback()
        keel_settings.remember_file(self.settings, str(team.path))
        self._refresh_recent()
        self._refresh_file_menus()
        self._rebuild_edit_menu()
        self._update_title()
        self._tell_file_opened()
        return True

    def _start_index(self, team: TeamFile, created: bool) -> int:
        """A new (or still empty) team file opens on the Roster, where a team starts;
        other files on the tab last used, remembered by its key (an index would shift
        when a tab is added). Without one, not the Journey, first in the bar: the Roster,
        where the first frame needs nothing but plain SQL (docs/STARTUP.md)."""
        keys = [slot.key for slot in self.slots]
        empty = created or RosterReader(team).count() == 0
        remembered = None if empty else self.settings.value("window/tab_key")
        for wanted in (remembered, "roster"):
            if wanted in keys:
                return keys.index(str(wanted))
        return 0

    def _show_first(self, slot: QWidget | None) -> None:
        """The tab Keel starts on: in the first frame its first screen, read with plain
        SQL, when it has one (teamkeel.ui.first_screen); the tab itself is built right
        after that frame, before the other tabs (see _build_next)."""
        if self._lean and isinstance(slot, TabSlot) and self.ctx is not None:
            # A file the plain reading does not understand gets the tab itself, which says
            # what is wrong in its own way.
            with contextlib.suppress(KeelError, sqlite3.Error):
                slot.first_screen = first_screen(slot.key, self.ctx.team)
            if slot.first_screen is not None:
                slot.content.addWidget(slot.first_screen)
                return
        self._build(slot)

    def _build(self, slot: QWidget | None) -> BaseTab | None:
        """Build a tab's content if it is not built yet."""
        if not isinstance(slot, TabSlot) or self.ctx is None:
            return None
        if slot.tab is None:
            cls = tab_class(slot.key)
            tab = cls(self.ctx)
            slot.tab = tab
            if slot.first_screen is not None:
                slot.first_screen.hide()
                slot.first_screen.deleteLater()
                slot.first_screen = None
            slot.content.addWidget(tab)
            # A child added to a shown page is only shown later by Qt; show and size it
            # now, so that it is ready to paint and be clicked.
            tab.show()
            slot.content.activate()
            self.tabs.append(tab)
            state = self.settings.value(f"tabs/{tab.key}")
            if isinstance(state, str):
                with contextlib.suppress(ValueError, TypeError):
                    tab.restore_state(json.loads(state))
            if self._lean:
                self._unfinished.append(tab)
            else:
                tab.finish_setup()
            self._refresh_file_menus()
            self.tab_built.emit(tab.key)
        return slot.tab

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._background_pending or self._lean:
            # Qt paints the whole window in one pass: a zero timer runs right after it.
            generation = self._generation
            QTimer.singleShot(0, lambda: self._start_background(generation))

    def _arm_background_fallback(self) -> None:
        generation = self._generation
        QTimer.singleShot(BACKGROUND_FALLBACK_MS, lambda: self._start_background(generation))

    def finish_setup(self) -> None:
        """Let the tabs built for the first frame finish their set-up; tabs built from
        now on finish at once."""
        self._lean = False
        unfinished, self._unfinished = self._unfinished, []
        for tab in unfinished:
            tab.finish_setup()

    def _start_background(self, generation: int) -> None:
        self.finish_setup()
        if self._background_pending and generation == self._generation:
            self._background_pending = False
            self._build_next(generation)

    def warm_up_heavy_modules(self) -> Job[None] | None:
        """Once per window: every tab's modules, then the heavy ones and the PDF fonts,
        on a worker. The start runs it once every tab is built: the ORM alone first
        (two workers importing at once take turns at Python's lock, and edits waited
        twice as long), then each tab's modules just before the tab is built."""
        if self._warmed_up:
            return None
        self._warmed_up = True

        def then() -> None:
            for key in TAB_TITLES:
                import_core_of(key)
            register_pdf_fonts()

        return warm_imports(HEAVY_MODULES, then=then)

    def _core_imported_for(self, key: str) -> bool:
        return key in self._core_imported or tab_module(key) in sys.modules

    def _import_tab_then_build(self, generation: int, key: str) -> None:
        """Import a tab's Qt-free modules (its services, the libraries they load at
        import) on a worker, then go on with the build chain: building it then imports
        only its widgets on the main thread (see ``tabs.import_core_of``)."""

        def go_on(_: object) -> None:
            self._core_imported.add(key)
            QTimer.singleShot(0, lambda: self._build_next(generation))

        def then() -> None:
            import_core_of(key)
            load_locale_data()

        job = warm_imports((), then=then)
        job.finished.connect(go_on)
        job.failed.connect(go_on)  # building it says what is wrong, in context

    def _load_orm_in_worker(self, generation: int) -> None:
        """Import SQLAlchemy and every model on a worker (over a second on the main
        thread); the build chain goes on once they are in."""
        if self._orm_loading or self.ctx is None:
            return
        self._orm_loading = True
        team = self.ctx.team

        def load(_keep_going: object) -> None:
            with pyside_import_hook_paused():
                team.prepare_orm()

        def loaded(_: object) -> None:
            self._orm_loading = False
            if generation == self._generation:
                self._orm_ready = True
                self.orm_loaded.emit()
                QTimer.singleShot(0, lambda: self._build_next(generation))

        def failed(problem: str) -> None:  # the first edit will say it again, in context
            self._orm_loading = False
            self.statusBar().showMessage(
                _("Could not load the data layer: {problem}").format(problem=problem), 10000
            )

        run_in_worker(load, done=loaded, failed=failed, parent=self)

    def _build_next(self, generation: int) -> None:
        """Load the ORM, then build the remaining tabs one per turn of the event loop,
        all after the first paint; stop if another file has been opened meanwhile."""
        if self.ctx is None or generation != self._generation:
            return
        if not self._orm_ready:
            # The first frame showed data read with plain SQL; edits need SQLAlchemy.
            self._load_orm_in_worker(generation)
            return
        if not fonts.fonts_registered():
            # Names in scripts the machine has no font for (CJK) showed as boxes in the
            # first frame; with Keel's own fonts known, lay them out and paint again.
            fonts.register_bundled_fonts()
            fonts.refresh_text(self)
            for tab in self.tabs:
                tab.fonts_changed()
            QTimer.singleShot(0, lambda: self._build_next(generation))
            return
        current = self.tab_widget.currentWidget()  # first: it may show only its first screen
        pending = sorted((s for s in self.slots if s.tab is None), key=lambda s: s is not current)
        if self._only_shown_tab:
            pending = [s for s in pending if s is current]
        if pending and not self._core_imported_for(pending[0].key):
            self._import_tab_then_build(generation, pending[0].key)
        elif pending:
            self._build(pending[0])
            QTimer.singleShot(0, lambda: self._build_next(generation))
        else:
            self.loaded.emit()
            self.warm_up_heavy_modules()

    def _on_tab_changed(self, index: int) -> None:
        tab = self._refresh_if_stale(self._build(self.tab_widget.widget(index)))
        if tab is not None:
            tab.focus_start()

    def theme_changed(self) -> None:
        """Light or dark changed (ui.theme): tabs show their data again in its colours."""
        if self.ctx is not None:
            self._reload_others(None)

    def _refresh_if_stale(self, tab: BaseTab | None) -> BaseTab | None:
        if tab is not None and tab.key in self._stale:
            self._stale.discard(tab.key)
            tab.reload()
        return tab

    def _reload_others(self, changed_key: str | None) -> None:
        """Reload the tab on screen now; hidden tabs reload when they are next shown,
        so that an edit never waits for every other tab to re-read its data."""
        current = self.tab_widget.currentWidget()
        for slot in self.slots:
            if slot.tab is None or slot.key == changed_key:
                continue
            if slot is current:
                slot.tab.reload()
            else:
                self._stale.add(slot.key)

    def select_tab(self, key: str) -> bool:
        for i, slot in enumerate(self.slots):
            if slot.key == key:
                self.tab_widget.setCurrentIndex(i)
                self._build(slot)
                return True
        return False

    def current_key(self) -> str | None:
        current = self.tab_widget.currentWidget()
        return current.key if isinstance(current, TabSlot) else None

    def tab_is_built(self, key: str | None) -> bool:
        """Whether the tab has its own widgets yet (not only its first screen)."""
        return any(s.key == key and s.tab is not None for s in self.slots)

    def tab(self, key: str) -> BaseTab | None:
        """The tab with this key, built if need be (None if this build lacks it)."""
        slot = next((s for s in self.slots if s.key == key), None)
        return self._refresh_if_stale(self._build(slot))

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        current = self.tab_widget.currentWidget()
        if self.tabs and isinstance(current, TabSlot):
            self.settings.setValue("window/tab_key", current.key)
        for tab in self.tabs:
            self.settings.setValue(f"tabs/{tab.key}", json.dumps(tab.save_state()))
        self.settings.sync()

    def _close_team(self) -> None:
        if self.ctx is None:
            return
        self._save_layout()
        for tab in self.tabs:
            tab.teardown()
        self._unfinished.clear()
        # Emptying the bar makes each next tab current in turn: none of them may build
        # or reload now (a stale tab re-read seconds of history while the file closed).
        self.tab_widget.blockSignals(True)
        self.tab_widget.clear()
        self.tab_widget.blockSignals(False)
        for slot in self.slots:
            slot.deleteLater()
        self.tabs.clear()
        self.slots.clear()
        self._stale.clear()
        self.external_timer.stop()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.ctx.team.close()
        self.ctx.closed.emit()
        self.ctx.deleteLater()
        self.ctx = None
        self.show_welcome()
        self._rebuild_edit_menu()
        self._refresh_file_menus()
        self._update_title()

    def show_welcome(self) -> None:
        """Offer New and Open until a file is open. Built when first needed: at start a
        file usually opens before the first frame."""
        if self.welcome is None:
            self.welcome = WelcomePage(self)
            self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)

    def choose_file(self) -> None:
        self.prompts.open_file(
            _("Open team file"), _(TEAM_FILTER), lambda p: self.open_later(Path(p))
        )

    def open_later(self, path: Path) -> Job[None]:
        """File → Open and Open recent: the backup taken before opening (a copy of the
        whole file, then its check) is made on a worker, and the file opens here once
        it is in, finding its backup fresh. The open file stays as it is meanwhile;
        whatever the worker could not do, the open says."""

        def back_up(_keep_going: object) -> None:
            with contextlib.suppress(KeelError, OSError, sqlite3.Error):
                back_up_before_open(path)

        return run_in_worker(back_up, done=lambda _: self.open_file(path), parent=self)

    def new_file(self) -> None:
        def create(path: str) -> None:
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(".keel")
            if target.exists():
                self.prompts.error(
                    _("Cannot create team file"),
                    _("{path} already exists; choose a new name.").format(path=target),
                )
                return
            self.open_file(target, create=True)

        self.prompts.save_file(_("New team file"), _(TEAM_FILTER), create, "team.keel")

    def save_copy(self) -> None:
        if self.ctx is None:
            return
        source = self.ctx.team.path

        def write(path: str) -> None:
            from teamkeel.core.files import refuse_team_file

            target = Path(path)
            try:
                refuse_team_file(target, any_keel_file=False)
                snapshot(source, target)
            except KeelError as exc:
                self.prompts.error(_("Cannot save a copy"), str(exc))
                return
            except OSError as exc:
                self.prompts.error(_("Cannot save a copy"), f"{target}: {exc.strerror or exc}")
                return
            self.statusBar().showMessage(_("Saved a copy to {path}").format(path=target), 5000)

        self.prompts.save_file(
            _("Save a copy as"), _(TEAM_FILTER), write, f"{source.stem}-copy.keel"
        )

    def export_json(self) -> None:
        if self.ctx is None:
            return
        team = self.ctx.team

        def write(path: str) -> None:
            from teamkeel.core import interchange

            try:
                interchange.export_json(team, Path(path))
            except (KeelError, OSError) as exc:
                self.prompts.error(_("Export failed"), str(exc))
                return
            self.statusBar().showMessage(_("Exported {path}").format(path=path), 5000)

        self.prompts.save_file(
            _("Export team as JSON"), "JSON (*.json)", write, f"{team.path.stem}.json"
        )

    def open_preferences(self) -> QWidget:
        """Edit → Preferences (not blocking: it applies when the lead presses OK)."""
        from teamkeel.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def preferences_applied(self, changed: list[str]) -> None:
        """Apply changed preferences without a restart where Qt allows: the backup
        interval at once, the rest (paper size, week start) as each tab reloads."""
        if not changed:
            return
        if options.BACKUP_EVERY_MINUTES.key in changed:
            from teamkeel.ui.safety import autobackup

            autobackup.follow_preferences(self)
        if options.THEME.key in changed:
            from teamkeel.ui.theme import apply_theme

            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, options.current(options.THEME))  # tabs reload themselves
        if options.LANGUAGE.key in changed:
            # Texts already on screen were made in the old language: say when it applies.
            self.statusBar().showMessage(
                _("The new language applies the next time Keel starts."), 10000
            )
        for tab in self.tabs:
            tab.preferences_changed(changed)
        self._reload_others(None)
        self.preferences_changed.emit(changed)

    def show_shortcuts(self) -> None:
        from teamkeel.ui.shortcuts import show_shortcuts  # not needed for the first frame

        show_shortcuts(self)

    def about(self) -> None:
        from html import escape

        from teamkeel.core.logs import log_path

        self.prompts.info(
            _("About Keel"),
            _(
                "<b>Keel {version}</b><p>A companion for team leads who grow a culture of "
                "mutual support: who is on the team, the compact you agreed on, the rituals "
                "and rotations that keep help flowing, and whether it really flows both ways."
                "</p><p>Everything stays on this computer.</p>"
                "<p>Keel's log (what went wrong, if anything did): {log}</p>"
            ).format(version=__version__, log=escape(str(log_path()))),
        )

    # -- state -----------------------------------------------------------------------
    # -- changes made by another process (e.g. `teamkeel log kudos` from a chat bridge) --
    def _watch_file(self, team: TeamFile) -> None:
        self._watch = ChangeWatch(team)
        self.external_timer.start()

    def check_external_changes(self) -> bool:
        """Reload every tab if the file changed outside this window; True if it did.
        The window's own writes never count (see core.storage.watch), even when their
        change notice comes later."""
        if self.ctx is None or self._watch is None:
            return False
        try:
            changed = self._watch.changed_elsewhere()
        except sqlite3.Error as exc:
            log.debug("Could not look for outside changes: %s", exc)
            return False
        if not changed:
            return False
        self._reload_others(None)
        self._update_title()
        self.statusBar().showMessage(_(OUTSIDE_CHANGES), 5000)
        return True

    def _on_changed(self, key: str) -> None:
        self._update_title()
        self._reload_others(key)

    def _show_tab_of_change(self, key: str) -> None:
        """An undo or redo is about to change ``key``'s data: show its tab first."""
        current = self.tab_widget.currentWidget()
        shown = current.key if isinstance(current, TabSlot) else None
        home = TAB_OF_CHANGE.get(key, key)
        if shown != home and shown not in ALSO_SHOWN_ON.get(key, ()):
            self.select_tab(home)

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        if self.ctx is None:
            self.setWindowTitle(_("Keel"))
            return
        name = TeamInfoService(self.ctx.team).name() or _("Unnamed team")
        if self.ctx.team.read_only:
            title = _("{team} — {file} (read-only) — Keel")
        else:
            title = _("{team} — {file} — Keel")
        self.setWindowTitle(title.format(team=name, file=self.ctx.team.path.name))

        self.setWindowFilePath(str(self.ctx.team.path))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self.ctx is None:
            self.show_welcome()
        if self._background_pending:
            self._arm_background_fallback()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._close_team()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
