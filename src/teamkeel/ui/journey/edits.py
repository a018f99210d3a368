"""The Journey's edits, each one undo step with a name. The pages call these; the tab
only shows them, so a page needs this class and not the tab that holds it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, format_date
from teamkeel.core.journey.listening import Answer, ListeningRound
from teamkeel.core.journey.records import Feedback, Pilot, Story, decision_label
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.journey.starting_point import Placement
from teamkeel.core.roster import RosterService
from teamkeel.core.roster.member import Member
from teamkeel.ui import options
from teamkeel.ui.context import AppContext
from teamkeel.ui.undo import ServiceCommand, push


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


class JourneyEdits:
    def __init__(self, ctx: AppContext, key: str, reload: Callable[[], None]):
        self.ctx = ctx
        self.service = JourneyService(ctx.team)
        self.calendar = CalendarService(ctx.team)
        self._key = key
        self._reload = reload  # shows the pages again when an edit was refused

    def members(self) -> list[Member]:
        return RosterService(self.ctx.team).list_members()

    def _push(self, text: str, do: Callable[[], object], undo: Callable[[], object],
              also: str | None = None) -> None:  # fmt: skip
        def notify() -> None:
            self.ctx.changed.emit(self._key)
            if also:
                self.ctx.changed.emit(also)

        push(self.ctx, ServiceCommand(self.ctx, self._key, text, do, undo, notify))

    def _saying(self, say: Callable[[KeelError], None], edit: Callable[[], None]) -> bool:
        try:
            edit()
        except KeelError as exc:
            say(exc)
            return False
        return True

    def set_program_start(self, day: dt.date) -> None:
        before = self.service.program_start()
        self._push(_("Set program start to {day}").format(day=format_date(day, "dd MMM y")),
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

        self._push(_("New listening round"), do, undo)

    def delete_round(self, round_: ListeningRound) -> None:
        def undo() -> None:
            self.service.add_round(round_.held_on, round_.questions, round_.answers, round_.id)

        self._push(_("Delete listening round of {day}").format(day=format_date(round_.held_on, "d MMM")),
                   lambda: self.service.delete_round(round_.id or 0), undo)  # fmt: skip

    def edit_round(self, round_: ListeningRound, day: dt.date, questions: tuple[str, ...],
                   say: Callable[[KeelError], None]) -> bool:  # fmt: skip
        rid = round_.id or 0
        return self._saying(say, lambda: self._push(
            _("Edit listening round"),
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

        return self._saying(say, lambda: self._push(_("Add listening answer"), do, undo))

    def set_themes(self, answer: Answer, keys: tuple[str, ...],
                   say: Callable[[KeelError], None]) -> bool:  # fmt: skip
        aid = answer.id or 0
        return self._saying(say, lambda: self._push(
            _("Change an answer's themes"),
            lambda: self.service.set_themes(aid, keys),
            lambda: self.service.set_themes(aid, answer.themes)))  # fmt: skip

    def remove_answer(self, answer: Answer) -> None:
        step = _RemovedAnswer()

        def do() -> None:
            step.round_id, _ = self.service.delete_answer(answer.id or 0)

        def undo() -> None:
            assert step.round_id is not None
            self.service.add_answer(step.round_id, answer)

        self._push(_("Remove listening answer"), do, undo)

    def assess(self, answers: tuple[int, ...], day: dt.date) -> None:
        kept = _KeptPlacement()

        def do() -> None:
            again = kept.placement.id if kept.placement is not None else None
            kept.placement = self.service.assess(answers, day, again)

        def undo() -> None:
            assert kept.placement is not None
            self.service.delete_placement(kept.placement.id or 0)

        self._push(_("Take the starting-point assessment"), do, undo)

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

        self._push(
            _("Add “{title}” to the calendar").format(title=step.title), do, undo, also="calendar"
        )

    def _timezone(self) -> str:
        rituals = self.calendar.list_rituals()
        return rituals[-1].timezone if rituals else options.lead_timezone()

    def set_pilot(self, ritual_id: int, since: dt.date, members: tuple[int, ...] | None,
                  strict: bool = False) -> None:  # fmt: skip
        step = _PilotBefore()

        def do() -> None:
            step.pilot = self.service.set_pilot(ritual_id, since, members)

        def undo() -> None:
            self.service.restore_pilot(ritual_id, step.pilot)

        try:
            self._push(
                _("Change the pilot group") if strict else _("Mark ritual as in pilot"), do, undo
            )
        except KeelError:
            if strict:
                raise
            self._reload()

    def end_pilot(self, ritual_id: int) -> None:
        step = _PilotBefore()

        def do() -> None:
            step.pilot = self.service.end_pilot(ritual_id)

        def undo() -> None:
            self.service.restore_pilot(ritual_id, step.pilot)

        self._push(_("End ritual's pilot"), do, undo)

    def add_feedback(self, entry: Feedback) -> None:
        step = _KeptFeedback()

        def do() -> None:
            again = step.feedback if step.feedback is not None else entry
            step.feedback = self.service.add_feedback(again)

        def undo() -> None:
            assert step.feedback is not None
            self.service.remove_feedback(step.feedback.id or 0)

        title = _("Record feedback ({decision})").format(decision=decision_label(entry.decision))
        self._push(title, do, undo, also="calendar" if entry.decision == "drop" else None)

    def remove_feedback(self, feedback_id: int) -> None:
        step = _KeptFeedback()

        def do() -> None:
            step.feedback = self.service.remove_feedback(feedback_id)

        def undo() -> None:
            assert step.feedback is not None
            self.service.add_feedback(step.feedback)

        self._push(_("Remove feedback"), do, undo, also="calendar")

    def add_story(self, story: Story) -> None:
        step = _KeptStory()

        def do() -> None:
            step.story = self.service.add_story(step.story if step.story is not None else story)

        def undo() -> None:
            assert step.story is not None
            self.service.delete_story(step.story.id or 0)

        self._push(_("Add story “{outcome}”").format(outcome=story.outcome.strip()[:40]), do, undo)

    def remove_story(self, story_id: int) -> None:
        step = _KeptStory()

        def do() -> None:
            step.story = self.service.delete_story(story_id)

        def undo() -> None:
            assert step.story is not None
            self.service.add_story(replace(step.story))

        self._push(_("Remove story"), do, undo)
