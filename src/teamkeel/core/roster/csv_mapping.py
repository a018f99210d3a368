"""Which column of a roster CSV feeds which member field, and why the others do not.

The guess reads the header (spellings of HR tools, spreadsheets and address books) and
looks at the values where a header can mislead: Outlook's contacts export has ``Title``
(Mr., Dr.) as well as ``Job Title``, and an honorific is never a role. The lead sees the
mapping before importing and can change it (``with_column``); the command line prints it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from teamkeel.core.errors import KeelError, Problem
from teamkeel.core.i18n import N_, _, ngettext

# Field -> header spellings, the preferred first (compared case-, space- and
# punctuation-insensitively), with those of Outlook's German export (Vorname,
# Nachname, E-Mail-Adresse, Position for the job title; Anrede, the honorific, is not
# read). "title" comes last for the role: it is an honorific in
# address books and only sometimes a job title.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "member", "person", "employee"),
    "first": ("first name", "given name", "firstname", "forename", "vorname"),
    "middle": ("middle name", "additional name", "middlename", "weitere vornamen"),
    "last": ("last name", "surname", "family name", "lastname", "nachname"),
    "email": (
        *("email", "e-mail", "e-mail address", "email address", "mail", "work email"),
        "e-mail-adresse",
    ),
    "role": ("role", "job title", "position", "discipline", "function", "title"),
    "timezone": ("time zone", "timezone", "tz", "iana timezone"),
    "hours": ("working hours", "hours", "work hours"),
    "work_start": ("work start", "start time", "day starts"),
    "work_end": ("work end", "end time", "day ends"),
    "skills": ("skills", "skill", "expertise", "strengths"),
    "goals": ("growth goals", "goals", "learning goals", "wants to learn", "growth"),
    "start_date": ("start date", "started", "joined", "joined on", "hire date"),
    "notes": ("notes", "note", "comments", "comment", "notizen"),
    "archived": ("archived",),
    "absences": ("absences", "absent", "time off"),
}

LABELS: dict[str, str] = {
    "name": N_("Name"),
    "first": N_("First name"),
    "middle": N_("Middle name"),
    "last": N_("Last name"),
    "email": N_("E-mail"),
    "role": N_("Role"),
    "timezone": N_("Time zone"),
    "hours": N_("Working hours"),
    "work_start": N_("Work starts"),
    "work_end": N_("Work ends"),
    "skills": N_("Skills"),
    "goals": N_("Growth goals"),
    "start_date": N_("Start date"),
    "notes": N_("Notes"),
    "archived": N_("Archived"),
    "absences": N_("Absences"),
}

NAME_PARTS = ("first", "middle", "last")

# Compared after folding case and dropping dots ("Dr. med." -> "dr med").
HONORIFICS = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"),
        *("lady", "lord", "rev", "revd", "fr", "herr", "frau", "m", "mme", "mlle"),
        *("sr", "sra", "srta", "sig", "sig ra", "dott", "hr", "ing", "mag"),
        *("dr med", "dr ing", "dipl ing", "prof dr"),
    }
)

HONORIFIC_REASON = N_("honorifics such as Mr. or Dr., never a role")


def header_key(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", header.casefold().replace("e-mail", "email")).strip()


_PREFERENCE = {
    header_key(h): (f, rank) for f, names in HEADERS.items() for rank, h in enumerate(names)
}


def _is_honorific(value: str) -> bool:
    return " ".join(re.split(r"[\s.]+", value.casefold())).strip() in HONORIFICS


def looks_like_honorifics(values: Iterable[str]) -> bool:
    """True if a column holds honorifics only (blank cells aside); stops at the first
    value that is not one."""
    seen = False
    for value in values:
        if value.strip():
            if not _is_honorific(value):
                return False
            seen = True
    return seen


@dataclass(frozen=True)
class ColumnMapping:
    header: tuple[str, ...]
    fields: dict[str, int]  # field -> column
    reasons: dict[int, str] = field(default_factory=dict)  # column -> why it is not used
    filled: frozenset[int] = frozenset()  # columns with a value in some row

    def column_of(self, name: str) -> int | None:
        return self.fields.get(name)

    def field_at(self, column: int) -> str | None:
        return next((f for f, c in self.fields.items() if c == column), None)

    def title(self, column: int) -> str:
        text = self.header[column].strip() if column < len(self.header) else ""
        return f"“{text}”" if text else f"column {column + 1}"

    def with_column(self, column: int, name: str | None) -> ColumnMapping:
        """The mapping with ``column`` feeding ``name`` (or nothing, for None); a column
        that fed ``name`` before is left out."""
        # A full name and its parts exclude each other: the last one chosen wins.
        rivals = {name} | (
            set(NAME_PARTS) if name == "name" else {"name"} if name in NAME_PARTS else set()
        )
        fields = {f: c for f, c in self.fields.items() if c != column and f not in rivals}
        reasons = dict(self.reasons)
        reasons.pop(column, None)
        if name is None:
            reasons[column] = _("left out by you")
        else:
            fields[name] = column
        return ColumnMapping(self.header, fields, reasons, self.filled)

    def name_columns(self) -> list[int]:
        if "name" in self.fields:
            return [self.fields["name"]]
        return [self.fields[p] for p in NAME_PARTS if p in self.fields]

    def used(self) -> list[tuple[str, str]]:
        """(field label, where it comes from) in the order of the member form."""
        out = []
        if self.name_columns():
            out.append((_("Name"), " + ".join(self.title(c) for c in self.name_columns())))
        for name, column in sorted(self.fields.items(), key=lambda fc: list(LABELS).index(fc[0])):
            if name not in ("name", *NAME_PARTS):
                out.append((_(LABELS[name]), self.title(column)))
        return out

    def ignored(self) -> list[int]:
        """Columns that feed nothing (name parts unused beside a full name included)."""
        used = set(self.name_columns()) | {
            c for f, c in self.fields.items() if f not in ("name", *NAME_PARTS)
        }
        return [c for c in range(len(self.header)) if c not in used]

    def describe(self) -> list[str]:
        """The mapping in a few lines, for the command line."""
        lines = [_("Columns used:")] + [f"  {label}: {source}" for label, source in self.used()]
        ignored = self.ignored()
        shown = [c for c in ignored if c in self.filled or c in self.reasons]
        empty = len(ignored) - len(shown)
        if shown or empty:
            parts = [
                self.title(c) + (f" ({self.reasons[c]})" if self.reasons.get(c) else "")
                for c in shown
            ]
            if empty:
                parts.append(
                    ngettext("{count} empty column", "{count} empty columns", empty).format(
                        count=empty
                    )
                )
            lines.append(_("Ignored: {columns}").format(columns=", ".join(parts)))
        return lines

    def problems(self) -> list[Problem]:
        if not self.name_columns():
            return [
                Problem(
                    "line 1",
                    _(
                        "no name column (expected “Name”, “Full Name”, or “First Name” and “Last Name”)"
                    ),
                )
            ]
        return []


def guess_mapping(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ColumnMapping:
    """The mapping the header suggests, checked against the values in ``rows``."""
    filled = frozenset(
        c for c in range(len(header)) if any(c < len(r) and r[c].strip() for r in rows)
    )
    candidates: dict[str, list[tuple[int, int]]] = {}
    reasons: dict[int, str] = {}
    for column, title in enumerate(header):
        known = _PREFERENCE.get(header_key(title))
        if known is None:
            continue
        name, rank = known
        if name == "role" and looks_like_honorifics(_cell(r, column) for r in rows):
            reasons[column] = _(HONORIFIC_REASON)
            continue
        candidates.setdefault(name, []).append((rank, column))
    fields: dict[str, int] = {}
    for name, ranked in candidates.items():
        (_rank, best), *others = sorted(ranked)
        fields[name] = best
        for _rank, column in others:
            reasons[column] = _("{field} is read from “{column}”").format(
                field=_(LABELS[name]), column=header[best].strip()
            )
    if "name" in fields:
        for part in NAME_PARTS:
            if part in fields:
                reasons[fields.pop(part)] = _("the name is read from “{column}”").format(
                    column=header[fields["name"]]
                )
    return ColumnMapping(tuple(header), fields, reasons, filled)


def _cell(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


# -- the lead's own choices, as the command line takes them --------------------------
def field_named(text: str) -> str:
    """The field a name means: its key (``job`` no, ``role`` yes) or the label the
    preview shows (``E-mail``, ``Time zone``), in any case; KeelError otherwise."""
    wanted = header_key(text)
    for name, label in LABELS.items():
        if wanted in (header_key(name), header_key(label)):
            return name
    known = ", ".join(name for name in LABELS)
    raise KeelError(
        _("“{text}” is not a field Keel imports (fields: {known}).").format(text=text, known=known)
    )


def column_named(mapping: ColumnMapping, text: str) -> int:
    """The column whose title is ``text`` (any case and spacing), or whose number it is
    (1 = the first); KeelError naming the columns otherwise."""
    wanted = header_key(text)
    found = [c for c, title in enumerate(mapping.header) if header_key(title) == wanted]
    if len(found) == 1:
        return found[0]
    if not found and text.strip().isdecimal() and 1 <= int(text) <= len(mapping.header):
        return int(text) - 1
    if found:
        numbers = ", ".join(str(c + 1) for c in found)
        raise KeelError(
            _("Two columns are called “{text}”; give its number instead ({numbers}).").format(
                text=text, numbers=numbers
            )
        )
    titles = ", ".join(f"“{t.strip()}”" for t in mapping.header if t.strip())
    raise KeelError(
        _("There is no column “{text}” in the file (columns: {titles}).").format(
            text=text, titles=titles
        )
    )


def with_choices(
    mapping: ColumnMapping, maps: Sequence[str], ignores: Sequence[str]
) -> ColumnMapping:
    """``mapping`` with each ``COLUMN=FIELD`` of ``maps`` and each column of ``ignores``
    applied in turn, as the lead would in the preview."""
    for choice in maps:
        column, sep, field = choice.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise KeelError(f"--map “{choice}” is not COLUMN=FIELD (e.g. “Job Title=role”).")
        mapping = mapping.with_column(column_named(mapping, column), field_named(field))
    for column in ignores:
        mapping = mapping.with_column(column_named(mapping, column), None)
    return mapping
