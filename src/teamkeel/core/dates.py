"""The one range of dates Keel works with, for the whole app.

Python's dates reach from year 1 to 9999, but a calendar that starts in year 1 cannot be
written as ICS (a time zone offset takes it to year 0) and a month view of December 9999
has no "next month". Rather than find each edge where a computation falls off, every entry
point (command-line arguments, the window's date fields, JSON and CSV imports, rollout
start, recurrence expansion) keeps dates inside one range, and says which.
"""

from __future__ import annotations

import datetime as dt

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _

FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)
#: The end of the last day, for bounding open-ended expansions.
LAST_MOMENT = dt.datetime.combine(LAST_DAY, dt.time.max)

RANGE_TEXT = f"Keel works with dates from {FIRST_DAY} to {LAST_DAY}"


def range_text() -> str:
    """``RANGE_TEXT`` in the language Keel speaks."""
    return _("Keel works with dates from {first} to {last}").format(first=FIRST_DAY, last=LAST_DAY)


def in_range(day: dt.date) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    return FIRST_DAY <= day <= LAST_DAY


def out_of_range(day: dt.date) -> str | None:
    """The message for a date outside the range, or None for one inside it."""
    if in_range(day):
        return None
    return _("{day} is out of range ({range})").format(day=day.isoformat(), range=range_text())


def check_day(day: dt.date, what: str = "date") -> dt.date:
    """``day`` itself, or a one-line ``KeelError`` that names ``what`` and the range."""
    message = out_of_range(day)
    if message is not None:
        raise KeelError(f"{what}: {message}.")
    return day


def parse_day(text: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) inside the range; ValueError with a one-line message."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)") from None
    message = out_of_range(day)
    if message is not None:
        raise ValueError(message)
    return day
