"""Keel's log: one rotating file in the user's log folder, for the window and the
command line alike.

``start()`` is called once when Keel starts. Records are held in memory at first and
written to the file only when it opens: at once for anything at WARNING or above, and
for the window right after its first frame (``open_file()``). ``logging.handlers``
(with the socket and pickle modules it imports) costs about 17 ms, which a start that
goes well need not pay, nor a command that runs without a problem.

The log stays on this computer. It names files and says what failed; it never holds
what people wrote (notes, answers, names are not logged on purpose).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs

from teamkeel import __version__
from teamkeel.core.paths import APP_NAME

LOG_NAME = "keel.log"
MAX_BYTES = 1024 * 1024
KEPT_FILES = 3  # keel.log.1 .. keel.log.3: a few megabytes at most
HELD_MAX = 500  # records held before the file opens; the oldest go first
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"
# The undo stack notes on an unexpected error what the window was doing, in words the
# user saw (the undo step's name): ``exc.add_note(DOING + text)``.
DOING = "While: "

log = logging.getLogger("teamkeel")


def log_dir() -> Path:
    """The user's log folder (overridable with TEAMKEEL_LOG_DIR, e.g. for tests)."""
    override = os.environ.get("TEAMKEEL_LOG_DIR")
    return Path(override) if override else platformdirs.user_log_path(APP_NAME, appauthor=False)


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _Held(logging.Handler):
    """Keeps records until the log file opens; the first WARNING opens it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        del self.records[:-HELD_MAX]
        if record.levelno >= logging.WARNING:
            open_file()


_held: _Held | None = None
_file: logging.Handler | None = None
_file_path: Path | None = None


def start(level: int = logging.INFO) -> None:
    """Route Keel's logging (and Python's warnings) to the log. Safe to call again:
    a process that starts Keel twice (tests) keeps one handler, in the current folder."""
    global _held
    root = logging.getLogger()
    root.setLevel(level)
    logging.captureWarnings(True)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # set-up chatter
    if _file is not None and _file_path == log_path():
        return
    _close_file()
    if _held is None:
        _held = _Held()
        root.addHandler(_held)


def open_file() -> Path | None:
    """Write held records to the log file and every later one; the file's path, or None
    when it cannot be written (then records at WARNING and above go to stderr, as
    Python's logging does without a handler)."""
    global _held, _file, _file_path
    if _file is not None:
        return _file_path
    from logging.handlers import RotatingFileHandler

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    held, _held = _held, None
    if held is not None:
        root.removeHandler(held)
        for record in held.records:
            if record.levelno >= root.level:
                handler.handle(record)
    root.addHandler(handler)
    _file, _file_path = handler, path
    return path


def _close_file() -> None:
    global _file, _file_path
    if _file is not None:
        logging.getLogger().removeHandler(_file)
        _file.close()
        _file, _file_path = None, None


def describe_system() -> str:
    """Keel's version and what it runs on, for the log and for "Copy details"."""
    import platform

    return (
        f"Keel {__version__}; Python {platform.python_version()} "
        f"({platform.python_implementation()}); {platform.platform()}; "
        f"{'bundled' if getattr(sys, 'frozen', False) else 'from source'}"
    )


def doing(exc: BaseException) -> str:
    """What Keel was doing when ``exc`` happened, as noted by ``DOING``; "" if unknown."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, str) and note.startswith(DOING):
            return note.removeprefix(DOING)
    return ""


def unexpected(exc: BaseException) -> str:
    """The exception in one line: its kind and message (never a traceback)."""
    message = " ".join(str(exc).split())
    if len(message) > 200:
        message = message[:199] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
