"""ISO weeks as Keel names them: ``2026-W50``, stored as the week's Monday."""

from __future__ import annotations

import datetime as dt
import re

from teamkeel.core.dates import out_of_range
from teamkeel.core.i18n import _, format_day_span

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.I)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def parse_week(text: str) -> dt.date:
    """The Monday of the week ``text`` names, inside the range of dates Keel works with
    (a week of year 1 or 9999 has no neighbours to step to): a date given must be in it,
    a week must overlap it."""
    monday = _parse_week(text)
    if not _WEEK.match(text):
        check_date = dt.date.fromisoformat(text.strip())
        message = out_of_range(check_date)
    else:
        message = out_of_range(monday)
        if message is not None and out_of_range(monday + dt.timedelta(days=6)) is None:
            message = None
    if message is not None:
        raise ValueError(message)
    return monday


def _parse_week(text: str) -> dt.date:
    """The Monday of ``2026-W50`` (or of the week holding a date like 2026-12-09).

    Raises ValueError with a message a user can act on.
    """
    match = _WEEK.match(text)
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        try:
            return dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(_("{year} has no week {week}").format(year=year, week=week)) from None
    try:
        return monday_of(dt.date.fromisoformat(text.strip()))
    except ValueError:
        raise ValueError(_("“{text}” is not a week like 2026-W50").format(text=text)) from None


def week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_span(monday: dt.date) -> str:
    """``7–13 Dec 2026``: the days a week covers, for people who do not count weeks."""
    return format_day_span(monday, monday + dt.timedelta(days=6))
