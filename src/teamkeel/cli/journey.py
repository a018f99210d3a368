"""``teamkeel journey``, ``listening import|show``, ``feedback add|list`` and the
Journey's exports (journey, diagnosis, charter, stories)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from teamkeel.cli.parser import date_argument
from teamkeel.core.errors import KeelError
from teamkeel.core.files import read_input_text
from teamkeel.core.i18n import _
from teamkeel.core.journey import exports
from teamkeel.core.journey.progress import journey_of
from teamkeel.core.journey.records import DECISIONS, Feedback
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.journey.starting_point import MODELS

if TYPE_CHECKING:
    from collections.abc import Callable

    from teamkeel.cli.parser import CommandRegistry
    from teamkeel.core.storage.teamfile import TeamFile


def _not_future(day: dt.date, what: str) -> dt.date:
    if day > dt.date.today():
        raise KeelError(
            _("{what} {day} is in the future; record it on the day it happened.").format(
                what=what, day=day
            )
        )
    return day


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


def register(commands: CommandRegistry) -> None:
    jr = commands.command(
        "journey", _("Show where the team is on its journey: phases, checks, next steps.")
    )
    commands.add_db_argument(jr)
    jr.add_argument("--json", action="store_true", help=_("print phases and checks as JSON"))
    jr.add_argument(
        "--set-start",
        type=date_argument,
        metavar="DATE",
        help=_("set the program's start date first"),
    )
    jr.set_defaults(func=lambda a: _journey(commands, a))

    listening_help = _("Record and read listening rounds (anonymous answers).")
    imp = commands.group(
        "listening",
        listening_help,
        "import",
        _(
            "Add answers from a form tool's CSV: one column per question; timestamps and "
            "other extra columns are ignored, a header row is optional."
        ),
    )
    imp.add_argument("csv", type=Path, metavar="CSV")
    commands.add_db_argument(imp)
    imp.add_argument(
        "--date", type=date_argument, required=True, metavar="DATE", help=_("the round's day")
    )
    imp.set_defaults(func=lambda a: _listening_import(commands, a))
    show = commands.group(
        "listening",
        listening_help,
        "show",
        _("Show the latest round's themes, pattern and quotes."),
    )
    commands.add_db_argument(show)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=lambda a: _listening_show(commands, a))

    feedback_help = "Record the pilot's feedback: useful, awkward, keep / adjust / drop."
    add = commands.group("feedback", feedback_help, "add", _("Record feedback on a ritual."))
    commands.add_db_argument(add)
    add.add_argument("--ritual", required=True, metavar="NAME", help=_("the ritual's title"))
    add.add_argument("--useful", default="", metavar="TEXT", help=_("what felt useful"))
    add.add_argument("--awkward", default="", metavar="TEXT", help=_("what felt awkward"))
    add.add_argument("--decision", required=True, choices=DECISIONS)
    add.add_argument("--change", default="", metavar="TEXT", help=_("what changes (adjust)"))
    add.add_argument("--date", type=date_argument, metavar="DATE", help=_("default: today"))
    add.set_defaults(func=lambda a: _feedback_add(commands, a))
    lst = commands.group("feedback", feedback_help, "list", _("List feedback and decisions."))
    commands.add_db_argument(lst)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=lambda a: _feedback_list(commands, a))

    for kind, text in (
        ("journey", _("Write the one-page “Where we are” for the team (PDF).")),
        ("diagnosis", _("Write the listening round's picture and the starting point (PDF).")),
        (
            "charter",
            _("Write the Support & Communication section for a project charter (.pdf or .md)."),
        ),
    ):
        exp = commands.export(kind, text)
        commands.add_db_argument(exp)
        exp.add_argument("--out", type=Path, required=True, metavar="FILE")
        exp.set_defaults(func=lambda a, kind=kind: _export(commands, a, kind))
    st = commands.export("stories", _("Write the stories of a period as a sheet (PDF)."))
    commands.add_db_argument(st)
    st.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    st.add_argument("--from", dest="first", type=date_argument, required=True, metavar="DATE")
    st.add_argument("--to", dest="last", type=date_argument, required=True, metavar="DATE")
    st.set_defaults(func=lambda a: _export_stories(commands, a))


MARKS = {"done": "[x]", "open": "[ ]", "later": "[·]"}


def _journey(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        if args.set_start:
            JourneyService(team).set_program_start(args.set_start)
        journey = journey_of(team)
        name = JourneyService(team).team_name()
    if args.json:
        _print_json(
            {
                "today": journey.today,
                "program_start": journey.program_start,
                "phases": journey.phases,
                "next_steps": journey.next_steps,
            }
        )
        return 0
    start = (
        _("started {day}").format(day=journey.program_start)
        if journey.program_start
        else _("no start date set")
    )
    print(
        _("{name} · {today} · program {start}").format(name=name, today=journey.today, start=start)
    )
    for phase in journey.phases:
        here = "  <- now" if phase.current else ""
        print(f"\n{phase.name} ({phase.when}){here}")
        for c in phase.checks:
            print(f"  {MARKS[c.status]} {c.title}: {c.evidence}")
    print(_("\nNext steps:"))
    for step in journey.next_steps:
        print(f"- {step}")
    return 0


# A listening round is a few dozen answers; a form export with every column is still
# far below this.
MAX_CSV_BYTES = 10 * 1024 * 1024


def _read_text(path: Path) -> str:
    """An ordinary file only (a device or a pipe would never end), read up to a cap."""
    return read_input_text(path, MAX_CSV_BYTES, _("listening answers"))


def _listening_import(commands: CommandRegistry, args: argparse.Namespace) -> int:
    day = _not_future(args.date, _("The round's date"))
    text = _read_text(args.csv)
    with commands.open_team(args) as team:
        service = JourneyService(team)
        round_, added = service.import_answers(day, text)
        minimum = service.min_answers()
    print(
        _("Added {added} answers to the listening round of {day} (now {count}).").format(
            added=added, day=day, count=len(round_.answers)
        )
    )
    if round_.size < minimum:
        print(
            _("Its picture stays hidden until at least {minimum} people have answered.").format(
                minimum=minimum
            )
        )
    return 0


def _listening_show(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        service = JourneyService(team)
        picture = service.picture()
        placements = service.placements()
    placement = placements[-1] if placements else None
    if args.json:
        _print_json(
            {
                "round": picture,
                "starting_point": None
                if placement is None
                else {**_jsonable(placement), "first_step": placement.first_step},
            }
        )
        return 0
    if picture is None:
        print(_("No listening round yet."))
    elif not picture.shown:
        print(
            _(
                "Listening round of {held_on}: fewer than {minimum} people answered, so nothing "
                "of it is shown."
            ).format(held_on=picture.held_on, minimum=picture.minimum)
        )
    else:
        print(
            _("Listening round of {held_on}, at least {size} people:").format(
                held_on=picture.held_on, size=picture.size
            )
        )
        for c in picture.counts:
            print(f"  {c.answers:3d}  {c.title}")
        print(f"\n{picture.pattern}")
        for c in picture.counts:
            for quote in c.quotes if c.answers else ():
                print(f"  “{quote}” ({c.title.lower()})")
    if placement is not None:
        model = MODELS[placement.model]
        print(
            _("\nStarting point ({taken_on}): {model_name}, “{nickname}”.").format(
                taken_on=placement.taken_on, model_name=model.name, nickname=model.nickname
            )
        )
        for reason in placement.reasons:
            print(f"  - {reason}")
        print(_("First step: {title}").format(title=placement.first_step.title))
    return 0


def _feedback_add(commands: CommandRegistry, args: argparse.Namespace) -> int:
    day = _not_future(args.date or dt.date.today(), _("The feedback date"))
    with commands.open_team(args) as team:
        service = JourneyService(team)
        ritual_id, title = service.find_ritual(args.ritual)
        service.add_feedback(
            Feedback(ritual_id, day, args.decision, args.useful, args.awkward, args.change)
        )
    after = {
        "keep": _("it stays as it is"),
        "adjust": _("it changes"),
        "drop": _("it no longer meets from {day} on").format(day=day),
    }
    print(
        _("Recorded feedback on “{title}” ({day}): {decision}, {after}.").format(
            title=title, day=day, decision=args.decision, after=after[args.decision]
        )
    )
    return 0


def _feedback_list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        entries = JourneyService(team).feedback()
    if args.json:
        _print_json(entries)
        return 0
    if not entries:
        print(_("No feedback recorded yet."))
    for f in entries:
        print(f"{f.given_on}  {f.ritual_title}: {f.decision}")
        for label, text in (("useful", f.useful), ("awkward", f.awkward), ("change", f.change)):
            if text:
                print(f"    {label}: {text}")
    return 0


def _export(commands: CommandRegistry, args: argparse.Namespace, kind: str) -> int:
    writers: dict[str, Callable[[TeamFile, Path], None]] = {
        "journey": exports.export_journey,
        "diagnosis": exports.export_diagnosis,
        "charter": exports.export_charter,
    }
    write = writers[kind]
    exports.check_target(args.out, (".pdf", ".md") if kind == "charter" else (".pdf",))
    with commands.open_team(args) as team:
        write(team, args.out)
    print(_("Wrote the {kind} to {out}").format(kind=kind, out=args.out))
    return 0


def _export_stories(commands: CommandRegistry, args: argparse.Namespace) -> int:
    exports.check_target(args.out, (".pdf",))
    with commands.open_team(args) as team:
        count = exports.export_stories(team, args.out, args.first, args.last)
    print(
        _("Wrote {count} stories from {first} to {last} to {out}").format(
            count=count, first=args.first, last=args.last, out=args.out
        )
    )
    return 0
