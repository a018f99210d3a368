"""The calendar's part of the JSON document: rituals with their rotations and swaps.

Member ids refer to the roster section's ids and are mapped through
`id_maps["member"]` on import. Each ritual carries its ``id`` so that stand-up entries
linked to an occurrence still point at the same ritual after a round trip: the new ids
are recorded in `id_maps["ritual"]` for the stand-up section.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.roster.models import MemberRow

from .domain import Recurrence, Ritual, Swap
from .models import RitualRow
from .service import check, fill_row, to_ritual

SECTION = "calendar"


def ritual_to_json(r: Ritual) -> dict[str, Any]:
    rec = r.recurrence
    return {
        "id": r.id,
        "uid": r.uid,
        "kind": r.kind,
        "title": r.title,
        "start": r.start.strftime("%Y-%m-%dT%H:%M"),
        "timezone": r.timezone,
        "duration_minutes": r.duration_minutes,
        "recurrence": {
            "freq": rec.freq,
            "interval": rec.interval,
            "weekdays": list(rec.weekdays),
            "nth": rec.nth,
            "until": rec.until.isoformat() if rec.until else None,
            "count": rec.count,
        },
        "skipped": [d.isoformat() for d in r.skipped],
        "attendees": None if r.attendees is None else list(r.attendees),
        "location": r.location,
        "notes": r.notes,
        "facilitator": r.facilitator_id,
        "rotation": list(r.rotation),
        "swaps": [{"date": s.day.isoformat(), "member": s.member_id} for s in r.swaps],
    }


def ritual_from_json(data: Any, where: str, members: dict[int, int]) -> Ritual:
    if not isinstance(data, dict):
        raise ValidationError([Problem(where, _("expected an object"))])

    def member(old: Any) -> int:
        if int(old) not in members:
            raise ValueError(f"member {old} is not in the roster section")
        return members[int(old)]

    try:
        rec = data.get("recurrence") or {}
        attendees = data.get("attendees")
        return Ritual(
            uid=str(data["uid"]),
            kind=str(data["kind"]),
            title=str(data["title"]),
            start=dt.datetime.fromisoformat(data["start"]),
            timezone=str(data["timezone"]),
            duration_minutes=int(data["duration_minutes"]),
            recurrence=Recurrence(
                freq=str(rec.get("freq", "once")),
                interval=int(rec.get("interval") or 1),
                weekdays=tuple(int(d) for d in rec.get("weekdays") or ()),
                nth=int(rec["nth"]) if rec.get("nth") is not None else None,
                until=dt.date.fromisoformat(rec["until"]) if rec.get("until") else None,
                count=int(rec["count"]) if rec.get("count") is not None else None,
            ),
            skipped=tuple(dt.date.fromisoformat(d) for d in data.get("skipped") or ()),
            attendees=None if attendees is None else tuple(member(m) for m in attendees),
            location=str(data.get("location") or ""),
            notes=str(data.get("notes") or ""),
            facilitator_id=member(data["facilitator"]) if data.get("facilitator") else None,
            rotation=tuple(member(m) for m in data.get("rotation") or ()),
            swaps=tuple(
                Swap(dt.date.fromisoformat(s["date"]), member(s["member"]))
                for s in data.get("swaps") or ()
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(
            [Problem(where, _("unreadable ritual ({exc})").format(exc=exc))]
        ) from exc


def export_section(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(RitualRow).order_by(RitualRow.id)).all()
    return [ritual_to_json(to_ritual(r)) for r in rows]


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, list):
        raise ValidationError([Problem(SECTION, _("expected a list of rituals"))])
    members = id_maps.get("member", {})
    rituals = id_maps.setdefault("ritual", {})
    member_ids = set(session.scalars(select(MemberRow.id)))
    for i, item in enumerate(data):
        where = f"{SECTION}[{i}]"
        ritual = ritual_from_json(item, where, members)
        try:
            ritual = check(ritual, member_ids)
        except ValidationError as exc:
            raise ValidationError(
                [Problem(f"{where}.{p.where}", p.message) for p in exc.problems]
            ) from exc
        row = RitualRow()
        fill_row(row, ritual)
        session.add(row)
        old_id = item.get("id")
        if isinstance(old_id, int) and not isinstance(old_id, bool):
            session.flush()
            rituals[old_id] = row.id
    session.flush()
