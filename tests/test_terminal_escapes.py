"""Terminal escape sequences in notes and names are printed visibly, never acted on;
names lose their control characters on the way in (form, CSV) or are refused (JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core import interchange
from teamkeel.core.errors import ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import import_roster_csv
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.text import visible_controls

# Clear the screen, retitle the window, then hide what follows.
NOTE = "\x1b[2J\x1b]0;pwned\x07stuck\x1b[8m hidden"


def test_the_cli_prints_escape_sequences_visibly(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_path)
    assert main(["log", "blocker", "--db", db, "--owner", "Ana Sousa", "--note", NOTE]) == 0
    assert main(["log", "open", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.count("\\x1b[2J\\x1b]0;pwned\\x07stuck\\x1b[8m hidden") == 2
    # Stored as typed: only the printing escapes it.
    with TeamFile.open(demo_path) as team:
        doc = interchange.export_document(team)
    assert NOTE in {e["note"] for e in doc["standup"]}


def test_errors_naming_a_hostile_name_are_escaped_too(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = "Ana\x1b[2K\rBo Lindqvist"
    assert main(["log", "blocker", "--db", str(demo_path), "--owner", owner, "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err and "\\x1b[2K\\x0dBo" in err


def test_direction_overrides_are_shown_not_obeyed() -> None:
    assert visible_controls("Ana \u202eardnaxelA") == "Ana \\u202eardnaxelA"
    assert visible_controls("Zoë\tЕлена\n李娜") == "Zoë\tЕлена\n李娜"


def test_names_lose_control_characters_through_the_form_and_csv(
    team: TeamFile, tmp_path: Path
) -> None:
    roster = RosterService(team)
    added = roster.add(
        Member(name="Ana\x1b[31m Sousa\x00", role="Lead\x07", skills=("py\x1bthon",))
    )
    assert (added.name, added.role, added.skills) == ("Ana[31m Sousa", "Lead", ("python",))
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text("name,role\nBo\x00 Lind\x1b]0;x\x07qvist,Dev\n", encoding="utf-8")
    (imported,) = import_roster_csv(roster, csv_file).members
    assert imported.name == "Bo Lind]0;xqvist"


def test_a_json_name_with_control_characters_is_refused(team: TeamFile, tmp_path: Path) -> None:
    doc = {
        "format": "keel-team",
        "format_version": 1,
        "team": {"name": "Crew"},
        "roster": [{"id": 1, "name": "Ana\x1b[8m", "timezone": "UTC"}],
    }
    with pytest.raises(ValidationError, match=r"roster\[0\]\.name.*control characters"):
        interchange.import_document(team, json.loads(json.dumps(doc)))
    doc["roster"] = []
    doc["team"] = {"name": "Crew\x1b]0;evil\x07"}
    with pytest.raises(ValidationError, match=r"team\.name.*control characters"):
        interchange.import_document(team, doc)
    assert RosterService(team).list_members() == []


@pytest.mark.parametrize("command", [["insights"], ["log", "open"]])
def test_a_closed_pipe_ends_the_command_quietly(demo_path: Path, command: list[str]) -> None:
    """``teamkeel insights | head -1``: the reader leaves early. Keel stops like a Unix
    tool (exit 141, nothing on stderr), not with "error: Broken pipe"."""
    import os
    import subprocess
    import sys

    args = [*command, "--db", str(demo_path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before Keel writes a byte
    try:
        run = subprocess.run(
            [sys.executable, "-m", "teamkeel", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert run.stderr == ""
    assert run.returncode == 141
