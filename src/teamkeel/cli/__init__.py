"""The ``teamkeel`` command: opens the window, or runs a service headless.

Each area registers its own subcommands from ``teamkeel.cli.<feature>`` (see
``CommandRegistry``); they call the same ``teamkeel.core`` services as the window.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from teamkeel import __version__
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.paths import default_team_path
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.features import FEATURES


class CommandRegistry:
    """Where feature modules add their subcommands."""

    def __init__(self, subparsers: argparse._SubParsersAction):
        self._sub = subparsers
        self._groups: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, help: str) -> argparse.ArgumentParser:
        return self._sub.add_parser(name, help=help, description=help)

    def _group(self, name: str, help: str) -> argparse._SubParsersAction:
        if name not in self._groups:
            parser = self._sub.add_parser(name, help=help, description=help)
            self._groups[name] = parser.add_subparsers(
                dest=f"{name}_kind", metavar="KIND", required=True
            )
        return self._groups[name]

    def group(self, name: str, help: str, sub: str, sub_help: str) -> argparse.ArgumentParser:
        """A subcommand of a command group, e.g. ``roster import``."""
        return self._group(name, help).add_parser(sub, help=sub_help, description=sub_help)

    def export(self, kind: str, help: str) -> argparse.ArgumentParser:
        return self.group("export", "Export data to a file (PDF, CSV, ICS, JSON).", kind, help)

    def import_(self, kind: str, help: str) -> argparse.ArgumentParser:
        return self.group("import", "Import data from a file.", kind, help)

    @staticmethod
    def add_db_argument(
        parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS
    ) -> None:
        # On a command the default is SUPPRESS, so that `teamkeel --db X roster export`
        # keeps the X given before the command instead of overwriting it with None.
        parser.add_argument(
            "--db",
            type=Path,
            default=default,
            metavar="PATH",
            help="team file (default: the team file in your user data folder)",
        )

    @staticmethod
    def db_path(args: argparse.Namespace) -> Path:
        db = getattr(args, "db", None)
        return db if db is not None else default_team_path()

    @staticmethod
    def open_team(args: argparse.Namespace, create: bool = False) -> TeamFile:
        return TeamFile.open(CommandRegistry.db_path(args), create=create)


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr, like every other error (exit code 2);
    ``--help`` shows the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="teamkeel",
        description="Keel keeps a team's support culture: roster, compact, rituals, "
        "rotations, stand-up log and insights. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"teamkeel {__version__}")
    CommandRegistry.add_db_argument(parser, default=None)
    if not with_commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    registry = CommandRegistry(sub)
    from teamkeel.cli import general

    general.register(registry)
    for feature in FEATURES:
        name = f"teamkeel.cli.{feature}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(registry)
    return parser


def opens_window(argv: Sequence[str]) -> bool:
    """True for a plain ``teamkeel [--db PATH]``: no command, no help or version."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--db" and rest:
            rest.pop(0)
        elif not word.startswith("--db="):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Opening the window needs none of the commands: registering them imports every
    # feature's services (PDF, calendar, planning), which would slow the start.
    parser = build_parser(with_commands=not opens_window(argv))
    args = parser.parse_args(argv)
    try:
        if getattr(args, "func", None) is None:
            # What the first frame needs from the core, loaded before Qt: PySide6's
            # import hook reads the source of every module imported after it.
            import teamkeel.core.roster.reader
            import teamkeel.core.safety.hooks
            import teamkeel.core.team_info  # noqa: F401
            from teamkeel.ui.app import run_window

            return run_window(getattr(args, "db", None))
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(f"teamkeel: error: {exc}", file=sys.stderr)
        if len(exc.problems) > 1:
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
        return 2
    except KeelError as exc:
        print(f"teamkeel: error: {exc}", file=sys.stderr)
        return 2
    except OverflowError as exc:  # an id too large for SQLite, a date past year 9999
        print(f"teamkeel: error: a number or date is out of range ({exc}).", file=sys.stderr)
        return 2
    except OSError as exc:  # a missing folder, a full disk, no permission to write
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"teamkeel: error: {where}{exc.strerror or exc}.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
