"""``teamkeel insights``, ``teamkeel survey import|list`` and ``teamkeel export report``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.cli.parser import date_argument
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.insights.events import Period, period_between
from teamkeel.core.insights.findings import caveats, member_prompts, team_findings
from teamkeel.core.insights.measures import to_json
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.insights.survey import parse_csv, read_survey_file

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry
    from teamkeel.core.storage.teamfile import TeamFile


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        metavar="DATE",
        help=_("first day (default: 30 days before --to)"),
    )
    parser.add_argument(
        "--to", dest="end", type=date_argument, metavar="DATE", help=_("last day (default: today)")
    )
    parser.add_argument(
        "--role", help=_("only members with this role (help with anyone still counts)")
    )


def _period(args: argparse.Namespace) -> Period:
    try:
        return period_between(args.start, args.end, dt.date.today())
    except ValueError as exc:
        raise KeelError(_("--from/--to: {exc}.").format(exc=exc)) from exc


def register(commands: CommandRegistry) -> None:
    ins = commands.command(
        "insights",
        _("Show whether support is mutual: reciprocity, help network, blockers, safety surveys."),
    )
    commands.add_db_argument(ins)
    _period_arguments(ins)
    ins.add_argument("--json", action="store_true", help=_("print every measure as JSON"))
    ins.add_argument(
        "--give-ratio", type=float, help=_("flag 'carrying a lot' from this given/received ratio")
    )
    ins.add_argument("--min-given", type=int, help=_("... and at least this much help given"))
    ins.add_argument("--carry-periods", type=int, help=_("... in each of this many periods"))
    ins.add_argument(
        "--quiet-periods",
        type=int,
        help=_("flag 'quiet' after this many periods without exchanges"),
    )
    ins.set_defaults(func=lambda a: _insights(commands, a))

    group_help = _("Record anonymous psychological safety survey rounds.")
    imp = commands.group(
        "survey",
        group_help,
        "import",
        _(
            "Record a survey round from a form tool's CSV (Google Forms, Microsoft Forms, a "
            "spreadsheet): one row per respondent; timestamp, e-mail, name and id columns "
            "are skipped unread."
        ),
    )
    imp.add_argument("csv", type=Path, metavar="CSV")
    commands.add_db_argument(imp)
    imp.add_argument(
        "--date",
        type=date_argument,
        required=True,
        metavar="DATE",
        help=_("the day the round was held"),
    )
    imp.add_argument("--label", default="", help=_("a name for the round, e.g. 'Q3 check-in'"))
    imp.set_defaults(func=lambda a: _survey_import(commands, a))

    lst = commands.group(
        "survey", group_help, "list", _("List survey rounds and how many responses each has.")
    )
    commands.add_db_argument(lst)
    lst.set_defaults(func=lambda a: _survey_list(commands, a))

    rep = commands.export("report", _("Write the team health report (PDF)."))
    commands.add_db_argument(rep)
    rep.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    _period_arguments(rep)
    rep.add_argument(
        "--for-team",
        action="store_true",
        help=_("a version to share with the team: roles instead of names, no conversation prompts"),
    )
    rep.set_defaults(func=lambda a: _report(commands, a))


def _outcome_basket(team: TeamFile, end: dt.date) -> list[dict[str, object]] | None:
    """The last 12 months of the outcome basket."""
    from teamkeel.core.goals.outcomes import Outcomes, basket_json

    return basket_json(Outcomes(team).basket(end))


def _insights(commands: CommandRegistry, args: argparse.Namespace) -> int:
    period = _period(args)
    with commands.open_team(args) as team:
        service = InsightsService(team)
        t = service.thresholds()
        overrides = {
            "give_ratio": args.give_ratio,
            "min_given": args.min_given,
            "carry_periods": args.carry_periods,
            "quiet_periods": args.quiet_periods,
        }
        t = replace(t, **{k: v for k, v in overrides.items() if v is not None})
        ins = service.compute(period, role=args.role, thresholds=t)
        team_name = service.team_name()
        basket = _outcome_basket(team, period.end) if args.json else None
    if args.json:
        doc = to_json(ins)
        if basket is not None:
            doc["outcome_basket"] = basket
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(f"{team_name} · {period.label()}" + (f" · role: {args.role}" if args.role else ""))
    for line in team_findings(ins):
        print(f"- {line}")
    prompts = member_prompts(ins)
    if prompts:
        print(_("\nConversation prompts (for the lead only):"))
        for line in prompts:
            print(f"- {line}")
    print("\nThresholds: " + " ".join(ins.thresholds.describe()))
    print(_("\nCaveats:"))
    for line in caveats(ins):
        print(f"- {line}")
    return 0


def _survey_import(commands: CommandRegistry, args: argparse.Namespace) -> int:
    responses = parse_csv(read_survey_file(args.csv))
    with commands.open_team(args) as team:
        service = InsightsService(team)
        # As in the window: answers from the same day join that day's round (a form
        # exported in two batches), so one survey never shows as two thin rounds.
        existing = service.round_on(args.date)
        if existing is None:
            service.add_round(args.date, responses, args.label)
            total = len(responses)
        else:
            service.add_responses(existing.id, responses)
            total = existing.responses + len(responses)
        minimum = service.min_responses()
    added = ngettext("{count} response", "{count} responses", len(responses)).format(
        count=len(responses)
    )

    if existing is None:
        print(
            _("Recorded a survey round on {date} with {added}.").format(date=args.date, added=added)
        )
    else:
        print(
            _("Added {added} to the round of {date}, which now has {total}.").format(
                added=added, date=args.date, total=total
            )
        )
    if total < minimum:
        print(
            _(
                "Its results stay hidden until it has at least {minimum} responses, so nobody "
                "can be singled out."
            ).format(minimum=minimum)
        )
    return 0


def _survey_list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        service = InsightsService(team)
        rounds = service.list_rounds()
        minimum = service.min_responses()
    if not rounds:
        print(_("No survey rounds yet."))
    for r in rounds:
        note = (
            ""
            if r.responses >= minimum
            else _("  (hidden: fewer than {minimum})").format(minimum=minimum)
        )
        print(
            _("{held_on}  {responses:3d} responses  {label}{note}").format(
                held_on=r.held_on, responses=r.responses, label=r.label, note=note
            )
        )
    return 0


def _report(commands: CommandRegistry, args: argparse.Namespace) -> int:
    out: Path = args.out
    # Checked before any work, so a typo costs nothing.
    if out.suffix.lower() != ".pdf":
        raise KeelError(_("--out must end in .pdf (got “{file}”).").format(file=out.name))
    if not out.parent.is_dir():
        raise KeelError(
            _("Cannot write {out}: there is no folder {parent}.").format(out=out, parent=out.parent)
        )
    period = _period(args)
    with commands.open_team(args) as team:
        try:
            InsightsService(team).export_report(out, period, role=args.role, for_team=args.for_team)
        except OSError as exc:
            raise KeelError(
                _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
            ) from exc
    print(
        _("Wrote the health report for {label} to {out}").format(label=period.label(), out=args.out)
    )
    return 0
