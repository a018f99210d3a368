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
from teamkeel.core.standup.entries import EntryKind
from teamkeel.core.standup.models import ROLE_HELPER, ROLE_RECEIVER, StandupEntry, StandupPerson
from teamkeel.core.standup.service import normalise_tags, search_text

SECTION = "standup"


def export_section(session: Session) -> list[dict[str, Any]]:
    others: dict[int, list[int]] = {}
    people = select(StandupPerson.entry_id, StandupPerson.member_id).order_by(
        StandupPerson.entry_id, StandupPerson.position
    )
    for entry_id, member_id in session.execute(people):
        others.setdefault(entry_id, []).append(member_id)
    E = StandupEntry
    rows = session.execute(
        select(
            E.id,
            E.kind,
            E.day,
            E.member_id,
            E.note,
            E.tags,
            E.resolved_on,
            E.ritual_id,
            E.occurrence_date,
            E.created_at,
        ).order_by(E.day, E.id)
    )
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


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, list):
        raise ValidationError([Problem(SECTION, "expected a list of log entries")])
    members = id_maps.get("member", {})
    rituals = id_maps.get("ritual", {})
    entries: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, item in enumerate(data):
        where = f"{SECTION}[{index}]"
        try:
            kind = EntryKind(item["kind"])
            entry_id = int(item["id"])
            day = _date(item["date"])
            assert day is not None
            member = members[int(item["member"])]
            others = [members[int(m)] for m in item.get("others") or []]
            note = " ".join(str(item["note"]).split())
            tags = normalise_tags(item.get("tags") or [])
            resolved = _date(item.get("resolved_on"))
            ritual = item.get("ritual_id")
            occurrence = _date(item.get("occurrence_date"))
            created = dt.datetime.fromisoformat(item.get("created_at") or f"{day}T00:00:00")
        except KeyError as exc:
            problems.append(Problem(where, f"missing or unknown {exc}"))
            continue
        except (TypeError, ValueError, AssertionError, AttributeError) as exc:
            problems.append(Problem(where, f"unreadable entry ({exc})"))
            continue
        if entry_id in seen:
            problems.append(Problem(where, f"id {entry_id} is used twice"))
        seen.add(entry_id)
        if not note:
            problems.append(Problem(f"{where}.note", "is empty"))
        if kind is EntryKind.KUDOS and (resolved is not None or not others):
            problems.append(Problem(where, "a kudo needs receivers and has no resolution date"))
        if resolved is not None and resolved < day:
            problems.append(Problem(f"{where}.resolved_on", "is before the date it was raised"))
        if member in others:
            problems.append(Problem(f"{where}.others", "includes the giver or owner"))
        entries.append(
            {
                "id": entry_id,
                "kind": kind.value,
                "day": day,
                "member_id": member,
                "note": note,
                "tags": " ".join(tags),
                "search_text": search_text(note, tags),
                "resolved_on": resolved,
                "ritual_id": None if ritual is None else rituals.get(int(ritual), int(ritual)),
                "occurrence_date": occurrence,
                "created_at": created,
            }
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
