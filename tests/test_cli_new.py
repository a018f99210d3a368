"""``teamkeel new``: an empty team file without the window (issue 15, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.roster import RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService


def test_new_makes_an_empty_named_team_file_that_commands_then_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "teams" / "night owls.keel"
    assert main(["new", "--db", str(path), "--team", "  Night   Owls "]) == 0
    assert capsys.readouterr().out == f"Created {path} for Night Owls\n"
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email\nAna,ana@example.org\n", encoding="utf-8")
    assert main(["roster", "import", str(roster), "--db", str(path)]) == 0
    with TeamFile.open(path) as team:
        assert TeamInfoService(team).name() == "Night Owls"
        assert [m.name for m in RosterService(team).list_members()] == ["Ana"]
    assert path.stat().st_mode & 0o077 == 0  # a team file stays private


def test_new_never_overwrites_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.keel"
    path.write_bytes(b"my thesis")
    assert main(["new", "--db", str(path), "--team", "X"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == b"my thesis"


def test_a_missing_team_file_error_says_how_to_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my team.keel"
    roster = tmp_path / "roster.csv"
    roster.write_text("Name\nAna\n", encoding="utf-8")
    assert main(["roster", "import", str(roster), "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"teamkeel: error: There is no team file at {path}; make one with "
        f"“teamkeel new --db '{path}' --team NAME”.\n"
    )
    assert not path.exists()
