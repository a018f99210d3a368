"""Turn the SQLite failures a user can act on into one-line ``KeelError`` messages.

A full disk, a file made read-only or a lock held too long by another process are not
bugs: the transaction is rolled back (nothing half-written) and the user should read
what happened, not a traceback. ``TeamFile`` installs ``translate`` as a
``handle_error`` listener on each engine it makes.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _

if TYPE_CHECKING:
    from sqlalchemy.engine import ExceptionContext


class StorageError(KeelError):
    """A write the disk or another process refused; the transaction was rolled back."""


# Fragment of SQLite's message -> what the user reads.
MESSAGES: tuple[tuple[str, str], ...] = (
    (
        "database or disk is full",
        N_(
            "The disk is full: Keel could not save this change and kept the file as it was. "
            "Free some space and try again."
        ),
    ),
    (
        "readonly database",
        N_(
            "The team file is read-only (read-only media, or no permission to change it): "
            "Keel could not save this change and kept the file as it was."
        ),
    ),
    (
        "database is locked",
        N_("The team file is busy in another Keel process; nothing was changed. Try again."),
    ),
    (
        "unable to open database file",
        N_(
            "The team file cannot be opened: it was moved or deleted, or its folder is not "
            "accessible. Nothing was changed."
        ),
    ),
    (
        "disk i/o error",
        N_(
            "The disk reported an error while saving; the change was not saved. Check the disk "
            "and run `teamkeel check`."
        ),
    ),
)


def user_message(exc: BaseException) -> str | None:
    if not isinstance(exc, sqlite3.OperationalError):
        return None
    text = str(exc).casefold()
    for fragment, message in MESSAGES:
        if fragment in text:
            return _(message)
    return None


def translate(context: ExceptionContext) -> BaseException | None:
    if context.engine is not None and context.engine.dialect.name != "sqlite":
        return None
    message = user_message(context.original_exception)
    return StorageError(message) if message else None
