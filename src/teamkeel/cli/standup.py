"""``teamkeel log kudos|blocker|resolve|open`` and ``teamkeel export log``.

Meant for scripts and chat-bot bridges as much as for people: names are resolved like
everywhere else (exact, then unique prefix) and an unknown or ambiguous name is an error
that lists the candidates.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.cli.parser import date_argument
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.roster import RosterService
from teamkeel.core.standup import LogFilter, StandupService
from teamkeel.core.standup.csv_export import export_csv
from teamkeel.core.standup.entries import EntryKind, LogEntry

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry
    from teamkeel.core.roster import Member
    from teamkeel.core.storage.teamfile import TeamFile

GROUP_HELP = N_("Record stand-up kudos and blockers.")


def register(commands: CommandRegistry) -> None:
    kudos = commands.group("log", GROUP_HELP, "kudos", _("Record that people helped someone."))
    commands.add_db_argument(kudos)
    kudos.add_argument("--from", dest="giver", required=True, metavar="NAME", help=_("who thanks"))
    kudos.add_argument(
        "--to",
        dest="receivers",
        required=True,
        action="append",
        metavar="NAME",
        help=_("who helped (repeat for several people)"),
    )
    kudos.add_argument("--note", required=True, help=_("what the help was"))
    kudos.add_argument("--date", type=date_argument, default=None, help=_("default: today"))
    kudos.add_argument("--tag", dest="tags", action="append", default=[], metavar="TAG")
    kudos.set_defaults(func=lambda a: _kudos(commands, a))

    blocker = commands.group("log", GROUP_HELP, "blocker", _("Record that someone is stuck."))
    commands.add_db_argument(blocker)
    blocker.add_argument("--owner", required=True, metavar="NAME", help=_("who is blocked"))
    blocker.add_argument("--note", required=True, help=_("what is stuck"))
    blocker.add_argument("--date", type=date_argument, default=None, help=_("default: today"))
    blocker.add_argument("--tag", dest="tags", action="append", default=[], metavar="TAG")
    blocker.set_defaults(func=lambda a: _blocker(commands, a))

    resolve = commands.group("log", GROUP_HELP, "resolve", _("Mark a blocker resolved."))
    commands.add_db_argument(resolve)
    resolve.add_argument("--id", dest="entry_id", type=int, required=True, metavar="N")
    resolve.add_argument(
        "--helper",
        dest="helpers",
        action="append",
        default=[],
        metavar="NAME",
        help=_("who helped unblock it (repeat for several; none if it resolved by itself)"),
    )
    resolve.add_argument("--date", type=date_argument, default=None, help=_("default: today"))
    resolve.set_defaults(func=lambda a: _resolve(commands, a))

    still_open = commands.group("log", GROUP_HELP, "open", _("List the blockers still open."))
    commands.add_db_argument(still_open)
    still_open.set_defaults(func=lambda a: _open(commands, a))

    export = commands.export("log", _("Write the stand-up log to a CSV file."))
    commands.add_db_argument(export)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    export.add_argument("--from", dest="start", type=date_argument, default=None, metavar="DATE")
    export.add_argument("--to", dest="end", type=date_argument, default=None, metavar="DATE")
    export.set_defaults(func=lambda a: _export(commands, a))


def describe(entry: LogEntry) -> str:
    others = ", ".join(m.name for m in entry.others)
    if entry.kind is EntryKind.KUDOS:
        return _("#{id} {day}: {name} thanks {others}: {note}").format(
            id=entry.id, day=entry.day, name=entry.member.name, others=others, note=entry.note
        )
    if entry.resolved_on and others:
        line = _("#{id} {day}: {name} blocked: {note} (resolved {resolved}, helped by {others})")
    elif entry.resolved_on:
        line = _("#{id} {day}: {name} blocked: {note} (resolved {resolved})")
    elif others:
        line = _("#{id} {day}: {name} blocked: {note} (open, helped by {others})")
    else:
        line = _("#{id} {day}: {name} blocked: {note} (open)")
    return line.format(
        id=entry.id,
        day=entry.day,
        name=entry.member.name,
        note=entry.note,
        resolved=entry.resolved_on,
        others=others,
    )


def _stored_id(member: Member) -> int:
    """The id of a member found by name (only unsaved members have none)."""
    assert member.id is not None
    return member.id


def _kudos(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        roster = RosterService(team)
        giver = roster.resolve_name(args.giver)
        receivers = [roster.resolve_name(n) for n in args.receivers]
        entry = StandupService(team).add_kudos(
            args.date or dt.date.today(),
            _stored_id(giver),
            [_stored_id(m) for m in receivers],
            args.note,
            args.tags,
        )
    print(_("Recorded kudos {describe}").format(describe=describe(entry)))
    return 0


def _blocker(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        owner = RosterService(team).resolve_name(args.owner)
        entry = StandupService(team).add_blocker(
            args.date or dt.date.today(), _stored_id(owner), args.note, args.tags
        )
        buddies = _buddy_lines(team, entry.id)
    print(_("Recorded blocker {describe}").format(describe=describe(entry)))
    for line in buddies:
        print(line)
    return 0


def _buddy_lines(team: TeamFile, entry_id: int) -> list[str]:
    """Who could help now (``teamkeel buddies``)."""
    from teamkeel.cli.goals import suggestion_lines
    from teamkeel.core.goals.buddy_store import Buddies

    found = Buddies(team).suggest(entry_id)
    return [_("Who could help now:"), *suggestion_lines(found)]


def _resolve(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        roster = RosterService(team)
        helpers = [roster.resolve_name(n) for n in args.helpers]
        entry = StandupService(team).resolve(
            args.entry_id, args.date or dt.date.today(), [_stored_id(m) for m in helpers]
        )
    print(_("Resolved {describe}").format(describe=describe(entry)))
    return 0


def _open(commands: CommandRegistry, args: argparse.Namespace) -> int:
    today = dt.date.today()
    with commands.open_team(args) as team:
        blockers = StandupService(team).open_blockers(today)
    for entry in blockers:
        age = (today - entry.day).days
        print(
            ngettext(
                "{blocker} — stuck for {count} day", "{blocker} — stuck for {count} days", age
            ).format(blocker=describe(entry), count=age)
        )

    if not blockers:
        print(_("No open blockers."))
    return 0


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    out: Path = args.out
    # Checked before the file is opened, so a typo costs nothing.
    if out.suffix.lower() != ".csv":
        raise KeelError(_("--out must end in .csv (got “{file}”).").format(file=out.name))
    if not out.parent.is_dir():
        raise KeelError(
            _("Cannot write {out}: there is no folder {parent}.").format(out=out, parent=out.parent)
        )
    if args.start and args.end and args.end < args.start:
        raise KeelError(
            _("--from/--to: the range ends ({end}) before it starts ({start}).").format(
                end=args.end, start=args.start
            )
        )
    with commands.open_team(args) as team:
        try:
            count = export_csv(StandupService(team), out, LogFilter(start=args.start, end=args.end))
        except OSError as exc:
            raise KeelError(
                _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
            ) from exc
    print(_("Wrote {count} log entries to {out}").format(count=count, out=args.out))
    return 0
