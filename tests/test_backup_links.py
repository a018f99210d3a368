"""Symbolic links planted in the backups folder are never followed: Keel writes nothing
through them, says so, and still opens the team file (without a fresh backup)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import (
    SOURCE_FILE,
    STATE_FILE,
    LinkRefused,
    backup_now,
    folder_for,
    list_backups,
)
from teamkeel.core.storage.teamfile import TeamFile


def change(path: Path) -> None:
    """Open the file (a backup is taken) and change it, so the next open backs up again."""
    with TeamFile.open(path) as team:
        RosterService(team).add(Member(name=f"Person {len(os.listdir(path.parent))}"))


def test_a_linked_last_backup_record_is_not_overwritten(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change(demo_path)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me", encoding="utf-8")
    state = folder_for(demo_path) / STATE_FILE
    state.unlink()
    state.symlink_to(victim)
    with pytest.raises(LinkRefused, match="symbolic link"):
        backup_now(demo_path)
    assert main(["log", "open", "--db", str(demo_path)]) == 0  # opens all the same
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert state.is_symlink()


def test_a_dangling_source_note_link_creates_nothing(demo_path: Path, tmp_path: Path) -> None:
    folder = folder_for(demo_path)
    folder.mkdir(parents=True)
    target = tmp_path / "created-by-keel.txt"
    (folder / SOURCE_FILE).symlink_to(target)
    with TeamFile.open(demo_path) as team:
        assert RosterService(team).list_members()
        assert any("symbolic link" in warning for warning in team.open_warnings)
    assert not target.exists()
    assert list_backups(demo_path) == []


def test_a_linked_backup_folder_is_not_written_into_or_chmodded(
    demo_path: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    folder = folder_for(demo_path)
    folder.parent.mkdir(parents=True)
    folder.symlink_to(elsewhere, target_is_directory=True)
    with TeamFile.open(demo_path) as team:
        assert RosterService(team).list_members()
        assert any("symbolic link" in warning for warning in team.open_warnings)
    assert os.listdir(elsewhere) == []
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert list_backups(demo_path) == []


def test_a_link_named_like_a_backup_is_not_listed(demo_path: Path, tmp_path: Path) -> None:
    change(demo_path)
    folder = folder_for(demo_path)
    other = tmp_path / "other.keel"
    other.write_bytes(demo_path.read_bytes())
    (folder / "20260101T000000000000Z-open.keel").symlink_to(other)
    assert all(not b.path.is_symlink() for b in list_backups(demo_path))
