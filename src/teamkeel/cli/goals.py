"""``teamkeel goals add|done|carry|list``, ``teamkeel buddies``, ``teamkeel outcomes
add|metric|import|list``, ``teamkeel skillshare add|set|list`` and ``teamkeel export
checkin``.

Names are resolved like everywhere else (exact, then unique prefix); a refused input is
one line on stderr and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.cli.parser import date_argument
from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import KeelError
from teamkeel.core.goals.weekly import GoalItem, GoalStatus, WeeklyGoals
from teamkeel.core.goals.weeks import monday_of, parse_week, week_label
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.roster import RosterService

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry
    from teamkeel.core.goals.buddies import Suggestion
    from teamkeel.core.goals.projects import SkillShareProject

GOALS_HELP = N_("Weekly goals: deliverables and one supportive action for a colleague.")
OUTCOMES_HELP = N_("The outcome basket: monthly figures read beside the leading indicators.")


def _week(text: str) -> dt.date:
    try:
        return parse_week(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _moment(text: str) -> dt.datetime:
    """``2026-12-07T15:00Z``, ``2026-12-07T15:00+01:00`` or a naive time taken as UTC."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a moment like 2026-12-07T15:00Z").format(text=text)
        ) from exc
    message = out_of_range(moment.date())
    if message is not None:
        raise argparse.ArgumentTypeError(message)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def register(commands: CommandRegistry) -> None:
    add = commands.group("goals", GOALS_HELP, "add", _("Set a member's goals for a week."))
    commands.add_db_argument(add)
    add.add_argument("--member", required=True, metavar="NAME")
    add.add_argument(
        "--week", type=_week, default=None, help=_("e.g. 2026-W50 (default: this week)")
    )
    add.add_argument(
        "--deliverable",
        dest="deliverables",
        action="append",
        default=[],
        metavar="TEXT",
        help=_("what they will deliver (repeat for several)"),
    )
    add.add_argument("--support-to", metavar="NAME", help=_("the colleague the support is for"))
    add.add_argument("--support", default="", metavar="TEXT", help=_("the supportive action"))
    add.set_defaults(func=lambda a: _add(commands, a))

    done = commands.group("goals", GOALS_HELP, "done", _("Mark a goal done (or partly, or not)."))
    commands.add_db_argument(done)
    done.add_argument("--id", dest="item_id", type=int, required=True, metavar="N")
    how = done.add_mutually_exclusive_group()
    how.add_argument("--partly", action="store_true", help=_("done in part"))
    how.add_argument("--not-done", action="store_true", help=_("not done this week"))
    done.add_argument("--date", type=date_argument, default=None, help=_("when (default: today)"))
    done.set_defaults(func=lambda a: _done(commands, a))

    carry = commands.group(
        "goals", GOALS_HELP, "carry", _("Carry an unfinished goal to next week.")
    )
    commands.add_db_argument(carry)
    carry.add_argument("--id", dest="item_id", type=int, required=True, metavar="N")
    carry.set_defaults(func=lambda a: _carry(commands, a))

    listing = commands.group("goals", GOALS_HELP, "list", _("List a week's goals."))
    commands.add_db_argument(listing)
    listing.add_argument("--week", type=_week, default=None, help=_("default: this week"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=lambda a: _list(commands, a))

    buddies = commands.command("buddies", _("Who could help with a blocker now (up to three)."))
    commands.add_db_argument(buddies)
    buddies.add_argument("--blocker", type=int, required=True, metavar="N")
    buddies.add_argument("--at", type=_moment, default=None, help="e.g. 2026-12-07T15:00Z")
    buddies.add_argument("--choose", metavar="NAME", help=_("record NAME as the blocker's buddy"))
    buddies.add_argument("--json", action="store_true")
    buddies.set_defaults(func=lambda a: _buddies(commands, a))

    out_add = commands.group("outcomes", OUTCOMES_HELP, "add", _("Enter one month's figure."))
    commands.add_db_argument(out_add)
    out_add.add_argument("--month", required=True, help="e.g. 2026-11")
    out_add.add_argument("--metric", required=True, metavar="NAME")
    out_add.add_argument("--value", required=True, help=_("a number"))
    out_add.set_defaults(func=lambda a: _outcome_add(commands, a))

    metric = commands.group(
        "outcomes", OUTCOMES_HELP, "metric", _("Add, rename or remove a metric of your own.")
    )
    commands.add_db_argument(metric)
    metric.add_argument("--name", help=_("the metric's (new) name"))
    metric.add_argument("--unit", default="")
    which = metric.add_mutually_exclusive_group()
    which.add_argument("--rename", metavar="METRIC", help=_("rename this metric to --name/--unit"))
    which.add_argument("--remove", metavar="METRIC", help=_("remove this metric (no figures left)"))
    metric.set_defaults(func=lambda a: _metric(commands, a))

    imp = commands.group("outcomes", OUTCOMES_HELP, "import", _("Read figures from a CSV file."))
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    commands.add_db_argument(imp)
    imp.set_defaults(func=lambda a: _outcome_import(commands, a))

    show = commands.group("outcomes", OUTCOMES_HELP, "list", _("Show the basket's last 12 months."))
    commands.add_db_argument(show)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=lambda a: _outcome_list(commands, a))

    _register_skill_shares(commands)

    brief = commands.export("checkin", _("Write a member's one-page check-in brief (PDF)."))
    commands.add_db_argument(brief)
    brief.add_argument("--member", required=True, metavar="NAME")
    brief.add_argument("--from", dest="start", type=date_argument, required=True, metavar="DATE")
    brief.add_argument("--to", dest="end", type=date_argument, required=True, metavar="DATE")
    brief.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    brief.set_defaults(func=lambda a: _checkin(commands, a))


