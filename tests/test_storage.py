"""Team files: creation, migration, refusal of files Keel must not touch, integrity."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from teamkeel.core.errors import FileRefused
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.models import AbsenceRow
from teamkeel.core.storage import migrate
from teamkeel.core.storage.teamfile import APPLICATION_ID, TeamFile
from teamkeel.core.team_info import create_team


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_has_schema_marker_and_private_permissions(team_path: Path) -> None:
    create_team(team_path, "Crew").close()
    conn = sqlite3.connect(team_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    conn.close()
    assert {"team", "member", "absence", "setting"} <= tables
    assert app_id == APPLICATION_ID
    assert versions == set(migrate.head_revisions())
    assert stat.S_IMODE(os.stat(team_path).st_mode) == 0o600


def test_create_refuses_to_overwrite(team_path: Path) -> None:
    team_path.write_bytes(b"precious")
    with pytest.raises(FileRefused, match="already exists"):
        TeamFile.create(team_path)
    assert team_path.read_bytes() == b"precious"


def test_reopening_keeps_data_and_needs_no_migration(team_path: Path) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member(name="Ana", timezone="Europe/Lisbon"))
    assert not migrate.needs_upgrade(team_path)
    with TeamFile.open(team_path) as team:
        assert [m.name for m in RosterService(team).list_members()] == ["Ana"]


def test_file_from_newer_keel_is_refused_untouched(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    conn = sqlite3.connect(team_path)
    conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.commit()
    conn.close()
    before = digest(team_path)
    with pytest.raises(FileRefused, match="newer version of Keel"):
        TeamFile.open(team_path)
    assert digest(team_path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (os.urandom(4096), "not a SQLite database"),
        (b"Name,Role\nAna,Dev\n", "not a SQLite database"),
    ],
)
def test_files_that_are_not_team_files_are_refused_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.keel"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=message):
        TeamFile.open(path)
    assert path.read_bytes() == content


def test_sqlite_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    conn.execute("INSERT INTO photos (file) VALUES ('a.jpg')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(FileRefused, match="another program"):
        TeamFile.open(path)
    assert digest(path) == before


def test_truncated_file_is_refused(team_path: Path, tmp_path: Path) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many([Member(name=f"M{i}") for i in range(200)])
    data = team_path.read_bytes()
    cut = tmp_path / "cut.keel"
    cut.write_bytes(data[:1500])
    with pytest.raises(FileRefused):
        TeamFile.open(cut)
    assert cut.read_bytes() == data[:1500]


def test_missing_file_is_not_created_unless_asked(team_path: Path) -> None:
    with pytest.raises(FileRefused, match="no team file"):
        TeamFile.open(team_path)
    assert not team_path.exists()
    TeamFile.open(team_path, create=True).close()
    assert team_path.exists()


def test_foreign_keys_are_enforced(team: TeamFile) -> None:
    with pytest.raises(IntegrityError), team.session() as s:
        s.add(AbsenceRow(member_id=4242, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2)))


def test_a_failed_transaction_writes_nothing(team: TeamFile) -> None:
    roster = RosterService(team)
    with pytest.raises(RuntimeError), team.session() as s:
        from teamkeel.core.roster.models import MemberRow

        s.add(
            MemberRow(
                name="Half",
                timezone="UTC",
                work_start=dt.time(9),
                work_end=dt.time(17),
                skills=[],
                goals=[],
            )
        )
        s.flush()
        raise RuntimeError("crash in the middle")
    assert roster.list_members() == []


def test_committed_changes_are_visible_to_another_process_at_once(team: TeamFile) -> None:
    RosterService(team).add(Member(name="Bo"))
    # A separate plain sqlite3 connection, as another process would see the file.
    conn = sqlite3.connect(team.path)
    names = [r[0] for r in conn.execute("SELECT name FROM member")]
    conn.close()
    assert names == ["Bo"]


def test_revision_graph_read_from_scripts_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert migrate.head_revisions() == set(script.get_heads())
