"""The four phases drawn as a band, with today marked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from teamkeel.core.i18n import _
from teamkeel.core.journey.checks import Journey
from teamkeel.ui import theme

# Share of the band per phase: 4 weeks, 8 weeks, about 14 weeks, and an open end.
WEIGHTS = (4, 8, 14, 8)


class Timeline(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("journey_timeline")
        self.setAccessibleName(_("The four phases, with today marked"))
        self.journey: Journey | None = None
        self.setMinimumHeight(76)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_journey(self, journey: Journey) -> None:
        self.journey = journey
        self.update()

    def today_x(self) -> float | None:
        """Where today falls on the band, in pixels; None before the start or unset."""
        j = self.journey
        if j is None or j.program_start is None or j.today < j.program_start:
            return None
        total, x = sum(WEIGHTS), 0.0
        for weight, phase in zip(WEIGHTS, j.phases, strict=True):
            width = self.width() * weight / total
            first = phase.first_day or j.program_start
            last = phase.last_day or first + dt.timedelta(weeks=weight)
            if j.today <= last or phase.last_day is None:
                share = min(1.0, (j.today - first).days / max(1, (last - first).days + 1))
                return x + width * share
            x += width
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.journey is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        total, x, h, top = sum(WEIGHTS), 0.0, 34.0, 16.0
        fills = [QColor(c) for c in (theme.PHASE_1, theme.PHASE_2, theme.PHASE_3, theme.PHASE_4)]
        for i, (weight, phase) in enumerate(zip(WEIGHTS, self.journey.phases, strict=True)):
            width = self.width() * weight / total
            rect = QRectF(x + 1, top, width - 2, h)
            painter.fillRect(rect, fills[i])
            font = painter.font()
            font.setBold(phase.current)
            painter.setFont(font)
            painter.setPen(self.palette().text().color())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(rect.adjusted(4, 0, -4, 0), flags, phase.name)
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(
                QRectF(x + 4, top + h + 4, width - 8, 18), Qt.AlignmentFlag.AlignLeft, phase.when
            )
            x += width
        today = self.today_x()
        if today is not None:
            painter.setPen(QPen(QColor(theme.ERROR), 2))
            painter.drawLine(int(today), 2, int(today), int(top + h + 2))
            painter.drawText(int(today) + 4, 12, _("today"))
        painter.end()
