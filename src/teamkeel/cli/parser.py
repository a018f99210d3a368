"""The argument parser of the ``teamkeel`` command and the registry features add their
subcommands to (each ``teamkeel.cli.<feature>.register``, called from
``teamkeel.cli.commands``)."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
from pathlib import Path
from typing import NoReturn

from teamkeel import __version__
from teamkeel.core import i18n
from teamkeel.core.dates import parse_day
from teamkeel.core.errors import FileRefused
from teamkeel.core.i18n import _
from teamkeel.core.paths import default_team_path
from teamkeel.core.storage.teamfile import TeamFile


def date_argument(text: str) -> dt.date:
    """An argparse ``type`` for dates: ISO form, inside the range Keel works with."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class CommandRegistry:
    """Where feature modules add their subcommands."""

    def __init__(self, subparsers: argparse._SubParsersAction):
        self._sub = subparsers
        self._groups: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, help: str) -> argparse.ArgumentParser:
        return self._sub.add_parser(name, help=help, description=help)

    def _group(self, name: str, help: str) -> argparse._SubParsersAction:
        if name not in self._groups:
            help = _(help)  # a group's help may be a constant marked with N_()
            parser = self._sub.add_parser(name, help=help, description=help)

            self._groups[name] = parser.add_subparsers(
                dest=f"{name}_kind", metavar="KIND", required=True
            )
        return self._groups[name]

    def group(self, name: str, help: str, sub: str, sub_help: str) -> argparse.ArgumentParser:
        """A subcommand of a command group, e.g. ``roster import``."""
        return self._group(name, help).add_parser(sub, help=sub_help, description=sub_help)

    def export(self, kind: str, help: str) -> argparse.ArgumentParser:
        return self.group("export", _("Export data to a file (PDF, CSV, ICS, JSON)."), kind, help)

    def import_(self, kind: str, help: str) -> argparse.ArgumentParser:
        return self.group("import", _("Import data from a file."), kind, help)

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
            help=_("team file (default: the team file in your user data folder)"),
        )

    @staticmethod
    def db_path(args: argparse.Namespace) -> Path:
        db = getattr(args, "db", None)
        return db if db is not None else default_team_path()

    @staticmethod
    def open_team(args: argparse.Namespace, create: bool = False) -> TeamFile:
        path = CommandRegistry.db_path(args)
        if not create and not path.exists():
            raise FileRefused(
                _(
                    "There is no team file at {path}; make one with “teamkeel new --db {quote} "
                    "--team NAME”."
                ).format(path=path, quote=shlex.quote(str(path)))
            )
        team = TeamFile.open(path, create=create)
        # The backup taken on opening could not be made (e.g. a link planted in the
        # backups folder): the command still runs, but the user should know.
        for warning in team.open_warnings:
            print(_("teamkeel: warning: {warning}").format(warning=warning), file=sys.stderr)
        return team


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr, like every other error (exit code 2);
    ``--help`` shows the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def base_parser() -> argparse.ArgumentParser:
    """The command's own options (``--version``, ``--db``), without subcommands:
    ``teamkeel.cli.commands.build_parser`` adds those."""
    # argparse's own texts ("usage:", "the following arguments are required") are
    # looked up through its module-level gettext names: give it Keel's catalog
    # (the texts are marked in teamkeel.cli.argparse_texts).
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]

    parser = OneLineParser(
        prog="teamkeel",
        description=_(
            "Keel keeps a team's support culture: roster, compact, rituals, rotations, "
            "stand-up log and insights. Without a command it opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"teamkeel {__version__}")
    CommandRegistry.add_db_argument(parser, default=None)
    return parser