def describe(item: GoalItem) -> str:
    return f"#{item.id} {item.week} {item.member_name}: {item.describe()} [{item.status.label}]"


def _add(commands: CommandRegistry, args: argparse.Namespace) -> int:
    if args.support.strip() and not args.support_to:
        raise KeelError(_("--support needs --support-to NAME (who the action is for)."))
    if args.support_to and not args.support.strip():
        raise KeelError(_("--support-to needs --support TEXT (what the action is)."))
    with commands.open_team(args) as team:
        roster = RosterService(team)
        member = roster.resolve_name(args.member)
        colleague = roster.resolve_name(args.support_to) if args.support_to else None
        items = WeeklyGoals(team).add(
            member.id or 0,
            args.week or monday_of(dt.date.today()),
            args.deliverables,
            colleague.id if colleague else None,
            args.support,
        )
    for item in items:
        print(_("Added {describe}").format(describe=describe(item)))
    return 0


def _done(commands: CommandRegistry, args: argparse.Namespace) -> int:
    status = (
        GoalStatus.PARTLY
        if args.partly
        else GoalStatus.NOT_DONE
        if args.not_done
        else GoalStatus.DONE
    )
    with commands.open_team(args) as team:
        goals = WeeklyGoals(team)
        goals.set_status(args.item_id, status, args.date or dt.date.today())
        item = goals.get(args.item_id)
    print(_("Marked {describe}").format(describe=describe(item)))
    return 0


