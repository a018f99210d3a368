"""File → Import in the window (issue 15, item 12): each kind of file from the menu,
each saying what it imported, and undone where the window's edits are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from teamkeel.core import interchange
from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

FILES = Path(__file__).parent / "fixtures" / "imports"


def open_empty(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_team(team_path, "Night Owls").close()
    assert window.open_file(team_path)


def action(window, name: str) -> QAction:  # type: ignore[no-untyped-def]
    found = {a.objectName(): a for a in window.import_menu.actions()}
    assert list(found) == ["importJson", "importRoster", "importSurvey", "importIcs"]
    return found[name]


def test_rituals_from_ics_are_one_undo_step(
    window, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    open_empty(window, team_path)
    ics = tmp_path / "team.ics"
    ics.write_bytes((FILES / "google_calendar.ics").read_bytes())
    prompts.files.append(str(ics))
    action(window, "importIcs").trigger()
    assert not prompts.errors
    titles = sorted(r.title for r in CalendarService(window.ctx.team).list_rituals())
    assert titles == ["Daily stand-up", "Pairing Wednesday", "Team retro"]
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported ") and "Pairing Wednesday" in message
    assert window.ctx.undo_stack.undoText() == "Import 3 rituals from team.ics"
    prompts.files.append(str(ics))  # the same file again: refused, nothing doubled
    action(window, "importIcs").trigger()
    assert "already in the calendar" in prompts.errors[-1][1]
    window.ctx.undo_stack.undo()
    assert CalendarService(window.ctx.team).list_rituals() == []


def test_a_whole_team_from_json_fills_the_empty_file(
    window, team_path: Path, demo_team: TeamFile, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "demo.json"
    interchange.export_json(demo_team, doc)
    open_empty(window, team_path)
    prompts.files.append(str(doc))
    action(window, "importJson").trigger()
    assert not prompts.errors
    assert len(RosterService(window.ctx.team).list_members()) == 12
    assert window.statusBar().currentMessage() == "Imported the whole team from demo.json"
    assert window.tab("roster").model.rowCount() >= 12  # the tabs show it at once
    prompts.files.append(str(doc))  # a second time: the file is no longer empty
    action(window, "importJson").trigger()
    assert "empty team file" in prompts.errors[-1][1]


def test_roster_and_survey_imports_open_on_their_tabs(
    window, qtbot, team_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    open_empty(window, team_path)
    prompts.files.append(str(FILES / "outlook_contacts.csv"))
    action(window, "importRoster").trigger()
    roster = window.tab("roster")
    assert window.tab_widget.currentWidget().key == "roster"
    roster.import_preview.import_button.click()
    qtbot.waitUntil(lambda: not roster.importing)
    assert len(RosterService(window.ctx.team).list_members()) == 4
    prompts.files.append(str(FILES / "google_forms_survey.csv"))
    action(window, "importSurvey").trigger()
    assert window.tab_widget.currentWidget().key == "insights"
    (stored,) = InsightsService(window.ctx.team).survey_rounds()
    assert len(stored.responses) == 6
