"""Roster CSVs as real tools write them, and the stray quotes that used to merge rows.

The files in ``tests/fixtures/imports`` are written byte for byte as the tools write
them (Excel's "CSV UTF-8" with a byte-order mark, semicolons and CRLF; Outlook's
contacts export with every value quoted and all of its 92 columns).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from teamkeel.core.errors import ValidationError
from teamkeel.core.roster import RosterService
from teamkeel.core.roster.csvio import import_roster_csv, parse_roster_csv, roster_to_csv
from teamkeel.core.roster.member import Member
from teamkeel.core.storage.teamfile import TeamFile

FILES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture
def roster(team: TeamFile) -> RosterService:
    return RosterService(team)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


# -- quotes that are opened and never closed (issue 15, item 1) ------------------------
UNBALANCED = (
    "Name,Role,Email\n"
    "Ana Lima,Frontend,ana@x.org\n"
    "Bo Ek,Backend,bo@x.org\n"
    'Amara,"Nwosu,Design,amara@x.org\n'  # line 4: the quote is never closed
    "Chen Wei,QA,chen@x.org\n"
    "Dara Roy,SRE,dara@x.org\n"
)


def test_an_unclosed_quote_is_refused_with_its_line_and_nothing_is_imported(
    roster: RosterService, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as err:
        import_roster_csv(roster, write(tmp_path, UNBALANCED))
    assert str(err.value) == "line 4: a quote is opened and never closed"
    assert roster.list_members(include_archived=True) == []


def test_the_command_line_refuses_it_in_one_line(team_path: Path, tmp_path: Path) -> None:
    TeamFile.create(team_path).close()
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "roster", "import", str(write(tmp_path, UNBALANCED)),
         "--db", str(team_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "teamkeel: error: line 4: a quote is opened and never closed"
    ]
    with TeamFile.open(team_path) as team:
        assert RosterService(team).list_members(include_archived=True) == []


def test_an_unclosed_quote_on_the_last_line_is_refused_too() -> None:
    with pytest.raises(ValidationError, match=r"^line 3: a quote is opened and never closed$"):
        parse_roster_csv('Name,Role\r\nAna,Dev\r\nBo,"Ops\r\n', default_timezone="UTC")


def test_a_second_stray_quote_does_not_hide_the_first(tmp_path: Path) -> None:
    """Two stray quotes pair up: the rows between them become one value. The rows are
    refused with the line the value starts on, not merged into one member."""
    text = (
        "Name,Role,Email\n"
        "Ana Lima,Frontend,ana@x.org\n"
        'Amara,"Nwosu,Design,amara@x.org\n'  # line 3 opens a value...
        "Chen Wei,QA,chen@x.org\n"
        'Dara Roy,SRE",dara@x.org\n'  # ...that a stray quote on line 5 closes
        "Eli Park,PM,eli@x.org\n"
    )
    with pytest.raises(ValidationError) as err:
        parse_roster_csv(text, default_timezone="UTC")
    (problem,) = err.value.problems
    assert problem.where == "line 3"
    assert "“Role” runs on over lines 3–5" in problem.message


def test_a_value_over_several_lines_is_refused_where_it_feeds_a_field() -> None:
    text = 'Name,Role,Email\nAna Lima,"Front\nend",ana@x.org\nBo Ek,Dev,bo@x.org\n'
    with pytest.raises(ValidationError) as err:
        parse_roster_csv(text, default_timezone="UTC")
    assert [str(p) for p in err.value.problems] == [
        "line 2: the value of “Role” runs on over lines 2–3; "
        "a quote is probably missing or misplaced"
    ]


def test_notes_over_several_lines_from_keels_own_export_still_import() -> None:
    members = [Member(name="Ana", notes="Likes pairing.\nPrefers mornings, async later.")]
    (back,) = parse_roster_csv(roster_to_csv(members), default_timezone="UTC").members
    assert back.notes == "Likes pairing.\nPrefers mornings, async later."


def test_values_beyond_the_last_column_are_refused_not_shifted() -> None:
    """An unquoted comma inside a value moves every later value one column on."""
    with pytest.raises(ValidationError, match="line 3: 4 values where the header has 3"):
        parse_roster_csv(
            "Name,Role,Email\nAna,Dev,ana@x.org\nBo,Dev, Ops,bo@x.org\n", default_timezone="UTC"
        )
    # Empty trailing cells, as spreadsheets write them, are fine.
    result = parse_roster_csv("Name;Role\r\nAna;Dev;;\r\n", default_timezone="UTC")
    assert [m.role for m in result.members] == ["Dev"]


# -- files as the tools write them -------------------------------------------------------
def test_an_excel_csv_with_bom_semicolons_and_crlf(roster: RosterService) -> None:
    result = import_roster_csv(roster, FILES / "excel_semicolon_bom.csv")
    members = {m.name: m for m in result.members}
    assert set(members) == {"Zoë Martin", "Jürgen Weiß", "Nwosu; Amara", "李娜"}
    assert members["Zoë Martin"].skills == ("Figma", "user research")
    assert members["Zoë Martin"].start_date.isoformat() == "2024-03-01"
    assert members["Jürgen Weiß"].working_hours == "08:00–16:00"
    assert members["李娜"].role == "Analyst"
    assert len(roster.list_members()) == 4


# -- Outlook's Title and Job Title, and the mapping shown (issue 15, item 2) -------------
def test_outlook_job_title_is_the_role_and_an_honorific_never_is(roster: RosterService) -> None:
    result = import_roster_csv(roster, FILES / "outlook_contacts.csv")
    members = {m.name: m for m in roster.list_members()}
    assert set(members) == {"Ana Lima", "Kenji Osaka", "Maria José Pérez", "Sam Okafor"}
    assert members["Ana Lima"].role == "Frontend developer"
    assert members["Kenji Osaka"].role == "SRE"
    assert members["Sam Okafor"].role == ""  # no job title; Title is blank too
    assert not any(m.role in ("Dr.", "Mr.", "Ms.") for m in members.values())
    assert members["Ana Lima"].email == "ana.lima@example.org"
    # The two-line note comes through; the two-line street (not imported) does no harm.
    assert members["Ana Lima"].notes == "Met at the design sprint.\r\nPrefers written feedback."
    assert "Title" in result.ignored_columns and "Job Title" not in result.ignored_columns


def test_a_title_column_of_job_titles_is_still_read_as_the_role() -> None:
    text = "Name,Title\nAna,Designer\nBo,Dr.\n"  # not honorifics only: roles
    assert [m.role for m in parse_roster_csv(text, default_timezone="UTC").members] == [
        "Designer",
        "Dr.",
    ]
    only_honorifics = parse_roster_csv("Name,Title\nAna,Dr.\nBo,Mr\n", default_timezone="UTC")
    assert [m.role for m in only_honorifics.members] == ["", ""]


def test_the_command_line_prints_the_mapping_it_used(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "roster", "import", str(FILES / "outlook_contacts.csv"),
         "--db", str(team_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.pop(0) == "Read outlook_contacts.csv as UTF-8."
    assert lines[:5] == [
        "Columns used:",
        "  Name: “First Name” + “Middle Name” + “Last Name”",
        "  E-mail: “E-mail Address”",
        "  Role: “Job Title”",
        "  Notes: “Notes”",
    ]
    assert lines[5].startswith("Ignored: “Title” (honorifics such as Mr. or Dr., never a role)")
    assert lines[5].endswith(", 71 empty columns")
    assert lines[-1] == "Imported 4 members."
