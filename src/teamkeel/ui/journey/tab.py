"""The Journey tab: an overview of the four phases and the pages where Phase 1, the
pilot and the stories are worked on. Every edit is an undo step with a name."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from teamkeel.core.errors import KeelError
from teamkeel.core.first_screen import journey as first_screen
from teamkeel.core.i18n import N_, _
from teamkeel.core.journey.checks import Check, Journey
from teamkeel.core.journey.progress import journey_of
from teamkeel.ui import options
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.journey.edits import JourneyEdits
from teamkeel.ui.journey.listening_page import ListeningPage
from teamkeel.ui.journey.overview import Overview
from teamkeel.ui.journey.pilot_page import PilotPage
from teamkeel.ui.journey.starting_page import StartingPage
from teamkeel.ui.journey.stories_page import StoriesPage
from teamkeel.ui.worker import run_in_worker

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

PAGES = ("overview", "listening", "starting", "pilot", "stories")
PAGE_TITLES = (
    N_("Where we are"),
    N_("Listening"),
    N_("Starting point"),
    N_("Pilot feedback"),
    N_("Stories"),
)


class JourneyTab(BaseTab):
    key = "journey"
    title = "Journey"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        # The overview's figures not yet kept in the file: (data version, figures).
        self._unkept: tuple[int, dict[str, object]] | None = None
        self.edits = JourneyEdits(ctx, self.key, self.reload)
        self.overview = Overview(self.go_to, self.edits.set_program_start)
        self.listening = ListeningPage(self.edits)
        self.starting = StartingPage(self.edits)
        self.pilot = PilotPage(self.edits)
        self.stories = StoriesPage(self.edits)
        self.pages = QStackedWidget()
        for page in (self.overview, self.listening, self.starting, self.pilot, self.stories):
            self.pages.addWidget(page)
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Journey pages"))
        self.nav.setObjectName("journey_nav")
        self.nav.addItems([_(title) for title in PAGE_TITLES])
        self.nav.setFixedWidth(150)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self._exports = self._make_exports()
        self.track(ctx.changed, self._on_changed)
        self._reads = 0  # an overview read on a worker is shown unless a reload came since
        if ctx.fill_in_steps:  # the checks read most of the file: 60-140 ms
            self._read_overview_in_worker()
            self.fill_in_steps(*(p.reload for p in self._pages()), first_now=False)
        else:
            self.reload()

    # -- showing ---------------------------------------------------------------------
    def _pages(self) -> tuple[ListeningPage, StartingPage, PilotPage, StoriesPage]:
        """The pages besides the overview."""
        return (self.listening, self.starting, self.pilot, self.stories)

    def reload(self) -> None:
        self._show_overview()
        for page in self._pages():
            page.reload()

    def _show_overview(self) -> None:
        self._reads += 1
        self._show_read(self._read_overview(self.ctx.team))

    @staticmethod
    def _read_overview(team: TeamFile) -> tuple[int, Journey]:
        """Plain data only: on a worker it must not touch a widget."""
        return team.data_version(), journey_of(team)

    def _read_overview_in_worker(self) -> None:
        self._reads += 1
        reads, team = self._reads, self.ctx.team

        def shown(read: tuple[int, Journey]) -> None:
            if reads == self._reads:  # else a reload has shown newer figures meanwhile
                self._show_read(read)

        def failed(_problem: str) -> None:
            if reads == self._reads:
                self._show_overview()  # says what is wrong the way a reload does

        run_in_worker(lambda _keep_going: self._read_overview(team), shown, failed, self)

    def _show_read(self, read: tuple[int, Journey]) -> None:
        version, journey = read
        self._unkept = (version, first_screen.figures_of(journey))
        if self.isVisible():
            self._keep_for_first_screen()
        self.overview.show_journey(journey)

    def _keep_for_first_screen(self) -> None:
        """What the overview shows goes into the file for the next start's first frame
        (teamkeel.ui.first_screen.journey), once the lead has seen it: a tab built out of
        sight keeps nothing, so that it never writes to a file nobody looked at."""
        if self._unkept is not None:
            version, figures = self._unkept
            self._unkept = None
            self.ctx.team.keep_derived(first_screen.KEPT_AS, version, figures)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._keep_for_first_screen()

    def _on_changed(self, key: str) -> None:
        # Goals too: a delivered skill-share project is one of the stories.
        if key in (self.key, "goals"):
            self.reload()

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(PAGES.index(name))

    def go_to(self, check: Check) -> None:
        if check.target == self.key:
            self.show_page(check.section or "overview")
            return
        select = getattr(self.window(), "select_tab", None)
        if select is None or not select(check.target):
            self.ctx.prompts.info(
                _("Journey"), _("This is done in the {target} tab.").format(target=check.target)
            )

    # -- exports ---------------------------------------------------------------------
    def _make_exports(self) -> list[QAction]:
        # Loaded when an export is chosen: the PDF library is not needed to show the tab.
        def exports() -> types.ModuleType:
            from teamkeel.core.journey import exports as module

            return module

        today = dt.date.today()
        quarter = today - dt.timedelta(days=91)

        def paper() -> str:  # Preferences → Paper size, as it is when the export runs
            return options.current(options.PAPER_SIZE)

        specs: list[tuple[str, str, str, Callable[[Path], object]]] = [
            (_("Where we are (PDF)…"), "where-we-are.pdf", "PDF (*.pdf)",
             lambda p: exports().export_journey(self.ctx.team, p, paper=paper())),
            (_("Diagnosis (PDF)…"), "diagnosis.pdf", "PDF (*.pdf)",
             lambda p: exports().export_diagnosis(self.ctx.team, p, paper())),
            (_("Charter section (PDF or Markdown)…"), "support-and-communication.pdf",
             "PDF (*.pdf);;Markdown (*.md)",
             lambda p: exports().export_charter(self.ctx.team, p, paper())),
            (_("Stories of the last quarter (PDF)…"), "stories.pdf", "PDF (*.pdf)",
             lambda p: exports().export_stories(self.ctx.team, p, quarter, today, paper())),
        ]  # fmt: skip
        actions = []
        for text, suggested, filters, write in specs:
            action = QAction(text, self)
            action.triggered.connect(
                lambda _=False, t=text, s=suggested, f=filters, w=write: self._export(t, s, f, w)
            )
            actions.append(action)
        return actions

    def _export(self, title: str, suggested: str, filters: str,
                write: Callable[[Path], object]) -> None:  # fmt: skip
        def chosen(path: str) -> None:
            try:
                write(Path(path))
            except (KeelError, OSError) as exc:
                self.ctx.prompts.error(_("Export"), str(exc))

        self.ctx.prompts.save_file(title.rstrip("…"), filters, chosen, suggested)

    def export_actions(self) -> list[QAction]:
        return self._exports

    def save_state(self) -> dict[str, Any]:
        return {"page": self.nav.currentRow(), "listening": self.listening.splitter.sizes()}

    def restore_state(self, state: dict[str, Any]) -> None:
        page = state.get("page")
        if isinstance(page, int) and 0 <= page < len(PAGES):
            self.nav.setCurrentRow(page)
        sizes = state.get("listening")
        if isinstance(sizes, list) and all(isinstance(x, int) for x in sizes):
            self.listening.splitter.setSizes(sizes)
