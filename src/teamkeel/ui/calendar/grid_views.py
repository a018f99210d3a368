"""Month and week views: painted grids that report which occurrence was clicked.

Painting (instead of one widget per occurrence) keeps a month of daily stand-ups cheap
to redraw; each paint records the rectangles it drew so a click maps back to the
occurrence under the mouse. The keyboard reaches every occurrence too: the arrow keys
step through them in time order and Enter opens the selected one.
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from teamkeel.core import i18n
from teamkeel.core.calendar.domain import Marker, Occurrence
from teamkeel.core.calendar.library import colour
from teamkeel.core.calendar.listing import short_title
from teamkeel.core.i18n import _
from teamkeel.ui import theme


class _Colours:
    """The grid's colours, read from the theme and the palette when a paint begins
    (so a switch to dark shows at the next repaint)."""

    def __init__(self, widget: QWidget):
        palette = widget.palette()
        self.today_fill = QColor(theme.HIGHLIGHT_FILL)
        self.today_edge = QColor(theme.HIGHLIGHT_EDGE)
        self.text = palette.text().color()
        self.day = palette.base().color()
        self.grid = QColor(theme.GRID)
        self.weekend = QColor(theme.WEEKEND)
        self.muted = QColor(theme.MUTED)
        self.marker = QColor(theme.ERROR)


def week_start(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of the calendar week holding ``day``."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


class _GridBase(QWidget):
    occurrence_clicked = Signal(object)  # Occurrence
    occurrence_activated = Signal(object)  # Occurrence: Enter on the selected one
    day_clicked = Signal(object)  # date

    NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
    PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 320)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.by_day: dict[dt.date, list[Occurrence]] = {}
        self.markers: dict[dt.date, list[Marker]] = {}
        self.today = dt.date.today()
        self.first_weekday = 0  # 0 Monday … 6 Sunday: Preferences → Week starts on
        self.selected: Occurrence | None = None
        self._hits: list[tuple[QRectF, Occurrence]] = []
        self._day_rects: list[tuple[QRectF, dt.date]] = []

    def set_data(self, occurrences: list[Occurrence], markers: list[Marker]) -> None:
        by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
        for occ in occurrences:
            by_day[occ.day].append(occ)
        marks: dict[dt.date, list[Marker]] = defaultdict(list)
        for m in markers:
            marks[m.day].append(m)
        self.by_day, self.markers = dict(by_day), dict(marks)
        self.update()

    def set_selected(self, occ: Occurrence | None) -> None:
        self.selected = occ
        self.update()

    def occurrence_at(self, x: float, y: float) -> Occurrence | None:
        for rect, occ in self._hits:
            if rect.contains(x, y):
                return occ
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        pos = event.position()
        occ = self.occurrence_at(pos.x(), pos.y())
        if occ is not None:
            self.occurrence_clicked.emit(occ)
            return
        for rect, day in self._day_rects:
            if rect.contains(pos):
                self.day_clicked.emit(day)
                return

    def in_time_order(self) -> list[Occurrence]:
        return sorted((o for day in self.by_day.values() for o in day), key=lambda o: o.start)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.occurrence_activated.emit(self.selected)
            return
        if key not in self.NEXT_KEYS + self.PREVIOUS_KEYS:
            super().keyPressEvent(event)
            return
        ordered = self.in_time_order()
        if not ordered:
            return
        forward = key in self.NEXT_KEYS
        at = next((i for i, o in enumerate(ordered) if self._is_selected(o)), None)
        if at is None:
            target = 0 if forward else len(ordered) - 1
        else:
            target = min(max(at + (1 if forward else -1), 0), len(ordered) - 1)
        self.occurrence_clicked.emit(ordered[target])

    def _is_selected(self, occ: Occurrence) -> bool:
        s = self.selected
        return s is not None and s.uid == occ.uid and s.start == occ.start

    def _chip(self, p: QPainter, rect: QRectF, occ: Occurrence, text: str) -> None:
        base = theme.series(colour(occ.kind))
        fill = QColor(base)
        fill.setAlpha(70 if theme.dark else 40)
        p.fillRect(rect, fill)
        p.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), base)
        if self._is_selected(occ):
            p.setPen(QPen(self.palette().text().color(), 1.5))
            p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        p.setPen(self.palette().text().color())
        metrics = p.fontMetrics()
        inner = rect.adjusted(5, 1, -2, -1)
        if rect.height() >= 2 * metrics.height() + 2:
            # Tall blocks (week view) wrap their text from the top.
            flags = Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            p.save()
            p.setClipRect(inner)
            p.drawText(inner, int(flags), text)
            p.restore()
        else:
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
            p.drawText(inner, Qt.AlignmentFlag.AlignVCenter, elided)
        self._hits.append((rect, occ))


class MonthView(_GridBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendar_month_view")
        self.setAccessibleName(_("Month"))
        self.setAccessibleDescription(_("Arrow keys step through the occurrences, Enter opens one"))
        self.year, self.month = self.today.year, self.today.month

    def show_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        self.update()

    def weeks(self) -> list[list[dt.date]]:
        calendar = stdcal.Calendar(firstweekday=self.first_weekday)
        return calendar.monthdatescalendar(self.year, self.month)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._hits, self._day_rects = [], []
        c = _Colours(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        weeks = self.weeks()
        head = 20.0
        cw = (self.width() - 1) / 7
        rh = (self.height() - head - 1) / len(weeks)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        p.setFont(small)
        line_h = p.fontMetrics().height() + 2
        p.setPen(c.muted)
        for i in range(7):
            name = i18n.day_name((self.first_weekday + i) % 7, "abbreviated")
            p.drawText(QRectF(i * cw, 0, cw, head), Qt.AlignmentFlag.AlignCenter, name)
        for r, week in enumerate(weeks):
            for i, day in enumerate(week):
                cell = QRectF(i * cw, head + r * rh, cw, rh)
                self._day_rects.append((cell, day))
                inside = day.month == self.month
                if day == self.today:
                    p.fillRect(cell, c.today_fill)
                else:
                    weekend = day.weekday() >= 5
                    p.fillRect(cell, c.weekend if weekend or not inside else c.day)
                p.setPen(QPen(c.today_edge, 2) if day == self.today else c.grid)
                p.drawRect(cell)
                p.setPen(c.text if inside else c.muted)
                bold = QFont(small)
                bold.setBold(day == self.today)
                p.setFont(bold)
                p.drawText(cell.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignLeft, str(day.day))
                p.setFont(small)
                y = cell.top() + line_h + 2
                items = self.by_day.get(day, [])
                room = int((cell.bottom() - y - 2) // line_h)
                for m in self.markers.get(day, []):
                    p.setPen(c.marker)
                    text = p.fontMetrics().elidedText(f"◆ {m.title}", Qt.TextElideMode.ElideRight,
                                                      int(cw - 8))  # fmt: skip
                    p.drawText(QRectF(cell.left() + 4, y, cw - 8, line_h),
                               Qt.AlignmentFlag.AlignVCenter, text)  # fmt: skip
                    y += line_h
                    room -= 1
                shown = items if len(items) <= room else items[: max(room - 1, 0)]
                for occ in shown:
                    rect = QRectF(cell.left() + 3, y, cw - 6, line_h - 1)
                    self._chip(p, rect, occ, f"{occ.start:%H:%M} {short_title(occ.title)}")
                    y += line_h
                if len(shown) < len(items):
                    p.setPen(c.muted)
                    p.drawText(QRectF(cell.left() + 4, y, cw - 8, line_h),
                               Qt.AlignmentFlag.AlignVCenter,
                               f"+{len(items) - len(shown)} more")  # fmt: skip
        p.end()


class WeekView(_GridBase):
    """Seven day columns with time-of-day rows; occurrences are placed at their
    local start time in their ritual's timezone (the same time the agenda shows)."""

    FIRST_HOUR, LAST_HOUR = 7, 20

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendar_week_view")
        self.setAccessibleName(_("Week"))
        self.setAccessibleDescription(_("Arrow keys step through the occurrences, Enter opens one"))
        self.first_day = week_start(self.today, self.first_weekday)

    def show_week(self, first_day: dt.date) -> None:
        self.first_day = first_day
        self.update()

    def _hours(self) -> tuple[int, int]:
        first, last = self.FIRST_HOUR, self.LAST_HOUR
        for d in range(7):
            for occ in self.by_day.get(self.first_day + dt.timedelta(days=d), []):
                first = min(first, occ.start.hour)
                last = max(last, occ.end.hour + (1 if occ.end.minute else 0))
        return first, min(last, 24)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._hits, self._day_rects = [], []
        c = _Colours(self)
        p = QPainter(self)
        first, last = self._hours()
        gutter, head = 44.0, 34.0
        cw = (self.width() - gutter - 1) / 7
        hour_h = (self.height() - head - 1) / (last - first)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        p.setFont(small)
        for d in range(7):
            day = self.first_day + dt.timedelta(days=d)
            column = QRectF(gutter + d * cw, head, cw, self.height() - head - 1)
            self._day_rects.append((column, day))
            if day == self.today:
                p.fillRect(column, c.today_fill)
                p.fillRect(QRectF(gutter + d * cw, 0, cw, head), c.today_fill)
            else:
                p.fillRect(column, c.weekend if day.weekday() >= 5 else c.day)
            p.setPen(c.text)
            bold = QFont(small)
            bold.setBold(day == self.today)
            p.setFont(bold)
            p.drawText(QRectF(gutter + d * cw, 0, cw, head), Qt.AlignmentFlag.AlignCenter,
                       f"{i18n.day_name(day.weekday(), 'abbreviated')}\n"
                       f"{i18n.format_date(day, 'dd MMM')}")  # fmt: skip
            p.setFont(small)
        for h in range(first, last + 1):
            y = head + (h - first) * hour_h
            p.setPen(c.grid)
            p.drawLine(int(gutter), int(y), self.width(), int(y))
            if h < last:
                p.setPen(c.muted)
                p.drawText(QRectF(0, y, gutter - 4, 14), Qt.AlignmentFlag.AlignRight,
                           f"{h:02d}:00")  # fmt: skip
        p.setPen(c.grid)
        for d in range(8):
            x = gutter + d * cw
            p.drawLine(int(x), int(head), int(x), self.height())
        for d in range(7):
            day = self.first_day + dt.timedelta(days=d)
            x = gutter + d * cw
            for m in self.markers.get(day, []):
                p.setPen(c.marker)
                p.drawText(QRectF(x + 3, head + 1, cw - 6, 14), Qt.AlignmentFlag.AlignLeft,
                           f"◆ {m.title}")  # fmt: skip
            items = sorted(self.by_day.get(day, []), key=lambda o: o.start)
            for occ in items:
                # Side by side when two rituals overlap.
                overlapping = [o for o in items if o.start < occ.end and occ.start < o.end]
                lane, lanes = overlapping.index(occ), len(overlapping)
                top = head + (occ.start.hour + occ.start.minute / 60 - first) * hour_h
                minutes = (occ.end - occ.start).total_seconds() / 60
                height = max(minutes / 60 * hour_h, p.fontMetrics().height() + 2)
                w = (cw - 4) / lanes
                rect = QRectF(x + 2 + lane * w, top + 1, w - 1, height - 2)
                who = f" · {occ.facilitator_name}" if occ.facilitator_name else ""
                self._chip(p, rect, occ, f"{occ.start:%H:%M} {short_title(occ.title)}{who}")
        p.end()
