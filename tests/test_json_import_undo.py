"""A whole-team JSON import is one undo step (issue 15): undo empties the file again
exactly as it was (every table, the team's name and settings, SQLite's id counters), a
redo gives every row the same id again, and an undo after another Keel wrote to the
file is refused rather than losing that write."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from teamkeel.core import interchange
from teamkeel.core.errors import KeelError
from teamkeel.core.import_undo import take_back
from teamkeel.core.progress import Cancelled
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.storage.data_version import DATA_VERSION_KEY
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService, create_team


def every_row(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, but the data version: that counts each write, the undo
    too (so figures kept for a fast start know the data changed); see data_version."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {n: sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        conn.close()
    rows["setting"] = [r for r in rows.get("setting", []) if r[0] != DATA_VERSION_KEY]
    return rows


def version_of(path: Path) -> int:
    with TeamFile.open(path) as team:
        return team.data_version()


@pytest.fixture
def document(demo_team: TeamFile) -> dict[str, Any]:
    return interchange.export_document(demo_team)


def test_undo_empties_the_file_exactly_and_redo_brings_the_same_rows(
    team_path: Path, document: dict[str, Any]
) -> None:
    team = create_team(team_path, "Night Owls")
    TeamInfoService(team).set_program_start(__import__("datetime").date(2026, 3, 2))
    before = every_row(team_path)
    taken = interchange.import_document(team, document)
    row_ids_after = row_ids(team_path)
    assert len(row_ids_after["member"]) == 12
    version_after_import = team.data_version()
    take_back(team, taken)
    assert every_row(team_path) == before
    assert team.data_version() > version_after_import  # the undo is a change too
    again = interchange.import_document(team, document)
    # The same ids (later undo steps still find their rows); survey answers are shuffled
    # and times of creation are new, as on any import.
    assert row_ids(team_path) == row_ids_after
    take_back(team, again)
    assert every_row(team_path) == before
    team.close()


def row_ids(path: Path) -> dict[str, list[int]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(r[0] for r in conn.execute(f'SELECT rowid FROM "{n}"')) for n in names}
    finally:
        conn.close()


def test_an_undo_after_another_keel_wrote_is_refused(
    team_path: Path, document: dict[str, Any]
) -> None:
    team = create_team(team_path, "Night Owls")
    taken = interchange.import_document(team, document)
    other = TeamFile.open(team_path)  # another Keel on the same file
    RosterService(other).add(Member(name="Added Elsewhere"))
    other.close()
    written = every_row(team_path)
    with pytest.raises(KeelError, match="changed outside this window since the import"):
        take_back(team, taken)
    assert every_row(team_path) == written
    team.close()


def test_cancel_before_the_sections_are_stored_writes_nothing(
    team_path: Path, document: dict[str, Any]
) -> None:
    team = create_team(team_path, "Night Owls")
    before = every_row(team_path)
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        told.append((done, total))
        return done < 2  # stop once the document is checked

    with pytest.raises(Cancelled):
        interchange.import_document(team, document, progress)
    assert every_row(team_path) == before
    assert told[0][0] == 0 and told[-1][0] == 2
    team.close()


def test_the_window_imports_as_one_named_undo_step(
    window, team_path: Path, document: dict[str, Any], tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    create_team(team_path, "Night Owls").close()
    before = every_row(team_path)
    assert window.open_file(team_path)
    doc = tmp_path / "team.json"
    doc.write_text(interchange.dumps(document), encoding="utf-8")
    prompts.files.append(str(doc))
    {a.objectName(): a for a in window.import_menu.actions()}["importJson"].trigger()
    assert not prompts.errors
    assert window.tab("roster").model.rowCount() == 12
    stack = window.ctx.undo_stack
    undo_action = stack.createUndoAction(window)
    assert undo_action.text() == "Undo Import of team.json"
    assert any(b.reason == "before-import" for b in list_backups(team_path))
    stack.undo()
    assert window.tab("roster").model.rowCount() == 0  # the tabs show the empty file
    assert every_row(team_path) == before
    stack.redo()
    assert len(RosterService(window.ctx.team).list_members()) == 12
