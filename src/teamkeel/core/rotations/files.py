"""Export a rotation to a file (PDF or CSV, by the file's suffix) and describe a plan as
plain JSON-ready data, for the window and the command line alike."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.rotations.export import group_lines, write_csv
from teamkeel.core.rotations.pdf import write_pdf
from teamkeel.core.rotations.planner import Candidate, Kind
from teamkeel.core.rotations.records import RotationSpec, RoundView
from teamkeel.core.rotations.service import RotationService, candidate
from teamkeel.core.rotations.stats import pairing_matrix
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService

SUFFIXES = (".pdf", ".csv")


def people_of(service: RotationService, spec: RotationSpec) -> dict[int, Candidate]:
    return {m.id: candidate(m, spec.start_date) for m in service.roster() if m.id is not None}


def export_rotation(team: TeamFile, rotation_id: int, out: Path, paper: str = "A4") -> None:
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise KeelError(_("{file}: choose a file ending in .pdf or .csv.").format(file=out.name))
    service = RotationService(team)
    spec = service.get(rotation_id)
    rounds = service.rounds(rotation_id)
    names = service.names()
    people = people_of(service, spec)
    try:
        if suffix == ".csv":
            write_csv(out, spec, rounds, names, people)
        else:
            members = [m.id for m in service.plan_members(spec) if m.id is not None]
            matrix = pairing_matrix(spec.kind, members, rounds)
            team_name = TeamInfoService(team).name()
            write_pdf(out, team_name, spec, rounds, names, matrix, people, paper=paper)
    except OSError as exc:
        raise KeelError(
            _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc


def plan_as_data(
    spec: RotationSpec, rounds: Sequence[RoundView], names: dict[int, str]
) -> dict[str, Any]:
    """A plan by member name: what ``teamkeel rotations plan --json`` prints."""

    def name(m: int) -> str:
        return names.get(m, f"#{m}")

    out = []
    for view in rounds:
        item: dict[str, Any] = {
            "round": view.number + 1,
            "date": view.day.isoformat(),
            "done": view.done,
        }
        if spec.kind == Kind.CROSS_CHECK:
            item["assignments"] = [
                {"reviewer": name(g.members[0]), "author": name(g.members[1])}
                for g in view.groups
                if len(g.members) == 2
            ]
        elif spec.kind == Kind.ROLE:
            item["holder"] = name(view.groups[0].members[0]) if view.groups else None
        else:
            item["groups"] = [[name(m) for m in g.members] for g in view.groups]
        item["sitting_out"] = [name(m) for m in view.sitting_out]
        trio = [m for m in view.duty if m not in view.sitting_out]
        if trio:
            item["trio_third"] = [name(m) for m in trio]
        out.append(item)
    return {"rotation": spec.name, "kind": spec.kind.value, "rounds": out}


def describe_round(spec: RotationSpec, view: RoundView, names: dict[int, str]) -> str:
    text = " · ".join(line.text for line in group_lines(spec, view, names))
    out = ", ".join(names.get(m, f"#{m}") for m in view.sitting_out)
    return text + (f" (sits out: {out})" if out else "")
