"""Roster CSV import and export.

Import understands what people export from HR tools, spreadsheets and address books:
UTF-8 with or without a byte-order mark, comma, semicolon or tab delimiters, and common
header names (``csv_mapping``: the lead sees which column feeds which field, and can
change it). It is all-or-nothing: every problem is collected with its line number, and
if there is any, nothing is written. A quote left open, or a value that runs over lines
where it should not, is a problem too (``csv_table``), never a silent merge of rows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core import csvcells
from teamkeel.core.encodings import UTF8, Decoded, decode_text
from teamkeel.core.errors import KeelError, Problem, Problems, ValidationError, line_at
from teamkeel.core.files import gc_paused, read_input, replacing
from teamkeel.core.i18n import _
from teamkeel.core.progress import Progress, Steps
from teamkeel.core.roster import validation
from teamkeel.core.roster.csv_mapping import HEADERS, ColumnMapping, guess_mapping
from teamkeel.core.roster.csv_rows import RowReader
from teamkeel.core.roster.csv_table import CsvTable, Record, read_table, run_on_problem
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.reader import person_key
from teamkeel.core.roster.service import RosterService

__all__ = ["HEADERS", "ColumnMapping", "ImportResult", "RosterCsv", "import_roster_csv"]

MAX_BYTES = 10 * 1024 * 1024  # a roster this big is not a roster
_CHUNK = 2000  # rows read column by column at a time (progress is told between)

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
    encoding: str = UTF8  # as read (``encodings``), for the preview and the command line

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
    """The text of a roster file, in whichever encoding it was written (``encodings``)."""
    return decode_roster(raw, name).text


def decode_roster(raw: bytes, name: str = "file") -> Decoded:
    """The text of a roster file and the encoding it was read in (``encodings``)."""
    if len(raw) > MAX_BYTES:
        raise KeelError(
            _("{name} is larger than {number} MB; that is not a roster.").format(
                name=name, number=MAX_BYTES // (1024 * 1024)
            )
        )
    return decode_text(raw, name)


def read_roster_text(text: str, name: str = "file", encoding: str = UTF8) -> RosterCsv:
    """Read CSV text and guess its column mapping; nothing is checked beyond the header."""
    table = read_table(text)
    mapping = guess_mapping(table.header.cells, [r.cells for r in table.records])
    return RosterCsv(name, table, mapping, encoding)


def read_roster_csv(path: Path) -> RosterCsv:
    """Read a roster file (see ``read_roster_text``), for a preview or an import."""
    with gc_paused():
        return _read_roster_csv(path)


def _read_roster_csv(path: Path) -> RosterCsv:
    raw = read_input(path, MAX_BYTES, _("roster"))  # an ordinary file, never past the cap
    decoded = decode_roster(raw, path.name)
    return read_roster_text(decoded.text, path.name, decoded.encoding)


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
    steps: Steps | None = None,
) -> ImportResult:
    """The members of a file read by ``read_roster_*``, through ``mapping`` (the guessed
    one by default), or ValidationError listing every problem by line. ``steps`` counts
    the rows checked (and may cancel)."""
    mapping = mapping or source.mapping
    if mapping.problems():
        raise ValidationError(mapping.problems())
    table = source.table
    rows = RowReader(mapping, default_timezone or validation.machine_timezone())
    multi_line = _multi_line_columns(mapping)
    problems = Problems()
    members: list[Member] = []
    seen = _Duplicates(existing)
    for start in range(0, len(table.records), _CHUNK):
        records = table.records[start : start + _CHUNK]
        for record, read in zip(records, rows.read([r.cells for r in records]), strict=True):
            where = line_at(record.line)
            shape = _shape_problem(table, record)
            if record.last_line != record.line:  # a value over several lines
                shape = run_on_problem(table, record, multi_line) or shape
            if shape is not None:
                problems.add(shape)
            elif not isinstance(read, Member):
                problems.extend(Problem(where, m) for m in read)
            else:
                clash = seen.clash(read, record.line)
                if clash:
                    problems.add(Problem(where, clash))
                members.append(read)
        if steps is not None:
            steps.advance(len(records))
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
    reader = RowReader(mapping, default_timezone or validation.machine_timezone())
    multi_line = _multi_line_columns(mapping)
    rows = []
    for record in table.records[:count]:
        shape = run_on_problem(table, record, multi_line) or _shape_problem(table, record)
        if shape is not None:
            rows.append(PreviewRow(record.line, None, (shape.message,)))
            continue
        member, found = reader.member(record.cells)
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
            line_at(record.line),
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


def import_roster_csv(
    roster: RosterService,
    path: Path,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a CSV file and add its members, all or nothing."""
    with gc_paused():
        return import_members(roster, read_roster_csv(path), mapping, progress)


def import_members(
    roster: RosterService,
    source: RosterCsv,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Add the members of a file already read, all or nothing. ``progress`` hears of
    the rows checked, then of the rows stored; when it answers False, ``Cancelled`` is
    raised and nothing is written."""
    with gc_paused():
        count = len(source.table.records)
        steps = Steps(progress, 2 * count)
        steps.start()
        existing = roster.list_members(include_archived=True)
        result = members_from_csv(source, existing, None, mapping, steps)
        stored = roster.add_many(result.members, validated=True, progress=steps.part(count))
        return ImportResult(stored, result.mapping)


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
