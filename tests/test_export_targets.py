"""No export ever writes over the team file it reads, its -wal/-shm, or a backup: every
exporter of the command line and the window's save dialogs refuse such a target in one
line, and the team file stays whole."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing
from teamkeel.core.roster import RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.storage.teamfile import TeamFile

# Every exporter that takes --out, with the arguments it needs besides --db and --out,
# and a name for the team file that the exporter accepts as an --out (some choose the
# format by the file's ending).
EXPORTERS = {
    "export json": (["export", "json"], ".keel"),
    "export log": (["export", "log"], ".csv"),
    "roster export": (["roster", "export"], ".csv"),
    "export compact": (["export", "compact"], ".pdf"),
    "export calendar ics": (["export", "calendar"], ".ics"),
    "export calendar pdf": (["export", "calendar"], ".pdf"),
    "facilitation-cards": (["export", "facilitation-cards"], ".pdf"),
    "report": (["export", "report"], ".pdf"),
    "export rotations pdf": (["export", "rotations", "--rotation", "Pairing Wednesdays"], ".pdf"),
    "export rotations csv": (["export", "rotations", "--rotation", "Pairing Wednesdays"], ".csv"),
    "shot": (["shot"], ".keel"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def members(path: Path) -> int:
    with TeamFile.open(path) as team:
        return len(RosterService(team).list_members())


@pytest.mark.parametrize("exporter", sorted(EXPORTERS))
def test_every_exporter_refuses_the_team_file_as_target(
    exporter: str, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, suffix = EXPORTERS[exporter]
    db = demo_path.rename(demo_path.with_suffix(suffix))
    before = members(db)
    assert main([*args, "--db", str(db), "--out", str(db)]) == 2
    err = capsys.readouterr().err
    assert "will not write over" in err and "open team file" in err
    assert len(err.strip().splitlines()) == 1
    assert members(db) == before


def test_the_wal_shm_a_relative_path_and_a_hard_link_are_refused_too(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    link = demo_path.with_name("same-inode.keel")
    os.link(demo_path, link)
    monkeypatch.chdir(demo_path.parent)
    targets = [f"{demo_path}-wal", f"{demo_path}-shm", f"./{demo_path.name}", str(link)]
    for target in targets:
        assert main(["export", "json", "--db", str(demo_path), "--out", target]) == 2
        assert "will not write over" in capsys.readouterr().err
    assert members(demo_path) > 0


def test_a_backup_and_another_keel_file_are_refused(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members(demo_path)  # opening takes a backup
    backup = list_backups(demo_path)[0].path
    kept = digest(backup)
    assert main(["export", "json", "--db", str(demo_path), "--out", str(backup)]) == 2
    assert "will not write" in capsys.readouterr().err
    assert digest(backup) == kept
    other = tmp_path / "other-team.csv"
    TeamFile.create(other).close()
    kept = digest(other)
    assert main(["roster", "export", "--db", str(demo_path), "--out", str(other)]) == 2
    assert "Keel team file" in capsys.readouterr().err
    assert digest(other) == kept


def test_the_shared_writer_refuses_an_open_team_file(demo_team: TeamFile) -> None:
    with pytest.raises(KeelError, match="open team file"), replacing(demo_team.path):
        pass
    with pytest.raises(KeelError, match="open team file"), replacing(Path(f"{demo_team.path}-wal")):
        pass


def test_the_window_save_dialogs_refuse_the_open_file(window, prompts, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_file(demo_path)
    kept = members(demo_path)
    prompts.files = [str(demo_path)]
    window.export_json()
    assert prompts.errors and "will not write over" in prompts.errors[-1][1]
    prompts.files = [f"{demo_path}-wal"]
    window.save_copy()
    assert "will not write over" in prompts.errors[-1][1]
    assert members(demo_path) == kept
