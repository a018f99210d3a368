"""The Compact tab's first screen: the draft being edited (or else the latest ratified
version), its title, purpose and commitments."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from teamkeel.core.first_screen.names import day_text
from teamkeel.core.i18n import _


@dataclass(frozen=True)
class CompactGlance:
    label: str  # "Draft — being edited" or "Version 3 — ratified 2026-09-14"
    title: str
    purpose: str
    # (statement, norm, theme) in the compact's order
    commitments: tuple[tuple[str, str, str], ...]


def _norm(value: float | None, unit: str) -> str:
    if value is None:
        return unit
    number = f"{value:g}"
    return f"{number} {unit}".strip()


def read(conn: sqlite3.Connection) -> CompactGlance | None:
    """None before the team has started a compact."""
    row = conn.execute(
        "SELECT id, number, title, purpose, ratified_on FROM compact_version "
        "ORDER BY number IS NOT NULL, number DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    version_id, number, title, purpose, ratified_on = row
    label = (
        _("Draft — being edited")
        if number is None
        else _("Version {number} — ratified {day}").format(number=number, day=day_text(ratified_on))
    )
    commitments = tuple(
        (statement, _norm(value, unit or ""), theme)
        for statement, value, unit, theme in conn.execute(
            "SELECT statement, norm_value, norm_unit, theme FROM compact_commitment "
            "WHERE version_id = ? ORDER BY position, id",
            (version_id,),
        )
    )
    return CompactGlance(label, title, purpose or "", commitments)
