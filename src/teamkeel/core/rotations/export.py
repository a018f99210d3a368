"""A rotation's schedule as text: the lines the PDF and CSV print, and the CSV itself."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core import csvcells, i18n
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _, ngettext
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
    return ngettext(
        "{kind}, every week from {date}",
        "{kind}, every {count} weeks from {date}",
        spec.cadence_weeks,
    ).format(
        kind=_(KIND_LABELS[spec.kind]),
        count=spec.cadence_weeks,
        date=i18n.format_date(spec.start_date, "dd MMM y"),
    )


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
        text = _("{reviewer} reviews {reviewed}").format(reviewer=who[0], reviewed=who[1])
    elif spec.kind == Kind.ROLE:
        text = who[0] if who else ""
    else:
        text = " & ".join(who)
    if len(group.members) == 3 and spec.kind in (Kind.PAIRS, Kind.SKILL_SHARE):
        notes.append(_("trio"))
    if spec.kind == Kind.SKILL_SHARE and len(group.members) >= 2:
        a, b = (people.get(m) for m in group.members[:2])
        if a is not None and b is not None:
            for teacher, learner, topic in teaching_topics(a, b):
                notes.append(
                    _("{teacher} teaches {learner} {topic}").format(
                        teacher=names.get(teacher, "?"),
                        learner=names.get(learner, "?"),
                        topic=topic,
                    )
                )
    if group.pinned:
        notes.append(_("pinned"))
    short = short_pairs(group.members, people, spec.min_overlap_hours)
    notes += [_short_note(a, b, shared, spec, names, len(group.members)) for a, b, shared in short]
    return GroupLine(who, text, "; ".join(notes), bool(short))


def _short_note(
    a: int, b: int, shared: float, spec: RotationSpec, names: dict[int, str], size: int
) -> str:
    """Why a pair is flagged: the planner found no arrangement that gave them the hours."""
    asked = f"{spec.min_overlap_hours:g}"
    if size == 2:
        if shared <= 0:
            return _("⚠ no working hours in common ({asked} h asked)").format(asked=asked)
        return _("⚠ only {hours} h of working time in common ({asked} h asked)").format(
            hours=f"{shared:g}", asked=asked
        )
    first, second = names.get(a, f"#{a}"), names.get(b, f"#{b}")
    if shared <= 0:
        return _("⚠ {first} and {second} share no working hours ({asked} h asked)").format(
            first=first, second=second, asked=asked
        )
    return _(
        "⚠ {first} and {second} share only {hours} h of working time ({asked} h asked)"
    ).format(first=first, second=second, hours=f"{shared:g}", asked=asked)


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
