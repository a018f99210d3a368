"""Is a team file whole and consistent? Read-only checks, each problem a ``Finding``.

Three layers: SQLite's own ``PRAGMA integrity_check`` (pages, indexes, NOT NULL and
CHECK constraints), ``PRAGMA foreign_key_check`` (rows pointing at rows that are gone),
and Keel's rules that the database cannot express (names are not blank, tag columns
hold lists, absences do not end before they start...). Tables of features this build
does not have are skipped: a check never fails because a feature is absent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from zoneinfo import available_timezones

from teamkeel.core.errors import FileRefused
from teamkeel.core.i18n import N_, _
from teamkeel.core.storage.fileinfo import connect_read_only
from teamkeel.core.storage.teamfile import inspect_file

MAX_LISTED = 50  # per check: a badly damaged file would otherwise print thousands


@dataclass(frozen=True)
class Finding:
    check: str  # "integrity", "foreign key" or "consistency"
    where: str  # a table, or table and row id
    message: str

    def __str__(self) -> str:
        return (
            f"{self.check}: {self.where}: {self.message}"
            if self.where
            else f"{self.check}: {self.message}"
        )


def check_file(path: Path) -> list[Finding]:
    """Every problem found in a team file (empty: all is well).

    Raises ``FileRefused`` for a file that is not a Keel file at all. Never writes.
    """
    path = Path(path)
    try:
        inspect_file(path)
    except FileRefused as exc:
        if isinstance(exc.__cause__, sqlite3.DatabaseError):
            # A SQLite file whose first pages cannot be read: damaged, not foreign.
            return [Finding("integrity", "", str(exc))]
        raise
    conn = connect_read_only(path)
    try:
        findings = list(_integrity(conn))
        if findings:
            # Keel's own rules read rows; on a damaged file they would only add noise.
            return findings
        findings.extend(_foreign_keys(conn))
        findings.extend(_consistency(conn))
        return findings
    finally:
        conn.close()


def _integrity(conn: sqlite3.Connection) -> Iterator[Finding]:
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({MAX_LISTED})")]
    except sqlite3.DatabaseError as exc:
        yield Finding("integrity", "", str(exc))
        return
    for row in rows:
        if row != "ok":
            yield Finding("integrity", "", row)


def _foreign_keys(conn: sqlite3.Connection) -> Iterator[Finding]:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_LISTED)
    except sqlite3.DatabaseError as exc:
        yield Finding("foreign key", "", str(exc))
        return
    for table, rowid, parent, _fk in rows:
        where = _row(table, rowid) if rowid is not None else table
        yield Finding(
            "foreign key",
            where,
            _("points at a {table} row that does not exist").format(table=parent),
        )


def _row(table: str, rowid: object) -> str:
    return _("{table} row {rowid}").format(table=table, rowid=rowid)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


@dataclass(frozen=True)
class Rule:
    """One of Keel's rules: rows of ``table`` for which ``where`` holds are wrong."""

    table: str
    columns: tuple[str, ...]
    where: str
    message: str


RULES: tuple[Rule, ...] = (
    Rule("member", ("name",), "trim(name) = ''", N_("the name is blank")),
    Rule(
        "member",
        ("work_start", "work_end"),
        "work_start = work_end",
        N_("working hours start and end at the same time"),
    ),
    Rule("absence", ("start", "end"), '"end" < start', N_("the absence ends before it starts")),
    Rule("standup_entry", ("note",), "trim(note) = ''", N_("the entry has no note")),
    Rule(
        "standup_entry",
        ("kind", "day", "resolved_on"),
        "resolved_on IS NOT NULL AND (kind <> 'blocker' OR resolved_on < day)",
        N_("resolved before it was raised, or not a blocker"),
    ),
)

# JSON columns that must hold a list (of strings, or of numbers for weekdays).
JSON_LISTS: tuple[tuple[str, str], ...] = (
    ("member", "skills"),
    ("member", "goals"),
    ("ritual", "weekdays"),
    ("ritual", "skipped"),
)


def _consistency(conn: sqlite3.Connection) -> Iterator[Finding]:
    tables = _tables(conn)
    checks: list[Callable[[], Iterator[Finding]]] = []
    for rule in RULES:
        if rule.table in tables and set(rule.columns) <= _columns(conn, rule.table):
            checks.append(partial(_rule, conn, rule))
    for table, column in JSON_LISTS:
        if table in tables and column in _columns(conn, table):
            checks.append(partial(_json_list, conn, table, column))
    if "member" in tables and "timezone" in _columns(conn, "member"):
        checks.append(partial(_timezones, conn))
    for run in checks:
        try:
            yield from run()
        except sqlite3.DatabaseError as exc:
            yield Finding("consistency", "", _("could not be checked ({error})").format(error=exc))


def _rule(conn: sqlite3.Connection, rule: Rule) -> Iterator[Finding]:
    query = f'SELECT rowid FROM "{rule.table}" WHERE {rule.where} LIMIT {MAX_LISTED}'
    for (rowid,) in conn.execute(query):
        yield Finding("consistency", _row(rule.table, rowid), _(rule.message))


def _json_list(conn: sqlite3.Connection, table: str, column: str) -> Iterator[Finding]:
    listed = 0
    for rowid, raw in conn.execute(f'SELECT rowid, "{column}" FROM "{table}"'):
        problem = _list_problem(raw)
        if problem:
            yield Finding("consistency", _row(table, rowid), problem.format(column=column))
            listed += 1
            if listed >= MAX_LISTED:
                return


def _list_problem(raw: object) -> str | None:
    if not isinstance(raw, str):
        return _("{column} is not JSON text")
    try:
        value = json.loads(raw)
    except ValueError:
        return _("{column} is not valid JSON")
    if not isinstance(value, list):
        return _("{column} is not a list")
    if any(isinstance(v, (dict, list)) or v is None for v in value):
        return _("{column} holds something other than plain values")
    return None


def _timezones(conn: sqlite3.Connection) -> Iterator[Finding]:
    known = available_timezones() | {"UTC"}
    listed = 0
    for rowid, zone in conn.execute("SELECT rowid, timezone FROM member"):
        if zone not in known:
            yield Finding(
                "consistency",
                _row("member", rowid),
                _("unknown timezone “{zone}”").format(zone=zone),
            )
            listed += 1
            if listed >= MAX_LISTED:
                return
