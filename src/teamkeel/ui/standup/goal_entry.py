"""Goal lines typed in the stand-up quick entry (``goal @Ana ...; support @Bo ...`` and
``done @Ana support``): read, described while typing, and recorded as undo steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.weekly import GoalStatus
from teamkeel.core.goals.weeks import week_label
from teamkeel.core.i18n import _
from teamkeel.core.standup.parser import (
    EntryProblem,
    NameIndex,
    ParsedGoal,
    ParsedGoalMark,
    parse_goal_entry,
)
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup.goal_edits import GoalEdits
from teamkeel.ui.standup.goals_grid import WeeklyGoalsPanel


class GoalEntry:
    def __init__(self, ctx: AppContext, day: Callable[[], dt.date]) -> None:
        self.day = day
        self.panel = WeeklyGoalsPanel(GoalEdits(ctx, after=lambda: self.panel.reload()))
        self.panel.day = day
        self.edits = self.panel.edits

    def describe(self, text: str, names: NameIndex) -> str | None:
        """None when the line is not about goals; "" while it cannot be read yet."""
        parsed = parse_goal_entry(text, names)
        if parsed is None:
            return None
        if isinstance(parsed, list):
            return ""
        return self._sentence(parsed, names)

    def submit(self, text: str, names: NameIndex) -> str | list[EntryProblem] | None:
        """Record a goal line: what was done, its problems, or None if not a goal line."""
        parsed = parse_goal_entry(text, names)
        if parsed is None or isinstance(parsed, list):
            return parsed
        name = _names(names).get(parsed.member_id, "?")
        day = self.day()
        try:
            if isinstance(parsed, ParsedGoal):
                self.edits.add(parsed, day, name)
                self.panel.show_week(day)
            else:
                self.edits.mark(parsed, day, name)
        except KeelError as exc:
            return [EntryProblem(0, len(text), str(exc))]
        return _("Recorded: {what}").format(what=self._sentence(parsed, names))

    def _sentence(self, parsed: ParsedGoal | ParsedGoalMark, names: NameIndex) -> str:
        who = _names(names)
        name = who.get(parsed.member_id, "?")
        week = week_label(self.day())
        if isinstance(parsed, ParsedGoalMark):
            mark = {
                "goal": _("{name}'s goals of {week}: {status}"),
                "support": _("{name}'s supportive action of {week}: {status}"),
            }.get(parsed.part, _("{name}'s goals and supportive action of {week}: {status}"))
            return mark.format(name=name, week=week, status=GoalStatus(parsed.status).label)
        goals = "; ".join(parsed.deliverables)
        if parsed.support_to is None:
            return _("{name} will deliver {goals} ({week})").format(
                name=name, goals=goals, week=week
            )
        helped = who.get(parsed.support_to, "?")
        if not parsed.deliverables:
            return _("{name} will support {colleague}: {support} ({week})").format(
                name=name, colleague=helped, support=parsed.support, week=week
            )
        return _("{name} will deliver {goals} and support {colleague}: {support} ({week})").format(
            name=name, goals=goals, colleague=helped, support=parsed.support, week=week
        )


def _names(names: NameIndex) -> dict[int, str]:
    return {m.id: m.name for m in names.members}
