"""The roster's part of the JSON document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.roster import validation
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.roster.service import _fill, to_member

SECTION = "roster"


def member_to_json(m: Member) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "role": m.role,
        "email": m.email,
        "timezone": m.timezone,
        "work_start": m.work_start.strftime("%H:%M"),
        "work_end": m.work_end.strftime("%H:%M"),
        "skills": list(m.skills),
        "goals": list(m.goals),
        "start_date": m.start_date.isoformat() if m.start_date else None,
        "notes": m.notes,
        "archived": m.archived,
        "absences": [
            {"start": a.start.isoformat(), "end": a.end.isoformat(), "note": a.note}
            for a in m.absences
        ],
    }


def member_from_json(data: Any, where: str) -> Member:
    """Build a member from its JSON form, or raise ValidationError naming the place."""
    if not isinstance(data, dict):
        raise ValidationError([Problem(where, _("expected an object"))])
    try:
        member = Member(
            id=int(data["id"]),
            name=str(data["name"]),
            role=str(data.get("role") or ""),
            email=data.get("email") or None,
            timezone=str(data.get("timezone") or "UTC"),
            work_start=dt.time.fromisoformat(data.get("work_start") or "09:00"),
            work_end=dt.time.fromisoformat(data.get("work_end") or "17:00"),
            skills=validation.normalise_tags(data.get("skills") or []),
            goals=validation.normalise_tags(data.get("goals") or []),
            start_date=dt.date.fromisoformat(data["start_date"])
            if data.get("start_date")
            else None,
            notes=str(data.get("notes") or ""),
            archived=bool(data.get("archived", False)),
            absences=tuple(
                Absence(
                    dt.date.fromisoformat(a["start"]),
                    dt.date.fromisoformat(a["end"]),
                    str(a.get("note") or ""),
                )
                for a in data.get("absences") or []
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(
            [Problem(where, _("unreadable member ({exc})").format(exc=exc))]
        ) from exc
    found = validation.problems(member)
    if found:
        raise ValidationError([Problem(f"{where}.{p.where}", p.message) for p in found])
    return member


def export_section(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(MemberRow).order_by(MemberRow.id)).all()
    return [member_to_json(to_member(r)) for r in rows]


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, list):
        raise ValidationError([Problem(SECTION, _("expected a list of members"))])
    members = [member_from_json(item, f"{SECTION}[{i}]") for i, item in enumerate(data)]
    ids = [m.id for m in members]
    if len(set(ids)) != len(ids):
        raise ValidationError([Problem(SECTION, _("two members share the same id"))])
    mapping = id_maps.setdefault("member", {})
    for member in members:
        row = MemberRow(id=member.id)
        _fill(row, member)
        session.add(row)
        session.flush()
        assert member.id is not None
        mapping[member.id] = row.id
