"""A rotation's schedule as text: the lines the PDF and CSV print, and the CSV itself."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core import csvcells
from teamkeel.core.files import replacing
from teamkeel.core.rotations.planner import (
    KIND_LABELS,
    Candidate,
    Kind,
    short_pairs,
    teaching_topics,
)
from teamkeel.core.rotations.records import Group, RotationSpec, RoundView


@dataclass(frozen=True)
class GroupLine:
    people: tuple[str, ...]
    text: str  # e.g. "Ana & Ben", "Ana reviews Ben", "Ana"
    note: str  # e.g. "trio", "pinned", "Ana teaches SQL"
    # The group holds a pair with fewer shared working hours than the rotation asks for.
    short_hours: bool = False


def describe_cadence(spec: RotationSpec) -> str:
    every = "every week" if spec.cadence_weeks == 1 else f"every {spec.cadence_weeks} weeks"
    return f"{KIND_LABELS[spec.kind]}, {every} from {spec.start_date:%d %b %Y}"


def group_lines(
    spec: RotationSpec,
    view: RoundView,
    names: dict[int, str],
    people: dict[int, Candidate] | None = None,
) -> list[GroupLine]:
    out = []
    for g in view.groups:
        out.append(_group_line(spec, g, view, names, people or {}))
    return out


def _group_line(
    spec: RotationSpec,
    group: Group,
    view: RoundView,
    names: dict[int, str],
    people: dict[int, Candidate],
) -> GroupLine:
    who = tuple(names.get(m, f"#{m}") for m in group.members)
    notes = []
    if spec.kind == Kind.CROSS_CHECK and len(who) == 2:
        text = f"{who[0]} reviews {who[1]}"
    elif spec.kind == Kind.ROLE:
        text = who[0] if who else ""
    else:
        text = " & ".join(who)
    if len(group.members) == 3 and spec.kind in (Kind.PAIRS, Kind.SKILL_SHARE):
        notes.append("trio")
    if spec.kind == Kind.SKILL_SHARE and len(group.members) >= 2:
        a, b = (people.get(m) for m in group.members[:2])
        if a is not None and b is not None:
            for teacher, learner, topic in teaching_topics(a, b):
                notes.append(f"{names.get(teacher, '?')} teaches {names.get(learner, '?')} {topic}")
    if group.pinned:
        notes.append("pinned")
    short = short_pairs(group.members, people, spec.min_overlap_hours)
    notes += [_short_note(a, b, shared, spec, names, len(group.members)) for a, b, shared in short]
    return GroupLine(who, text, "; ".join(notes), bool(short))


def _short_note(
    a: int, b: int, shared: float, spec: RotationSpec, names: dict[int, str], size: int
) -> str:
    """Why a pair is flagged: the planner found no arrangement that gave them the hours."""
    asked = f"{spec.min_overlap_hours:g} h asked"
    hours = "no working hours" if shared <= 0 else f"only {shared:g} h of working time"
    if size == 2:
        return f"⚠ {hours} in common ({asked})"
    return f"⚠ {names.get(a, f'#{a}')} and {names.get(b, f'#{b}')} share {hours} ({asked})"


def sitting_out_text(view: RoundView, names: dict[int, str]) -> str:
    return ", ".join(names.get(m, f"#{m}") for m in view.sitting_out)


CSV_HEADER = ["round", "date", "status", "group", "people", "what", "note"]


def csv_rows(
    spec: RotationSpec,
    rounds: Sequence[RoundView],
    names: dict[int, str],
    people: dict[int, Candidate] | None = None,
) -> list[list[str]]:
    rows = []
    for view in rounds:
        status = "done" if view.done else "planned"
        base = [str(view.number + 1), view.day.isoformat(), status]
        for i, line in enumerate(group_lines(spec, view, names, people), start=1):
            rows.append([*base, str(i), "; ".join(line.people), line.text, line.note])
        for m in view.sitting_out:
            rows.append([*base, "", names.get(m, f"#{m}"), "sits out", ""])
    return rows


def write_csv(
    out: Path,
    spec: RotationSpec,
    rounds: Sequence[RoundView],
    names: dict[int, str],
    people: dict[int, Candidate] | None = None,
) -> None:
    buffer = io.StringIO()
    writer = csvcells.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(spec, rounds, names, people))
    # UTF-8 with a byte-order mark so spreadsheet programs read the names right.
    with replacing(out) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
