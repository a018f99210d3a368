"""The roster import preview in the window: the mapping shown, changed by the lead, and
the first rows following it (issue 15, item 2)."""

from __future__ import annotations

from pathlib import Path

from teamkeel.core.roster import RosterService
from teamkeel.core.team_info import create_team

FILES = Path(__file__).parent / "fixtures" / "imports"


def open_roster(window, team_path: Path):  # type: ignore[no-untyped-def]
    create_team(team_path, "Night Owls").close()
    assert window.open_file(team_path)
    window.select_tab("roster")
    return window.tab("roster")


def cell(table, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    item = table.item(row, column)
    return item.text() if item else ""


def mapping_rows(dialog) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """File column -> the field it is imported as, as the dialog shows it."""
    table = dialog.mapping_table
    return {
        cell(table, r, 0): table.cellWidget(r, 2).currentText() for r in range(table.rowCount())
    }


def test_outlook_preview_shows_the_mapping_and_the_first_rows(
    window, qtbot, team_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    tab = open_roster(window, team_path)
    prompts.files.append(str(FILES / "outlook_contacts.csv"))
    tab.import_button.click()
    dialog = tab.import_preview
    assert dialog.isVisible() and not prompts.errors
    shown = mapping_rows(dialog)
    assert shown["Job Title"] == "Role"
    assert shown["Title"] == "— not imported —"
    why = {
        cell(dialog.mapping_table, r, 0): cell(dialog.mapping_table, r, 3)
        for r in range(len(shown))
    }
    assert why["Title"] == "honorifics such as Mr. or Dr., never a role"
    assert list(shown)[:6] == ["First Name", "Middle Name", "Last Name", "Job Title",
                               "E-mail Address", "Notes"]  # fmt: skip
    assert shown["First Name"] == "First name" and shown["Last Name"] == "Last name"
    assert "Business Fax" not in shown  # empty columns are not listed
    assert [cell(dialog.preview, r, 1) for r in range(dialog.preview.rowCount())] == [
        "Ana Lima",
        "Kenji Osaka",
        "Maria José Pérez",
        "Sam Okafor",
    ]
    assert cell(dialog.preview, 0, 2) == "Frontend developer"
    # Nothing is written before Import.
    assert RosterService(window.ctx.team).list_members() == []


def test_a_mapping_changed_in_the_preview_is_the_one_imported(
    window, qtbot, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    tab = open_roster(window, team_path)
    csv = tmp_path / "hr.csv"
    csv.write_text(
        "Employee,Department,Title,Work email\n"
        "Ana Lima,Platform,Frontend developer,ana@example.org\n"
        "Bo Ek,Platform,SRE,bo@example.org\n",
        encoding="utf-8",
    )
    prompts.files.append(str(csv))
    tab.import_button.click()
    dialog = tab.import_preview
    assert mapping_rows(dialog)["Title"] == "Role"
    dialog.choose(1, "role")  # the lead wants the department as the role
    assert mapping_rows(dialog)["Department"] == "Role"
    assert mapping_rows(dialog)["Title"] == "— not imported —"
    assert cell(dialog.preview, 0, 2) == "Platform"
    dialog.choose(0, None)  # no name column left: Import waits for one
    assert not dialog.import_button.isEnabled()
    assert "names" in dialog.problem.text()
    dialog.choose(0, "name")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not tab.importing)
    assert tab.import_preview is None  # closed once imported
    members = RosterService(window.ctx.team).list_members()
    assert [(m.name, m.role, m.email) for m in members] == [
        ("Ana Lima", "Platform", "ana@example.org"),
        ("Bo Ek", "Platform", "bo@example.org"),
    ]
    assert window.ctx.undo_stack.undoText() == "Import 2 members from hr.csv"
    window.ctx.undo_stack.undo()
    assert RosterService(window.ctx.team).list_members() == []


def test_a_file_that_cannot_be_read_is_refused_before_any_preview(
    window, qtbot, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    tab = open_roster(window, team_path)
    csv = tmp_path / "quote.csv"
    csv.write_text('Name,Role\nAna,Dev\nBo,"Ops\nCy,QA\n', encoding="utf-8")
    prompts.files.append(str(csv))
    tab.import_button.click()
    assert getattr(tab, "import_preview", None) is None
    assert "line 3: a quote is opened and never closed" in prompts.errors[-1][1]
