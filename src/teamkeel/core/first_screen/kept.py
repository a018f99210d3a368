"""Figures kept in the file for a first screen (``core.storage.data_version``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from teamkeel.core.storage.data_version import data_version, read_derived


@dataclass(frozen=True)
class Kept:
    figures: dict[str, object]
    current: bool  # computed from the data as it is now (else: it changed since)


def read_kept(conn: sqlite3.Connection, name: str) -> Kept | None:
    found = read_derived(conn, name)
    if found is None:
        return None
    version, figures = found
    if not isinstance(figures, dict):
        return None
    return Kept(figures, current=version == data_version(conn))


def strings(value: object) -> list[str]:
    """A list of strings from kept JSON (anything else: none)."""
    return [str(v) for v in value] if isinstance(value, list) else []
