"""``teamkeel rotations list|plan`` and ``teamkeel export rotations``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core.i18n import N_, _, format_date, ngettext
from teamkeel.core.rotations.files import describe_round, export_rotation, plan_as_data
from teamkeel.core.rotations.planner import KIND_LABELS
from teamkeel.core.rotations.service import RotationService

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry

GROUP_HELP = N_("List and plan rotations (pairs, cross-check partners, roles, groups).")


def register(commands: CommandRegistry) -> None:
    listing = commands.group("rotations", GROUP_HELP, "list", _("List the rotations."))
    commands.add_db_argument(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(func=lambda a: _list(commands, a))

    plan = commands.group(
        "rotations", GROUP_HELP, "plan", _("Plan and store rounds ahead (after the last done one).")
    )
    commands.add_db_argument(plan)
    plan.add_argument("--rotation", required=True, metavar="NAME")
    plan.add_argument("--rounds", type=_count, required=True, metavar="N")
    plan.add_argument("--json", action="store_true", help=_("print the plan as JSON"))
    plan.set_defaults(func=lambda a: _plan(commands, a))

    export = commands.export("rotations", _("Write a rotation's schedule as PDF or CSV."))
    commands.add_db_argument(export)
    export.add_argument("--rotation", required=True, metavar="NAME")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.csv")
    export.set_defaults(func=lambda a: _export(commands, a))


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 520:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a number of rounds from 0 to 520").format(text=text)
        )
    return value


def _list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        rotations = RotationService(team).list_rotations()
    if args.json:
        data = [
            {
                "name": r.spec.name,
                "kind": r.spec.kind.value,
                "cadence_weeks": r.spec.cadence_weeks,
                "start_date": r.spec.start_date.isoformat(),
                "rounds": r.rounds,
                "done": r.done,
                "next": r.next_day.isoformat() if r.next_day else None,
            }
            for r in rotations
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not rotations:
        print(_("No rotations yet."))
    for r in rotations:
        if r.next_day:
            line = _("{spec_name} — {kind}: {done} of {rounds} rounds done, next {day}")
        else:
            line = _("{spec_name} — {kind}: {done} of {rounds} rounds done")
        print(
            line.format(
                spec_name=r.spec.name,
                kind=_(KIND_LABELS[r.spec.kind]),
                done=r.done,
                rounds=r.rounds,
                day=format_date(r.next_day, "EEE dd MMM") if r.next_day else "",
            )
        )
    return 0


def _plan(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        service = RotationService(team)
        spec = service.find(args.rotation)
        assert spec.id is not None
        rounds = service.plan(spec.id, args.rounds)
        names = service.names()
    if args.json:
        print(json.dumps(plan_as_data(spec, rounds, names), ensure_ascii=False, indent=2))
        return 0
    if not rounds:
        print(
            _("Nothing planned ahead for {spec_name} now; the rounds marked done are kept.").format(
                spec_name=spec.name
            )
        )
        return 0
    print(
        ngettext(
            "Planned {count} round of {rotation}:",
            "Planned {count} rounds of {rotation}:",
            len(rounds),
        ).format(count=len(rounds), rotation=spec.name)
    )

    for view in rounds:
        print(
            f"  {view.number + 1:>3}  {format_date(view.day, 'EEE dd MMM y')}  "
            f"{describe_round(spec, view, names)}"
        )
    return 0


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        spec = RotationService(team).find(args.rotation)
        assert spec.id is not None
        export_rotation(team, spec.id, args.out)
    print(_("Wrote {out}").format(out=args.out))
    return 0
