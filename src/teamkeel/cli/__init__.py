"""The ``teamkeel`` command: opens the window, or runs a service headless.

Each area registers its own subcommands from ``teamkeel.cli.<feature>`` (see
``teamkeel.cli.parser.CommandRegistry``); they call the same ``teamkeel.core`` services
as the window.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from teamkeel.core.errors import KeelError, ValidationError


def _window_files(argv: Sequence[str]) -> list[str] | None:
    """The ``--db`` values of a plain ``teamkeel [--db PATH]``; None for anything else
    (a command, help, version)."""
    files: list[str] = []
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--db" and rest:
            files.append(rest.pop(0))
        elif word.startswith("--db="):
            files.append(word.removeprefix("--db="))
        else:
            return None
    return files


def opens_window(argv: Sequence[str]) -> bool:
    """True for a plain ``teamkeel [--db PATH]``: no command, no help or version."""
    return _window_files(argv) is not None


def window_file(argv: Sequence[str]) -> Path | None:
    """The file a plain ``teamkeel [--db PATH]`` opens (the last ``--db`` given)."""
    files = _window_files(argv) or []
    return Path(files[-1]) if files else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if opens_window(argv):
            # Opening the window needs no argument parser and none of the commands,
            # whose registration imports every feature's services (PDF, planning...).
            return _open_window(window_file(argv))
        from teamkeel.cli.parser import build_parser

        # ``--version`` needs none of the commands either.
        args = build_parser(with_commands=argv != ["--version"]).parse_args(argv)
        if getattr(args, "func", None) is None:
            return _open_window(getattr(args, "db", None))
        gc.enable()  # see teamkeel.__main__: start-up is over
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(f"teamkeel: error: {exc}", file=sys.stderr)
        if exc.total > 1:  # the first twenty, then a count: never a flood
            for line in exc.lines():
                print(f"  {line}", file=sys.stderr)
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


def _open_window(path: Path | None) -> int:
    # What the first frame needs from the core, loaded before Qt: PySide6's import
    # hook reads the source of every module imported after it.
    import teamkeel.core.roster.reader
    import teamkeel.core.safety.hooks
    import teamkeel.core.team_info  # noqa: F401
    from teamkeel.ui.app import run_window

    return run_window(path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
