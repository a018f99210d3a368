"""Reading a CSV file into records that remember the physical lines they came from.

Spreadsheets quote a value that holds the delimiter or a line break. A quote typed by
hand and never closed makes a CSV reader swallow every following line into one value,
silently: a roster then loses people and one member's role holds the rest of the file.
So each record keeps its first and last line, a quote left open at the end of the file
is refused with the line where it opens, and a value that runs over several lines is
judged by ``run_on_problem`` once it is known which field the value feeds.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import NamedTuple

from teamkeel.core.errors import Problem, ValidationError, line_at
from teamkeel.core.i18n import _

DELIMITERS = (",", ";", "\t")


class Record(NamedTuple):  # a tuple: a large file has one per row
    line: int  # the physical line the record starts on (1 = the first line)
    last_line: int
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    delimiter: str
    header: Record
    records: list[Record]  # the rows after the header; blank rows are left out


def sniff_delimiter(first_line: str) -> str:
    """Comma, or the semicolon (Excel in many locales) or tab that the header uses more."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def unclosed_quote(raw: str, delimiter: str) -> int | None:
    """The offset in ``raw`` of a quote that opens a value and is never closed, or None.

    As CSV readers do, a quote opens a value only at its start (after a delimiter or a
    line break); inside a quoted value ``""`` is a quote, any other quote closes it.
    Linear: it jumps from quote to quote."""
    i = raw.find('"')
    while i >= 0:
        if i == 0 or raw[i - 1] in (delimiter, "\n", "\r"):
            j = raw.find('"', i + 1)
            while j >= 0 and raw.startswith('""', j):
                j = raw.find('"', j + 2)
            if j < 0:
                return i
            i = j
        i = raw.find('"', i + 1)
    return None


def _physical_lines(text: str) -> list[str]:
    # Split as csv.reader over StringIO(newline="") does: at \r\n, \r or \n only (not at
    # the other characters str.splitlines() treats as line ends), keeping the ends.
    return io.StringIO(text, newline="").readlines()


def read_table(text: str) -> CsvTable:
    """The header and the non-blank records of ``text``; ValidationError for a file
    that cannot be read as CSV (an unclosed quote, a value too long)."""
    lines = _physical_lines(text)
    if not lines:
        raise ValidationError([Problem("line 1", _("the file is empty"))])
    delimiter = sniff_delimiter(lines[0])
    reader = csv.reader(iter(lines), delimiter=delimiter)
    records: list[Record] = []
    start = 1
    try:
        for cells in reader:
            records.append(Record(start, reader.line_num, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError([_unreadable(lines, start, delimiter, exc)]) from exc
    if records:
        last = records[-1]
        raw = "".join(lines[last.line - 1 : last.last_line])
        offset = unclosed_quote(raw, delimiter)
        if offset is not None:
            line = last.line + raw.count("\n", 0, offset) + raw.count("\r", 0, offset)
            line -= raw.count("\r\n", 0, offset)
            raise ValidationError([Problem(line_at(line), _("a quote is opened and never closed"))])
    records = [r for r in records if any(cell.strip() for cell in r.cells)]
    if not records:
        raise ValidationError([Problem("line 1", _("the file is empty"))])
    return CsvTable(delimiter, records[0], records[1:])


def _unreadable(lines: list[str], start: int, delimiter: str, exc: csv.Error) -> Problem:
    raw = "".join(lines[start - 1 :])
    if unclosed_quote(raw, delimiter) is not None or "field larger" in str(exc):
        return Problem(line_at(start), _("a quote is opened and never closed"))
    return Problem(line_at(start), _("unreadable CSV ({exc})").format(exc=exc))


def run_on_problem(
    table: CsvTable, record: Record, multi_line_columns: frozenset[int]
) -> Problem | None:
    """A problem if ``record`` spans several lines where it should not.

    A value over several lines is accepted only in ``multi_line_columns`` (notes, and
    columns that are not imported) and only if none of its extra lines looks like a
    whole row of its own; such a line means a quote swallowed the rows after it."""
    if record.last_line == record.line:
        return None
    row_like = max(1, len(table.header.cells) - 1)
    for column, value in enumerate(record.cells):
        if "\n" not in value and "\r" not in value:
            continue
        swallowed = any(line.count(table.delimiter) >= row_like for line in value.splitlines()[1:])
        if swallowed or column not in multi_line_columns:
            title = _title(table, column)
            return Problem(
                line_at(record.line),
                _(
                    "the value of {title} runs on over lines {line}–{last_line}; a quote is probably "
                    "missing or misplaced"
                ).format(title=title, line=record.line, last_line=record.last_line),
            )
    return None


def _title(table: CsvTable, column: int) -> str:
    cells = table.header.cells
    title = cells[column].strip() if column < len(cells) else ""
    return f"“{title}”" if title else f"column {column + 1}"
