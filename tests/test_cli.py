"""The command line, run as a user would: a real process, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from teamkeel import __version__


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "teamkeel", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"teamkeel {__version__}"


def test_demo_roster_and_json_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "demo.keel"
    assert run("demo", "--db", str(db)).returncode == 0
    again = run("demo", "--db", str(db))
    assert again.returncode != 0
    assert "already exists" in again.stderr

    csv_out = tmp_path / "roster.csv"
    assert run("roster", "export", "--db", str(db), "--out", str(csv_out)).returncode == 0
    assert "李娜" in csv_out.read_text(encoding="utf-8-sig")

    fresh = tmp_path / "fresh.keel"
    imported = run("import", "json", "--db", str(fresh), str(tmp_path / "missing.json"))
    assert imported.returncode == 2 and "Cannot read" in imported.stderr
    assert not fresh.exists()

    doc = tmp_path / "team.json"
    assert run("export", "json", "--db", str(db), "--out", str(doc)).returncode == 0
    assert run("import", "json", str(doc), "--db", str(fresh)).returncode == 0
    doc2 = tmp_path / "team2.json"
    assert run("export", "json", "--db", str(fresh), "--out", str(doc2)).returncode == 0
    assert doc.read_text(encoding="utf-8") == doc2.read_text(encoding="utf-8")


def test_roster_import_reports_problems_on_stderr(tmp_path: Path) -> None:
    db = tmp_path / "t.keel"
    good = tmp_path / "good.csv"
    good.write_text("Name;Email\nAna;ana@example.org\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Email\nBo,bo@example.org\nCy,nope\n", encoding="utf-8")
    from teamkeel.core.storage.teamfile import TeamFile

    TeamFile.create(db).close()
    ok = run("roster", "import", str(good), "--db", str(db))
    assert ok.returncode == 0 and "Imported 1 members" in ok.stdout
    failed = run("roster", "import", str(bad), "--db", str(db))
    assert failed.returncode == 2
    assert failed.stderr.splitlines()[0].startswith("teamkeel: error: line 3:")
    out = tmp_path / "out.csv"
    run("roster", "export", "--db", str(db), "--out", str(out))
    assert "Bo" not in out.read_text(encoding="utf-8-sig")


def test_refused_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    junk = tmp_path / "junk.keel"
    junk.write_bytes(b"\x00" * 100)
    out = run("export", "json", "--db", str(junk), "--out", str(tmp_path / "x.json"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not a Keel team file" in out.stderr
    assert "Traceback" not in out.stderr


def test_shot_renders_the_roster(tmp_path: Path) -> None:
    db = tmp_path / "demo.keel"
    run("demo", "--db", str(db))
    png = tmp_path / "roster.png"
    out = run("shot", "--db", str(db), "--tab", "roster", "--out", str(png), "--size", "1000x640")
    assert out.returncode == 0, out.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (1000, 640)
    bad_size = run("shot", "--db", str(db), "--out", str(png), "--size", "big")
    assert bad_size.returncode == 2 and "--size" in bad_size.stderr


def test_only_a_plain_start_skips_the_commands() -> None:
    from teamkeel.cli import opens_window, window_file

    assert opens_window([])
    assert opens_window(["--db", "team.keel"])
    assert opens_window(["--db=team.keel"])
    assert not opens_window(["--help"])
    assert not opens_window(["--version"])
    assert not opens_window(["demo", "--db", "x.keel"])
    assert not opens_window(["--db", "x.keel", "roster", "export"])
    assert window_file([]) is None
    assert window_file(["--db", "a.keel"]) == Path("a.keel")
    assert window_file(["--db=a.keel", "--db", "b b.keel"]) == Path("b b.keel")  # the last wins


def test_usage_mistakes_are_one_line(tmp_path: Path) -> None:
    for args in (
        ["roster", "export", "--db", str(tmp_path / "x.keel")],
        ["no-such-command"],
        ["demo", "--size", "huge"],
    ):
        out = run(*args)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("teamkeel"), out.stderr


def test_db_before_the_command_is_used_and_write_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "demo.keel"
    assert run("demo", "--db", str(db)).returncode == 0
    out = tmp_path / "roster.csv"
    assert run("--db", str(db), "roster", "export", "--out", str(out)).returncode == 0
    assert "李娜" in out.read_text(encoding="utf-8-sig")
    missing = run("--db", str(db), "export", "json", "--out", str(tmp_path / "nowhere" / "x.json"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "Traceback" not in missing.stderr
    wrong = run("roster", "export", "--db", str(db), "--out", str(tmp_path / "roster.txt"))
    assert wrong.returncode == 2 and ".csv" in wrong.stderr


def test_a_failed_demo_leaves_no_file_behind(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from teamkeel.core import demo
    from teamkeel.core.roster import demo as roster_demo

    def broken(*_args: object) -> None:
        raise RuntimeError("a demo step failed")

    monkeypatch.setattr(roster_demo, "populate", broken)
    target = tmp_path / "demo.keel"
    with pytest.raises(RuntimeError):
        demo.create_demo(target)
    assert list(tmp_path.iterdir()) == []
