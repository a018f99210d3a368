"""Date fields that stay inside the range Keel works with (``teamkeel.core.dates``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from teamkeel.core.dates import FIRST_DAY, LAST_DAY, range_text


def keep_in_range(*edits: QDateEdit | QDateTimeEdit) -> None:
    """Narrow each field's own limits to the supported range (a tighter limit set by the
    field, such as "not after today", stays) and say the range in its tooltip."""
    first, last = qdate(FIRST_DAY), qdate(LAST_DAY)
    for edit in edits:
        edit.setMinimumDate(max(edit.minimumDate(), first))
        edit.setMaximumDate(min(edit.maximumDate(), last))
        if not edit.toolTip():
            edit.setToolTip(f"{range_text()}.")


def qdate(day: dt.date) -> QDate:
    """The QDate of a day. PySide6 also takes the date itself, but its stubs do not say
    so; the three numbers say the same to both."""
    return QDate(day.year, day.month, day.day)


def pydate(shown: QDate) -> dt.date:
    """The day a QDate holds (its ``toPython()`` is typed as returning ``object``)."""
    return dt.date(shown.year(), shown.month(), shown.day())
