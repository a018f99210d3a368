"""The pairing matrix as a heat map: how often each two members were together.

Cells are shaded by how often two members were together, or (switched) by how recently;
the count is printed in the cell and a dot marks pairs that met in the latest round done.
Hovering a cell says it in words.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from teamkeel.core.i18n import _, ngettext
from teamkeel.core.rotations.stats import PairingMatrix
from teamkeel.ui import theme

CELL, MIN_CELL, MAX_CELL = 24, 18, 30


class PairingHeatMap(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pairing_heatmap")
        self.setAccessibleName(_("Pairing heat map"))
        self.setAccessibleDescription(_("How often each two members were together"))
        self.setMouseTracking(True)
        self.matrix: PairingMatrix | None = None
        self.names: dict[int, str] = {}
        self.latest = -1
        self.cell = CELL
        self.by_recency = False  # shade by how recently rather than how often
        self.order: list[int] = []  # members as listed (see set_order)

    def set_matrix(self, matrix: PairingMatrix | None, names: dict[int, str], latest: int) -> None:
        self.matrix, self.names, self.latest = matrix, names, latest
        self._fit_cell()
        self.updateGeometry()
        self.update()

    def set_order(self, order: list[int]) -> None:
        """List members in this order (the stats table's); others follow."""
        self.order = list(order)
        self.update()

    @property
    def members(self) -> tuple[int, ...]:
        if not self.matrix:
            return ()
        listed = [m for m in self.order if m in self.matrix.members]
        return tuple(listed + [m for m in self.matrix.members if m not in listed])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._fit_cell()
        super().resizeEvent(event)

    def _fit_cell(self) -> None:
        """Cells as large as the room allows, between MIN_CELL and MAX_CELL."""
        n = len(self.matrix.members) if self.matrix else 0
        if n:
            room = min(self.width(), self.height()) - self._label_width() - 4
            self.cell = max(MIN_CELL, min(MAX_CELL, room // n))

    def set_by_recency(self, on: bool) -> None:
        self.by_recency = on
        self.update()

    def shade(self, a: int, b: int) -> float:
        """0..1: how strongly a cell is coloured (0 = never together)."""
        assert self.matrix is not None
        count = self.matrix.get(a, b)
        if not count:
            return 0.0
        if not self.by_recency:
            return count / max(1, self.matrix.highest)
        newest = max(self.matrix.last.values(), default=0)
        oldest = min(self.matrix.last.values(), default=0)
        last = self.matrix.last_round(a, b) or 0
        return 1.0 if newest == oldest else 0.15 + 0.85 * (last - oldest) / (newest - oldest)

    def _label_width(self) -> int:
        if not self.matrix:
            return 0
        fm = QFontMetrics(self.font())
        return min(
            180,
            max((fm.horizontalAdvance(self._name(m)) for m in self.matrix.members), default=0) + 10,
        )

    def _name(self, m: int) -> str:
        return self.names.get(m, f"#{m}")

    def _size_for(self, cell: int) -> QSize:
        n = len(self.matrix.members) if self.matrix else 0
        label = self._label_width()
        return QSize(label + n * cell + 4, label + n * cell + 4)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._size_for(CELL)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._size_for(MIN_CELL)

    def _cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        if not self.matrix:
            return None
        label = self._label_width()
        col = (pos.x() - label) // self.cell
        row = (pos.y() - label) // self.cell
        n = len(self.members)
        if pos.x() < label or pos.y() < label or not (0 <= row < n and 0 <= col < n):
            return None
        return int(row), int(col)

    def describe(self, row: int, col: int) -> str:
        assert self.matrix is not None
        a, b = self.members[row], self.members[col]
        if a == b:
            return self._name(a)
        count = self.matrix.get(a, b)
        a_name, b_name = self._name(a), self._name(b)
        if not count:
            if self.matrix.directed:
                return _("{a} never reviewed {b}").format(a=a_name, b=b_name)
            return _("{a} was never with {b}").format(a=a_name, b=b_name)
        last = (self.matrix.last_round(a, b) or 0) + 1
        if self.matrix.directed:
            text = ngettext(
                "{a} reviewed {b} once, last in round {round}",
                "{a} reviewed {b} {count} times, last in round {round}",
                count,
            )
        else:
            text = ngettext(
                "{a} was with {b} once, last in round {round}",
                "{a} was with {b} {count} times, last in round {round}",
                count,
            )
        return text.format(a=a_name, b=b_name, count=count, round=last)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        cell = self._cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.describe(*cell), self)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self.matrix or not self.matrix.members:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        members = self.members
        n = len(members)
        label = self._label_width()
        fm = QFontMetrics(self.font())
        text_color = self.palette().text().color()
        empty, grid = self.palette().base().color(), QColor(theme.GRID)
        diagonal, latest = QColor(theme.HEAT_DIAGONAL), QColor(theme.HIGHLIGHT_EDGE)
        strong_text = QColor(theme.ON_HEAT_HIGH)
        for i, m in enumerate(members):
            top = label + i * self.cell
            p.setPen(text_color)
            p.drawText(
                QRect(0, top, label - 6, self.cell),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(self._name(m), Qt.TextElideMode.ElideRight, label - 6),
            )
            p.save()
            p.translate(label + i * self.cell + self.cell / 2 + fm.ascent() / 2 - 1, label - 6)
            p.rotate(-90)
            p.drawText(0, 0, fm.elidedText(self._name(m), Qt.TextElideMode.ElideRight, label - 6))
            p.restore()
            for j, other in enumerate(members):
                rect = QRect(label + j * self.cell, top, self.cell, self.cell)
                if i == j:
                    p.fillRect(rect, diagonal)
                    continue
                count = self.matrix.get(m, other)
                share = self.shade(m, other)
                fill = _blend(share) if count else empty
                p.fillRect(rect, fill)
                p.setPen(grid)
                p.drawRect(rect)
                if count:
                    p.setPen(_readable_on(fill, strong_text, text_color))
                    p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(count))
                if self.latest >= 0 and self.matrix.last_round(m, other) == self.latest:
                    # A ring around the count, centred in the cell.
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.setPen(QPen(latest, 2))
                    radius = self.cell / 2 - 3
                    p.drawEllipse(QRectF(rect).center(), radius, radius)
        p.setPen(QColor(theme.OUTLINE))
        p.drawRect(QRect(label, label, n * self.cell, n * self.cell))
        p.end()


def _blend(share: float) -> QColor:
    low, high = QColor(theme.HEAT_LOW), QColor(theme.HEAT_HIGH)
    t = 0.2 + 0.8 * share
    return QColor(
        int(low.red() + (high.red() - low.red()) * t),
        int(low.green() + (high.green() - low.green()) * t),
        int(low.blue() + (high.blue() - low.blue()) * t),
    )


def _readable_on(fill: QColor, *choices: QColor) -> QColor:
    """The text colour among ``choices`` that stands out most from ``fill``."""
    return max(choices, key=lambda c: abs(c.lightness() - fill.lightness()))
