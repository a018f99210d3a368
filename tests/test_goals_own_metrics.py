"""The lead's own outcome metrics: added, renamed and removed in Insights' basket, each an
undo step; the built-in five stay; a removal with figures asks first and its undo brings
the figures back; bad input is refused in one line and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.outcomes import Outcomes
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.team_info import create_team


def _own(team) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(m.key, m.name, m.unit) for m in Outcomes(team).metrics() if not m.builtin]


def test_rename_moves_the_key_and_keeps_the_figures(team) -> None:
    outcomes = Outcomes(team)
    outcomes.add_metric("Support-channel response", "hours")
    outcomes.set_values([("support_channel_response", "2026-11", 4.0)])
    before = outcomes.rename_metric("support_channel_response", " First  answer ", "h")
    assert before.name == "Support-channel response"
    assert _own(team) == [("first_answer", "First answer", "h")]
    series = {s.metric.key: s.points for s in outcomes.series()}
    assert series["first_answer"] == (("2026-11", 4.0),)
    assert outcomes.find_metric("first answer").key == "first_answer"


@pytest.mark.parametrize(
    ("key", "name", "said"),
    [
        ("on_time_delivery", "Delivery", "“on_time_delivery” is not a metric the lead added."),
        ("first_answer", "Voluntary leavers", "the basket already has “Voluntary leavers”"),
        ("first_answer", "  ", "give the metric a name"),
        ("nope", "x", "“nope” is not a metric the lead added."),
    ],
)
def test_rename_refusals(team, key, name, said) -> None:
    outcomes = Outcomes(team)
    outcomes.add_metric("First answer", "hours")
    with pytest.raises(KeelError, match=said):
        outcomes.rename_metric(key, name, "")
    assert _own(team) == [("first_answer", "First answer", "hours")]


def test_removing_with_figures_and_restoring_puts_all_back_in_place(team) -> None:
    outcomes = Outcomes(team)
    outcomes.add_metric("First answer", "hours")
    outcomes.add_metric("Pairing sessions", "sessions")
    outcomes.set_values([("first_answer", "2026-10", 5.0), ("first_answer", "2026-11", 4.0)])
    with pytest.raises(KeelError, match="“First answer” has figures: remove them first."):
        outcomes.remove_metric("first_answer")
    gone = outcomes.remove_metric("first_answer", with_figures=True)
    assert _own(team) == [("pairing_sessions", "Pairing sessions", "sessions")]
    outcomes.restore_metric(gone)
    assert [k for k, _n, _u in _own(team)] == ["first_answer", "pairing_sessions"]
    series = {s.metric.key: s.points for s in outcomes.series()}
    assert series["first_answer"] == (("2026-10", 5.0), ("2026-11", 4.0))


@pytest.fixture
def insights(window, team_path: Path, qtbot):  # type: ignore[no-untyped-def]
    with create_team(team_path, "Crew") as team:
        RosterService(team).add_many([Member("Ana"), Member("Bo")])
    assert window.open_file(team_path)
    assert window.select_tab("insights")
    tab = window.tab("insights")
    qtbot.waitUntil(lambda: tab.insights is not None)
    return tab


def _charts(card) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.measure.name for line in card.outcome_lines]


def _wait_for_charts(qtbot, card, check) -> None:  # type: ignore[no-untyped-def]
    """The basket's charts are measured on a worker: wait until they show ``check``."""
    qtbot.waitUntil(lambda: check(_charts(card)), timeout=20_000)


def test_add_rename_and_remove_a_metric_in_the_window(insights, prompts, qtbot) -> None:
    card, stack, team = insights.goals.card, insights.ctx.undo_stack, insights.ctx.team
    assert not card.rename_button.isEnabled()  # a built-in metric is picked
    card.metric_name.setText("First answer in the help channel")
    card.metric_unit.setText("hours")
    card.add_metric_button.click()
    assert _own(team) == [
        ("first_answer_in_the_help_channel", "First answer in the help channel", "hours")
    ]
    assert stack.undoText() == "Add the metric “First answer in the help channel”"
    _wait_for_charts(qtbot, card, lambda c: c[-1] == "First answer in the help channel")
    qtbot.waitUntil(lambda: card.metric_pick.currentData() == "first_answer_in_the_help_channel")
    assert (
        card.rename_button.isEnabled()
        and card.metric_name.text() == "First answer in the help channel"
    )
    # Rename the picked metric to what is typed.
    card.metric_name.setText("First answer")
    card.metric_unit.setText("minutes")
    card.rename_button.click()
    assert _own(team) == [("first_answer", "First answer", "minutes")]
    assert (
        stack.undoText() == "Rename the metric “First answer in the help channel” to “First answer”"
    )
    _wait_for_charts(qtbot, card, lambda c: c[-1] == "First answer" and len(c) == 6)
    assert card.metric_pick.currentText() == "First answer (minutes)"
    stack.undo()
    assert _own(team) == [
        ("first_answer_in_the_help_channel", "First answer in the help channel", "hours")
    ]
    stack.redo()
    _wait_for_charts(qtbot, card, lambda c: c[-1] == "First answer")
    # Figures entered, then the metric removed: asked first, and undo brings them back.
    card.metric_pick.setCurrentIndex(card.metric_pick.findData("first_answer"))
    card.month.setText("2026-11")
    card.value.setText("40")
    card.add_button.click()
    card.remove_button.click()
    assert _own(team) == []
    _wait_for_charts(qtbot, card, lambda c: len(c) == 5)
    assert stack.undoText() == "Remove the metric “First answer”"
    stack.undo()
    series = {s.metric.key: s.points for s in Outcomes(team).series()}
    assert series["first_answer"] == (("2026-11", 40.0),)
    _wait_for_charts(qtbot, card, lambda c: c[-1] == "First answer")
    prompts.confirm_answer = False  # the lead says no: nothing removed
    card.metric_pick.setCurrentIndex(card.metric_pick.findData("first_answer"))
    card.remove_button.click()
    assert [k for k, _n, _u in _own(team)] == ["first_answer"]


