"""The compact's part of the JSON document: every ratified version and the draft.

    "compact": {"versions": [<version>, ...], "draft": <version> | null}

A version holds its number, dates, text, commitments (with their keys, so history
diffs survive a round trip) and signatures (member ids refer to the roster section).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.compact import versioning
from teamkeel.core.compact.document import (
    DEFAULT_CADENCE,
    DEFAULT_TITLE,
    Commitment,
    Compact,
    Signature,
)
from teamkeel.core.compact.models import CompactVersionRow
from teamkeel.core.compact.service import fill_row, to_compact
from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _

SECTION = "compact"


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def compact_to_json(c: Compact) -> dict[str, Any]:
    return {
        "number": c.number,
        "title": c.title,
        "team_name": c.team_name,
        "purpose": c.purpose,
        "review_cadence": c.review_cadence,
        "next_review": _date(c.next_review),
        "ratified_on": _date(c.ratified_on),
        "commitments": [
            {
                "key": k.key,
                "statement": k.statement,
                "theme": k.theme,
                "norm_value": k.norm_value,
                "norm_unit": k.norm_unit,
            }
            for k in c.commitments
        ],
        "signatures": [
            {"member_id": s.member_id, "name": s.name, "signed_on": s.signed_on.isoformat()}
            for s in c.signatures
        ],
    }


def export_section(session: Session) -> dict[str, Any]:
    rows = session.scalars(
        select(CompactVersionRow).order_by(
            CompactVersionRow.number.is_(None), CompactVersionRow.number
        )
    ).all()
    versions = [compact_to_json(to_compact(r)) for r in rows if r.number is not None]
    drafts = [compact_to_json(to_compact(r)) for r in rows if r.number is None]
    return {"versions": versions, "draft": drafts[0] if drafts else None}


def _optional_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def compact_from_json(data: Any, where: str, members: dict[int, int]) -> Compact:
    """Build a version from JSON, mapping member ids; raise ValidationError naming the place."""
    if not isinstance(data, dict):
        raise ValidationError([Problem(where, _("expected an object"))])
    try:
        commitments = tuple(
            Commitment(
                statement=str(k["statement"]),
                theme=str(k.get("theme") or "communication"),
                norm_value=None if k.get("norm_value") is None else float(k["norm_value"]),
                norm_unit=str(k.get("norm_unit") or ""),
                **({"key": str(k["key"])} if k.get("key") else {}),
            )
            for k in data.get("commitments") or []
        )
        signatures = []
        for i, s in enumerate(data.get("signatures") or []):
            old_id = int(s["member_id"])
            if old_id not in members:
                raise ValidationError(
                    [
                        Problem(
                            f"{where}.signatures[{i}]",
                            _("member {old_id} is not in the roster").format(old_id=old_id),
                        )
                    ]
                )
            signatures.append(
                Signature(
                    members[old_id], str(s.get("name") or ""), dt.date.fromisoformat(s["signed_on"])
                )
            )
        number = data.get("number")
        compact = Compact(
            title=str(data.get("title") or DEFAULT_TITLE),
            purpose=str(data.get("purpose") or ""),
            commitments=commitments,
            signatures=tuple(signatures),
            review_cadence=str(data.get("review_cadence") or DEFAULT_CADENCE),
            next_review=_optional_date(data.get("next_review")),
            number=None if number is None else int(number),
            ratified_on=_optional_date(data.get("ratified_on")),
            team_name=str(data.get("team_name") or ""),
        )
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(
            [Problem(where, _("unreadable compact version ({exc})").format(exc=exc))]
        ) from exc
    found = versioning.problems(compact)
    if found:
        raise ValidationError([Problem(f"{where}: {p.where}", p.message) for p in found])
    return compact


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, dict):
        raise ValidationError([Problem(SECTION, _("expected an object with versions and a draft"))])
    members = id_maps.get("member", {})
    versions = [
        compact_from_json(v, f"{SECTION}.versions[{i}]", members)
        for i, v in enumerate(data.get("versions") or [])
    ]
    numbers = [v.number for v in versions]
    if None in numbers or len(set(numbers)) != len(numbers):
        raise ValidationError(
            [Problem(f"{SECTION}.versions", _("each version needs its own number"))]
        )
    compacts = list(versions)
    if data.get("draft") is not None:
        draft = compact_from_json(data["draft"], f"{SECTION}.draft", members)
        if not draft.is_draft:
            raise ValidationError(
                [Problem(f"{SECTION}.draft", _("the draft cannot have a number"))]
            )
        compacts.append(draft)
    for compact in compacts:
        row = CompactVersionRow()
        fill_row(row, compact)
        session.add(row)
