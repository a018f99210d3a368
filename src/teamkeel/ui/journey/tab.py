"""The Journey tab: an overview of the four phases and the pages where Phase 1, the
pilot and the stories are worked on. Every edit is an undo step with a name."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.errors import KeelError
from teamkeel.core.journey.checks import Check
from teamkeel.core.journey.listening import Answer, ListeningRound
from teamkeel.core.journey.progress import journey_of
from teamkeel.core.journey.records import Feedback, Pilot, Story
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.journey.starting_point import Placement
from teamkeel.core.roster import RosterService
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.validation import machine_timezone
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.context import AppContext
from teamkeel.ui.journey.listening_page import ListeningPage
from teamkeel.ui.journey.overview import Overview
from teamkeel.ui.journey.pilot_page import PilotPage
from teamkeel.ui.journey.starting_page import StartingPage
from teamkeel.ui.journey.stories_page import StoriesPage
from teamkeel.ui.undo import ServiceCommand, push

PAGES = ("overview", "listening", "starting", "pilot", "stories")
PAGE_TITLES = ("Where we are", "Listening", "Starting point", "Pilot feedback", "Stories")


# What each undo step remembers between its first run and a later undo or redo: what it
# stored (redo brings it back with the same id) or what it removed (undo puts it back).
@dataclass
class _KeptRound:
    round: ListeningRound | None = None


@dataclass
class _KeptAnswer:
    answer: Answer | None = None


@dataclass
class _RemovedAnswer:
    round_id: int | None = None  # the round it belonged to


@dataclass
class _KeptPlacement:
    placement: Placement | None = None


@dataclass
class _KeptRitual:
    ritual: Ritual | None = None


@dataclass
class _PilotBefore:
    pilot: Pilot | None = None  # None: the ritual was not in pilot


@dataclass
class _KeptFeedback:
    feedback: Feedback | None = None


@dataclass
class _KeptStory:
    story: Story | None = None


class JourneyTab(BaseTab):
    key = "journey"
    title = "Journey"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = JourneyService(ctx.team)
        self.calendar = CalendarService(ctx.team)
        self.overview = Overview(self.go_to, self.set_program_start)
        self.listening = ListeningPage(self)
        self.starting = StartingPage(self)
        self.pilot = PilotPage(self)
        self.stories = StoriesPage(self)
        self.pages = QStackedWidget()
        for page in (self.overview, self.listening, self.starting, self.pilot, self.stories):
            self.pages.addWidget(page)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Journey pages")
        self.nav.setObjectName("journey_nav")
        self.nav.addItems(PAGE_TITLES)
        self.nav.setFixedWidth(150)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self._exports = self._make_exports()
        self.track(ctx.changed, self._on_changed)
        self.reload()

    # -- showing ---------------------------------------------------------------------
    def reload(self) -> None:
        self.overview.show_journey(journey_of(self.ctx.team))
        for page in (self.listening, self.starting, self.pilot, self.stories):
            page.reload()

    def _on_changed(self, key: str) -> None:
        if key == self.key:
            self.reload()

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(PAGES.index(name))

    def go_to(self, check: Check) -> None:
        if check.target == self.key:
            self.show_page(check.section or "overview")
            return
        select = getattr(self.window(), "select_tab", None)
        if select is None or not select(check.target):
            self.ctx.prompts.info("Journey", f"This is done in the {check.target} tab.")

    def members(self) -> list[Member]:
        return RosterService(self.ctx.team).list_members()

    # -- undo steps ------------------------------------------------------------------
    def _push(self, text: str, do: Callable[[], object], undo: Callable[[], object],
              also: str | None = None) -> None:  # fmt: skip
        def notify() -> None:
            self.ctx.changed.emit(self.key)
            if also:
                self.ctx.changed.emit(also)

        push(self.ctx, ServiceCommand(self.ctx, self.key, text, do, undo, notify))

    def _saying(self, say: Callable[[KeelError], None], edit: Callable[[], None]) -> bool:
        try:
            edit()
        except KeelError as exc:
            say(exc)
            return False
        return True

    def set_program_start(self, day: dt.date) -> None:
        before = self.service.program_start()
        self._push(f"Set program start to {day:%d %b %Y}",
                   lambda: self.service.set_program_start(day),
                   lambda: self.service.set_program_start(before))  # fmt: skip

    def add_round(self, day: dt.date) -> None:
        step = _KeptRound()

        def do() -> None:
            made = step.round
            if made is not None:  # redo: the same round, with the same number
                self.service.add_round(made.held_on, made.questions, (), made.id)
            else:
                step.round = self.service.add_round(day)

        def undo() -> None:
            assert step.round is not None
            self.service.delete_round(step.round.id or 0)

        self._push("New listening round", do, undo)

    def delete_round(self, round_: ListeningRound) -> None:
        def undo() -> None:
            self.service.add_round(round_.held_on, round_.questions, round_.answers, round_.id)

        self._push(f"Delete listening round of {round_.held_on:%d %b}",
                   lambda: self.service.delete_round(round_.id or 0), undo)  # fmt: skip

    def edit_round(self, round_: ListeningRound, day: dt.date, questions: tuple[str, ...],
                   say: Callable[[KeelError], None]) -> bool:  # fmt: skip
        rid = round_.id or 0
        return self._saying(say, lambda: self._push(
            "Edit listening round",
            lambda: self.service.update_round(rid, day, questions),
            lambda: self.service.update_round(rid, round_.held_on, round_.questions)))  # fmt: skip

    def add_answer(self, round_id: int, answer: Answer, say: Callable[[KeelError], None]) -> bool:
        step = _KeptAnswer()

        def do() -> None:
            again = step.answer if step.answer is not None else answer
            step.answer = self.service.add_answer(round_id, again)

        def undo() -> None:
            assert step.answer is not None
            self.service.delete_answer(step.answer.id or 0)

        return self._saying(say, lambda: self._push("Add listening answer", do, undo))

    def set_themes(self, answer: Answer, keys: tuple[str, ...],
                   say: Callable[[KeelError], None]) -> bool:  # fmt: skip
        aid = answer.id or 0
        return self._saying(say, lambda: self._push(
            "Change an answer's themes",
            lambda: self.service.set_themes(aid, keys),
            lambda: self.service.set_themes(aid, answer.themes)))  # fmt: skip

    def remove_answer(self, answer: Answer) -> None:
        step = _RemovedAnswer()

        def do() -> None:
            step.round_id, _ = self.service.delete_answer(answer.id or 0)

        def undo() -> None:
            assert step.round_id is not None
            self.service.add_answer(step.round_id, answer)

        self._push("Remove listening answer", do, undo)

    def assess(self, answers: tuple[int, ...], day: dt.date) -> None:
        kept = _KeptPlacement()

        def do() -> None:
            again = kept.placement.id if kept.placement is not None else None
            kept.placement = self.service.assess(answers, day, again)

        def undo() -> None:
            assert kept.placement is not None
            self.service.delete_placement(kept.placement.id or 0)

        self._push("Take the starting-point assessment", do, undo)

    def add_first_step(self, placement: Placement) -> None:
        step = placement.first_step
        start = dt.date.today() + dt.timedelta(days=(7 - dt.date.today().weekday()) % 7 or 7)
        ritual = Ritual(
            kind=step.ritual_kind,
            title=step.title,
            start=dt.datetime.combine(start, dt.time(10)),
            timezone=self._timezone(),
            duration_minutes=step.duration_minutes,
            recurrence=Recurrence(step.freq, interval=step.interval, count=step.count),
            notes=step.why,
        )
        kept = _KeptRitual()

        def do() -> None:
            kept.ritual = self.calendar.add(kept.ritual if kept.ritual is not None else ritual)
            self.service.link_first_step(placement.id or 0, kept.ritual.id)

        def undo() -> None:
            assert kept.ritual is not None
            self.service.link_first_step(placement.id or 0, None)
            self.calendar.delete(kept.ritual.id or 0)

        self._push(f"Add “{step.title}” to the calendar", do, undo, also="calendar")

    def _timezone(self) -> str:
        rituals = self.calendar.list_rituals()
        return rituals[-1].timezone if rituals else machine_timezone()

    def set_pilot(self, ritual_id: int, since: dt.date, members: tuple[int, ...] | None,
                  strict: bool = False) -> None:  # fmt: skip
        step = _PilotBefore()

        def do() -> None:
            step.pilot = self.service.set_pilot(ritual_id, since, members)

        def undo() -> None:
            self.service.restore_pilot(ritual_id, step.pilot)

        try:
            self._push("Change the pilot group" if strict else "Mark ritual as in pilot", do, undo)
        except KeelError:
            if strict:
                raise
            self.reload()

    def end_pilot(self, ritual_id: int) -> None:
        step = _PilotBefore()

        def do() -> None:
            step.pilot = self.service.end_pilot(ritual_id)

        def undo() -> None:
            self.service.restore_pilot(ritual_id, step.pilot)

        self._push("End ritual's pilot", do, undo)

    def add_feedback(self, entry: Feedback) -> None:
        step = _KeptFeedback()

        def do() -> None:
            again = step.feedback if step.feedback is not None else entry
            step.feedback = self.service.add_feedback(again)

        def undo() -> None:
            assert step.feedback is not None
            self.service.remove_feedback(step.feedback.id or 0)

        title = f"Record feedback ({entry.decision})"
        self._push(title, do, undo, also="calendar" if entry.decision == "drop" else None)

    def remove_feedback(self, feedback_id: int) -> None:
        step = _KeptFeedback()

        def do() -> None:
            step.feedback = self.service.remove_feedback(feedback_id)

        def undo() -> None:
            assert step.feedback is not None
            self.service.add_feedback(step.feedback)

        self._push("Remove feedback", do, undo, also="calendar")

    def add_story(self, story: Story) -> None:
        step = _KeptStory()

        def do() -> None:
            step.story = self.service.add_story(step.story if step.story is not None else story)

        def undo() -> None:
            assert step.story is not None
            self.service.delete_story(step.story.id or 0)

        self._push(f"Add story “{story.outcome.strip()[:40]}”", do, undo)

    def remove_story(self, story_id: int) -> None:
        step = _KeptStory()

        def do() -> None:
            step.story = self.service.delete_story(story_id)

        def undo() -> None:
            assert step.story is not None
            self.service.add_story(replace(step.story))

        self._push("Remove story", do, undo)

    # -- exports ---------------------------------------------------------------------
    def _make_exports(self) -> list[QAction]:
        # Loaded when an export is chosen: the PDF library is not needed to show the tab.
        def exports() -> types.ModuleType:
            from teamkeel.core.journey import exports as module

            return module

        today = dt.date.today()
        quarter = today - dt.timedelta(days=91)
        specs: list[tuple[str, str, str, Callable[[Path], object]]] = [
            ("Where we are (PDF)…", "where-we-are.pdf", "PDF (*.pdf)",
             lambda p: exports().export_journey(self.ctx.team, p)),
            ("Diagnosis (PDF)…", "diagnosis.pdf", "PDF (*.pdf)",
             lambda p: exports().export_diagnosis(self.ctx.team, p)),
            ("Charter section (PDF or Markdown)…", "support-and-communication.pdf",
             "PDF (*.pdf);;Markdown (*.md)", lambda p: exports().export_charter(self.ctx.team, p)),
            ("Stories of the last quarter (PDF)…", "stories.pdf", "PDF (*.pdf)",
             lambda p: exports().export_stories(self.ctx.team, p, quarter, today)),
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
                self.ctx.prompts.error("Export", str(exc))

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