def _carry(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        _before, new = WeeklyGoals(team).carry_over(args.item_id)
    print(_("Carried over as {describe}").format(describe=describe(new)))
    return 0


def _list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    monday = args.week or monday_of(dt.date.today())
    with commands.open_team(args) as team:
        items = WeeklyGoals(team).week(monday)
    if args.json:
        print(json.dumps([_item_json(i) for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("No goals set for {week_label} yet.").format(week_label=week_label(monday)))
    for item in items:
        print(describe(item))
    return 0


def _item_json(item: GoalItem) -> dict[str, object]:
    return {
        "id": item.id,
        "week": item.week,
        "member": item.member_name,
        "kind": item.kind,
        "text": item.text,
        "colleague": item.colleague_name or None,
        "status": item.status.value,
        "done_on": item.done_on.isoformat() if item.done_on else None,
        "carried_from": item.carried_from_id,
    }


def suggestion_lines(found: list[Suggestion]) -> list[str]:
    if not found:
        return [_("Nobody else is around in the coming days to suggest as a buddy.")]
    return [f"  {s.sentence()}" for s in found]


def _buddies(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.buddy_store import Buddies

    with commands.open_team(args) as team:
        buddies = Buddies(team)
        found = buddies.suggest(args.blocker, args.at)
        chosen = None
        if args.choose:
            member = RosterService(team).resolve_name(args.choose)
            reason = next((", ".join(s.reasons) for s in found if s.member_id == member.id), "")
            buddies.choose(args.blocker, member.id, reason)
            chosen = member.name
    if args.json:
        doc = [
            {
                "member_id": s.member_id,
                "name": s.name,
                "reasons": list(s.reasons),
                "starts_in_minutes": s.starts_in_minutes,
            }
            for s in found
        ]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(_("Who could help with blocker #{blocker}:").format(blocker=args.blocker))
    for line in suggestion_lines(found):
        print(line)
    if chosen:
        print(_("Recorded {chosen} as the buddy.").format(chosen=chosen))
    return 0


def _outcome_add(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.outcomes import Outcomes, parse_month, parse_value

    try:
        month, value = parse_month(args.month), parse_value(args.value)
    except ValueError as exc:
        raise KeelError(f"{exc}.") from exc
    with commands.open_team(args) as team:
        outcomes = Outcomes(team)
        metric = outcomes.find_metric(args.metric)
        outcomes.set_values([(metric.key, month, value)])
    unit = f" ({metric.shown_unit})" if metric.unit else ""
    print(f"{metric.shown_name}{unit}, {month}: {value:g}")
    return 0


def _metric(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.outcomes import Outcomes

    if args.remove is None and args.name is None:
        raise KeelError(_("Give the metric's --name (or --remove METRIC)."))
    if args.remove is not None and args.name is not None:
        raise KeelError(_("--remove takes no --name."))
    with commands.open_team(args) as team:
        outcomes = Outcomes(team)
        if args.remove is not None:
            gone = outcomes.remove_metric(outcomes.find_metric(args.remove).key)
            print(_("Removed the metric {metric_name}").format(metric_name=gone.metric.name))
            return 0
        if args.rename is not None:
            before = outcomes.rename_metric(
                outcomes.find_metric(args.rename).key, args.name, args.unit
            )
            metric = outcomes.find_metric(args.name)
            print(
                _("Renamed the metric {before} to {metric_name} ({key})").format(
                    before=before.name, metric_name=metric.name, key=metric.key
                )
            )
            return 0
        metric = outcomes.add_metric(args.name, args.unit)
    print(
        _("Added the metric {metric_name} ({key})").format(metric_name=metric.name, key=metric.key)
    )
    return 0


def _outcome_import(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.outcomes import Outcomes
    from teamkeel.core.goals.outcomes_csv import import_csv

    with commands.open_team(args) as team:
        count = import_csv(Outcomes(team), args.file)
    print(
        ngettext(
            "Imported {count} figure from {file}", "Imported {count} figures from {file}", count
        ).format(count=count, file=args.file.name)
    )

    return 0


def _outcome_list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.outcomes import Outcomes, basket_json

    with commands.open_team(args) as team:
        basket = Outcomes(team).basket(dt.date.today())
    if args.json:
        print(json.dumps(basket_json(basket), ensure_ascii=False, indent=2))
        return 0
    for series in basket:
        values = ", ".join(f"{m} {v:g}" for m, v in series.points) or _("no figures yet")
        unit = f" ({series.metric.shown_unit})" if series.metric.unit else ""
        print(f"{series.metric.shown_name}{unit}: {values}")
    return 0


def _checkin(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.brief import build_brief, write_brief

    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise KeelError(_("--out must end in .pdf (got “{file}”).").format(file=out.name))
    if not out.parent.is_dir():
        raise KeelError(
            _("Cannot write {out}: there is no folder {parent}.").format(out=out, parent=out.parent)
        )
    with commands.open_team(args) as team:
        member = RosterService(team).resolve_name(args.member)
        brief = build_brief(team, member.id or 0, args.start, args.end)
    write_brief(brief, out)
    print(
        _("Wrote the check-in brief for {member_name} to {out}").format(
            member_name=brief.member_name, out=out
        )
    )
    return 0


SHARES_HELP = N_("Skill-share micro-projects: a pair, a deliverable, the growth goals it serves.")


def _register_skill_shares(commands: CommandRegistry) -> None:
    add = commands.group("skillshare", SHARES_HELP, "add", _("Start a skill-share project."))
    commands.add_db_argument(add)
    add.add_argument("--member", metavar="NAME", help=_("one partner (or give --from-rotation)"))
    add.add_argument("--partner", metavar="NAME", help=_("the other partner"))
    add.add_argument("--deliverable", required=True, metavar="TEXT")
    add.add_argument("--goal", default="", help=_("one of the member's growth goals"))
    add.add_argument("--partner-goal", default="", help=_("one of the partner's growth goals"))
    add.add_argument("--due", type=date_argument, default=None, metavar="DATE")
    add.add_argument(
        "--from-rotation",
        metavar="NAME",
        help=_(
            "take the pair from a skill-share rotation (with --round and --pair); "
            "each partner's growth goal comes from the roster unless --goal/--partner-goal"
        ),
    )
    add.add_argument("--round", type=int, metavar="N", help=_("the round, as the board numbers it"))
    add.add_argument("--pair", type=int, metavar="K", help=_("the pair in that round (Pair K)"))
    add.set_defaults(func=lambda a: _share_add(commands, a))

    change = commands.group("skillshare", SHARES_HELP, "set", _("Change a project's status."))
    commands.add_db_argument(change)
    change.add_argument("--id", dest="project_id", type=int, required=True, metavar="N")
    change.add_argument("--status", choices=["planned", "under_way", "delivered", "dropped"])
    change.add_argument("--outcome", default=None, metavar="TEXT", help=_("what came of it"))
    change.add_argument("--due", type=date_argument, default=None, metavar="DATE")
    change.set_defaults(func=lambda a: _share_set(commands, a))

    listing = commands.group("skillshare", SHARES_HELP, "list", _("List the projects."))
    commands.add_db_argument(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=lambda a: _share_list(commands, a))


def _share_line(p: SkillShareProject) -> str:
    due = ", " + _("due {day}").format(day=p.due_on) if p.due_on else ""
    goals = " / ".join(g for g in (p.first_goal, p.second_goal) if g)
    serves = " " + _("(serves: {goals})").format(goals=goals) if goals else ""
    outcome = f" — {p.outcome}" if p.outcome else ""
    return (
        f"#{p.id} {p.first_name} & {p.second_name}: {p.deliverable}{serves} "
        f"[{p.status.label}{due}]{outcome}"
    )


def _share_add(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.projects import ProjectDraft, SkillShares

    if args.from_rotation is not None:
        return _share_add_from_round(commands, args)
    if args.round is not None or args.pair is not None:
        raise KeelError(_("--round and --pair go with --from-rotation NAME."))
    if not args.member or not args.partner:
        raise KeelError(
            _("Give --member and --partner, or --from-rotation with --round and --pair.")
        )
    with commands.open_team(args) as team:
        roster = RosterService(team)
        first, second = roster.resolve_name(args.member), roster.resolve_name(args.partner)
        draft = ProjectDraft(
            first.id or 0, second.id or 0, args.deliverable, args.goal, args.partner_goal, args.due
        )
        project = SkillShares(team).add(draft)
    print(_("Added {share}").format(share=_share_line(project)))
    return 0


def _share_add_from_round(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from teamkeel.core.goals.projects import SkillShares
    from teamkeel.core.goals.round_pairs import draft_from_round
    from teamkeel.core.rotations.service import RotationService

    if args.member or args.partner:
        raise KeelError(_("--from-rotation takes the partners from the round; leave out --member."))
    if args.round is None or args.pair is None:
        raise KeelError(
            _("--from-rotation needs --round N and --pair K (as the board numbers them).")
        )
    with commands.open_team(args) as team:
        rotation = RotationService(team).find(args.from_rotation)
        found = draft_from_round(team, rotation.id or 0, args.round, args.pair)
        draft = replace(
            found.draft,
            deliverable=args.deliverable,
            first_goal=args.goal or found.draft.first_goal,
            second_goal=args.partner_goal or found.draft.second_goal,
            due_on=args.due,
        )
        project = SkillShares(team).add(draft)
    if found.reason:
        added = _("Added {project}, from {source} ({reason})")
    else:
        added = _("Added {project}, from {source}")
    print(added.format(project=_share_line(project), source=found.source, reason=found.reason))
    return 0


def _share_set(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from teamkeel.core.goals.projects import ProjectStatus, SkillShares

    with commands.open_team(args) as team:
        shares = SkillShares(team)
        draft = shares.get(args.project_id).draft()
        changes: dict[str, object] = {}
        if args.status:
            changes["status"] = ProjectStatus(args.status)
        if args.outcome is not None:
            changes["outcome"] = args.outcome
        if args.due is not None:
            changes["due_on"] = args.due
        if not changes:
            raise KeelError(_("Give --status, --outcome or --due to change."))
        shares.update(args.project_id, replace(draft, **changes))  # type: ignore[arg-type]
        project = shares.get(args.project_id)
    print(_("Changed {share}").format(share=_share_line(project)))
    return 0


def _share_list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    from teamkeel.core.goals.projects import SkillShares

    with commands.open_team(args) as team:
        projects = SkillShares(team).all()
    if args.json:
        doc = [
            {
                "id": p.id,
                "member": p.first_name,
                "partner": p.second_name,
                "deliverable": p.deliverable,
                "member_goal": p.first_goal,
                "partner_goal": p.second_goal,
                "due_on": p.due_on.isoformat() if p.due_on else None,
                "status": p.status.value,
                "outcome": p.outcome,
                "delivered_on": p.delivered_on.isoformat() if p.delivered_on else None,
            }
            for p in projects
        ]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if not projects:
        print(_("No skill-share projects yet."))
    for p in projects:
        print(_share_line(p))
    return 0
