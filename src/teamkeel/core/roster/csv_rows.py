"""From the cells of a roster CSV row to a clean, checked member.

A large file repeats values down its columns (the same roles, hours, time zones,
skills): each distinct value of such a column is read, cleaned and checked once, and
a row is then put together from those. Names, e-mail addresses and notes differ from
row to row and are cleaned and checked row by row. A member that comes out is what
``validation.clean`` makes of it and has none of ``validation.problems`` (tested), so
a row is held to exactly the rules of the member form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

from teamkeel.core import csvcells
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import _
from teamkeel.core.roster import validation
from teamkeel.core.roster.csv_mapping import ColumnMapping
from teamkeel.core.roster.member import Absence, Member


@lru_cache(maxsize=4096)
def parse_time(text: str) -> dt.time:
    text = text.strip().replace(".", ":")
    if re.fullmatch(r"\d{1,2}", text):
        text += ":00"
    return dt.time.fromisoformat(text.zfill(5))


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    parts = re.split(r"\s*(?:-|–|—|to)\s*", text.strip())
    if len(parts) != 2:
        raise ValueError(_("“{text}” is not a range like 09:00-17:00").format(text=text))
    return parse_time(parts[0]), parse_time(parts[1])


@lru_cache(maxsize=4096)
def parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("“{text}” is not a date like 2026-03-01").format(text=text))


def parse_absences(text: str) -> tuple[Absence, ...]:
    """ "2026-01-05..2026-01-09 holiday; 2026-03-02" -> absences, in date order."""
    out = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        match = re.fullmatch(r"(\S+?)(?:\s*\.\.\s*(\S+))?(?:\s+(.*))?", chunk)
        if not match:
            raise ValueError(
                _("“{text}” is not an absence like 2026-01-05..2026-01-09").format(text=chunk)
            )
        start = parse_date(match.group(1))
        end = parse_date(match.group(2)) if match.group(2) else start
        out.append(Absence(start, end, (match.group(3) or "").strip()))
    return validation.sorted_absences(tuple(out))


def parse_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in ("", "no", "false", "0", "n"):
        return False
    if value in ("yes", "true", "1", "y", "x"):
        return True
    raise ValueError(_("“{text}” is not yes or no").format(text=text))


def _hours(text: str) -> dict[str, object]:
    start, end = parse_hours(text)
    return {"work_start": start, "work_end": end}


# Fields read from a value that must parse, in the order their problems are listed:
# field -> (label in messages, value text -> member values).
_PARSED: dict[str, tuple[str, Callable[[str], dict[str, object]]]] = {
    "hours": ("working hours", _hours),
    "start_date": ("start date", lambda t: {"start_date": parse_date(t)}),
    "absences": ("absences", lambda t: {"absences": parse_absences(t)}),
    "archived": ("archived", lambda t: {"archived": parse_bool(t)}),
    "skills": ("skills", lambda t: {"skills": validation.parse_tags(t)}),
    "goals": ("goals", lambda t: {"goals": validation.parse_tags(t)}),
    "work_start": ("work start", lambda t: {"work_start": parse_time(t)}),
    "work_end": ("work end", lambda t: {"work_end": parse_time(t)}),
}

# The member fields each parsed field sets.
_TARGETS = {f: ("work_start", "work_end") if f == "hours" else (f,) for f in _PARSED}

_Parsed = tuple[dict[str, object], str | None]  # the values, or what is wrong
_Found = dict[int, list[tuple[int, str]]]  # row -> (order, problem) for rows with problems

# Member fields and their values when a row leaves them out.
_DEFAULTS: dict[str, object] = {
    f: Member.__dataclass_fields__[f].default
    for f in ("work_start", "work_end", "skills", "goals", "start_date", "archived", "absences")
}


def _cell(raw: str) -> str:
    # A cell Keel quoted on export (=, +, -, @...) reads back as it was.
    return (csvcells.read_cell(raw) if raw.startswith("'") else raw).strip()


def _texts(problems: list[Problem]) -> list[str]:
    return [f"{validation.field_label(p.where)}: {p.message}" for p in problems]


class RowReader:
    """Reads rows through one mapping, column by column; remembers what each distinct
    value of a column gave, for the next rows."""

    def __init__(self, mapping: ColumnMapping, timezone: str):
        self.name_columns = mapping.name_columns()
        self.fields = mapping.fields
        self.default_timezone = timezone
        self.parsed: dict[str, dict[str, _Parsed]] = {f: {} for f in _PARSED}
        self.roles: dict[str, str] = {}
        self.checks: dict[tuple[str, object], list[str]] = {}

    def member(self, row: list[str]) -> tuple[Member | None, list[str]]:
        """The member of ``row``, or None and what is wrong with it, field by field."""
        (read,) = self.read([row])
        return (read, []) if isinstance(read, Member) else (None, read)

    def read(self, rows: list[list[str]]) -> list[Member | list[str]]:
        """For each row, its member, or what is wrong with it (in the order of the
        member form's checks)."""
        found: _Found = {}
        values: dict[str, list[object]] = {
            "name": list(self._names(rows)),
            "role": [self._role(t) for t in self._texts(rows, "role")],
            "email": [t or None for t in self._texts(rows, "email")],
            "timezone": [t or self.default_timezone for t in self._texts(rows, "timezone")],
            "notes": list(self._texts(rows, "notes")),  # line ends included: it round-trips
        }
        values.update({f: [d] * len(rows) for f, d in _DEFAULTS.items()})
        for order, field in enumerate(_PARSED):
            if field in self.fields:
                self._parse_column(rows, field, order, values, found)
        self._check(values, found)
        names = list(values)
        read: list[Member | list[str]] = [
            Member.from_checked(zip(names, row, strict=True))
            for row in zip(*values.values(), strict=True)
        ]
        for i, problems in found.items():
            read[i] = [text for _, text in sorted(problems, key=lambda p: p[0])]
        return read

    def _column(self, rows: list[list[str]], column: int) -> list[str]:
        return [r[column] if column < len(r) else "" for r in rows]

    def _texts(self, rows: list[list[str]], field: str) -> Sequence[str]:
        column = self.fields.get(field)
        if column is None:
            return [""] * len(rows)
        return [_cell(v) if v.startswith("'") else v.strip() for v in self._column(rows, column)]

    def _names(self, rows: list[list[str]]) -> Sequence[str]:
        parts = [
            [_cell(v) if v.startswith("'") else v.strip() for v in self._column(rows, c)]
            for c in self.name_columns
        ]
        if not parts:  # a mapping without a name (the preview says so)
            return [""] * len(rows)
        if len(parts) == 1:
            return [validation.clean_line(p) for p in parts[0]]
        return [validation.clean_line(" ".join(filter(None, p))) for p in zip(*parts, strict=True)]

    def _role(self, text: str) -> str:
        role = self.roles.get(text)
        if role is None:
            role = self.roles[text] = validation.clean_line(text)
        return role

    def _parse_column(
        self,
        rows: list[list[str]],
        field: str,
        order: int,
        values: dict[str, list[object]],
        found: _Found,
    ) -> None:
        memo = self.parsed[field]
        column = self._column(rows, self.fields[field])
        for raw in dict.fromkeys(column):
            if raw not in memo:
                memo[raw] = _parse(field, _cell(raw))
        got = [memo[raw] for raw in column]
        for name in _TARGETS[field]:
            values[name] = [g[0].get(name, v) for g, v in zip(got, values[name], strict=True)]
        if any(problem is not None for _, problem in memo.values()):
            for i, (_, problem) in enumerate(got):
                if problem is not None:
                    found.setdefault(i, []).append((order, problem))

    def _check(self, values: dict[str, list[object]], found: _Found) -> None:
        """``validation.problems`` of each row's member, in its order; values that
        repeat down a column are checked once."""
        order = len(_PARSED)
        checks: list[tuple[str, list[object], Callable[[object], list[Problem]], bool]] = [
            ("name", values["name"], validation.name_problems, False),  # type: ignore[list-item]
            ("email", values["email"], validation.email_problems, False),  # type: ignore[list-item]
            ("timezone", values["timezone"], validation.timezone_problems, True),  # type: ignore[list-item]
            (
                "hours",
                list(zip(values["work_start"], values["work_end"], strict=True)),
                _hours_problems,
                True,
            ),
            ("start", values["start_date"], validation.start_date_problems, True),  # type: ignore[list-item]
            ("absences", values["absences"], validation.absence_problems, True),  # type: ignore[list-item]
        ]
        for kind, column, check, repeats in checks:
            order += 1
            if repeats:  # each distinct value once; the rows only if one is wrong
                wrong = {v for v in dict.fromkeys(column) if self._once(kind, v, check)}
                rows = [i for i, v in enumerate(column) if v in wrong] if wrong else []
            else:
                rows = [i for i, v in enumerate(column) if check(v)]
            for i in rows:
                texts = _texts(check(column[i]))
                found.setdefault(i, []).extend((order, t) for t in texts)

    def _once(
        self, kind: str, value: object, check: Callable[[object], list[Problem]]
    ) -> list[str]:
        key = (kind, value)
        found = self.checks.get(key)
        if found is None:
            found = self.checks[key] = _texts(check(value))
        return found


def _hours_problems(hours: object) -> list[Problem]:
    start, end = cast(tuple[dt.time, dt.time], hours)
    return validation.hours_problems(start, end)


def _parse(field: str, text: str) -> _Parsed:
    if not text:
        return {}, None
    label, parse = _PARSED[field]
    try:
        return parse(text), None
    except ValueError as exc:
        return {}, f"{validation.field_label(label)}: {exc}"
