"""Goal lines typed in the stand-up quick entry (``goal @Ana ...; support @Bo ...`` and
``done @Ana support``): read, described while typing, and recorded as undo steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.weekly import GoalStatus
from teamkeel.core.goals.weeks import week_label
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
        return f"Recorded: {self._sentence(parsed, names)}"

    def _sentence(self, parsed: ParsedGoal | ParsedGoalMark, names: NameIndex) -> str:
        who = _names(names)
        name = who.get(parsed.member_id, "?")
        week = week_label(self.day())
        if isinstance(parsed, ParsedGoalMark):
            part = {"goal": "goals", "support": "supportive action"}.get(
                parsed.part, "goals and supportive action"
            )
            return f"{name}'s {part} of {week}: {GoalStatus(parsed.status).label}"
        parts = []
        if parsed.deliverables:
            parts.append(f"{name} will deliver {'; '.join(parsed.deliverables)}")
        if parsed.support_to is not None:
            lead = "and" if parts else name
            parts.append(f"{lead} support {who.get(parsed.support_to, '?')}: {parsed.support}")
        return f"{' '.join(parts)} ({week})"


def _names(names: NameIndex) -> dict[int, str]:
    return {m.id: m.name for m in names.members}
