"""Undoable edits of weekly goals, shared by the quick-entry line and the weekly grid.

Each edit keeps the (member, week) pairs it touches: undo puts those back exactly as they
were, redo as they were after the edit (same ids), so later steps that name an item by
id still find it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.weekly import GoalItem, GoalStatus, WeeklyGoals
from teamkeel.core.goals.weeks import monday_of
from teamkeel.core.i18n import _
from teamkeel.core.standup.parser import ParsedGoal, ParsedGoalMark
from teamkeel.ui.context import AppContext
from teamkeel.ui.undo import ServiceCommand, push

KEY = "goals"
Scope = tuple[int, dt.date]


@dataclass
class _ScopeEdit:
    """What a goals edit remembers: its (member, week) pairs before and after it."""

    before: list[GoalItem] | None = None
    after: list[GoalItem] | None = None  # redone as they were, ids kept


class GoalEdits:
    def __init__(self, ctx: AppContext, after: Callable[[], None] = lambda: None) -> None:
        self.ctx = ctx
        self.service = WeeklyGoals(ctx.team)
        self.after = after  # the grid re-reads its week

    def _apply(self, text: str, scopes: Sequence[Scope], change: Callable[[], object]) -> None:
        """Run ``change`` as one undo step named ``text`` over ``scopes``."""
        scopes = [(m, monday_of(w)) for m, w in scopes]
        step = _ScopeEdit()

        def do() -> None:
            if step.after is not None:
                self.service.restore_scope(scopes, step.after)
            else:
                step.before = self.service.scope(scopes)
                change()
                step.after = self.service.scope(scopes)
            self.after()

        def undo() -> None:
            assert step.before is not None
            self.service.restore_scope(scopes, step.before)
            self.after()

        push(self.ctx, ServiceCommand(self.ctx, KEY, text, do, undo))

    # -- from the quick-entry line -----------------------------------------------------
    def add(self, parsed: ParsedGoal, day: dt.date, name: str) -> None:
        def change() -> None:
            self.service.add(
                parsed.member_id, day, parsed.deliverables, parsed.support_to, parsed.support
            )

        what = (
            _("Set {name}'s goals") if parsed.deliverables else _("Set {name}'s supportive action")
        )
        self._apply(what.format(name=name), [(parsed.member_id, day)], change)

    def mark(self, parsed: ParsedGoalMark, day: dt.date, name: str) -> list[GoalItem]:
        """Mark the member's items of the stand-up's week; returns them as marked."""
        items = self.items_of(parsed.member_id, day, parsed.part)
        if not items:
            text = {
                "goal": _("{name} has no deliverable set for this week yet."),
                "support": _("{name} has no supportive action set for this week yet."),
            }.get(parsed.part, _("{name} has no goal set for this week yet."))
            raise KeelError(text.format(name=name))
        label = GoalStatus(parsed.status).label
        part = {"goal": "goal", "support": "support"}.get(parsed.part, "goals")
        self.set_status(
            [i.id for i in items],
            GoalStatus(parsed.status),
            day,
            f"Mark {name}'s {part} {label}",
            [(parsed.member_id, day)],
        )
        return [self.service.get(i.id) for i in items]

    def items_of(self, member_id: int, day: dt.date, part: str) -> list[GoalItem]:
        items = [i for i in self.service.week(day) if i.member_id == member_id]
        if part == "goal":
            return [i for i in items if not i.is_support]
        if part == "support":
            return [i for i in items if i.is_support]
        return items

    # -- from the grid -----------------------------------------------------------------
    def set_status(
        self,
        item_ids: Sequence[int],
        status: GoalStatus,
        on: dt.date,
        text: str,
        scopes: Sequence[Scope],
    ) -> None:
        def change() -> None:
            for item_id in item_ids:
                self.service.set_status(item_id, status, on)

        self._apply(text, scopes, change)

    def carry_over(self, items: Sequence[GoalItem], name: str) -> None:
        unfinished = [i for i in items if i.status is not GoalStatus.DONE]
        if not unfinished:
            raise KeelError(_("Nothing unfinished to carry over here."))
        week = unfinished[0].week_start
        scopes = [
            (unfinished[0].member_id, week),
            (unfinished[0].member_id, week + dt.timedelta(days=7)),
        ]

        def change() -> None:
            for item in unfinished:
                self.service.carry_over(item.id)

        self._apply(
            _("Carry {name}'s unfinished goals to next week").format(name=name), scopes, change
        )

    def set_deliverables(
        self, member_id: int, week: dt.date, texts: Sequence[str], name: str
    ) -> None:
        """Make the member's deliverables of a week read ``texts`` (in order): existing
        ones are renamed, extra ones added, missing ones removed."""

        def change() -> None:
            current = [i for i in self.items_of(member_id, week, "goal")]
            for item, text in zip(current, texts, strict=False):
                if item.text != text:
                    self.service.edit(item.id, text)
            for item in current[len(texts) :]:
                self.service.delete(item.id)
            if len(texts) > len(current):
                self.service.add(member_id, week, list(texts[len(current) :]))

        self._apply(f"Edit {name}'s goals", [(member_id, week)], change)

    def set_support(
        self, member_id: int, week: dt.date, colleague_id: int | None, text: str, name: str
    ) -> None:
        """Set (or with no colleague, remove) the member's supportive action of a week."""

        def change() -> None:
            current = self.items_of(member_id, week, "support")
            if colleague_id is None:
                for item in current:
                    self.service.delete(item.id)
            elif current:
                self.service.edit(current[0].id, text, colleague_id)
            else:
                self.service.add(member_id, week, [], colleague_id, text)

        self._apply(
            _("Edit {name}'s supportive action").format(name=name), [(member_id, week)], change
        )

    def delete(self, items: Sequence[GoalItem], name: str) -> None:
        if not items:
            return
        scopes = [(i.member_id, i.week_start) for i in items]

        def change() -> None:
            for item in items:
                self.service.delete(item.id)

        self._apply(f"Remove {name}'s goals", scopes, change)
