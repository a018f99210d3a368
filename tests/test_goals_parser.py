"""Goal lines in the stand-up quick entry: ``goal @Ana ...; support @Bo ...`` and marks."""

from __future__ import annotations

import pytest

from teamkeel.core.standup.entries import MemberRef
from teamkeel.core.standup.parser import (
    EntryProblem,
    ParsedGoal,
    ParsedGoalMark,
    ParsedKudos,
    parse_entry,
    parse_goal_entry,
)

TEAM = [
    MemberRef(1, "Ana Lima"),
    MemberRef(2, "Bo"),
    MemberRef(3, "Zoë Martin"),
    MemberRef(4, "李娜"),
]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "goal @Ana ship the export dialog; support @Bo review the migration PR",
            ParsedGoal(1, ("ship the export dialog",), 2, "review the migration PR"),
        ),
        (
            "Goal @ana lima fix the flaky test; write the runbook",
            ParsedGoal(1, ("fix the flaky test", "write the runbook")),
        ),
        (
            "goal @李娜 support @zoe: pair on the dashboard",
            ParsedGoal(4, (), 3, "pair on the dashboard"),
        ),
        (
            "goal @Bo tidy the backlog support @Ana walk her through CI",
            ParsedGoal(2, ("tidy the backlog",), 1, "walk her through CI"),
        ),
        ("done @Ana support", ParsedGoalMark(1, "support", "done")),
        ("partly @Bo goal", ParsedGoalMark(2, "goal", "partly")),
        ("not done @Zoë", ParsedGoalMark(3, "all", "not_done")),
    ],
)
def test_goal_lines(line: str, expected: object) -> None:
    assert parse_goal_entry(line, TEAM) == expected


@pytest.mark.parametrize(
    ("line", "message", "fragment"),
    [
        ("goal Ana ship it", "Whose goal?", "goal"),
        ("goal @Ana", "Say what they will deliver", ""),
        ("goal @Ana ship it; support @Ana myself", "cannot support themselves", "@Ana"),
        ("goal @Ana ship it; support @Bo", "Say what the supportive action is", "support @Bo"),
        ("goal @Xi ship it", "Nobody on the roster is called “Xi”", "@Xi"),
        ("done @Ana everything", "write “goal” or “support”", "everything"),
    ],
)
def test_goal_line_problems_point_at_the_fragment(line: str, message: str, fragment: str) -> None:
    problems = parse_goal_entry(line, TEAM)
    assert isinstance(problems, list) and problems
    first = problems[0]
    assert isinstance(first, EntryProblem) and message in first.message
    if fragment:
        assert line[first.start : first.end].strip() == fragment.strip()


def test_other_lines_are_left_to_the_stand_up_parser() -> None:
    line = "kudos @Ana -> @Bo reviewed my PR"
    assert parse_goal_entry(line, TEAM) is None
    assert isinstance(parse_entry(line, TEAM), ParsedKudos)
    assert parse_goal_entry("goalkeeper @Ana", TEAM) is None
