"""A healthy team file on read-only media (a locked SD card, a read-only share) is read,
exported and backed up; it is called read-only, never damaged, and never changed.

How the media is made read-only: as root (CI), permission bits mean nothing, so the
file sits on a small tmpfs remounted read-only, where every write fails with EROFS as
on a real locked card; as another user, the folder and file lose their write bits."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import FileRefused, KeelError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage.teamfile import TeamFile


def state(path: Path) -> tuple[str, list[str]]:
    """The file's bytes and what else lies in its folder."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(os.listdir(path.parent))


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=10)


def put_team_file(demo: Path, target: Path) -> None:
    """A copy of the demo as a team file in use is: in WAL mode, as Keel leaves it."""
    shutil.copyfile(demo, target)
    TeamFile.open(target).close()


@pytest.fixture
def on_read_only_media(demo_path: Path, tmp_path: Path) -> Iterator[Path]:
    """The demo team file, on media Keel cannot write to."""
    where = tmp_path / "card"
    where.mkdir()
    if os.geteuid() != 0:
        target = where / "team.keel"
        put_team_file(demo_path, target)
        target.chmod(0o444)
        where.chmod(0o555)
        yield target
        where.chmod(0o755)
        return
    try:
        _mount("-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(where))
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small file system here ({exc})")
    try:
        target = where / "team.keel"
        put_team_file(demo_path, target)
        _mount("-o", "remount,ro", str(where))
        with pytest.raises(OSError):  # really read-only, even for root
            (where / "probe").write_bytes(b"x")
        yield target
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def test_the_file_opens_read_only_and_every_write_is_refused(on_read_only_media: Path) -> None:
    before = state(on_read_only_media)
    with TeamFile.open(on_read_only_media) as team:
        assert team.read_only
        roster = RosterService(team)
        people = roster.list_members()
        assert len(people) > 5
        with pytest.raises(KeelError, match="read-only"):
            roster.add(Member("Someone New"))
        assert roster.list_members() == people
    assert state(on_read_only_media) == before


def test_check_backup_and_exports_work_and_never_say_damaged(
    on_read_only_media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(on_read_only_media)
    before = state(on_read_only_media)
    assert check_file(on_read_only_media) == []
    assert main(["check", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "read-only" in out and "no problems found" in out and "damaged" not in out

    copy = tmp_path / "copy.keel"
    assert main(["backup", "--db", db, "--out", str(copy)]) == 0
    with TeamFile.open(copy) as team:
        assert not team.read_only and len(RosterService(team).list_members()) > 5

    assert main(["export", "json", "--db", db, "--out", str(tmp_path / "t.json")]) == 0
    assert main(["roster", "export", "--db", db, "--out", str(tmp_path / "r.csv")]) == 0
    assert main(["log", "open", "--db", db]) == 0
    capsys.readouterr()

    blocker = ["log", "blocker", "--db", db, "--owner", "Ana Sousa", "--note", "stuck"]
    assert main(blocker) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "damaged" not in err
    assert state(on_read_only_media) == before


def test_unread_changes_in_a_write_ahead_log_are_not_hidden(
    demo_path: Path, tmp_path: Path
) -> None:
    """A file copied to read-only media with its -wal (Keel was still open): reading the
    main file alone would show an older state, so Keel says what to do instead."""
    if os.geteuid() != 0:
        pytest.skip("needs a read-only mount (root)")
    where = tmp_path / "card"
    where.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(where))
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small file system here ({exc})")
    try:
        target = where / "team.keel"
        shutil.copyfile(demo_path, target)
        writer = sqlite3.connect(target)
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("UPDATE member SET notes = 'changed' WHERE id = 1")
        writer.commit()
        shutil.copyfile(f"{target}-wal", tmp_path / "wal")  # the -wal as it was left
        writer.close()
        shutil.copyfile(tmp_path / "wal", f"{target}-wal")
        Path(f"{target}-shm").unlink(missing_ok=True)
        _mount("-o", "remount,ro", str(where))
        with pytest.raises(FileRefused, match="copy both files"):
            TeamFile.open(target)
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def test_the_window_shows_the_file_and_says_read_only(
    window, prompts, on_read_only_media: Path
) -> None:  # type: ignore[no-untyped-def]
    before = state(on_read_only_media)
    window.open_file(on_read_only_media)
    assert window.ctx is not None and window.ctx.team.read_only
    assert "(read-only)" in window.windowTitle()
    window.tab("roster").add_member()  # an edit: refused in one line, nothing written
    assert prompts.errors and "read-only" in prompts.errors[-1][1]
    window.close()
    assert state(on_read_only_media) == before
