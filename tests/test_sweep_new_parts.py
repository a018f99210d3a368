"""Issue 19's hostile-input classes tried again on the parts added since: the Journey
(``journey``, ``listening``, ``feedback``, its exports), weekly goals, buddies, the
outcome basket, skill shares and the check-in brief. Every case is a real command on a
real team file; a refusal is one line and leaves the file as it was."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from teamkeel.cli import main
from teamkeel.core.storage.copy import snapshot


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, so that a read without end fails on the timeout."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "teamkeel", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=env,
        timeout=timeout,
    )


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # a usage mistake caught by the argument parser
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def refused(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err


def dump(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table: what "the file is as it was" means."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [(t, *row) for t in sorted(tables) for row in conn.execute(f"SELECT * FROM {t}")]
    finally:
        conn.close()


# -- --out onto the team file or a backup of it ----------------------------------------

EXPORTS = [
    ["export", "journey"],
    ["export", "diagnosis"],
    ["export", "charter"],
    ["export", "stories", "--from", "2026-01-01", "--to", "2026-12-31"],
    ["export", "checkin", "--member", "Ana", "--from", "2026-01-01", "--to", "2026-12-31"],
]


@pytest.mark.parametrize("target", ["team file", "backup named .pdf", "wal"])
@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: c[1])
def test_no_export_writes_over_the_team_file_or_a_copy_of_it(
    command: list[str], target: str, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = demo_path.with_name("demo-backup.pdf")  # past the check of the suffix
    snapshot(demo_path, backup)
    out = {"team file": demo_path, "backup named .pdf": backup}.get(
        target, Path(f"{demo_path}-wal")
    )
    before = out.read_bytes() if out.exists() else None
    code, _, err = cli(capsys, *command, "--out", str(out), "--db", str(demo_path))
    refused(code, err)
    assert "will not write over" in err or "must end in .pdf" in err
    assert (out.read_bytes() if out.exists() else None) == before


# -- dates outside 1970-2200 -------------------------------------------------------------

DATED = [
    ["journey", "--set-start", "{day}"],
    ["listening", "import", "{csv}", "--date", "{day}"],
    ["feedback", "add", "--ritual", "Kudos", "--decision", "keep", "--useful", "x", "--date", "{day}"],
    ["export", "stories", "--from", "{day}", "--to", "2026-12-31", "--out", "{pdf}"],
    ["export", "stories", "--from", "2026-01-01", "--to", "{day}", "--out", "{pdf}"],
    ["goals", "add", "--member", "Ana", "--deliverable", "x", "--week", "{day}"],
    ["goals", "list", "--week", "{day}"],
    ["goals", "done", "--id", "1", "--date", "{day}"],
    ["buddies", "--blocker", "1", "--at", "{day}T12:00Z"],
    ["export", "checkin", "--member", "Ana", "--from", "{day}", "--to", "2026-12-31", "--out", "{pdf}"],
    ["export", "checkin", "--member", "Ana", "--from", "2026-01-01", "--to", "{day}", "--out", "{pdf}"],
    ["skillshare", "add", "--member", "Ana", "--partner", "Bo", "--deliverable", "x", "--due", "{day}"],
    ["skillshare", "set", "--id", "1", "--due", "{day}"],
    ["outcomes", "add", "--month", "{month}", "--metric", "voluntary", "--value", "1"],
]  # fmt: skip


@pytest.mark.parametrize("day", ["0001-01-01", "1969-12-31", "2201-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", DATED, ids=lambda c: "-".join(c[:2]))
def test_dates_outside_the_range_are_refused_everywhere(
    command: list[str], day: str, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = demo_path.with_name("answers.csv")
    answers.write_text("What helps?\nPairing\n", encoding="utf-8")
    pdf = demo_path.with_name("out.pdf")
    argv = [w.format(day=day, csv=answers, pdf=pdf, month=day[:7]) for w in command]
    before = dump(demo_path)
    code, _, err = cli(capsys, *argv, "--db", str(demo_path))
    assert "out of range" in refused(code, err) or "no week" in err
    assert dump(demo_path) == before
    assert not pdf.exists()


# -- over-long texts ---------------------------------------------------------------------

LONG = [
    (["skillshare", "add", "--member", "Ana", "--partner", "Bo", "--deliverable", "{long}"], 300),
    (["skillshare", "set", "--id", "1", "--outcome", "{long}"], 1000),
    (["outcomes", "metric", "--name", "{long}"], 120),
    (["outcomes", "metric", "--name", "Reviews", "--unit", "{long}"], 40),
    (["goals", "add", "--member", "Ana", "--deliverable", "{long}"], 300),
    (["feedback", "add", "--ritual", "Kudos", "--decision", "keep", "--useful", "{long}"], 1000),
]


@pytest.mark.parametrize("length", ["limit", 20_000])
@pytest.mark.parametrize(("command", "limit"), LONG, ids=lambda c: str(c))
def test_texts_over_the_limit_are_refused_at_entry(
    command: list[str],
    limit: int,
    length: int | str,
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    long = "w" * ((limit + 1) if length == "limit" else int(length))
    before = dump(demo_path)
    code, _, err = cli(capsys, *[w.format(long=long) for w in command], "--db", str(demo_path))
    assert f"under {limit} characters" in refused(code, err)
    assert dump(demo_path) == before


def test_pdfs_hold_the_longest_texts_accepted(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(demo_path)]
    word = "w" * 300  # one word: nothing to break a line at
    assert cli(capsys, "skillshare", "add", "--member", "Ana", "--partner", "Bo",
               "--deliverable", word, *db)[0] == 0  # fmt: skip
    assert cli(capsys, "goals", "add", "--member", "Ana", "--deliverable", word,
               "--week", "2026-W45", *db)[0] == 0  # fmt: skip
    assert cli(capsys, "feedback", "add", "--ritual", "Kudos", "--decision", "adjust",
               "--useful", "u" * 1000, "--change", "c" * 1000, "--date", "2026-11-02",
               *db)[0] == 0  # fmt: skip
    for command in EXPORTS:
        out = tmp_path / f"{command[1]}.pdf"
        code, _, err = cli(capsys, *command, "--out", str(out), *db)
        assert code == 0, err
        assert out.read_bytes().startswith(b"%PDF")


# -- control characters and ESC sequences ------------------------------------------------

ESC = "\x1b]0;owned\x07\x1b[2J\x00"


def test_control_characters_never_reach_the_file_and_print_visibly(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(demo_path)]
    entries = [
        ["outcomes", "metric", "--name", f"Reviews{ESC}", "--unit", f"per week{ESC}"],
        ["skillshare", "add", "--member", "Ana", "--partner", "Bo", "--deliverable", f"Doc{ESC}"],
        ["skillshare", "set", "--id", "1", "--outcome", f"Shipped{ESC}"],
        ["goals", "add", "--member", "Ana", "--deliverable", f"Ship{ESC}", "--week", "2026-W45"],
        ["feedback", "add", "--ritual", "Kudos", "--decision", "keep", "--useful", f"Calm{ESC}"],
    ]  # fmt: skip
    for argv in entries:
        code, out, err = cli(capsys, *argv, *db)
        assert "\x1b" not in out + err, argv
    stored = repr(dump(demo_path))
    for mark in ("\\x1b", "\\x07", "\\x00"):
        assert mark not in stored
    for listing in (["outcomes", "list"], ["skillshare", "list"], ["feedback", "list"],
                    ["goals", "list", "--week", "2026-W45"], ["journey"]):  # fmt: skip
        code, out, err = cli(capsys, *listing, *db)
        assert code == 0, err
        assert "\x1b" not in out


# -- hostile CSV files for listening and outcome imports ---------------------------------

IMPORTS = [
    ["listening", "import", "{file}", "--date", "2026-11-03"],
    ["outcomes", "import", "{file}"],
]


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """A file name for each kind, and what the refusal must say."""
    fifo = tmp_path / "answers.csv"
    os.mkfifo(fifo)
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"month,metric,value\n")
        handle.write(b"2026-01," + b"x" * (50 * 1024 * 1024) + b",1\n")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    return {
        "dev-zero": ("/dev/zero", "not an ordinary file"),
        "fifo": (str(fifo), "not an ordinary file"),
        "folder": (str(folder), "not an ordinary file"),
        "50MB": (str(big), "is larger than"),
    }


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder", "50MB"])
@pytest.mark.parametrize("command", IMPORTS, ids=lambda c: c[0])
def test_imports_refuse_devices_pipes_folders_and_huge_files(
    command: list[str], kind: str, hostile: dict[str, tuple[str, str]], demo_path: Path
) -> None:
    given, says = hostile[kind]
    before = dump(demo_path)
    # A timeout here means Keel read without end or waited on the pipe.
    out = run(*[w.format(file=given) for w in command], "--db", str(demo_path), timeout=60)
    assert says in refused(out.returncode, out.stderr)
    assert dump(demo_path) == before


BROKEN = {
    "broken quote": b'month,metric,value\n"2026-01,voluntary_leavers,1\n',
    "not UTF-8": b"month,metric,value\n2026-01,voluntary_leavers,\xff\xfe\x00\n",
    "empty": b"",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize("command", IMPORTS, ids=lambda c: c[0])
def test_imports_refuse_malformed_files_in_one_line(
    command: list[str],
    content: bytes,
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    before = dump(demo_path)
    code, _, err = cli(capsys, *[w.format(file=path) for w in command], "--db", str(demo_path))
    refused(code, err)
    assert dump(demo_path) == before


def test_control_characters_in_imported_answers_are_not_stored(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(b"What helps?\nPairing\x00\x00\x1b[2J\nA calm\x07 review\n")
    code, _, err = cli(
        capsys, "listening", "import", str(path), "--date", "2026-11-03", "--db", str(demo_path)
    )
    assert code == 0, err
    stored = repr(dump(demo_path))
    assert "A calm review" in stored
    for mark in ("\\x1b", "\\x07", "\\x00"):
        assert mark not in stored


# -- JSON sections with wrong types, lengths, control characters and dates ---------------

LONG_TEXT = "w" * 20_000
JSON_CASES = [
    ("journey/program_start", 5, "expected a text or null"),
    ("journey/program_start", "0001-01-01", "out of range"),
    ("journey/listening_rounds/0/date", "9999-12-31", "out of range"),
    ("journey/listening_rounds/0/answers/0/text", 123, "expected a text"),
    ("journey/listening_rounds/0/answers/0/text", LONG_TEXT, "2000"),
    ("journey/listening_rounds/0/answers/0/text", "a\x1b[2Jb", "control characters"),
    ("journey/listening_rounds/0/answers/0/themes", "fear", "expected a list"),
    ("journey/listening_rounds/0/answers/0/question", "1", "expected a whole number"),
    ("goals/weekly/0/text", LONG_TEXT, "at most 300 characters"),
    ("goals/weekly/0/text", "a\x1b[2Jb", "control characters"),
    ("goals/weekly/0/week", 5, "expected a text"),
    ("goals/weekly/0/status", "bogus", "is not one of"),
    ("goals/weekly/0/member", "1", "expected a whole number"),
    ("goals/weekly/0/done_on", "0001-01-01", "out of range"),
    ("goals/skill_shares/0/deliverable", LONG_TEXT, "at most 300 characters"),
    ("goals/skill_shares/0/deliverable", "a\x00b", "control characters"),
    ("goals/skill_shares/0/outcome", LONG_TEXT, "at most 1000 characters"),
    ("goals/skill_shares/0/due_on", "0001-01-01", "out of range"),
    ("goals/outcome_metrics/0/name", LONG_TEXT, "at most 120 characters"),
    ("goals/outcome_metrics/0/name", "a\x1b[2Jb", "control characters"),
    ("goals/outcome_metrics/0/unit", LONG_TEXT, "at most 40 characters"),
    ("goals/outcome_metrics/0/builtin", "false", "expected true or false"),
    ("goals/outcomes/0/value", "5", "expected a number"),
    ("goals/outcomes/0/month", "0001-01", "out of range"),
    ("goals/buddies/0/blocker", "538", "expected a whole number"),
    ("goals/buddies/0/reason", LONG_TEXT, "at most 500 characters"),
    ("goals/buddies/0/chosen_at", "0001-01-01T00:00:00", "out of range"),
]


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from teamkeel.core.demo import create_demo

    folder = tmp_path_factory.mktemp("json")
    create_demo(folder / "demo.keel")
    assert main(["export", "json", "--out", str(folder / "demo.json"),
                 "--db", str(folder / "demo.keel")]) == 0  # fmt: skip
    return json.loads((folder / "demo.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("where", "value", "says"), JSON_CASES, ids=lambda v: str(v)[:30])
def test_json_sections_refuse_wrong_values_with_their_path(
    where: str,
    value: object,
    says: str,
    demo_document: dict[str, object],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = copy.deepcopy(demo_document)
    *parents, last = where.split("/")
    node: Any = doc
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    target = tmp_path / "new.keel"
    code, _, err = cli(capsys, "import", "json", str(source), "--db", str(target))
    refused(code, err)
    assert says in err
    section, key = where.split("/")[:2]
    assert f"{section}.{key}" in err  # the JSON path
    assert not target.exists() or not [r for r in dump(target) if r[0] == "goal_item"]


# -- quick-entry goal lines with many @-mentions -----------------------------------------

MENTIONS = [
    "goal @Ana {} ship",
    "goal @Ana ship; support {} help",
    "done @Ana {}",
]


@pytest.mark.parametrize("count", [10, 500, 20_000])
@pytest.mark.parametrize("shape", MENTIONS)
def test_goal_lines_with_many_mentions_are_read_or_refused_within_the_line_limit(
    shape: str, count: int
) -> None:
    from teamkeel.core.standup.parser import MAX_LINE, EntryProblem, MemberRef, parse_goal_entry

    members = [MemberRef(1, "Ana Sousa"), MemberRef(2, "Bo Lind")]
    members += [MemberRef(10 + i, f"Person{i} Name") for i in range(200)]
    line = shape.format(" ".join(["@Bo", "@Person7 Name", "@nobody"] * count))
    result = parse_goal_entry(line, members)
    if len(line) > MAX_LINE:
        # Refused before any name is looked up, so a pasted page cannot stall typing.
        assert isinstance(result, list)
        assert result == [
            EntryProblem(MAX_LINE, len(line), f"Keep the entry under {MAX_LINE} characters.")
        ]
    else:
        assert result is not None
