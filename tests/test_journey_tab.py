"""The Journey tab through pytest-qt: first in the bar but not where a new user starts,
checks that go to their place, fast answer entry with theme chips, the anonymity
minimum in the window, the starting point, pilot feedback and stories, all undoable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.journey.records import Feedback
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.team_info import create_team

TODAY = dt.date.today()


@pytest.fixture
def team_file(team_path: Path) -> Path:
    with create_team(team_path, "Crew") as team:
        RosterService(team).add_many([Member(name=n) for n in ("Ana", "Bo", "Cy")])
        CalendarService(team).add(
            Ritual(
                kind="pairing",
                title="Pairing session",
                start=dt.datetime.combine(TODAY - dt.timedelta(days=30), dt.time(14)),
                timezone="Europe/Berlin",
                duration_minutes=60,
                recurrence=Recurrence("weekly"),
            )
        )
    return team_path


@pytest.fixture
def tab(window, team_file, qtbot):  # type: ignore[no-untyped-def]
    assert window.open_file(team_file)
    assert window.select_tab("journey")
    return window.tab("journey")


def _undo_texts(tab) -> list[str]:  # type: ignore[no-untyped-def]
    stack = tab.ctx.undo_stack
    return [stack.text(i) for i in range(stack.count())]


def test_journey_is_the_first_tab_but_a_new_window_starts_on_the_roster(window, team_file) -> None:
    assert window.open_file(team_file)
    assert window.tab_widget.tabText(0) == "Journey"
    assert window.slots[window.tab_widget.currentIndex()].key == "roster"


def test_the_tab_shown_last_is_remembered_by_its_key(qtbot, prompts, team_file, tmp_path) -> None:
    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings, prompts)  # type: ignore[arg-type]
    qtbot.addWidget(first)
    first.open_file(team_file)
    first.select_tab("insights")
    first.close()
    second = MainWindow(settings, prompts)  # type: ignore[arg-type]
    qtbot.addWidget(second)
    second.open_file(team_file)
    assert second.slots[second.tab_widget.currentIndex()].key == "insights"


def test_go_there_opens_the_place_of_a_check(window, tab, qtbot) -> None:
    qtbot.mouseClick(tab.overview.buttons["compact"], Qt.MouseButton.LeftButton)
    assert window.slots[window.tab_widget.currentIndex()].key == "compact"
    window.select_tab("journey")
    qtbot.mouseClick(tab.overview.buttons["listening"], Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is tab.listening


def test_program_start_is_set_once_and_undoable(tab) -> None:
    tab.edits.set_program_start(dt.date(2026, 1, 5))
    assert JourneyService(tab.ctx.team).program_start() == dt.date(2026, 1, 5)
    assert "2026-01-05" in tab.overview.start.date().toString("yyyy-MM-dd")
    assert _undo_texts(tab)[-1] == "Set program start to 05 Jan 2026"
    tab.ctx.undo_stack.undo()
    assert JourneyService(tab.ctx.team).program_start() is None


def _type_answer(qtbot, page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.entry.clear()
    qtbot.keyClicks(page.entry, text)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)


def test_fast_answer_entry_with_theme_chips_and_undo(tab, qtbot) -> None:
    page = tab.listening
    tab.show_page("listening")
    qtbot.mouseClick(tab.listening.findChild(type(page.delete_round_button), "listening_new_round"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert page.current is not None
    qtbot.keyClicks(page.entry, "no time between meetings")
    assert page.suggestion.text() == "Keel suggests: Time"
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert page.entry.text() == ""  # ready for the next answer
    (row,) = page.rows
    assert row.chips["time"].isChecked() and not row.chips["fear"].isChecked()
    qtbot.mouseClick(row.chips["fear"], Qt.MouseButton.LeftButton)
    answer = JourneyService(tab.ctx.team).rounds()[0].answers[0]
    assert answer.themes == ("time", "fear")
    assert _undo_texts(tab)[-2:] == ["Add listening answer", "Change an answer's themes"]
    tab.ctx.undo_stack.undo()
    assert JourneyService(tab.ctx.team).rounds()[0].answers[0].themes == ("time",)
    assert page.rows[0].chips["fear"].isChecked() is False


def test_an_empty_answer_is_refused_in_place(tab, qtbot) -> None:
    tab.edits.add_round(TODAY)
    page = tab.listening
    _type_answer(qtbot, page, "   ")
    assert "empty" in page.problem.text()
    assert JourneyService(tab.ctx.team).rounds()[0].answers == ()


def test_the_picture_stays_hidden_below_the_anonymity_minimum(tab, qtbot) -> None:
    tab.edits.add_round(TODAY)
    page = tab.listening
    for i in range(4):
        _type_answer(qtbot, page, f"I am afraid to ask, reason {i}")
    text = page.picture_label.text()
    assert "at least 5 people" in text and "afraid" not in text
    _type_answer(qtbot, page, "no time at all")
    text = page.picture_label.text()
    assert "afraid" in text and "Fear of looking incompetent" in text


def test_the_starting_point_and_its_first_step_in_the_calendar(tab, qtbot) -> None:
    tab.show_page("starting")
    dialog = tab.starting.open_dialog()
    for key, value in zip(("mistakes", "questions"), (1, 2), strict=True):
        dialog.findChild(type(dialog.groups[0].button(1)), f"assess_{key}_{value}").setChecked(True)
    dialog._done()
    assert "gym membership" in tab.starting.result.text()
    calendar = CalendarService(tab.ctx.team)
    before = len(calendar.list_rituals())
    qtbot.mouseClick(tab.starting.add_step, Qt.MouseButton.LeftButton)
    added = [r for r in calendar.list_rituals() if r.title.startswith("Anonymous retrospective")]
    assert len(added) == 1 and added[0].recurrence.freq == "once"
    assert JourneyService(tab.ctx.team).placements()[-1].ritual_id == added[0].id
    assert not tab.starting.add_step.isEnabled()
    tab.ctx.undo_stack.undo()
    assert len(calendar.list_rituals()) == before
    tab.ctx.undo_stack.undo()
    assert JourneyService(tab.ctx.team).placements() == []


def test_pilot_and_a_drop_decision_end_the_ritual_undoably(tab, qtbot) -> None:
    page = tab.pilot
    tab.show_page("pilot")
    item = page.rituals.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    (pilot,) = JourneyService(tab.ctx.team).pilots()
    assert pilot.title == "Pairing session"
    qtbot.keyClicks(page.awkward, "nobody had the time")
    page.decision.setCurrentText("drop")
    qtbot.mouseClick(
        page.findChild(type(page.decision), "feedback_decision"), Qt.MouseButton.NoButton
    )
    page.record()
    calendar = CalendarService(tab.ctx.team)
    assert calendar.list_rituals()[0].recurrence.until == TODAY - dt.timedelta(days=1)
    assert page.history.count() == 1
    assert _undo_texts(tab)[-1] == "Record feedback (drop)"
    tab.ctx.undo_stack.undo()
    assert calendar.list_rituals()[0].recurrence.until is None


def test_adjust_without_a_change_is_refused_in_place(tab, qtbot) -> None:
    page = tab.pilot
    page.rituals.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(page.useful, "good")
    page.decision.setCurrentText("adjust")
    page.record()
    assert "what changes" in page.problem.text()
    assert JourneyService(tab.ctx.team).feedback() == []


def test_stories_written_directly_and_undone(tab, qtbot) -> None:
    page = tab.stories
    qtbot.keyClicks(page.outcome, "First SQL dashboard")
    page.text.setPlainText("Paired with the analyst for three sessions.")
    page.add()
    (story,) = JourneyService(tab.ctx.team).stories()
    assert story.outcome == "First SQL dashboard" and page.list.count() == 1
    tab.ctx.undo_stack.undo()
    assert JourneyService(tab.ctx.team).stories() == []
    assert page.list.count() == 0


def test_export_actions_write_the_pdfs(tab, prompts, tmp_path) -> None:
    out = tmp_path / "where.pdf"
    prompts.files.append(str(out))
    tab.export_actions()[0].trigger()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert prompts.errors == []


def test_calendar_ritual_details_show_the_pilot_and_open_the_feedback_form(
    window, tab, qtbot
) -> None:
    ritual = CalendarService(tab.ctx.team).list_rituals()[0]
    assert ritual.id is not None
    tab.edits.set_pilot(ritual.id, TODAY - dt.timedelta(days=20), None)
    tab.edits.add_feedback(
        Feedback(ritual.id, TODAY - dt.timedelta(days=6), "adjust", useful="ok", change="shorter")
    )
    assert window.select_tab("calendar")
    calendar = window.tab("calendar")
    occ = next(o for o in calendar.occurrences if o.ritual_id == ritual.id)
    calendar.select(occ)
    assert "In pilot since" in calendar.details.pilot.text()
    assert "adjust: shorter" in calendar.details.pilot.text()
    qtbot.mouseClick(calendar.details.feedback_button, Qt.MouseButton.LeftButton)
    assert window.slots[window.tab_widget.currentIndex()].key == "journey"
    assert tab.pages.currentWidget() is tab.pilot
    assert tab.pilot.ritual.currentData() == ritual.id


def test_pilot_group_of_some_members(tab) -> None:
    page = tab.pilot
    page.rituals.item(0).setCheckState(Qt.CheckState.Checked)
    page.rituals.setCurrentRow(0)
    dialog = page.open_group_dialog()
    assert dialog is not None
    dialog.everyone.setChecked(False)
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog._done()
    (pilot,) = JourneyService(tab.ctx.team).pilots()
    assert pilot.members is not None and len(pilot.members) == 1
    assert _undo_texts(tab)[-1] == "Change the pilot group"
    # Nobody ticked: refused in the dialog, nothing changes.
    dialog = page.open_group_dialog()
    assert dialog is not None
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog._done()
    assert "at least one member" in dialog.problem.text()
    assert JourneyService(tab.ctx.team).pilots()[0].members == pilot.members


def test_a_deleted_round_comes_back_whole_on_undo(tab, qtbot) -> None:
    tab.edits.add_round(TODAY)
    page = tab.listening
    for text in ("no time", "afraid to ask"):
        _type_answer(qtbot, page, text)
    page.questions.setPlainText("What helps?\nWhat gets in the way?\nAnything else?")
    page.save_round()
    before = JourneyService(tab.ctx.team).rounds()
    assert before[0].questions[2] == "Anything else?"
    page.delete_round()
    assert JourneyService(tab.ctx.team).rounds() == []
    tab.ctx.undo_stack.undo()
    assert JourneyService(tab.ctx.team).rounds() == before
    assert _undo_texts(tab)[-1].startswith("Delete listening round of")


def test_undoing_a_ritual_delete_brings_back_its_pilot_and_feedback(window, tab) -> None:
    team = tab.ctx.team
    journey = JourneyService(team)
    (ritual,) = CalendarService(team).list_rituals()
    assert ritual.id is not None
    journey.set_pilot(ritual.id, TODAY - dt.timedelta(days=20), None)
    journey.add_feedback(
        Feedback(ritual.id, TODAY - dt.timedelta(days=6), "adjust", useful="ok", change="shorter")
    )
    window.select_tab("calendar")
    calendar = window.tab("calendar")
    calendar.delete_ritual(ritual.id)
    assert journey.pilots() == [] and journey.feedback() == []
    tab.ctx.undo_stack.undo()
    (pilot,) = journey.pilots()
    assert (pilot.ritual_id, pilot.since) == (ritual.id, TODAY - dt.timedelta(days=20))
    (entry,) = journey.feedback()
    assert (entry.ritual_id, entry.decision, entry.change) == (ritual.id, "adjust", "shorter")
    tab.ctx.undo_stack.redo()  # and deleting it again takes them again
    assert journey.pilots() == [] and journey.feedback() == []
