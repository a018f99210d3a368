"""One occurrence as a row of text: shared by the agenda in the window and
`teamkeel calendar list`, so both show exactly the same thing."""

from __future__ import annotations

from typing import Any

from teamkeel.core.i18n import _, format_date

from .domain import Occurrence
from .library import kind

COLUMNS = ("date", "time", "timezone", "ritual", "facilitator")


def short_title(title: str) -> str:
    """A title that fits a calendar cell: the long stand-up name (the library's, in
    English or in the language Keel speaks) becomes "Stand-up"."""
    standup = kind("standup")
    return _("Stand-up") if title in (standup.label_text, standup.label) else title


def row(occ: Occurrence) -> dict[str, str]:
    facilitator = occ.facilitator_name or "—"
    if occ.swapped:
        facilitator = _("{name} (swap)").format(name=facilitator)
    return {
        "date": f"{occ.start:%Y-%m-%d} {format_date(occ.start.date(), 'EEE')}",
        "time": f"{occ.start:%H:%M}–{occ.end:%H:%M}",
        "timezone": occ.timezone,
        "ritual": occ.title,
        "facilitator": facilitator,
    }


def as_json(occ: Occurrence) -> dict[str, Any]:
    return {
        "date": occ.day.isoformat(),
        "time": f"{occ.start:%H:%M}",
        "end": f"{occ.end:%H:%M}",
        "timezone": occ.timezone,
        "start": occ.start.isoformat(),
        "ritual": occ.title,
        "kind": occ.kind,
        "facilitator": occ.facilitator_name or None,
        "swapped": occ.swapped,
        "uid": occ.uid,
        "index": occ.index,
    }


def text_table(occurrences: list[Occurrence]) -> str:
    rows = [dict(zip(COLUMNS, COLUMNS, strict=True))] + [row(o) for o in occurrences]
    widths = {c: max(len(r[c]) for r in rows) for c in COLUMNS}
    lines = ["  ".join(r[c].ljust(widths[c]) for c in COLUMNS).rstrip() for r in rows]
    return "\n".join(lines)