def test_a_refused_metric_says_why_in_one_line_and_adds_no_step(insights) -> None:
    card, stack = insights.goals.card, insights.ctx.undo_stack
    steps = stack.count()
    card.metric_name.setText("Voluntary leavers")
    card.add_metric_button.click()
    assert card.problem.text() == "name: the basket already has “Voluntary leavers”"
    card.metric_name.setText("x" * 200)
    card.add_metric_button.click()
    assert card.problem.text() == "name: keep it under 120 characters"
    assert stack.count() == steps and _own(insights.ctx.team) == []


def _run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    from teamkeel.cli import main

    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_renames_and_removes_a_metric(team, team_path, capsys) -> None:
    Outcomes(team).add_metric("Pairing sessions", "sessions")
    db = str(team_path)
    code, out, _ = _run(
        capsys, "outcomes", "metric", "--db", db, "--rename", "pairing sessions",
        "--name", "Pairing hours", "--unit", "hours",
    )  # fmt: skip
    assert (
        code == 0
        and out == "Renamed the metric Pairing sessions to Pairing hours (pairing_hours)\n"
    )
    Outcomes(team).set_values([("pairing_hours", "2026-11", 3.0)])
    code, out, err = _run(capsys, "outcomes", "metric", "--db", db, "--remove", "Pairing hours")
    assert (code, out) == (2, "") and err.strip().endswith(
        "“Pairing hours” has figures: remove them first."
    )
    code, _, err = _run(capsys, "outcomes", "metric", "--db", db, "--remove", "Voluntary leavers")
    assert code == 2 and "is not a metric the lead added" in err
    Outcomes(team).set_values([("pairing_hours", "2026-11", None)])
    code, out, _ = _run(capsys, "outcomes", "metric", "--db", db, "--remove", "pairing_hours")
    assert code == 0 and out == "Removed the metric Pairing hours\n" and _own(team) == []
    code, _, err = _run(capsys, "outcomes", "metric", "--db", db)
    assert code == 2 and "Give the metric's --name" in err


def test_supportive_actions_have_no_figures_before_the_first_one_done() -> None:
    import datetime as dt

    from teamkeel.core.goals.indicators import leading_series
    from teamkeel.core.insights.events import HelpLog, Person, SupportAction

    def actions(log: HelpLog) -> tuple[tuple[str, float], ...]:
        months = ("2026-09", "2026-10", "2026-11", "2026-12")
        found = leading_series(log, [], months)
        return next(s.points for s in found if s.metric.key == "supportive_actions")

    assert actions(HelpLog()) == ()  # not begun: “no figures yet”, not a line of zeros
    people = (Person(1, "Ana", "Developer"), Person(2, "Bo", "QA"))
    done = (SupportAction(dt.date(2026, 10, 7), 1, 2, "pair on the flaky test"),)
    # From the first one done, a month without any is a real zero.
    assert actions(HelpLog(people, supports=done)) == (
        ("2026-10", 1.0),
        ("2026-11", 0.0),
        ("2026-12", 0.0),
    )


def test_undoing_a_goals_edit_stays_on_a_tab_that_shows_goals_else_shows_the_standup(
    insights, prompts
) -> None:  # type: ignore[no-untyped-def]
    window = insights.window()
    card, stack = insights.goals.card, insights.ctx.undo_stack
    card.metric_name.setText("Pairing sessions")
    card.metric_unit.setText("sessions")
    card.add_metric_button.click()
    stack.undo()  # the metric is shown right here: no jump to another tab
    assert window.tab_widget.currentWidget().key == "insights"
    window.select_tab("calendar")
    stack.redo()  # the calendar shows no goals: the goals' home tab comes up
    assert window.tab_widget.currentWidget().key == "standup"
    assert [k for k, _n, _u in _own(insights.ctx.team)] == ["pairing_sessions"]
