"""``check_file`` and ``teamkeel check``: SQLite's checks plus Keel's own rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import FileRefused
from teamkeel.core.safety.check import check_file


def tamper(path: Path, *statements: str) -> None:
    """Write behind Keel's back, as another tool (or a bug) might."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_a_demo_file_is_clean(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert check_file(demo_path) == []
    assert main(["check", "--db", str(demo_path)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_keel_rules_are_checked(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tamper(
        demo_path,
        "UPDATE member SET name = '   ' WHERE id = 1",
        "UPDATE member SET skills = '\"Python\"' WHERE id = 2",
        "UPDATE member SET goals = '[broken' WHERE id = 3",
        "UPDATE member SET timezone = 'Mars/Olympus' WHERE id = 4",
        "UPDATE ritual SET weekdays = '{\"mo\": 1}' WHERE id = (SELECT min(id) FROM ritual)",
    )
    found = {(f.where, f.message) for f in check_file(demo_path)}
    assert ("member row 1", "the name is blank") in found
    assert ("member row 2", "skills is not a list") in found
    assert ("member row 3", "goals is not valid JSON") in found
    assert ("member row 4", "unknown timezone “Mars/Olympus”") in found
    assert any(w.startswith("ritual row") and m == "weekdays is not a list" for w, m in found)
    assert main(["check", "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "5 problems found" in out and "member row 1" in out


def test_dangling_rows_are_found(demo_path: Path) -> None:
    tamper(
        demo_path,
        "INSERT INTO absence (member_id, start, \"end\", note) VALUES (999, '2026-01-01', '2026-01-02', '')",
    )
    (finding,) = check_file(demo_path)
    assert finding.check == "foreign key"
    assert finding.where.startswith("absence row")


def test_broken_check_constraints_are_found(demo_path: Path) -> None:
    tamper(
        demo_path,
        "PRAGMA ignore_check_constraints=ON",
        "UPDATE absence SET \"end\" = '2000-01-01' WHERE id = 1",
    )
    findings = check_file(demo_path)
    assert findings, "an absence ending before it starts went unnoticed"
    assert any("absence" in str(f) for f in findings)


def test_damaged_pages_are_reported_not_refused(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(demo_path.read_bytes())
    for offset in range(8 * 4096, 30 * 4096, 4096):
        data[offset + 10 : offset + 300] = b"\x5a" * 290
    demo_path.write_bytes(bytes(data))
    before = demo_path.read_bytes()
    assert [f.check for f in check_file(demo_path)][:1] == ["integrity"]
    assert main(["check", "--db", str(demo_path)]) == 1
    assert demo_path.read_bytes() == before  # checking never writes


def test_check_refuses_what_is_not_a_keel_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(FileRefused):
        check_file(other)
    assert main(["check", "--db", str(other)]) == 2
    assert main(["check", "--db", str(tmp_path / "missing.keel")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
