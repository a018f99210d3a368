"""Rotations in the JSON document (section ``"rotations"``), so a scenario can be set up
from a file and planned headless. Each rotation::

    {"name": "Pairing", "kind": "pairs" | "cross_check" | "skill_share" | "role" | "groups",
     "start_date": "2026-01-05", "cadence_weeks": 1,
     "members": "all" | [3, 5, 8],          # roster ids
     "odd_policy": "sit_out" | "trio", "group_size": 3,
     "never_together": [[3, 5]], "mix_roles": false, "min_overlap_hours": 2 | null,
     "notes": "",
     "ritual": 4 | null,                  # the calendar ritual it meets at (its id there)
     "rounds": [{"number": 0, "date": "2026-01-05", "done": true,
                 "groups": [{"members": [3, 8], "pinned": false}],
                 "duty": [5]}]}         # sat out, or joined a pair as the third

For cross-check partners a group is ``[reviewer, author]``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.rotations import link
from teamkeel.core.rotations.models import RotationRoundRow, RotationRow
from teamkeel.core.rotations.planner import Kind, OddPolicy
from teamkeel.core.rotations.records import Group, RotationSpec, RoundView
from teamkeel.core.rotations.service import check_round, fill_row, round_of, seats_of, spec_of

SECTION = "rotations"


def export_section(session: Session) -> list[dict[str, Any]]:
    out = []
    for row in session.scalars(select(RotationRow).order_by(RotationRow.id)):
        spec = spec_of(row)
        out.append(
            {
                "name": spec.name,
                "kind": spec.kind.value,
                "start_date": spec.start_date.isoformat(),
                "cadence_weeks": spec.cadence_weeks,
                "members": "all" if spec.all_members else list(spec.members),
                "odd_policy": spec.odd_policy.value,
                "group_size": spec.group_size,
                "never_together": [list(p) for p in spec.never_together],
                "mix_roles": spec.mix_roles,
                "min_overlap_hours": spec.min_overlap_hours,
                "notes": spec.notes,
                "ritual": spec.ritual_id,
                "rounds": [_round_json(round_of(r)) for r in row.rounds],
            }
        )
    return out


def _round_json(view: RoundView) -> dict[str, Any]:
    return {
        "number": view.number,
        "date": view.day.isoformat(),
        "done": view.done,
        "groups": [{"members": list(g.members), "pinned": g.pinned} for g in view.groups],
        "duty": list(view.duty),
    }


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, list):
        raise ValidationError([Problem(SECTION, _("expected a list of rotations"))])
    members = id_maps.get("member", {})
    rituals = id_maps.get("ritual", {})
    problems: list[Problem] = []
    names: set[str] = set()
    for index, item in enumerate(data):
        where = f"{SECTION}[{index}]"
        try:
            spec, rounds = _read(item, members, rituals, where)
        except KeyError as exc:
            problems.append(Problem(where, _("missing or unknown {exc}").format(exc=exc)))
            continue
        except (TypeError, ValueError, AttributeError) as exc:
            problems.append(Problem(where, _("unreadable rotation ({exc})").format(exc=exc)))
            continue
        problems += [Problem(f"{where}.{p.where}", p.message) for p in spec.problems()]
        if spec.name.casefold() in names:
            problems.append(
                Problem(
                    f"{where}.name", _("“{spec_name}” is used twice").format(spec_name=spec.name)
                )
            )
        names.add(spec.name.casefold())
        numbers = [r.number for r in rounds]
        if len(numbers) != len(set(numbers)) or any(n < 0 for n in numbers):
            problems.append(
                Problem(f"{where}.rounds", _("round numbers must be distinct and 0 or more"))
            )
        for r in rounds:
            try:
                check_round(spec.kind, r)
            except ValidationError as exc:
                problems += [Problem(f"{where}.rounds", str(p)) for p in exc.problems]
        if problems:
            continue
        try:
            spec = link.follow_ritual(session, spec)
        except ValidationError as exc:
            problems += [Problem(f"{where}.ritual", p.message) for p in exc.problems]
            continue
        row = RotationRow()
        fill_row(row, spec)
        for r in rounds:
            round_row = RotationRoundRow(number=r.number, day=r.day, done=r.done)
            round_row.seats = seats_of(r)
            row.rounds.append(round_row)
        session.add(row)
    if problems:
        raise ValidationError(problems)


def _read(item: dict[str, Any], members: dict[int, int], rituals: dict[int, int], where: str):
    def member(value: Any) -> int:
        return members[int(value)]

    ritual = item.get("ritual")
    if ritual is not None and int(ritual) not in rituals:
        raise KeyError(f"ritual {ritual}")

    chosen = item.get("members", "all")
    spec = RotationSpec(
        name=str(item["name"]),
        kind=Kind(item["kind"]),
        start_date=dt.date.fromisoformat(item["start_date"]),
        cadence_weeks=int(item.get("cadence_weeks", 1)),
        all_members=chosen == "all",
        members=() if chosen == "all" else tuple(member(m) for m in chosen),
        odd_policy=OddPolicy(item.get("odd_policy", "sit_out")),
        group_size=int(item.get("group_size", 3)),
        never_together=tuple((member(a), member(b)) for a, b in item.get("never_together") or []),
        mix_roles=bool(item.get("mix_roles", False)),
        min_overlap_hours=(
            None if item.get("min_overlap_hours") is None else float(item["min_overlap_hours"])
        ),
        notes=str(item.get("notes", "")),
        ritual_id=None if ritual is None else rituals[int(ritual)],
    )
    rounds = []
    for r in item.get("rounds") or []:
        number = int(r["number"])
        day = dt.date.fromisoformat(r["date"]) if r.get("date") else spec.day_of(number)
        rounds.append(
            RoundView(
                id=None,
                number=number,
                day=day,
                done=bool(r.get("done", False)),
                groups=tuple(
                    Group(tuple(member(m) for m in g["members"]), bool(g.get("pinned", False)))
                    for g in r.get("groups") or []
                ),
                duty=tuple(member(m) for m in r.get("duty") or []),
            )
        )
    return spec, rounds
