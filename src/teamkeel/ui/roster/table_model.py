"""The roster table: members as rows, behind a sorting and filtering proxy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QColor, QFont, QFontMetrics

from teamkeel.core import i18n
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster import Member
from teamkeel.ui import theme
from teamkeel.ui.rows_model import (
    DISPLAY_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    SORT_ROLE,
    TOOLTIP_ROLE,
    USER_ROLE,
    Index,
    RowsModel,
)

NAME, ROLE, TIMEZONE, LOCAL_TIME, HOURS, SKILLS, GOALS, START, STATUS = range(9)
HEADERS = (
    N_("Name"),
    N_("Role"),
    N_("Time zone"),
    N_("Local time"),
    N_("Working hours"),
    N_("Skills"),
    N_("Growth goals"),
    N_("Started"),
    N_("Status"),
)
MEMBER_ROLE = USER_ROLE + 2


def status_text(member: Member, today: dt.date) -> str:
    if member.archived:
        return _("Archived")
    for absence in member.absences:
        if absence.covers(today):
            return _("Away until {date}").format(date=i18n.format_date(absence.end, "d MMM"))
    return _("Active")


def local_time(member: Member, now: dt.datetime) -> dt.datetime | None:
    try:
        return now.astimezone(ZoneInfo(member.timezone))
    except (KeyError, ValueError):
        return None


class MemberTableModel(RowsModel):
    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._now = dt.datetime.now(dt.UTC)
        self._texts: list[tuple[str, ...]] = []  # each row's cells, as shown
        self._clock: dict[str, str] = {}  # time zone -> its local time, as shown

    def set_members(self, members: list[Member]) -> None:
        self._now = dt.datetime.now(dt.UTC)  # local times and "away" are as of now
        self._clock = {}  # a team shares a few zones: format each zone's time once
        columns = range(len(HEADERS))
        self._texts = [tuple(self._display(m, c) for c in columns) for m in members]
        self.set_rows(members)

    def member(self, row: int) -> Member:
        return self.rows[row]

    def row_of(self, member_id: int) -> int:
        for row, member in enumerate(self.rows):
            if member.id == member_id:
                return row
        return -1

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == DISPLAY_ROLE:
            return self._texts[row][column]
        member = self.rows[row]
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == MEMBER_ROLE:
            return member
        if role == TOOLTIP_ROLE:
            if column in (SKILLS, GOALS):
                return self._texts[row][column]
            if column == NAME and member.email:
                return member.email
        if role == FOREGROUND_ROLE:
            if member.archived:
                return QColor(theme.MUTED)
            if column == STATUS and self._texts[row][STATUS] != _("Active"):
                return QColor(theme.WARNING)
        if role == FONT_ROLE and column == NAME:
            font = QFont()
            font.setBold(not member.archived)
            font.setItalic(member.archived)
            return font
        return None

    def widest_text(self, column: int, plain: QFontMetrics, bold: QFontMetrics) -> int:
        """The widest text of a column in pixels, fonts as ``data`` gives them. Cheaper
        than QTableView.resizeColumnsToContents, which asks every cell for every role."""
        distinct = {
            (texts[column], column == NAME and not m.archived)
            for m, texts in zip(self.rows, self._texts, strict=True)
        }
        return max(
            ((bold if is_bold else plain).horizontalAdvance(text) for text, is_bold in distinct),
            default=0,
        )

    def _display(self, member: Member, column: int) -> str:
        if column == NAME:
            return member.name
        if column == ROLE:
            return member.role
        if column == TIMEZONE:
            return member.timezone
        if column == LOCAL_TIME:
            if member.timezone not in self._clock:
                local = local_time(member, self._now)
                self._clock[member.timezone] = (
                    f"{local:%H:%M} ({i18n.format_date(local, 'EEE')})" if local else "—"
                )
            return self._clock[member.timezone]
        if column == HOURS:
            return member.working_hours
        if column == SKILLS:
            return " · ".join(member.skills)
        if column == GOALS:
            return " · ".join(member.goals)
        if column == START:
            return member.start_date.isoformat() if member.start_date else ""
        if column == STATUS:
            return status_text(member, self._now.date())
        return ""

    def _sort_key(self, row: int, column: int) -> Any:
        member = self.rows[row]
        if column == LOCAL_TIME:
            local = local_time(member, self._now)
            offset = local.utcoffset() if local else None
            return offset.total_seconds() if offset else 0.0
        if column == HOURS:
            return member.work_start.hour * 60 + member.work_start.minute
        if column == START:
            return member.start_date.toordinal() if member.start_date else 0
        return self._texts[row][column].casefold()


class MemberFilterProxy(QSortFilterProxyModel):
    """Text search over name, role, e-mail, timezone, skills and goals; hides archived."""

    def __init__(self) -> None:
        super().__init__()
        self._needle = ""
        self._show_archived = False
        # Sort keys are casefolded already (``MemberTableModel._sort_key``).
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", " ".join(text.split()).casefold()))

    def set_show_archived(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_archived", show))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        member = model.member(source_row)
        if member.archived and not self._show_archived:
            return False
        if not self._needle:
            return True
        haystack = " ".join(
            [
                member.name,
                member.role,
                member.email or "",
                member.timezone,
                *member.skills,
                *member.goals,
            ]
        ).casefold()
        return all(word in haystack for word in self._needle.split())
