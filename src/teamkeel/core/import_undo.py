"""Taking back a whole-team JSON import: the file is emptied again, exactly as it was.

A JSON import only ever fills an empty file (``interchange.filled_tables``), so what it
must put back is small: the rows an empty file holds of its own (the team's row, its
settings, SQLite's id counters), kept before the import. Taking back deletes every row
of every other table, in one transaction, and restores those; a redo then imports the
same document into the same empty file and gives every row the same id again, so the
window's later undo steps still find what they refer to.

Other Keel processes may have written to the file since the import; their rows would go
too. So taking back is refused when any table's row count differs from right after the
import, and the lead is pointed at the backup the window took before importing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from teamkeel.core.errors import KeelError
from teamkeel.core.storage.data_version import DATA_VERSION_KEY
from teamkeel.core.storage.teamfile import TeamFile

# An empty file's own rows: what an import may change in place, and the id counters.
OWN_TABLES = ("team", "setting", "sqlite_sequence")
SCHEMA_TABLES = frozenset({"alembic_version"})  # never touched


@dataclass(frozen=True)
class Imported:
    """What an import changed, for taking it back: the file's own rows before it, and
    how many rows each table held right after it."""

    before: dict[str, list[tuple[Any, ...]]]
    counts_after: dict[str, int]


def _tables(s: Session) -> list[str]:
    names = s.connection().exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    )
    return [n for n in names.scalars() if n not in SCHEMA_TABLES]


def own_rows(s: Session) -> dict[str, list[tuple[Any, ...]]]:
    tables = set(_tables(s))
    conn = s.connection()
    return {
        name: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{name}"')]
        for name in OWN_TABLES
        if name in tables
    }


def row_counts(s: Session) -> dict[str, int]:
    conn = s.connection()
    return {
        name: int(conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar() or 0)
        for name in _tables(s)
        if name != "sqlite_sequence"
    }


def take_back(team: TeamFile, imported: Imported) -> None:
    """Empty the file again as it was before the import; refused in one line if the
    file has changed since (another Keel wrote to it)."""
    with team.session() as s:
        if row_counts(s) != imported.counts_after:
            raise KeelError(
                "The team file has changed outside this window since the import, so it "
                "cannot simply be emptied again; restore the backup taken before the "
                "import instead (File → Data safety)."
            )
        conn = s.connection()
        # The data version keeps counting up (the commit raises it once more): figures
        # kept for a fast start must see that the data changed, not an older version.
        version = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (DATA_VERSION_KEY,)
        ).scalar()
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # every row goes
        for name in _tables(s):
            conn.exec_driver_sql(f'DELETE FROM "{name}"')
        if version is not None:
            conn.exec_driver_sql(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (DATA_VERSION_KEY, version)
            )
        for name, rows in imported.before.items():
            if name == "setting":
                rows = [r for r in rows if DATA_VERSION_KEY not in r]
            if rows:
                marks = ", ".join("?" for _ in rows[0])
                conn.exec_driver_sql(f'INSERT INTO "{name}" VALUES ({marks})', rows)
