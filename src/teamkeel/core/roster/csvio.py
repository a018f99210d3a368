"""Roster CSV import and export.

Import understands what people export from HR tools, spreadsheets and address books:
UTF-8 with or without a byte-order mark, comma, semicolon or tab delimiters, and common
header names (``csv_mapping``: the lead sees which column feeds which field, and can
change it). It is all-or-nothing: every problem is collected with its line number, and
if there is any, nothing is written. A quote left open, or a value that runs over lines
where it should not, is a problem too (``csv_table``), never a silent merge of rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from teamkeel.core import csvcells
from teamkeel.core.errors import KeelError, Problem, Problems, ValidationError
from teamkeel.core.files import gc_paused, read_input, replacing
from teamkeel.core.i18n import _
from teamkeel.core.roster import validation
from teamkeel.core.roster.csv_mapping import HEADERS, ColumnMapping, guess_mapping
from teamkeel.core.roster.csv_table import CsvTable, Record, read_table, run_on_problem
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.reader import person_key
from teamkeel.core.roster.service import RosterService

__all__ = ["HEADERS", "ColumnMapping", "ImportResult", "RosterCsv", "import_roster_csv"]

MAX_BYTES = 10 * 1024 * 1024  # a roster this big is not a roster

EXPORT_COLUMNS = (
    "Name",
    "Role",
    "Email",
    "Time zone",
    "Working hours",
    "Skills",
    "Growth goals",
    "Start date",
    "Absences",
    "Notes",
    "Archived",
)


@dataclass(frozen=True)
class RosterCsv:
    """A roster file read and its guessed column mapping, before anything is imported."""

    name: str
    table: CsvTable
    mapping: ColumnMapping

    def first_rows(self, count: int = 8) -> list[list[str]]:
        return [r.cells for r in self.table.records[:count]]


@dataclass(frozen=True)
class ImportResult:
    members: list[Member]
    mapping: ColumnMapping

    @property
    def ignored_columns(self) -> list[str]:
        """Titles of the columns with values that fed nothing."""
        m = self.mapping
        return [m.header[c].strip() for c in m.ignored() if c in m.filled and m.header[c].strip()]


def decode(raw: bytes, name: str = "file") -> str:
    if len(raw) > MAX_BYTES:
        raise KeelError(
            _("{name} is larger than {number} MB; that is not a roster.").format(
                name=name, number=MAX_BYTES // (1024 * 1024)
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeelError(
            _(
                "{name} is not UTF-8 text (byte {start}); save it as “CSV UTF-8” and try again."
            ).format(name=name, start=exc.start)
        ) from exc


# Values repeat down a large file (the same hours, dates, skills): each distinct text
# is parsed once.
@lru_cache(maxsize=4096)
def _parse_time(text: str) -> dt.time:
    text = text.strip().replace(".", ":")
    if re.fullmatch(r"\d{1,2}", text):
        text += ":00"
    return dt.time.fromisoformat(text.zfill(5))


@lru_cache(maxsize=4096)
def _parse_hours(text: str) -> tuple[dt.time, dt.time]:
    parts = re.split(r"\s*(?:-|–|—|to)\s*", text.strip())
    if len(parts) != 2:
        raise ValueError(f"“{text}” is not a range like 09:00-17:00")
    return _parse_time(parts[0]), _parse_time(parts[1])


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date like 2026-03-01")


def _parse_absences(text: str) -> tuple[Absence, ...]:
    """ "2026-01-05..2026-01-09 holiday; 2026-03-02" -> absences."""
    out = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        match = re.fullmatch(r"(\S+?)(?:\s*\.\.\s*(\S+))?(?:\s+(.*))?", chunk)
        if not match:
            raise ValueError(f"“{chunk}” is not an absence like 2026-01-05..2026-01-09")
        start = _parse_date(match.group(1))
        end = _parse_date(match.group(2)) if match.group(2) else start
        out.append(Absence(start, end, (match.group(3) or "").strip()))
    return tuple(out)


def _parse_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in ("", "no", "false", "0", "n"):
        return False
    if value in ("yes", "true", "1", "y", "x"):
        return True
    raise ValueError(f"“{text}” is not yes or no")


_FIELD_PARSERS: dict[str, Callable[[str], object]] = {
    "start_date": _parse_date,
    "absences": _parse_absences,
    "archived": _parse_bool,
    "skills": lru_cache(maxsize=4096)(validation.parse_tags),
    "goals": lru_cache(maxsize=4096)(validation.parse_tags),
    "work_start": _parse_time,
    "work_end": _parse_time,
}

_FIELD_LABELS = {
    "start_date": "start date",
    "work_start": "work start",
    "work_end": "work end",
    "hours": "working hours",
    "timezone": "time zone",
}


def read_roster_text(text: str, name: str = "file") -> RosterCsv:
    """Read CSV text and guess its column mapping; nothing is checked beyond the header."""
    table = read_table(text)
    mapping = guess_mapping(table.header.cells, [r.cells for r in table.records])
    return RosterCsv(name, table, mapping)


def read_roster_csv(path: Path) -> RosterCsv:
    """Read a roster file (see ``read_roster_text``), for a preview or an import."""
    with gc_paused():
        return _read_roster_csv(path)


def _read_roster_csv(path: Path) -> RosterCsv:
    raw = read_input(path, MAX_BYTES, "roster")  # an ordinary file, never past the cap
    return read_roster_text(decode(raw, path.name), path.name)


def parse_roster_csv(
    text: str,
    existing: Sequence[Member] = (),
    default_timezone: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportResult:
    """Members from CSV text, or ValidationError listing every problem by line."""
    return members_from_csv(read_roster_text(text), existing, default_timezone, mapping)


def members_from_csv(
    source: RosterCsv,
    existing: Sequence[Member] = (),
    default_timezone: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportResult:
    """The members of a file read by ``read_roster_*``, through ``mapping`` (the guessed
    one by default), or ValidationError listing every problem by line."""
    mapping = mapping or source.mapping
    if mapping.problems():
        raise ValidationError(mapping.problems())
    table = source.table
    timezone = default_timezone or validation.machine_timezone()
    multi_line = _multi_line_columns(mapping)
    problems = Problems()
    members: list[Member] = []
    seen = _Duplicates(existing)
    for record in table.records:
        where = f"line {record.line}"
        shape = run_on_problem(table, record, multi_line) or _shape_problem(table, record)
        if shape is not None:
            problems.add(shape)
            continue
        member, found = _member_from_record(record.cells, mapping, timezone)
        problems.extend(Problem(where, m) for m in found)
        if member is None:
            continue
        clash = seen.clash(member, record.line)
        if clash:
            problems.add(Problem(where, clash))
        members.append(member)
    if problems:
        raise problems.error()
    if not members:
        raise ValidationError([Problem("line 2", _("the file has a header but no members"))])
    return ImportResult(members, mapping)


@dataclass(frozen=True)
class PreviewRow:
    """One row of a file as the import would take it: the member, or what is wrong."""

    line: int
    member: Member | None
    problems: tuple[str, ...]


def preview_rows(
    source: RosterCsv,
    mapping: ColumnMapping,
    count: int = 8,
    default_timezone: str | None = None,
) -> list[PreviewRow]:
    """The first ``count`` rows through ``mapping``, checked one by one (duplicates
    among them aside): what a preview shows while the lead adjusts the mapping."""
    table = source.table
    timezone = default_timezone or validation.machine_timezone()
    multi_line = _multi_line_columns(mapping)
    rows = []
    for record in table.records[:count]:
        shape = run_on_problem(table, record, multi_line) or _shape_problem(table, record)
        if shape is not None:
            rows.append(PreviewRow(record.line, None, (shape.message,)))
            continue
        member, found = _member_from_record(record.cells, mapping, timezone)
        rows.append(PreviewRow(record.line, member, tuple(found)))
    return rows


def _multi_line_columns(mapping: ColumnMapping) -> frozenset[int]:
    """Line breaks belong in notes (Keel's own export writes them there); in a column
    that is not imported they do no harm. Anywhere else they mean a stray quote."""
    notes = mapping.column_of("notes")
    return frozenset(mapping.ignored() + ([notes] if notes is not None else []))


def _shape_problem(table: CsvTable, record: Record) -> Problem | None:
    """A row with values beyond the header's last column: a value holding the delimiter
    without quotes, which shifts every value after it into the wrong column."""
    width = len(table.header.cells)
    if len(record.cells) > width and any(c.strip() for c in record.cells[width:]):
        shown = "tab" if table.delimiter == "\t" else f"“{table.delimiter}”"
        return Problem(
            f"line {record.line}",
            _(
                "{count} values where the header has {width} columns; a value with a {shown} in "
                "it needs quotes"
            ).format(count=len(record.cells), width=width, shown=shown),
        )
    return None


class _Duplicates:
    """Finds a member met before in constant time (an index by e-mail, or by name for
    members without one), so a large file is checked in one pass."""

    def __init__(self, existing: Sequence[Member]):
        self.existing = {person_key(m) for m in existing}
        self.first_line: dict[tuple[str, str], int] = {}

    def clash(self, member: Member, line: int) -> str | None:
        key = person_key(member)
        if key in self.first_line:
            return f"{member.name} appears twice (also on line {self.first_line[key]})"
        self.first_line[key] = line
        if key in self.existing:
            return f"{member.name} is already on the roster"
        return None


def _member_from_record(
    record: list[str], mapping: ColumnMapping, timezone: str
) -> tuple[Member | None, list[str]]:
    width = len(record)
    # A cell Keel quoted on export (=, +, -, @...) reads back as it was.
    cells = {
        f: csvcells.read_cell(record[c]).strip()
        for f, c in mapping.fields.items()
        if c < width and record[c]
    }
    found: list[str] = []
    parts = (
        csvcells.read_cell(record[c]).strip() if c < width else "" for c in mapping.name_columns()
    )
    values: dict[str, object] = {
        "name": " ".join(filter(None, parts)),
        "role": cells.get("role", ""),
        "email": cells.get("email") or None,
        "timezone": cells.get("timezone") or timezone,
        "notes": cells.get("notes", ""),  # as written, line ends included: it round-trips
    }
    if cells.get("hours"):
        try:
            values["work_start"], values["work_end"] = _parse_hours(cells["hours"])
        except ValueError as exc:
            found.append(f"working hours: {exc}")
    for field, parse in _FIELD_PARSERS.items():
        if cells.get(field):
            try:
                values[field] = parse(cells[field])
            except ValueError as exc:
                found.append(f"{_FIELD_LABELS.get(field, field)}: {exc}")
    member = validation.clean(Member(**values))  # type: ignore[arg-type]
    found.extend(f"{p.where}: {p.message}" for p in validation.problems(member))
    return (None if found else member), found


def import_roster_csv(
    roster: RosterService, path: Path, mapping: ColumnMapping | None = None
) -> ImportResult:
    """Read a CSV file and add its members, all or nothing."""
    with gc_paused():
        return import_members(roster, read_roster_csv(path), mapping)


def import_members(
    roster: RosterService, source: RosterCsv, mapping: ColumnMapping | None = None
) -> ImportResult:
    """Add the members of a file already read, all or nothing."""
    with gc_paused():
        existing = roster.list_members(include_archived=True)
        result = members_from_csv(source, existing, None, mapping)
        return ImportResult(roster.add_many(result.members, validated=True), result.mapping)


def roster_to_csv(members: list[Member]) -> str:
    buffer = io.StringIO(newline="")
    writer = csvcells.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for m in members:
        writer.writerow(
            [
                m.name,
                m.role,
                m.email or "",
                m.timezone,
                f"{m.work_start:%H:%M}-{m.work_end:%H:%M}",
                ", ".join(m.skills),
                ", ".join(m.goals),
                m.start_date.isoformat() if m.start_date else "",
                "; ".join(
                    f"{a.start.isoformat()}..{a.end.isoformat()}" + (f" {a.note}" if a.note else "")
                    for a in m.absences
                ),
                m.notes,
                "yes" if m.archived else "no",
            ]
        )
    return buffer.getvalue()


def export_roster_csv(roster: RosterService, out: Path, include_archived: bool = True) -> int:
    members = roster.list_members(include_archived=include_archived)
    # utf-8-sig so that spreadsheet programs recognise UTF-8 names. Written beside the
    # target and renamed into place: a write cut short never leaves half a roster.
    with replacing(out) as tmp:
        tmp.write_text(roster_to_csv(members), encoding="utf-8-sig", newline="")
    return len(members)
