"""Files and arguments no tool would write: endless devices, pipes nobody writes to,
JSON nested a hundred thousand deep, numbers of thousands of digits, bytes that are not
UTF-8. Each is refused in one line, quickly, with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import RosterService
from teamkeel.core.storage.teamfile import TeamFile


def run(*args: str | bytes, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "teamkeel", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=env,
        timeout=timeout,
    )


def one_line_refusal(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr


def members(db: Path) -> list[str] | None:
    if not db.exists():
        return None
    with TeamFile.open(db) as team:
        return [m.name for m in RosterService(team).list_members()]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "folder"])
@pytest.mark.parametrize(
    "command",
    [
        ["import", "json", "{file}"],
        ["survey", "import", "{file}", "--date", "2026-03-02"],
        ["roster", "import", "{file}"],
    ],
)
def test_devices_pipes_and_folders_are_refused_for_every_import(
    command: list[str], source: str, fifo: Path, demo_path: Path, tmp_path: Path
) -> None:
    given = {"/dev/zero": "/dev/zero", "fifo": str(fifo), "folder": str(tmp_path)}[source]
    db = tmp_path / "new.keel" if command[0] == "import" else demo_path
    before = members(db)
    # A timeout here means Keel read without end or waited on the pipe.
    err = one_line_refusal(run(*[w.format(file=given) for w in command], "--db", str(db)))
    assert "not an ordinary file" in err
    assert members(db) == before


def test_reading_stops_at_the_limit_whatever_the_size_says(tmp_path: Path) -> None:
    from teamkeel.core.files import read_input, read_input_text

    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(KeelError, match="larger than 1000 bytes; that is not a roster"):
        read_input(big, 1000, "roster")
    big.write_bytes("Name\nZoë\n".encode())
    assert read_input_text(big, 1000, "roster") == "Name\nZoë\n"
    big.write_bytes(b"Name\n\xff\n")
    with pytest.raises(KeelError, match=r"not UTF-8 text \(byte 5\)"):
        read_input_text(big, 1000, "roster")


def test_json_nested_a_hundred_thousand_deep_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = one_line_refusal(run("import", "json", str(deep), "--db", str(tmp_path / "t.keel")))
    assert "nested too deeply" in err
    assert not (tmp_path / "t.keel").exists()


def test_json_nested_deeper_than_any_keel_document_is_refused(tmp_path: Path) -> None:
    doc: object = {"format": "keel-team"}
    for _ in range(200):  # within Python's recursion limit, far beyond Keel's shape
        doc = {"a": doc}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(KeelError, match="nested too deeply"):
        interchange.load_json(path)


def test_a_number_of_five_thousand_digits_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"format": "keel-team", "format_version": ' + "9" * 5000 + "}")
    err = one_line_refusal(run("import", "json", str(path), "--db", str(tmp_path / "t.keel")))
    assert "5000 digits" in err


def test_a_recurrence_interval_of_a_trillion_is_refused_on_import(
    demo_team: TeamFile, team: TeamFile
) -> None:
    doc = interchange.export_document(demo_team)
    doc["calendar"][0]["recurrence"] = {"freq": "weekly", "interval": 10**12}
    with pytest.raises(ValidationError, match="interval") as caught:
        interchange.import_document(team, doc)
    assert caught.value.problems[0].where == "calendar[0].interval"
    assert RosterService(team).list_members() == []


def test_arguments_that_are_not_utf8_are_one_line(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    command = ["log", "kudos", "--db", str(demo_path), "--from", "Ana", "--to", "Aroha"]
    out = run(*command, "--note", os.fsdecode(b"thanks \xff\xfe"))
    err = one_line_refusal(out)
    assert "argument 10" in err and "not UTF-8" in err and "\\xff\\xfe" in err
    assert demo_path.read_bytes() == before
