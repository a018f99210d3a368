"""Alembic migrations shipped inside the package, run when a file is opened."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def head_revisions() -> frozenset[str]:
    return frozenset(_script().get_heads())


def needs_upgrade(path: Path) -> bool:
    """True when the file lacks a migration this version of Keel ships."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        current = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    script = _script()
    applied: set[str] = set()
    for rev in current:
        applied.update(r.revision for r in script.iterate_revisions(rev, "base"))
    return not known_revisions() <= applied


def upgrade(engine: Engine) -> None:
    """Upgrade to every head. The engine must have foreign keys OFF: a batch migration
    rebuilds a table by copying it, and with foreign keys ON dropping the old parent
    table would cascade and silently delete child rows."""
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
