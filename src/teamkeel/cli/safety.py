"""``teamkeel backup``, ``teamkeel check`` and ``teamkeel backups list|restore|keep``.

``check`` exits 0 when the file is clean, 1 when it found problems (listed on stdout),
and 2 when it refused the file (not a Keel file, newer Keel...), like every other error.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core.errors import KeelError
from teamkeel.core.files import refuse_team_file
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.safety.backup import BackupPolicy, list_backups, restore
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage.copy import snapshot
from teamkeel.core.storage.fileinfo import is_read_only
from teamkeel.core.storage.teamfile import inspect_file

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry

GROUP_HELP = N_("List or restore the automatic backups of a team file.")


def register(commands: CommandRegistry) -> None:
    backup = commands.command(
        "backup", _("Write a consistent copy of a team file (safe while Keel has it open).")
    )
    commands.add_db_argument(backup)
    backup.add_argument("--out", type=Path, required=True, metavar="FILE")
    backup.set_defaults(func=lambda a: _backup(commands, a))

    check = commands.command(
        "check", _("Check a team file for damage and inconsistencies (exit 0 clean, 1 problems).")
    )
    commands.add_db_argument(check)
    check.set_defaults(func=lambda a: _check(commands, a))

    listing = commands.group(
        "backups", GROUP_HELP, "list", _("List the backups of a team file, newest first.")
    )
    commands.add_db_argument(listing)
    listing.set_defaults(func=lambda a: _list(commands, a))

    back = commands.group(
        "backups",
        GROUP_HELP,
        "restore",
        _("Put a backup back in place of the team file (its current state is backed up first)."),
    )
    commands.add_db_argument(back)
    back.add_argument(
        "backup", metavar="BACKUP", help=_("a number from `teamkeel backups list`, or a file")
    )
    back.set_defaults(func=lambda a: _restore(commands, a))

    keep = commands.group("backups", GROUP_HELP, "keep", _("Set how many recent backups to keep."))
    keep.add_argument(
        "count", type=int, metavar="N", help=_("recent backups kept (one per week is kept besides)")
    )
    keep.add_argument(
        "--weeks",
        type=int,
        default=None,
        metavar="W",
        help=_("weekly backups kept, for the latest W weeks (default: unchanged, 52 at first)"),
    )
    keep.set_defaults(func=lambda a: _keep(a))


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def _backup(commands: CommandRegistry, args: argparse.Namespace) -> int:
    source = commands.db_path(args)
    out: Path = args.out
    if not source.exists():
        raise KeelError(_("There is no team file at {source}.").format(source=source))
    inspect_file(source)
    refuse_team_file(out, any_keel_file=False)
    if out.exists():
        raise KeelError(
            _("{out} already exists; choose a new name (Keel will not overwrite it).").format(
                out=out
            )
        )
    if not out.parent.is_dir():
        raise KeelError(_("The folder {parent} does not exist.").format(parent=out.parent))
    try:
        snapshot(source, out)
    except sqlite3.DatabaseError as exc:
        raise KeelError(
            _("{file} could not be copied ({exc}); run `teamkeel check`.").format(
                file=source.name, exc=exc
            )
        ) from exc
    except OSError as exc:
        raise KeelError(
            _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc
    print(
        _("Backed up {source} to {out} ({_size})").format(
            source=source, out=out, _size=_size(out.stat().st_size)
        )
    )
    return 0


def _check(commands: CommandRegistry, args: argparse.Namespace) -> int:
    path = commands.db_path(args)
    if not path.exists():
        raise KeelError(_("There is no team file at {path}.").format(path=path))
    findings = check_file(path)
    if is_read_only(path):
        print(
            _("{file} is read-only: Keel can read, export and back it up, not change it.").format(
                file=path.name
            )
        )
    if not findings:
        print(_("{file}: no problems found.").format(file=path.name))
        return 0
    print(
        ngettext(
            "{file}: {count} problem found:", "{file}: {count} problems found:", len(findings)
        ).format(file=path.name, count=len(findings))
    )

    for finding in findings:
        print(f"  {finding}")
    return 1


def _list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    path = commands.db_path(args)
    backups = list_backups(path)
    if not backups:
        print(
            _("No backups of {path} yet (one is taken every time Keel opens it).").format(path=path)
        )
        return 0
    for number, b in enumerate(backups, start=1):
        print(
            f"{number:3}  {b.local_time():%Y-%m-%d %H:%M:%S}  {_size(b.size):>8}  "
            f"{b.reason_text:<18} {b.path}"
        )
    return 0


def _restore(commands: CommandRegistry, args: argparse.Namespace) -> int:
    path = commands.db_path(args)
    choice: str = args.backup
    if choice.isdigit():
        backups = list_backups(path)
        number = int(choice)
        if not 1 <= number <= len(backups):
            raise KeelError(
                _(
                    "There is no backup number {number} (see `teamkeel backups list`; {count} "
                    "backups)."
                ).format(number=number, count=len(backups))
            )
        source = backups[number - 1].path
    else:
        source = Path(choice)
    before = restore(source, path)
    print(_("Restored {path} from {source}").format(path=path, source=source))
    if before is not None:
        print(_("The state before the restore is kept in {path}").format(path=before.path))
    return 0


def _keep(args: argparse.Namespace) -> int:
    current = BackupPolicy.load()
    weeks = current.keep_weeks if args.weeks is None else args.weeks
    BackupPolicy(keep_last=args.count, keep_weeks=weeks).save()
    print(
        _(
            "Keel now keeps the {count} most recent backups of each team file, plus one per "
            "week for the latest {weeks} weeks."
        ).format(count=args.count, weeks=weeks)
    )
    return 0
