"""Exports replace their file in one step: a failure keeps the last good file."""

from __future__ import annotations

from pathlib import Path

import pytest

from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"last good report")
    with pytest.raises(RuntimeError), replacing(out) as tmp:
        tmp.write_bytes(b"half a rep")
        raise RuntimeError("disk full halfway")
    assert out.read_bytes() == b"last good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_finished_write_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    out.write_text("old", encoding="utf-8")
    with replacing(out) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv"]


def test_a_missing_folder_or_a_folder_as_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KeelError, match="Cannot write"), replacing(tmp_path / "nowhere" / "x.csv"):
        pass
    with pytest.raises(KeelError, match="is a folder"), replacing(tmp_path):
        pass


def test_the_json_export_uses_it(demo_team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core import interchange

    with pytest.raises(KeelError, match="Cannot write"):
        interchange.export_json(demo_team, tmp_path / "missing" / "team.json")
    out = tmp_path / "exports"
    out.mkdir()
    interchange.export_json(demo_team, out / "team.json")
    assert [p.name for p in out.iterdir()] == ["team.json"]


def test_exports_get_the_users_usual_mode_and_the_team_json_stays_private(  # type: ignore[no-untyped-def]
    demo_team, tmp_path: Path
) -> None:
    import os
    import stat

    from teamkeel.core import interchange
    from teamkeel.core.roster import RosterService
    from teamkeel.core.roster.csvio import export_roster_csv

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    old_mask = os.umask(0o022)
    try:
        export_roster_csv(RosterService(demo_team), tmp_path / "roster.csv")
        with replacing(tmp_path / "report.pdf") as tmp:
            tmp.write_bytes(b"%PDF")
        interchange.export_json(demo_team, tmp_path / "team.json")
        os.umask(0o077)  # a user who keeps everything private gets just that
        with replacing(tmp_path / "strict.ics") as tmp:
            tmp.write_text("BEGIN:VCALENDAR", encoding="utf-8")
    finally:
        os.umask(old_mask)
    assert mode(tmp_path / "roster.csv") == 0o644
    assert mode(tmp_path / "report.pdf") == 0o644
    assert mode(tmp_path / "strict.ics") == 0o600
    assert mode(tmp_path / "team.json") == 0o600
    assert mode(demo_team.path) == 0o600  # the team file itself stays private
