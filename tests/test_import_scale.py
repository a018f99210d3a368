"""Large and bad import files (issue 19, items 13 and 14): duplicates found by index
wherever they are, a whole import undone in one step, the first twenty problems and a
count instead of a flood, and a cap on survey files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.insights.survey import MAX_SURVEY_BYTES, parse_csv, read_survey_file
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import import_roster_csv, parse_roster_csv
from teamkeel.core.storage.teamfile import TeamFile

ROWS = 3000


def big_roster(rows: int = ROWS) -> str:
    return "Name,Email\n" + "".join(f"Person {i},p{i}@example.org\n" for i in range(rows))


def test_duplicates_far_apart_are_found_with_both_lines() -> None:
    text = big_roster() + "Someone Else,P0@Example.org\nPerson 7\nperson 7\n"
    with pytest.raises(ValidationError) as err:
        parse_roster_csv(text, default_timezone="UTC")
    assert [str(p) for p in err.value.problems] == [
        f"line {ROWS + 2}: Someone Else appears twice (also on line 2)",
        f"line {ROWS + 4}: person 7 appears twice (also on line {ROWS + 3})",
    ]


def test_a_large_import_is_stored_whole_and_undone_and_redone_whole(
    team: TeamFile, tmp_path: Path
) -> None:
    roster = RosterService(team)
    roster.add(Member(name="Already Here", email="here@example.org"))
    path = tmp_path / "big.csv"
    path.write_text(big_roster(), encoding="utf-8")
    imported = import_roster_csv(roster, path).members
    assert len(imported) == ROWS and len({m.id for m in imported}) == ROWS
    assert roster.get(imported[-1].id).email == f"p{ROWS - 1}@example.org"
    roster.delete_many(m.id for m in imported)  # undo
    assert [m.name for m in roster.list_members()] == ["Already Here"]
    again = roster.add_many(imported)  # redo: the very same members, same ids
    assert again == imported
    assert roster.count() == ROWS + 1


def test_the_command_line_lists_twenty_problems_and_counts_the_rest(
    team_path: Path, tmp_path: Path
) -> None:
    TeamFile.create(team_path).close()
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Email\n" + "".join(f"P{i},not-mail\n" for i in range(700)), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "roster", "import", str(bad), "--db", str(team_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "teamkeel: error: line 2: email: “not-mail” is not an e-mail address. (and 699 more)"
    )
    assert len(lines) == 1 + 20 + 1
    assert lines[20] == "  line 21: email: “not-mail” is not an e-mail address."
    assert lines[-1] == "  … and 680 more problems"


def test_a_survey_file_with_a_problem_on_every_line_keeps_twenty() -> None:
    with pytest.raises(ValidationError) as err:
        parse_csv("1,2,3,4,5,6,7\n" + "9,9,9,9,9,9,9\n" * 5000)
    assert err.value.total == 5000 * 7
    assert len(err.value.problems) == 20
    assert err.value.lines()[-1] == f"… and {5000 * 7 - 20} more problems"


def test_survey_files_are_capped_and_must_be_files(
    team_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"1,2,3,4,5,6,7\n" * (MAX_SURVEY_BYTES // 14 + 1))
    with pytest.raises(KeelError, match="huge.csv is larger than 10 MB"):
        read_survey_file(huge)
    with pytest.raises(KeelError, match="is not an ordinary file"):
        read_survey_file(tmp_path)
    TeamFile.create(team_path).close()
    args = ["--db", str(team_path), "--date", "2026-03-01"]
    assert main(["survey", "import", str(huge), *args]) == 2
    assert "larger than 10 MB" in capsys.readouterr().err
