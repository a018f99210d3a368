"""``teamkeel roster import|export``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.roster import RosterService
from teamkeel.core.roster.csv_mapping import LABELS, with_choices
from teamkeel.core.roster.csvio import export_roster_csv, import_members, read_roster_csv

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry


def register(commands: CommandRegistry) -> None:
    group_help = _("Import or export the roster as CSV.")
    imp = commands.group(
        "roster", group_help, "import", _("Add members from a CSV file (all or nothing).")
    )
    imp.add_argument("csv", type=Path, metavar="CSV")
    commands.add_db_argument(imp)
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_(
            'read FIELD from COLUMN, e.g. --map "Job Title=role" (fields: {fields}); '
            "may be given more than once"
        ).format(fields=", ".join(LABELS)),
    )
    imp.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help=_("do not import COLUMN (a title, or a number from 1); may be given more than once"),
    )
    imp.set_defaults(func=lambda a: _import(commands, a))

    exp = commands.group("roster", group_help, "export", _("Write the roster to a CSV file."))
    commands.add_db_argument(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="CSV")
    exp.add_argument("--active-only", action="store_true", help=_("leave archived members out"))
    exp.set_defaults(func=lambda a: _export(commands, a))


def _import(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        source = read_roster_csv(args.csv)
        mapping = with_choices(source.mapping, args.map, args.ignore)
        print(_("Read {file} as {encoding}.").format(file=args.csv.name, encoding=source.encoding))
        # Which column fed which field, before the verdict: a refused file is easier
        # to fix, and an accepted one can be checked (Title is not Job Title).
        for line in mapping.describe():
            print(line)
        result = import_members(RosterService(team), source, mapping)
    print(_("Imported {count} members.").format(count=len(result.members)))
    return 0


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".csv":
        raise KeelError(_("--out must end in .csv."))
    with commands.open_team(args) as team:
        count = export_roster_csv(
            RosterService(team), args.out, include_archived=not args.active_only
        )
    print(_("Wrote {count} members to {out}").format(count=count, out=args.out))
    return 0
