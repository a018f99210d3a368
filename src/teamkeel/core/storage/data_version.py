"""The data version of a team file: a number that grows with every committed change.

Figures derived from the whole file (the Insights overview, the Journey's checks) are
kept in the file with the version they were computed from, so that the window can show
them in its first frame and knows whether they still hold. SQLite's ``PRAGMA
data_version`` cannot serve: it is per connection and starts afresh with each process.

The engine of a file in use raises the version in every transaction that changed a row
(``teamkeel.core.storage.engine.count_data_versions``); derived figures are written
through ``TeamFile.keep_derived``, which leaves the version as it is. The version and
the kept figures live in the ``setting`` table, which the JSON document leaves out
(``teamkeel.core.interchange.BOOKKEEPING``): a copy made from JSON computes them anew.
"""

from __future__ import annotations

import json
import sqlite3

DATA_VERSION_KEY = "data.version"
DERIVED_PREFIX = "derived."

BUMP_DATA_VERSION = (
    "INSERT INTO setting (key, value) VALUES ('data.version', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)


def data_version(conn: sqlite3.Connection) -> int:
    """The file's data version (0 before its first counted change)."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (DATA_VERSION_KEY,)).fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return 0


def read_derived(conn: sqlite3.Connection, name: str) -> tuple[int, object] | None:
    """Figures kept under ``name`` and the data version they were computed from; None
    if there are none (or they are damaged: they are only ever a head start)."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (DERIVED_PREFIX + name,))
    found = row.fetchone()
    if found is None:
        return None
    try:
        kept = json.loads(found[0])
        return int(kept["version"]), kept["figures"]
    except (ValueError, TypeError, KeyError):
        return None


def derived_row(name: str, version: int, figures: object) -> tuple[str, str]:
    """The ``setting`` row that keeps ``figures`` computed from data ``version``."""
    text = json.dumps({"version": version, "figures": figures}, ensure_ascii=False)
    return DERIVED_PREFIX + name, text
