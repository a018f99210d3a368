"""``teamkeel roster import --map COLUMN=FIELD --ignore COLUMN`` (issue 15): the lead
changes the guessed column mapping from the command line, sees the mapping used, and
gets one line for a column or field that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.roster import RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

# An HR export whose "Title" holds job titles and whose "Position" holds a grade: the
# guess takes Position for the role (it ranks before Title), which is wrong here.
HR = (
    "Name,Position,Title,Mail,Private mail\r\n"
    "Ana Lima,P3,Designer,ana@work.org,ana@home.org\r\n"
    "Bo Chen,P2,SRE,bo@work.org,bo@home.org\r\n"
)


@pytest.fixture
def hr_file(tmp_path: Path, team_path: Path) -> Path:
    create_team(team_path, "T").close()
    path = tmp_path / "hr.csv"
    path.write_text(HR, encoding="utf-8")
    return path


def run(team_path: Path, path: Path, *options: str) -> int:
    return main(["roster", "import", str(path), "--db", str(team_path), *options])


def members(team_path: Path) -> dict[str, tuple[str, str | None]]:
    team = TeamFile.open(team_path)
    try:
        return {m.name: (m.role, m.email) for m in RosterService(team).list_members()}
    finally:
        team.close()


def test_map_and_ignore_change_what_is_imported_and_the_mapping_is_printed(
    team_path: Path, hr_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(team_path, hr_file, "--map", "title=Role", "--ignore", "Position") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [
        "Read hr.csv as UTF-8.",
        "Columns used:",
        "  Name: “Name”",
        "  E-mail: “Mail”",
        "  Role: “Title”",
    ]
    assert out[5] == "Ignored: “Position” (left out by you), “Private mail”"
    assert members(team_path) == {
        "Ana Lima": ("Designer", "ana@work.org"),
        "Bo Chen": ("SRE", "bo@work.org"),
    }


def test_a_column_by_number_and_a_field_by_its_label(team_path: Path, hr_file: Path) -> None:
    assert run(team_path, hr_file, "--map", "5=E-mail", "--map", "Title=role") == 0
    assert members(team_path)["Ana Lima"] == ("Designer", "ana@home.org")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--map", "Job Title=role"],
            "There is no column “Job Title” in the file (columns: “Name”, “Position”, "
            "“Title”, “Mail”, “Private mail”).",
        ),
        (
            ["--map", "Title=job"],
            "“job” is not a field Keel imports (fields: name, first, middle, last, email, "
            "role, timezone, hours, work_start, work_end, skills, goals, start_date, notes, "
            "archived, absences).",
        ),
        (["--map", "Title"], "--map “Title” is not COLUMN=FIELD (e.g. “Job Title=role”)."),
        (["--ignore", "Phone"], "There is no column “Phone” in the file"),
        (["--ignore", "Name"], "line 1: no name column"),
    ],
)
def test_an_unknown_column_or_field_is_one_line_and_nothing_is_imported(
    team_path: Path,
    hr_file: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    assert run(team_path, hr_file, *options) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"teamkeel: error: {message}")
    assert members(team_path) == {}
