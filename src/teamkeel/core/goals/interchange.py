"""The support goals' part of the JSON document (section ``"goals"``)::

    {"weekly": [{"id": 4, "member": 1, "week": "2026-W50", "kind": "support",
                 "text": "review the migration PR", "colleague": 2, "status": "done",
                 "done_on": "2026-12-09", "carried_from": null, "position": 0,
                 "created_at": "2026-12-07T09:10:00"}],
     "skill_shares": [{"id": 1, "first": 1, "second": 3, "deliverable": "...",
                       "first_goal": "...", "second_goal": "...", "due_on": "2027-01-29",
                       "status": "under_way", "outcome": "", "delivered_on": null,
                       "rotation_id": null, "created_at": "..."}],
     "buddies": [{"blocker": 17, "member": 2, "reason": "...", "chosen_at": "..."}],
     "outcome_metrics": [{"key": "support_response", "name": "...", "unit": "hours",
                          "builtin": false}],
     "outcomes": [{"metric": "on_time_delivery", "month": "2026-11", "value": 85.0}]}

Members are roster ids of the same document; blockers are stand-up entry ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.goals.models import (
    BuddyChoiceRow,
    GoalItemRow,
    OutcomeMetricRow,
    OutcomeValueRow,
    SkillShareRow,
)
from teamkeel.core.goals.outcomes import BUILTIN, parse_month
from teamkeel.core.goals.weeks import parse_week, week_label
from teamkeel.core.i18n import _
from teamkeel.core.standup.models import StandupEntry
from teamkeel.core.text import strip_controls

SECTION = "goals"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def export_section(session: Session) -> dict[str, Any]:
    weekly = [
        {
            "id": r.id,
            "member": r.member_id,
            "week": week_label(r.week_start),
            "kind": r.kind,
            "text": r.text,
            "colleague": r.colleague_id,
            "status": r.status,
            "done_on": _iso(r.done_on),
            "carried_from": r.carried_from_id,
            "position": r.position,
            "created_at": _iso(r.created_at),
        }
        for r in session.scalars(select(GoalItemRow).order_by(GoalItemRow.id))
    ]
    shares = [
        {
            "id": r.id,
            "first": r.first_id,
            "second": r.second_id,
            "deliverable": r.deliverable,
            "first_goal": r.first_goal,
            "second_goal": r.second_goal,
            "due_on": _iso(r.due_on),
            "status": r.status,
            "outcome": r.outcome,
            "delivered_on": _iso(r.delivered_on),
            "rotation_id": r.rotation_id,
            "created_at": _iso(r.created_at),
        }
        for r in session.scalars(select(SkillShareRow).order_by(SkillShareRow.id))
    ]
    buddies = [
        {
            "blocker": r.entry_id,
            "member": r.member_id,
            "reason": r.reason,
            "chosen_at": _iso(r.chosen_at),
        }
        for r in session.scalars(select(BuddyChoiceRow).order_by(BuddyChoiceRow.entry_id))
    ]
    metrics = list(session.scalars(select(OutcomeMetricRow).order_by(OutcomeMetricRow.id)))
    keys = {m.id: m.key for m in metrics}
    values = [
        {"metric": keys[r.metric_id], "month": r.month, "value": r.value}
        for r in session.scalars(
            select(OutcomeValueRow).order_by(OutcomeValueRow.month, OutcomeValueRow.metric_id)
        )
    ]
    return {
        "weekly": weekly,
        "skill_shares": shares,
        "buddies": buddies,
        "outcome_metrics": [
            {"key": m.key, "name": m.name, "unit": m.unit, "builtin": m.builtin} for m in metrics
        ],
        "outcomes": values,
    }


class _Reader:
    """Reads items of one list, collecting one problem per unreadable item."""

    def __init__(self, members: dict[int, int]) -> None:
        self.members = members
        self.problems: list[Problem] = []

    def member(self, value: Any) -> int:
        if int(value) not in self.members:
            raise ValueError(
                _("{value} is not the id of a member in this document").format(value=repr(value))
            )
        return self.members[int(value)]

    def items(
        self, data: dict[str, Any], name: str, read: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        raw = data.get(name) or []
        if not isinstance(raw, list):
            self.problems.append(Problem(f"{SECTION}.{name}", _("expected a list")))
            return out
        for i, item in enumerate(raw):
            where = f"{SECTION}.{name}[{i}]"
            if not isinstance(item, dict):
                self.problems.append(Problem(where, _("expected an object")))
                continue
            try:
                out.append(read(item))
            except KeyError as exc:
                self.problems.append(
                    Problem(where, _("{args!r} is missing or unknown").format(args=exc.args[0]))
                )
            except (TypeError, ValueError) as exc:
                self.problems.append(Problem(where, str(exc) or _("has a value of the wrong type")))
        return out


def _opt_int(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(
            _("{name} {value} is not a whole number").format(name=name, value=repr(value))
        )
    return int(value)


def _in_range(day: dt.date, name: str) -> None:
    message = out_of_range(day)
    if message is not None:
        raise ValueError(f"{name}: {message}")


def _date(value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    day = dt.date.fromisoformat(str(value))
    _in_range(day, name)
    return day


def _moment(value: Any, name: str) -> dt.datetime:
    if not value:
        return dt.datetime(2000, 1, 1)
    moment = dt.datetime.fromisoformat(str(value))
    _in_range(moment.date(), name)
    return moment


def _text(value: Any) -> str:
    # A NUL or an ESC means nothing to a reader and would fool a terminal or a PDF.
    return " ".join(strip_controls(str(value or "")).split())


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, dict):
        raise ValidationError([Problem(SECTION, _("expected an object"))])
    r = _Reader(id_maps.get("member", {}))

    def weekly(item: dict[str, Any]) -> dict[str, Any]:
        colleague = item.get("colleague")
        return {
            "id": int(item["id"]),
            "member_id": r.member(item["member"]),
            "week_start": parse_week(str(item["week"])),
            "kind": str(item["kind"]),
            "text": _text(item["text"]),
            "colleague_id": None if colleague is None else r.member(colleague),
            "status": str(item.get("status") or "open"),
            "done_on": _date(item.get("done_on"), "done_on"),
            "carried_from_id": _opt_int(item.get("carried_from"), "carried_from"),
            "position": int(item.get("position") or 0),
            "created_at": _moment(item.get("created_at"), "created_at"),
        }

    def share(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": int(item["id"]),
            "first_id": r.member(item["first"]),
            "second_id": r.member(item["second"]),
            "deliverable": _text(item["deliverable"]),
            "first_goal": _text(item.get("first_goal")),
            "second_goal": _text(item.get("second_goal")),
            "due_on": _date(item.get("due_on"), "due_on"),
            "status": str(item.get("status") or "planned"),
            "outcome": _text(item.get("outcome")),
            "delivered_on": _date(item.get("delivered_on"), "delivered_on"),
            "rotation_id": _opt_int(item.get("rotation_id"), "rotation_id"),
            "created_at": _moment(item.get("created_at"), "created_at"),
        }

    def buddy(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "entry_id": int(item["blocker"]),
            "member_id": r.member(item["member"]),
            "reason": _text(item.get("reason")),
            "chosen_at": _moment(item.get("chosen_at"), "chosen_at"),
        }

    def metric(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "key": str(item["key"]),
            "name": _text(item["name"]),
            "unit": _text(item.get("unit")),
            "builtin": bool(item.get("builtin")),
        }

    def value(item: dict[str, Any]) -> dict[str, Any]:
        number = item["value"]
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ValueError(f"value {number!r} is not a number")
        return {"key": str(item["metric"]), "month": parse_month(item["month"]), "value": number}

    goals = r.items(data, "weekly", weekly)
    shares = r.items(data, "skill_shares", share)
    buddies = r.items(data, "buddies", buddy)
    metrics = r.items(data, "outcome_metrics", metric)
    values = r.items(data, "outcomes", value)
    if buddies:
        wanted = [b["entry_id"] for b in buddies]
        blockers = set(
            session.scalars(
                select(StandupEntry.id).where(
                    StandupEntry.id.in_(wanted), StandupEntry.kind == "blocker"
                )
            )
        )
        r.problems += [
            Problem(
                f"{SECTION}.buddies[{i}]",
                _("{b} is not a blocker in this document").format(b=b["entry_id"]),
            )
            for i, b in enumerate(buddies)
            if b["entry_id"] not in blockers
        ]
    if r.problems:
        raise ValidationError(r.problems)
    known = {m["key"] for m in metrics}
    metrics += [
        {"key": m.key, "name": m.name, "unit": m.unit, "builtin": True}
        for m in BUILTIN
        if m.key not in known and any(v["key"] == m.key for v in values)
    ]
    if goals:
        session.execute(insert(GoalItemRow), goals)
    if shares:
        session.execute(insert(SkillShareRow), shares)
    if buddies:
        session.execute(insert(BuddyChoiceRow), buddies)
    if metrics:
        session.execute(insert(OutcomeMetricRow), metrics)
    if values:
        session.flush()
        ids = dict(session.execute(select(OutcomeMetricRow.key, OutcomeMetricRow.id)).all())
        unknown = sorted({v["key"] for v in values} - set(ids))
        if unknown:
            raise ValidationError(
                [
                    Problem(
                        f"{SECTION}.outcomes",
                        _("metric {unknown!r} is not defined").format(unknown=unknown[0]),
                    )
                ]
            )
        session.execute(
            insert(OutcomeValueRow),
            [
                {"metric_id": ids[v["key"]], "month": v["month"], "value": v["value"]}
                for v in values
            ],
        )
