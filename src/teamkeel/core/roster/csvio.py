"""Roster CSV import and export.

Import understands what people export from HR tools and spreadsheets: UTF-8 with or
without a byte-order mark, comma, semicolon or tab delimiters, and common header names.
It is all-or-nothing: every problem is collected with its line number, and if there is
any, nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from teamkeel.core import csvcells
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.files import read_input, replacing
from teamkeel.core.roster import validation
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.reader import same_person
from teamkeel.core.roster.service import RosterService

MAX_BYTES = 10 * 1024 * 1024  # a roster this big is not a roster

# Canonical field -> header spellings (compared case-, space- and punctuation-insensitively).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "member", "person", "employee"),
    "first": ("first name", "given name", "firstname", "forename"),
    "last": ("last name", "surname", "family name", "lastname"),
    "email": ("email", "e-mail", "e-mail address", "email address", "mail", "work email"),
    "role": ("role", "title", "job title", "discipline", "position", "function"),
    "timezone": ("time zone", "timezone", "tz", "iana timezone"),
    "hours": ("working hours", "hours", "work hours"),
    "work_start": ("work start", "start time", "day starts"),
    "work_end": ("work end", "end time", "day ends"),
    "skills": ("skills", "skill", "expertise", "strengths"),
    "goals": ("growth goals", "goals", "learning goals", "wants to learn", "growth"),
    "start_date": ("start date", "started", "joined", "joined on", "hire date"),
    "notes": ("notes", "note", "comments", "comment"),
    "archived": ("archived",),
    "absences": ("absences", "absent", "time off"),
}

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


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", header.casefold().replace("e-mail", "email")).strip()


_LOOKUP = {_key(h): field for field, names in HEADERS.items() for h in names}


@dataclass(frozen=True)
class ImportResult:
    members: list[Member]
    ignored_columns: list[str]


def decode(raw: bytes, name: str = "file") -> str:
    if len(raw) > MAX_BYTES:
        raise KeelError(
            f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB; that is not a roster."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeelError(
            f"{name} is not UTF-8 text (byte {exc.start}); save it as “CSV UTF-8” and try again."
        ) from exc


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _parse_time(text: str) -> dt.time:
    text = text.strip().replace(".", ":")
    if re.fullmatch(r"\d{1,2}", text):
        text += ":00"
    return dt.time.fromisoformat(text.zfill(5))


def _parse_hours(text: str) -> tuple[dt.time, dt.time]:
    parts = re.split(r"\s*(?:-|–|—|to)\s*", text.strip())
    if len(parts) != 2:
        raise ValueError(f"“{text}” is not a range like 09:00-17:00")
    return _parse_time(parts[0]), _parse_time(parts[1])


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
    "skills": validation.parse_tags,
    "goals": validation.parse_tags,
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


def parse_roster_csv(
    text: str,
    existing: Sequence[Member] = (),
    default_timezone: str | None = None,
) -> ImportResult:
    """Members from CSV text, or ValidationError listing every problem by line."""
    if not text.strip():
        raise ValidationError([Problem("line 1", "the file is empty")])
    first_line = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ValidationError([Problem("line 1", f"unreadable header ({exc})")]) from exc
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        field = _LOOKUP.get(_key(title))
        if field and field not in columns:
            columns[field] = index
        elif title.strip():
            ignored.append(title.strip())
    if "name" not in columns and "first" not in columns:
        raise ValidationError(
            [
                Problem(
                    "line 1",
                    "no name column (expected “Name”, “Full Name”, or “First Name” and “Last Name”)",
                )
            ]
        )
    timezone = default_timezone or validation.machine_timezone()
    problems: list[Problem] = []
    members: list[tuple[int, Member]] = []
    line_no = 1
    try:
        for record in reader:
            line_no = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            member, found = _member_from_record(record, columns, timezone)
            where = f"line {line_no}"
            problems.extend(Problem(where, m) for m in found)
            if member is None:
                continue
            for other_line, other in members:
                if same_person(member, other):
                    problems.append(
                        Problem(where, f"{member.name} appears twice (also on line {other_line})")
                    )
                    break
            else:
                for other in existing:
                    if same_person(member, other):
                        problems.append(Problem(where, f"{member.name} is already on the roster"))
                        break
            members.append((line_no, member))
    except csv.Error as exc:
        problems.append(Problem(f"line {reader.line_num}", f"unreadable CSV ({exc})"))
    if problems:
        raise ValidationError(problems)
    if not members:
        raise ValidationError([Problem("line 2", "the file has a header but no members")])
    return ImportResult([m for _, m in members], ignored)


def _member_from_record(
    record: list[str], columns: dict[str, int], timezone: str
) -> tuple[Member | None, list[str]]:
    def cell(field: str) -> str:
        index = columns.get(field)
        # A cell Keel quoted on export (=, +, -, @...) reads back as it was.
        text = record[index] if index is not None and index < len(record) else ""
        return csvcells.read_cell(text).strip()

    found: list[str] = []
    name = cell("name") or " ".join(filter(None, (cell("first"), cell("last"))))
    values: dict[str, object] = {}
    if cell("hours"):
        try:
            values["work_start"], values["work_end"] = _parse_hours(cell("hours"))
        except ValueError as exc:
            found.append(f"working hours: {exc}")
    for field, parse in _FIELD_PARSERS.items():
        if cell(field):
            try:
                values[field] = parse(cell(field))
            except ValueError as exc:
                found.append(f"{_FIELD_LABELS.get(field, field)}: {exc}")
    member = Member(
        name=name,
        role=cell("role"),
        email=cell("email") or None,
        timezone=cell("timezone") or timezone,
        notes=cell("notes"),
    )
    member = validation.clean(replace(member, **values))  # type: ignore[arg-type]
    found.extend(f"{p.where}: {p.message}" for p in validation.problems(member))
    return (None if found else member), found


def import_roster_csv(roster: RosterService, path: Path) -> ImportResult:
    """Read a CSV file and add its members, all or nothing."""
    text = decode(read_input(path, MAX_BYTES, "roster"), path.name)
    result = parse_roster_csv(text, roster.list_members(include_archived=True))
    stored = roster.add_many(result.members)
    return ImportResult(stored, result.ignored_columns)


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
