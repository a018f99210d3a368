"""Roster CSV import (all or nothing, every problem with its line) and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import export_roster_csv, import_roster_csv, parse_roster_csv
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture
def roster(team: TeamFile) -> RosterService:
    return RosterService(team)


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_hr_export_with_bom_semicolons_and_split_names(
    roster: RosterService, tmp_path: Path
) -> None:
    text = (
        "First Name;Last Name;E-mail Address;Title;Time zone;Badge\r\n"
        "Zoë;Martin;zoe@example.org;Designer;Europe/Paris;17\r\n"
        "Kenji;Ōsaka;kenji@example.org;SRE;Asia/Tokyo;18\r\n"
    )
    result = import_roster_csv(roster, write(tmp_path, text, "utf-8-sig"))
    assert result.ignored_columns == ["Badge"]
    members = {m.name: m for m in roster.list_members()}
    assert set(members) == {"Zoë Martin", "Kenji Ōsaka"}
    assert members["Kenji Ōsaka"].role == "SRE"
    assert members["Kenji Ōsaka"].timezone == "Asia/Tokyo"
    assert members["Zoë Martin"].email == "zoe@example.org"


def test_common_header_names_and_full_fields(roster: RosterService, tmp_path: Path) -> None:
    text = (
        "Full Name,Email,Role,Timezone,Working hours,Skills,Growth goals,Start date,Absences,Notes\n"
        '李娜,li@example.org,Analyst,Asia/Shanghai,08:30-16:30,"SQL, Dashboards",Python,2024-03-01,'
        "2026-12-21..2026-12-31 Holiday,Loves puzzles\n"
    )
    import_roster_csv(roster, write(tmp_path, text))
    (li,) = roster.list_members()
    assert li.name == "李娜"
    assert li.working_hours == "08:30–16:30"
    assert li.skills == ("SQL", "Dashboards")
    assert li.goals == ("Python",)
    assert li.start_date.isoformat() == "2024-03-01"
    assert li.absences[0].note == "Holiday"
    assert li.notes == "Loves puzzles"


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(
    roster: RosterService, tmp_path: Path
) -> None:
    roster.add(Member(name="Ana Sousa", email="ana@example.org"))
    text = (
        "Name,Email,Time zone,Start date,Working hours\n"
        "Good Person,good@example.org,UTC,,\n"  # line 2: fine
        ",nobody@example.org,UTC,,\n"  # line 3: no name
        "Bad Mail,bad-mail,UTC,,\n"  # line 4: e-mail
        "Lost,lost@example.org,Mars/Base,,\n"  # line 5: timezone
        "Late,late@example.org,UTC,31/31/2020,\n"  # line 6: date
        "Hours,hours@example.org,UTC,,nine to five\n"  # line 7: hours
        "Ana Again,ANA@example.org,UTC,,\n"  # line 8: already on the roster
        "Twin,good@example.org,UTC,,\n"  # line 9: same e-mail as line 2
    )
    with pytest.raises(ValidationError) as err:
        import_roster_csv(roster, write(tmp_path, text))
    by_line = {p.where: p.message for p in err.value.problems}
    assert set(by_line) == {f"line {n}" for n in range(3, 10)}
    assert "name" in by_line["line 3"]
    assert "e-mail" in by_line["line 4"]
    assert "timezone" in by_line["line 5"]
    assert "date" in by_line["line 6"]
    assert "working hours" in by_line["line 7"]
    assert "already on the roster" in by_line["line 8"]
    assert "line 2" in by_line["line 9"]
    assert [m.name for m in roster.list_members()] == ["Ana Sousa"]


def test_line_numbers_count_physical_lines_of_quoted_fields() -> None:
    text = 'Name,Notes,Email\nAna,"two\nlines",a@example.org\nBo,,broken\n'
    with pytest.raises(ValidationError) as err:
        parse_roster_csv(text, default_timezone="UTC")
    assert [p.where for p in err.value.problems] == ["line 4"]


def test_same_name_without_email_is_a_duplicate() -> None:
    with pytest.raises(ValidationError, match="appears twice"):
        parse_roster_csv("Name\nAna\nana\n", default_timezone="UTC")
    # Same name but different e-mails: two different people.
    result = parse_roster_csv("Name,Email\nAna,a@x.org\nAna,b@x.org\n", default_timezone="UTC")
    assert len(result.members) == 2


def test_files_without_names_or_not_text_are_refused(roster: RosterService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no name column"):
        import_roster_csv(roster, write(tmp_path, "Email,Role\na@x.org,Dev\n"))
    with pytest.raises(KeelError, match="not text Keel can read"):
        (tmp_path / "bin.csv").write_bytes(b"Name\nJos\x81\n")
        import_roster_csv(roster, tmp_path / "bin.csv")
    with pytest.raises(ValidationError, match="empty"):
        import_roster_csv(roster, write(tmp_path, ""))
    assert roster.list_members() == []


def test_export_then_import_restores_the_roster(
    demo_team: TeamFile, team: TeamFile, tmp_path: Path
) -> None:
    source = RosterService(demo_team)
    out = tmp_path / "roster.csv"
    count = export_roster_csv(source, out)
    assert count == len(source.list_members(include_archived=True))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets need the BOM
    target = RosterService(team)
    import_roster_csv(target, out)

    def strip(m: Member) -> Member:
        return m.__class__(**{**m.__dict__, "id": None})

    assert [strip(m) for m in target.list_members(True)] == [
        strip(m) for m in source.list_members(True)
    ]


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() and len(" ".join(s.split())) <= 200)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=8, unique_by=lambda s: " ".join(s.split()).casefold()))
def test_any_names_survive_export_and_parse(raw_names: list[str]) -> None:
    from teamkeel.core.roster.csvio import roster_to_csv

    members = [Member(name=" ".join(n.split())) for n in raw_names]
    parsed = parse_roster_csv(roster_to_csv(members), default_timezone="UTC").members
    assert [m.name for m in parsed] == [m.name for m in members]


def test_an_export_cut_short_leaves_the_previous_csv_whole(
    roster: RosterService, team: TeamFile, tmp_path: Path
) -> None:
    """A write that fails half-way (a file-size limit here, as a full disk would) must
    not leave half a roster where the last good export was."""
    import subprocess
    import sys
    import textwrap

    roster.add_many([Member(name=f"Member {i:03d}", notes="x" * 40) for i in range(120)])
    out = tmp_path / "roster.csv"
    export_roster_csv(roster, out)
    good = out.read_bytes()
    assert len(good) > 4096
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from teamkeel.core.errors import KeelError
        from pathlib import Path
        from teamkeel.core.roster import RosterService
        from teamkeel.core.roster.csvio import export_roster_csv
        from teamkeel.core.storage.teamfile import TeamFile
        team = TeamFile.open({str(team.path)!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        try:
            export_roster_csv(RosterService(team), Path({str(out)!r}))
        except KeelError:  # the write was refused; the old file must stay whole
            sys.exit(3)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
