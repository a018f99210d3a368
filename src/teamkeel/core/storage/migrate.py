"""Alembic migrations shipped inside the package, run when a file is opened.

Checking whether a file needs migrating happens on every start, so it reads the
revision graph straight from the header lines of the migration scripts (``revision``
and ``down_revision``) instead of importing Alembic, which costs a tenth of a second;
Alembic itself is loaded only when a migration really runs.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# ``revision = "0002_compact"``, ``down_revision = ("a", "b")``, ``depends_on = None``
_HEADER_NAMES = ("revision", "down_revision", "depends_on")
_HEADER_LINE = re.compile(r"^(revision|down_revision|depends_on)\s*(?::[^=]*)?=\s*(.+)$", re.M)


def _header_values(source: str) -> dict[str, object]:
    """``revision``, ``down_revision`` and ``depends_on`` of a migration script: from its
    one-line assignments, or (for a value spread over lines) from the parsed module."""
    values: dict[str, object] = {}
    try:
        for name, value in _HEADER_LINE.findall(source):
            values.setdefault(name, ast.literal_eval(value.strip()))
        return values
    except (SyntaxError, ValueError):
        values = {}
    for node in ast.parse(source).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in _HEADER_NAMES:
            values[target.id] = ast.literal_eval(value)
    return values


@cache
def revision_graph() -> dict[str, tuple[str, ...]]:
    """revision id -> the revisions it builds on (its down_revision and depends_on)."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = _header_values(script.read_text(encoding="utf-8"))
        revision = values.get("revision")
        if not isinstance(revision, str):
            continue
        parents: list[str] = []
        for key in ("down_revision", "depends_on"):
            value = values.get(key)
            if isinstance(value, str):
                parents.append(value)
            elif isinstance(value, list | tuple):
                parents.extend(str(v) for v in value)
        graph[revision] = tuple(parents)
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(revision_graph())


def head_revisions() -> frozenset[str]:
    graph = revision_graph()
    parents = {p for ps in graph.values() for p in ps}
    return frozenset(r for r in graph if r not in parents)


def applied_revisions(current: set[str]) -> set[str]:
    """Every revision a file at ``current`` already has (its versions and their ancestors)."""
    graph = revision_graph()
    applied: set[str] = set()
    todo = list(current)
    while todo:
        rev = todo.pop()
        if rev not in applied:
            applied.add(rev)
            todo.extend(graph.get(rev, ()))
    return applied


def needs_upgrade(path: Path) -> bool:
    """True when the file lacks a migration this version of Keel ships."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        current = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    return lacks_migrations(current)


def lacks_migrations(current: set[str] | frozenset[str]) -> bool:
    """True when a file at revisions ``current`` lacks a migration Keel ships."""
    return not known_revisions() <= applied_revisions(set(current))


def upgrade(engine: Engine) -> None:
    """Upgrade to every head. The engine must have foreign keys OFF: a batch migration
    rebuilds a table by copying it, and with foreign keys ON dropping the old parent
    table would cascade and silently delete child rows."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
