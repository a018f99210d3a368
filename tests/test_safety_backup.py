"""Rolling backups: taken on every open, kept by the policy, private, and restorable."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import FileRefused, KeelError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import (
    Backup,
    BackupPolicy,
    backup_now,
    backups_root,
    folder_for,
    list_backups,
    restore,
    to_keep,
)
from teamkeel.core.storage.teamfile import TeamFile


def names(path: Path) -> list[str]:
    with TeamFile.open(path) as team:
        return [m.name for m in RosterService(team).list_members(include_archived=True)]


def raw_names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()


def test_opening_a_file_backs_it_up_first(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    assert list_backups(team_path) == []  # a new file has nothing to back up
    with TeamFile.open(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    (first,) = list_backups(team_path)
    assert first.reason == "open"
    assert raw_names(first.path) == []  # taken before the write
    TeamFile.open(team_path).close()
    newest = list_backups(team_path)[0]
    assert raw_names(newest.path) == ["Ana Sousa"]
    assert newest.path.parent == folder_for(team_path)
    assert newest.path.parent.parent == backups_root()


def test_backup_of_a_live_file_holds_committed_rows(team: TeamFile) -> None:
    # The window has the file open and just wrote (WAL not yet folded in): a file copy
    # could miss it, the backup API does not.
    RosterService(team).add(Member("Bo Lindqvist"))
    taken = backup_now(team.path, reason="manual")
    assert raw_names(taken.path) == ["Bo Lindqvist"]
    assert not Path(f"{taken.path}-wal").exists()


def test_files_and_backups_are_private(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    TeamFile.open(team_path).close()
    assert stat.S_IMODE(team_path.stat().st_mode) == 0o600
    (b,) = list_backups(team_path)
    assert stat.S_IMODE(b.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(b.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backups_root().stat().st_mode) == 0o700
    for other in b.path.parent.iterdir():
        assert stat.S_IMODE(other.stat().st_mode) == 0o600, other


def fake(path: Path, when: dt.datetime) -> Backup:
    return Backup(path / when.strftime("%Y%m%dT%H%M%S"), when, "open", 1)


def test_policy_keeps_last_n_and_one_per_week(tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)  # a Monday
    # Three opens a day for five weeks.
    backups = [
        fake(tmp_path, start + dt.timedelta(days=d, hours=h)) for d in range(35) for h in (0, 3, 6)
    ]
    keep = to_keep(backups, BackupPolicy(keep_last=4))
    newest = sorted(backups, key=lambda b: b.taken_at)[-4:]
    assert {b.path for b in newest} <= keep
    weekly = [b for b in backups if b.path in keep and b not in newest]
    assert [b.taken_at for b in weekly] == [start + dt.timedelta(weeks=w) for w in range(5)]
    assert len(keep) == 9
    # Weekly copies only for the latest weeks when asked.
    two_weeks = to_keep(backups, BackupPolicy(keep_last=4, keep_weeks=2))
    assert len(two_weeks) == 6
    assert (start + dt.timedelta(weeks=3)) in {b.taken_at for b in backups if b.path in two_weeks}


def test_rotation_prunes_old_opens(team_path: Path) -> None:
    BackupPolicy(keep_last=3).save()
    assert BackupPolicy.load() == BackupPolicy(keep_last=3)
    TeamFile.create(team_path).close()
    base = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    for i in range(8):
        backup_now(team_path, now=base + dt.timedelta(hours=i))
    kept = [b.taken_at for b in list_backups(team_path)]
    # Three newest, plus the first of that week.
    assert kept == [base + dt.timedelta(hours=h) for h in (7, 6, 5, 0)]


def test_a_broken_policy_file_means_defaults(tmp_path: Path) -> None:
    backups_root().mkdir(parents=True)
    (backups_root() / "policy.json").write_text("{not json", encoding="utf-8")
    assert BackupPolicy.load() == BackupPolicy()
    with pytest.raises(KeelError):
        BackupPolicy(keep_last=0).save()


def test_restore_brings_back_the_old_state_and_keeps_the_current(team_path: Path) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    with TeamFile.open(team_path) as team:  # backed up with Ana only
        RosterService(team).add(Member("Bo Lindqvist"))
    (with_ana,) = [b for b in list_backups(team_path) if raw_names(b.path) == ["Ana Sousa"]]
    before = restore(with_ana.path, team_path)
    assert before is not None and before.reason == "before-restore"
    assert raw_names(before.path) == ["Ana Sousa", "Bo Lindqvist"]
    assert names(team_path) == ["Ana Sousa"]
    assert stat.S_IMODE(team_path.stat().st_mode) == 0o600


def test_restore_while_another_connection_has_the_file_open(team: TeamFile) -> None:
    roster = RosterService(team)
    roster.add(Member("Ana Sousa"))
    kept = backup_now(team.path, reason="manual")
    roster.add(Member("Bo Lindqvist"))
    restore(kept.path, team.path)
    # The open connection sees the restored file, not a mix.
    assert [m.name for m in roster.list_members()] == ["Ana Sousa"]
    roster.add(Member("Chidi Okafor"))
    assert sorted(raw_names(team.path)) == ["Ana Sousa", "Chidi Okafor"]


def test_restore_over_a_damaged_file_keeps_its_bytes(team_path: Path, tmp_path: Path) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    good = backup_now(team_path, reason="manual")
    team_path.write_bytes(b"this is no longer a database" * 100)
    before = restore(good.path, team_path)
    assert before is not None
    assert before.path.read_bytes() == b"this is no longer a database" * 100
    assert names(team_path) == ["Ana Sousa"]


def test_restore_refuses_bad_backups(team: TeamFile, tmp_path: Path) -> None:
    junk = tmp_path / "junk.keel"
    junk.write_bytes(b"\0" * 4096)
    with pytest.raises(FileRefused):
        restore(junk, team.path)
    with pytest.raises(KeelError):
        restore(tmp_path / "missing.keel", team.path)
    with pytest.raises(KeelError):
        restore(team.path, team.path)


def test_a_damaged_file_is_refused_and_its_copy_not_kept(demo_path: Path) -> None:
    TeamFile.open(demo_path).close()
    good = list_backups(demo_path)
    data = bytearray(demo_path.read_bytes())
    # Scribble over interior pages; the header and schema page stay readable.
    for offset in range(8 * 4096, 40 * 4096, 4096):
        data[offset + 10 : offset + 400] = b"\xa5" * 390
    demo_path.write_bytes(bytes(data))
    with pytest.raises(FileRefused, match="damaged"):
        TeamFile.open(demo_path)
    assert demo_path.read_bytes() == bytes(data)
    assert list_backups(demo_path) == good


def test_backup_failure_is_remembered_but_does_not_block_opening(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("a file where the backups folder should be", encoding="utf-8")
    with TeamFile.open(team_path) as opened:
        (warning,) = opened.open_warnings
        assert team_path.name in warning and "could not back up" in warning
    backups_root().unlink()
    with TeamFile.open(team_path) as opened:
        assert opened.open_warnings == ()
    assert list_backups(team_path)  # and the backup was made this time


def test_cli_backup_list_and_restore(team_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    out = tmp_path / "copy.keel"
    assert main(["backup", "--db", str(team_path), "--out", str(out)]) == 0
    assert raw_names(out) == ["Ana Sousa"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["backup", "--db", str(team_path), "--out", str(out)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err

    with TeamFile.open(team_path) as team:
        RosterService(team).add(Member("Bo Lindqvist"))
    assert main(["backups", "list", "--db", str(team_path)]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "opened" in listing
    assert main(["backups", "restore", "--db", str(team_path), "1"]) == 0
    assert names(team_path) == ["Ana Sousa"]
    assert main(["backups", "restore", "--db", str(team_path), "99"]) == 2
    assert main(["backups", "keep", "4"]) == 0
    assert BackupPolicy.load() == BackupPolicy(keep_last=4, keep_weeks=52)
    assert main(["backups", "keep", "6", "--weeks", "8"]) == 0
    assert BackupPolicy.load() == BackupPolicy(keep_last=6, keep_weeks=8)
    assert main(["backups", "keep", "0"]) == 2


def test_reopening_an_unchanged_file_adds_no_duplicate_backup(team_path: Path) -> None:
    from teamkeel.core.roster import Member, RosterService

    TeamFile.create(team_path).close()
    TeamFile.open(team_path).close()
    TeamFile.open(team_path).close()
    assert len(list_backups(team_path)) == 1  # the same state twice is kept once
    with TeamFile.open(team_path) as team:
        RosterService(team).add(Member(name="Ana"))
    TeamFile.open(team_path).close()
    backups = list_backups(team_path)
    assert len(backups) == 2
    with TeamFile.open(backups[0].path) as newest:
        assert [m.name for m in RosterService(newest).list_members()] == ["Ana"]


def test_restoring_the_oldest_kept_backup_does_not_prune_it_first(team_path: Path) -> None:
    """The copy of the current state taken before a restore pushes the oldest backup out
    of the rotation; the backup being restored must survive that, or the restore fails
    and the backup the lead chose is gone."""
    BackupPolicy(keep_last=2, keep_weeks=0).save()
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member(name="Ana"))
    backup_now(team_path, reason="manual")
    with TeamFile.open(team_path) as team:
        RosterService(team).add(Member(name="Bo"))
    backup_now(team_path, reason="manual")
    chosen = list_backups(team_path)[1].path  # the oldest kept: only Ana
    assert main(["backups", "restore", "2", "--db", str(team_path)]) == 0
    assert chosen.exists()  # the restore deleted nothing; later backups prune as usual
    assert raw_names(team_path) == ["Ana"]
