"""The stand-up log's part of the JSON document (section ``"standup"``).

Each entry::

    {"id": 7, "kind": "kudos" | "blocker", "date": "2026-03-02",
     "member": 3,            # giver of a kudo / owner of a blocker (roster id)
     "others": [1, 5],       # receivers of a kudo / helpers of a blocker
     "note": "...", "tags": ["ci"], "resolved_on": "2026-03-04" | null,
     "ritual_id": 2 | null, "occurrence_date": "2026-03-02" | null,
     "created_at": "2026-03-02T09:14:00"}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.standup.entries import EntryKind
from teamkeel.core.standup.models import (
    ENTRY_COLUMNS,
    ROLE_HELPER,
    ROLE_RECEIVER,
    StandupEntry,
    StandupPerson,
)
from teamkeel.core.standup.service import entry_values, normalise_tags

SECTION = "standup"


def export_section(session: Session) -> list[dict[str, Any]]:
    others: dict[int, list[int]] = {}
    people = select(StandupPerson.entry_id, StandupPerson.member_id).order_by(
        StandupPerson.entry_id, StandupPerson.position
    )
    for entry_id, member_id in session.execute(people):
        others.setdefault(entry_id, []).append(member_id)
    rows = session.execute(select(*ENTRY_COLUMNS).order_by(StandupEntry.day, StandupEntry.id))
    return [
        {
            "id": i,
            "kind": kind,
            "date": day.isoformat(),
            "member": member_id,
            "others": others.get(i, []),
            "note": note,
            "tags": tags.split(),
            "resolved_on": resolved.isoformat() if resolved else None,
            "ritual_id": ritual_id,
            "occurrence_date": occurrence.isoformat() if occurrence else None,
            "created_at": created.isoformat(timespec="seconds"),
        }
        for i, kind, day, member_id, note, tags, resolved, ritual_id, occurrence, created in rows
    ]


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


class _Unreadable(Exception):
    """One field of one entry cannot be read; carries the problem that names it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _field(item: dict[str, Any], name: str, where: str, read: Any, what: str) -> Any:
    """``read(item[name])``, or a problem naming the field and saying what it should be."""
    if name not in item:
        raise _Unreadable(Problem(f"{where}.{name}", _("is missing")))
    value = item[name]
    try:
        return read(value)
    except (TypeError, ValueError, KeyError, AttributeError):
        raise _Unreadable(Problem(f"{where}.{name}", what.format(value=repr(value)))) from None


def _optional_date(item: dict[str, Any], name: str, where: str) -> dt.date | None:
    if item.get(name) is None:
        return None
    return _field(item, name, where, _date, _("{value} is not a date like 2026-03-02"))


def _read_entry(
    item: Any, where: str, members: dict[int, int]
) -> tuple[EntryKind, int, dt.date, int, list[int], str, tuple[str, ...], dt.date | None]:
    if not isinstance(item, dict):
        raise _Unreadable(Problem(where, _("is not an object with the entry's fields")))

    def member(value: Any) -> int:
        return members[int(value)]

    unknown = _("{value} is not the id of a member in this document")
    return (
        _field(
            item, "kind", where, EntryKind, _("{value} is not a kind: use “kudos” or “blocker”")
        ),
        _field(item, "id", where, int, _("{value} is not a whole number")),
        _field(item, "date", where, _date_required, _("{value} is not a date like 2026-03-02")),
        _field(item, "member", where, member, unknown),
        _field(
            item,
            "others",
            where,
            lambda v: [member(m) for m in v or []],
            _("{value} lists an id that is not a member in this document"),
        )
        if "others" in item
        else [],
        _field(item, "note", where, lambda v: " ".join(str(v).split()), _("{value} is not text")),
        _field(
            item,
            "tags",
            where,
            lambda v: normalise_tags(v or []),
            _("{value} is not a list of tags"),
        )
        if "tags" in item
        else (),
        _optional_date(item, "resolved_on", where),
    )


def _date_required(value: Any) -> dt.date:
    day = _date(value)
    if day is None:
        raise ValueError("no date")
    return day


def _ritual_link(ritual: int | None, rituals: dict[int, int]) -> int | None:
    """The new id of a linked ritual. When the calendar section named its rituals' ids,
    a link to an id it does not hold points at a ritual deleted before the export, and
    keeping the number would attach the entry to whichever ritual gets it here."""
    if ritual is None:
        return None
    if rituals:
        return rituals.get(ritual)
    return ritual  # a document without ritual ids: the ids were kept as they were


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, list):
        raise ValidationError([Problem(SECTION, _("expected a list of log entries"))])
    members = id_maps.get("member", {})
    rituals = id_maps.get("ritual", {})
    entries: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, item in enumerate(data):
        where = f"{SECTION}[{index}]"
        try:
            kind, entry_id, day, member, others, note, tags, resolved = _read_entry(
                item, where, members
            )
            ritual = item.get("ritual_id")
            if ritual is not None:
                ritual = _field(item, "ritual_id", where, int, _("{value} is not a whole number"))
            occurrence = _optional_date(item, "occurrence_date", where)
            created = _field(
                {"created_at": item.get("created_at") or f"{day}T00:00:00"},
                "created_at",
                where,
                dt.datetime.fromisoformat,
                _("{value} is not a date and time like 2026-03-02T09:14:00"),
            )
        except _Unreadable as bad:
            problems.append(bad.problem)
            continue
        if entry_id in seen:
            problems.append(
                Problem(where, _("id {entry_id} is used twice").format(entry_id=entry_id))
            )
        seen.add(entry_id)
        if not note:
            problems.append(Problem(f"{where}.note", _("is empty")))
        if kind is EntryKind.KUDOS and (resolved is not None or not others):
            problems.append(Problem(where, _("a kudo needs receivers and has no resolution date")))
        if resolved is not None and resolved < day:
            problems.append(Problem(f"{where}.resolved_on", _("is before the date it was raised")))
        if member in others:
            problems.append(Problem(f"{where}.others", _("includes the giver or owner")))
        link = _ritual_link(ritual, rituals)
        entries.append(
            entry_values(
                entry_id, kind, day, member, note, tags, resolved, created, link, occurrence
            )
        )
        role = ROLE_RECEIVER if kind is EntryKind.KUDOS else ROLE_HELPER
        people += [
            {"entry_id": entry_id, "member_id": m, "role": role, "position": p}
            for p, m in enumerate(dict.fromkeys(others))
        ]
    if problems:
        raise ValidationError(problems)
    if entries:
        session.execute(insert(StandupEntry), entries)
    if people:
        session.execute(insert(StandupPerson), people)
