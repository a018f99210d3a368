"""Migrations never lose a row.

Every committed fixture (one per released schema, built by ``fixtures/make_fixture.py``,
data in every table) is opened the normal way — which migrates it to the heads — and
must keep every row of every table, with every foreign key still holding.

The batch-rebuild trap: SQLite alters a table by copying it to a new one and dropping
the old. With foreign keys ON, dropping ``member`` would first delete its rows and
cascade to every ``ON DELETE CASCADE`` child — absences vanish without an error. A
synthetic migration that rebuilds ``member`` shows Keel's migration path keeps them, and
that the trap is real when foreign keys are on.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from teamkeel.core.roster import Absence, Member, RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage import migrate
from teamkeel.core.storage.teamfile import TeamFile, _make_engine

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
FIXTURE_FILES = sorted(FIXTURES.glob("schema-*.keel"))


def contents(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Every table: its columns and its rows, sorted."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            out[table] = (columns, sorted(rows, key=repr))
        return out
    finally:
        conn.close()


def project(
    columns: list[str], rows: list[tuple[object, ...]], keep: list[str]
) -> list[tuple[object, ...]]:
    index = [columns.index(c) for c in keep]
    return sorted((tuple(r[i] for i in index) for r in rows), key=repr)


def assert_nothing_lost(before: dict, after: dict) -> None:  # type: ignore[type-arg]
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            continue
        assert table in after, f"table {table} disappeared"
        new_columns, new_rows = after[table]
        shared = [c for c in columns if c in new_columns]
        assert project(columns, rows, shared) == project(new_columns, new_rows, shared), (
            f"rows of {table} changed or were lost"
        )


def fk_problems(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def test_there_are_fixtures() -> None:
    names = {p.name for p in FIXTURE_FILES}
    assert "schema-0001_roster.keel" in names
    assert len(names) >= 2


def test_a_fixture_exists_for_the_current_schema() -> None:
    heads = migrate.head_revisions()
    wanted = "schema-" + "+".join(sorted(heads)) + ".keel"
    if not (FIXTURES / wanted).exists():
        pytest.skip(
            f"no fixture at the current heads ({', '.join(sorted(heads))}); before a release "
            "run `python tests/fixtures/make_fixture.py` and commit the new file"
        )


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_every_fixture_migrates_to_the_heads_losing_nothing(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "team.keel"
    shutil.copyfile(fixture, path)
    path.chmod(0o600)
    before = contents(path)
    assert all(rows for table, (_, rows) in before.items()), "a fixture table is empty"
    TeamFile.open(path).close()
    after = contents(path)
    assert_nothing_lost(before, after)
    assert {r[0] for r in after["alembic_version"][1]} == set(migrate.head_revisions())
    assert fk_problems(path) == []
    assert check_file(path) == []
    # And the services read it.
    with TeamFile.open(path) as team:
        assert RosterService(team).count() == len(before["member"][1])


def test_fixtures_themselves_are_never_changed(tmp_path: Path) -> None:
    for fixture in FIXTURE_FILES:
        assert not Path(f"{fixture}-wal").exists()
        conn = sqlite3.connect(f"{fixture.resolve().as_uri()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()


# -- the batch-rebuild trap ----------------------------------------------------------
REBUILD = '''"""Synthetic test migration: rebuild the member table (adds a column)."""
import sqlalchemy as sa
from alembic import op

revision = "9001_rebuild_member"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(100), nullable=True))
'''


@pytest.fixture
def rebuild_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], None]]:
    """Call it to ship one more migration, one that rebuilds ``member`` (files made
    before the call are at the old heads and need it)."""
    migrations = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    down = tuple(sorted(migrate.head_revisions()))
    (migrations / "versions" / "9001_rebuild_member.py").write_text(
        REBUILD.format(down=down if len(down) > 1 else down[0]), encoding="utf-8"
    )

    def install() -> None:
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
        migrate.revision_graph.cache_clear()

    try:
        yield install
    finally:
        monkeypatch.undo()
        migrate.revision_graph.cache_clear()


def roster_with_absences(path: Path) -> None:
    with TeamFile.create(path) as team:
        RosterService(team).add_many(
            Member(f"Person {i}", absences=(Absence(_d(i), _d(i + 2), "holiday"),))
            for i in range(1, 9)
        )


def _d(i: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 3, i)


def absence_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM absence").fetchone()[0]
    finally:
        conn.close()


def test_opening_runs_a_member_rebuild_without_losing_absences(
    rebuild_migration, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team.keel"
    roster_with_absences(path)
    rebuild_migration()
    before = contents(path)
    assert migrate.needs_upgrade(path)
    TeamFile.open(path).close()
    after = contents(path)
    assert "nickname" in after["member"][0]  # the rebuild really ran
    assert absence_count(path) == 8
    (backup,) = list_backups(path)  # taken before the migration touched the file
    assert "nickname" not in contents(backup.path)["member"][0]
    assert_nothing_lost(before, after)
    assert fk_problems(path) == []


def test_a_full_file_survives_the_rebuild(rebuild_migration, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    rebuild_migration()
    before = contents(demo_path)
    TeamFile.open(demo_path).close()
    after = contents(demo_path)
    assert "nickname" in after["member"][0]
    assert_nothing_lost(before, after)
    assert fk_problems(demo_path) == []


def test_upgrade_keeps_absences_and_the_trap_is_real(rebuild_migration, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    safe, trapped = tmp_path / "safe.keel", tmp_path / "trapped.keel"
    roster_with_absences(safe)
    shutil.copyfile(safe, trapped)
    rebuild_migration()
    # Keel's way: the migration engine has foreign keys OFF.
    engine = _make_engine(safe, foreign_keys=False)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert absence_count(safe) == 8
    # The same migration with foreign keys ON silently deletes every absence.
    engine = _make_engine(trapped, foreign_keys=True)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert absence_count(trapped) == 0


def test_migration_headers_are_read_on_one_line_or_several() -> None:
    one_line = 'revision: str = "0009_x"\ndown_revision: str | None = "0001_roster"\n'
    spread = (
        'revision = "0010_merge"\ndown_revision = (\n    "0002_compact",\n    "0003_calendar",\n)\n'
    )
    assert migrate._header_values(one_line) == {
        "revision": "0009_x",
        "down_revision": "0001_roster",
    }
    assert migrate._header_values(spread)["down_revision"] == ("0002_compact", "0003_calendar")
