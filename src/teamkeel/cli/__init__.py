"""The ``teamkeel`` command: opens the window, or runs a service headless.

Each area registers its own subcommands from ``teamkeel.cli.<feature>`` (see
``teamkeel.cli.parser.CommandRegistry``); they call the same ``teamkeel.core`` services
as the window.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from teamkeel.core import logs
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.i18n import _


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


def _check_utf8(argv: Sequence[str]) -> None:
    """Refuse arguments that are not UTF-8 (Python keeps their bytes as lone surrogates,
    which no file, database or terminal can take), naming the first one."""
    for number, word in enumerate(argv, 1):
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            shown = word.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise KeelError(
                _(
                    "argument {number} (“{shown}”) is not UTF-8 text; Keel reads names, notes and "
                    "file names as UTF-8."
                ).format(number=number, shown=shown)
            ) from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logs.start()
    # Messages in the environment's language (the window applies its preference later).
    from teamkeel.core import i18n

    i18n.set_language()
    # Every team file Keel opens, in the window or for a command, is backed up first.
    from teamkeel.core.safety import hooks

    hooks.install()
    try:
        _check_utf8(argv)
    except KeelError as exc:
        print(_("teamkeel: error: {exc}").format(exc=exc), file=sys.stderr)
        return 2
    if opens_window(argv):
        # Opening the window needs no argument parser and none of the commands,
        # whose registration imports every feature's services (PDF, planning...).
        return _one_line_errors(lambda: _open_window(window_file(argv)))
    with visible_output():
        return _one_line_errors(lambda: _run_command(argv))


def _run_command(argv: list[str]) -> int:
    from teamkeel.cli.commands import build_parser

    # ``--version`` needs none of the commands either.
    args = build_parser(with_commands=argv != ["--version"]).parse_args(argv)
    if getattr(args, "func", None) is None:
        return _open_window(getattr(args, "db", None))
    gc.enable()  # see teamkeel.__main__: start-up is over
    code = int(args.func(args) or 0)
    sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
    return code


def _one_line_errors(action: Callable[[], int]) -> int:
    """Run ``action``; a user's mistake or a refused file is one line on stderr, exit 2."""
    try:
        return action()
    except ValidationError as exc:
        print(_("teamkeel: error: {exc}").format(exc=exc), file=sys.stderr)
        if exc.total > 1:  # the first twenty, then a count: never a flood
            for line in exc.lines():
                print(f"  {line}", file=sys.stderr)
        return 2
    except KeelError as exc:
        print(_("teamkeel: error: {exc}").format(exc=exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _reader_went_away()
    except OverflowError as exc:  # an id too large for SQLite, a date past year 9999
        print(
            _("teamkeel: error: a number or date is out of range ({exc}).").format(exc=exc),
            file=sys.stderr,
        )
        return 2
    except UnicodeError as exc:  # text that cannot be written as it is, said in one line
        reason = getattr(exc, "reason", exc)
        print(
            _("teamkeel: error: text that is not valid Unicode ({reason}).").format(reason=reason),
            file=sys.stderr,
        )
        return 2
    except OSError as exc:  # a missing folder, a full disk, no permission to write
        where = f"{exc.filename}: " if exc.filename else ""
        print(
            _("teamkeel: error: {where}{strerror}.").format(
                where=where, strerror=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a fault in Keel itself, not the user's doing
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    """One line saying that Keel failed, that nothing saved was lost (every write is
    one transaction: it went in whole or not at all) and where the details are; the
    traceback goes to the log, exit code 1."""
    logs.log.error("Unexpected error (%s)", logs.describe_system(), exc_info=exc)
    path = logs.open_file()
    if path:
        said = _(
            "teamkeel: error: something went wrong inside Keel ({what}); nothing saved was "
            "lost, details are in {path}."
        )
    else:
        said = _(
            "teamkeel: error: something went wrong inside Keel ({what}); nothing saved was "
            "lost, no log could be written."
        )
    print(said.format(what=logs.unexpected(exc), path=path), file=sys.stderr)
    return 1


def _reader_went_away() -> int:
    """``teamkeel insights | head -1``: the reader closed the pipe. Stop quietly, as a
    Unix tool killed by SIGPIPE does (exit status 128 + 13), instead of reporting an
    error; output still buffered goes nowhere, so that Python's final flush cannot
    fail once more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 128 + 13


class _Visible:
    """A text stream that writes control characters out visibly (see
    ``core.text.visible_controls``): a note or a name holding ESC sequences cannot
    recolour the terminal, retitle it, or pass for another name."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        from teamkeel.core.text import visible_controls

        self._stream.write(visible_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    """Everything a command prints, with control characters made visible."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(out), _Visible(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _open_window(path: Path | None) -> int:
    # What the first frame needs from the core, loaded before Qt: PySide6's import
    # hook reads the source of every module imported after it.
    import teamkeel.core.roster.reader
    import teamkeel.core.team_info  # noqa: F401
    from teamkeel.ui.app import run_window

    return run_window(path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
