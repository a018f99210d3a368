"""Hostile and damaged files: each gets a clear one-line refusal, never a traceback, and
is never modified (same bytes, no -wal/-shm left beside it). Checked through the service
(TeamFile.open), the command line and the window."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import FileRefused, KeelError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.storage.copy import snapshot
from teamkeel.core.storage.teamfile import APPLICATION_ID, TeamFile


def fingerprint(path: Path) -> tuple[object, ...]:
    """Bytes of the file (or a folder's listing) plus which sidecar files exist."""
    if path.is_dir():
        body: object = sorted(p.name for p in path.iterdir())
    else:
        body = hashlib.sha256(path.read_bytes()).hexdigest()
    sidecars = tuple(Path(f"{path}{s}").exists() for s in ("-wal", "-shm", "-journal"))
    return body, sidecars


# -- the cases: each builds a hostile file at the given path --------------------------
def truncated(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[: demo.stat().st_size // 2])


def truncated_header(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[:60])


def random_bytes(path: Path, demo: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def sqlite_header_then_noise(path: Path, demo: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(9).randbytes(16 * 1024))


def empty(path: Path, demo: Path) -> None:
    path.write_bytes(b"")


def other_program(path: Path, demo: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoice (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def unfinished_keel(path: Path, demo: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("CREATE TABLE member (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


def newer_keel(path: Path, demo: Path) -> None:
    snapshot(demo, path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO alembic_version VALUES ('0042_from_the_future')")
    conn.commit()
    conn.close()


def damaged_pages(path: Path, demo: Path) -> None:
    data = bytearray(demo.read_bytes())
    for offset in range(8 * 4096, 40 * 4096, 4096):
        data[offset + 10 : offset + 400] = b"\xa5" * 390
    path.write_bytes(bytes(data))


def a_folder(path: Path, demo: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("not a team", encoding="utf-8")


CASES: dict[str, Callable[[Path, Path], None]] = {
    "truncated": truncated,
    "truncated header": truncated_header,
    "random bytes": random_bytes,
    "SQLite header then noise": sqlite_header_then_noise,
    "empty": empty,
    "another program's database": other_program,
    "unfinished Keel file": unfinished_keel,
    "newer Keel": newer_keel,
    "damaged pages": damaged_pages,
    "a folder": a_folder,
}


@pytest.fixture(params=list(CASES))
def hostile(request: pytest.FixtureRequest, demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hostile" / "team.keel"
    path.parent.mkdir()
    CASES[request.param](path, demo_path)
    return path


def test_service_refuses_and_leaves_it_alone(hostile: Path) -> None:
    before = fingerprint(hostile)
    with pytest.raises(FileRefused) as refused:
        TeamFile.open(hostile)
    message = str(refused.value)
    assert message and "\n" not in message
    assert hostile.name in message or str(hostile) in message
    assert fingerprint(hostile) == before
    assert list_backups(hostile) == []  # nothing bad enters the rotation


def test_command_line_prints_one_line_and_exits_2(hostile: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint(hostile)
    out = tmp_path / "roster.csv"
    assert main(["roster", "export", "--db", str(hostile), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("teamkeel: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not out.exists()
    assert fingerprint(hostile) == before


def test_window_shows_a_message(hostile: Path, window, prompts) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint(hostile)
    assert window.open_file(hostile) is False
    assert len(prompts.errors) == 1
    title, text = prompts.errors[0]
    assert title == "Cannot open team file" and text
    assert window.ctx is None
    assert fingerprint(hostile) == before


def test_a_real_process_never_prints_a_traceback(demo_path: Path, tmp_path: Path) -> None:
    """Every case through the installed ``teamkeel`` entry point, as a user runs it."""
    exe = Path(os.environ.get("VIRTUAL_ENV", "/work/venv")) / "bin" / "teamkeel"
    if not exe.exists():
        pytest.skip("the teamkeel entry point is not installed")
    for name, build in CASES.items():
        path = tmp_path / name.replace(" ", "_").replace("'", "") / "team.keel"
        path.parent.mkdir()
        build(path, demo_path)
        before = fingerprint(path)
        run = subprocess.run(
            [str(exe), "log", "open", "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ},
        )
        assert run.returncode == 2, (name, run.stderr)
        assert "Traceback" not in run.stderr, name
        assert run.stderr.startswith("teamkeel: error: "), name
        assert fingerprint(path) == before, name


# -- read-only files and full disks --------------------------------------------------
def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
            check=True,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small file system here ({exc}); a full disk needs one")


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "tiny"
    _mount_tmpfs(where, "2m")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def fill(where: Path, leave: int = 0) -> None:
    """Fill a file system until at most ``leave`` bytes are free."""
    with (where / "filler").open("wb") as out:
        try:
            while shutil.disk_usage(where).free > leave:
                out.write(b"\0" * min(64 * 1024, max(4096, shutil.disk_usage(where).free - leave)))
                out.flush()
        except OSError:
            pass


def test_read_only_file_is_read_but_never_changed(demo_path: Path, tmp_path: Path) -> None:
    """(Read, exported and backed up: see test_read_only_media.py.)"""
    if os.geteuid() != 0:
        demo_path.chmod(0o400)
        target = demo_path
    else:  # root writes through file modes: make the whole file system read-only
        where = tmp_path / "ro"
        _mount_tmpfs(where, "4m")
        try:
            target = where / "team.keel"
            shutil.copyfile(demo_path, target)
            subprocess.run(
                ["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True
            )
        except BaseException:
            subprocess.run(["umount", "-l", str(where)], check=False)
            raise
    try:
        before = fingerprint(target)
        with TeamFile.open(target) as team:
            assert team.read_only
        assert fingerprint(target) == before
        assert main(["log", "open", "--db", str(target)]) == 0
        assert fingerprint(target) == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(tmp_path / "ro")], check=False)


def test_full_disk_is_refused_before_anything_is_written(
    demo_path: Path, tiny_fs: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    target = tiny_fs / "team.keel"
    shutil.copyfile(demo_path, target)
    fill(tiny_fs)
    before = fingerprint(target)
    with pytest.raises(FileRefused, match="full"):
        TeamFile.open(target)
    assert fingerprint(target) == before
    assert main(["log", "open", "--db", str(target)]) == 2
    assert "full" in capsys.readouterr().err
    assert fingerprint(target) == before


def test_disk_filling_up_during_a_write_loses_nothing(demo_path: Path, tiny_fs: Path) -> None:
    target = tiny_fs / "team.keel"
    shutil.copyfile(demo_path, target)
    with TeamFile.open(target) as team:
        roster = RosterService(team)
        before = roster.list_members(include_archived=True)
        fill(tiny_fs, leave=300 * 1024)
        many = [Member(f"Person {i}", notes="n" * 2000) for i in range(1000)]
        with pytest.raises(KeelError, match="disk is full"):
            roster.add_many(many)
        assert roster.list_members(include_archived=True) == before
        (tiny_fs / "filler").unlink()
        roster.add(Member("After the clean-up"))  # the file still works
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == len(before) + 1
    conn.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "team.keel"
    os.mkfifo(fifo)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "teamkeel", "log", "open", "--db", str(fifo)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("opening a named pipe hangs")
    assert run.returncode == 2 and "Traceback" not in run.stderr
