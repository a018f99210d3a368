"""The Insights tab's charts, painted with QPainter from the same data and geometry as
the report's (``teamkeel.core.insights.layout``): a titled base class here, the people
charts in ``people_charts`` and the trends in ``trend_charts``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from teamkeel.core.i18n import _
from teamkeel.ui import theme

TITLE_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class Chart(QWidget):
    """A titled chart area; subclasses paint below the title."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        # Until the tab's worker has computed the first measures (each set_... replaces it).
        self.empty_text = _("Reading the log…")
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        p.setFont(self.title_font())
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(8, 6, self.width() - 16, self.height()), TITLE_FLAGS, self.title)
        p.setFont(self.font())
        top = self.title_bottom()
        area = QRectF(8, top, self.width() - 16, self.height() - top - 6)
        if self.empty_text:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
        else:
            self.paint_chart(p, area)
        p.end()

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return font

    def title_bottom(self) -> float:
        """Where the chart starts: below the title, which wraps onto a second line
        rather than losing its end in a narrow column."""
        box = QFontMetrics(self.title_font()).boundingRect(
            0, 0, max(self.width() - 16, 1), 1000, int(TITLE_FLAGS.value), self.title
        )
        return max(30.0, 6 + box.height() + 8)

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def legend(
        self, p: QPainter, x: float, y: float, entries: Sequence[tuple[str, str]], right: float
    ) -> float:
        """Colour keys in rows from (x, y); returns the y below the last row."""
        fm = p.fontMetrics()
        start = x
        for colour, text in entries:
            w = 18 + fm.horizontalAdvance(text) + 12
            if x > start and x + w > right:
                x, y = start, y + fm.height() + 2
            p.fillRect(QRectF(x, y + 3, 10, 10), theme.series(colour))
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 14, y + fm.ascent()), text)
            x += w
        return y + fm.height() + 4
