"""Commands that concern the whole team file: demo, JSON export/import, screenshots."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core import interchange
from teamkeel.core.demo import SIZES, create_demo
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import MAX_TEAM_NAME, create_team
from teamkeel.features import TAB_TITLES

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry

# Every tab the window lists (a new feature's tab can be shot without a change here).
TAB_NAMES = tuple(TAB_TITLES)


def register(commands: CommandRegistry) -> None:
    new = commands.command("new", _("Create a new, empty team file."))
    commands.add_db_argument(new)
    new.add_argument("--team", default="", metavar="NAME", help=_("the team's name"))
    new.set_defaults(func=lambda a: _new(commands, a))

    demo = commands.command("demo", _("Create a new team file filled with a sample team."))
    commands.add_db_argument(demo)
    demo.add_argument(
        "--size",
        choices=SIZES,
        default="small",
        help=_("small: about 12 members; large: 60 members and years of history"),
    )
    demo.set_defaults(func=lambda a: _demo(commands, a))

    export_json = commands.export("json", _("Write the whole team file as a JSON document."))
    commands.add_db_argument(export_json)
    export_json.add_argument("--out", type=Path, required=True, metavar="FILE")
    export_json.set_defaults(func=lambda a: _export_json(commands, a))

    import_json = commands.import_("json", _("Fill a new or empty team file from a JSON document."))
    import_json.add_argument("file", type=Path, metavar="FILE")
    commands.add_db_argument(import_json)
    import_json.set_defaults(func=lambda a: _import_json(commands, a))

    shot = commands.command("shot", _("Render the window on one tab to a PNG and exit."))
    commands.add_db_argument(shot)
    shot.add_argument("--tab", choices=TAB_NAMES, default="roster")
    shot.add_argument("--out", type=Path, required=True, metavar="PNG")
    shot.add_argument("--size", default="1280x800", metavar="WxH")
    shot.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default="system",
        help="Colours to show (default: the desktop's; offscreen, that is light).",
    )
    shot.set_defaults(func=lambda a: _shot(commands, a))


def _new(commands: CommandRegistry, args: argparse.Namespace) -> int:
    path = commands.db_path(args)
    name = " ".join(args.team.split())
    if len(name) > MAX_TEAM_NAME:
        raise KeelError(
            _("A team name can have at most {limit} characters.").format(limit=MAX_TEAM_NAME)
        )
    create_team(path, name).close()  # refuses a file that exists
    created = _("Created {path} for {name}") if name else _("Created {path}")
    print(created.format(path=path, name=name))
    return 0


def _demo(commands: CommandRegistry, args: argparse.Namespace) -> int:
    path = commands.db_path(args)
    team = create_demo(
        path, args.size, progress=lambda f: print(_("  adding {f}…").format(f=f), file=sys.stderr)
    )
    team.close()
    print(_("Created {path}").format(path=path))
    return 0


def _export_json(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        interchange.export_json(team, args.out)
    print(_("Wrote {out}").format(out=args.out))
    return 0


def _import_json(commands: CommandRegistry, args: argparse.Namespace) -> int:
    doc = interchange.load_json(args.file)
    path = commands.db_path(args)
    created = not path.exists()
    team = TeamFile.open(path, create=True)
    try:
        interchange.import_document(team, doc)
    except Exception:
        team.close()
        if created:  # do not leave an empty file behind a failed import
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    team.close()
    print(_("Imported {file} into {path}").format(file=args.file, path=path))
    return 0


def _shot(commands: CommandRegistry, args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d+)x(\d+)", args.size)
    if not match:
        raise KeelError(_("--size must look like 1280x800, not “{size}”.").format(size=args.size))
    from teamkeel.ui.shot import render_shot

    size = (int(match[1]), int(match[2]))
    render_shot(commands.db_path(args), args.tab, args.out, size, theme=args.theme)
    print(_("Wrote {out}").format(out=args.out))
    return 0
