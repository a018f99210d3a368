"""The log as CSV, one row per entry, for spreadsheets.

Written as UTF-8 with a byte-order mark so spreadsheet programs show every script
correctly; names of several people are joined with "; ".
"""

from __future__ import annotations

from pathlib import Path

from teamkeel.core import csvcells
from teamkeel.core.files import replacing
from teamkeel.core.standup.entries import EntryKind, LogFilter
from teamkeel.core.standup.service import StandupService

COLUMNS = (
    "id",
    "kind",
    "date",
    "giver_or_owner",
    "receivers_or_helpers",
    "note",
    "tags",
    "status",
    "resolved_on",
    "days_to_resolve",
)


def export_csv(service: StandupService, out: Path, log_filter: LogFilter = LogFilter()) -> int:  # noqa: B008
    """Write the filtered log to ``out`` (oldest first); returns how many entries."""
    with replacing(out) as tmp:
        count = 0
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csvcells.writer(handle)
            writer.writerow(COLUMNS)
            for entry in service.iter_entries(log_filter):
                writer.writerow(
                    [
                        entry.id,
                        "kudos" if entry.kind is EntryKind.KUDOS else "blocker",
                        entry.day.isoformat(),
                        entry.member.name,
                        "; ".join(m.name for m in entry.others),
                        entry.note,
                        " ".join("#" + t for t in entry.tags),
                        entry.status.value,
                        entry.resolved_on.isoformat() if entry.resolved_on else "",
                        "" if entry.days_to_resolve is None else entry.days_to_resolve,
                    ]
                )
                count += 1
    return count
