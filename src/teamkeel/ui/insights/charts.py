"""The Insights tab's charts, painted with QPainter from the same data and geometry as
the report's (``teamkeel.core.insights.layout``).

Reciprocity and network charts emit ``memberClicked(member_id)`` so the tab can list
that person's exchanges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from teamkeel.core.insights.blockers import MonthResolution
from teamkeel.core.insights.layout import (
    GIVEN_COLOUR,
    GRID_COLOUR,
    MEDIAN_COLOUR,
    P90_COLOUR,
    RECEIVED_COLOUR,
    SURVEY_COLOUR,
    circle_layout,
    colour_for,
    label_every,
    month_label,
    nice_ticks,
    role_colours,
)
from teamkeel.core.insights.network import MAX_PEOPLE_DRAWN, HelpNetwork, by_role
from teamkeel.core.insights.reciprocity import MemberReciprocity
from teamkeel.core.insights.survey import ITEM_LABELS, RoundResult

GRID = QColor(GRID_COLOUR)


class Chart(QWidget):
    """A titled chart area; subclasses paint below the title."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.empty_text = ""
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        p.setFont(font)
        p.setPen(self.palette().text().color())
        p.drawText(
            QRectF(8, 4, self.width() - 16, 22),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        p.setFont(self.font())
        area = QRectF(8, 30, self.width() - 16, self.height() - 36)
        if self.empty_text:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
        else:
            self.paint_chart(p, area)
        p.end()

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
            p.fillRect(QRectF(x, y + 3, 10, 10), QColor(colour))
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 14, y + fm.ascent()), text)
            x += w
        return y + fm.height() + 4


class ReciprocityChart(Chart):
    """Help given and received per member (name order), on one scale."""

    memberClicked = Signal(int)  # noqa: N815 - Qt signal naming
    ROW = 26

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Help given and received", parent)
        self.rows: list[MemberReciprocity] = []
        self.selected: int | None = None
        self._row_top = 0.0

    def set_rows(self, rows: Sequence[MemberReciprocity]) -> None:
        self.rows = list(rows)
        self.empty_text = "" if rows else "Nobody in view for this period."
        self.setMinimumHeight(70 + max(len(rows), 2) * self.ROW)
        self.updateGeometry()
        self.update()

    def _name_width(self) -> float:
        fm = self.fontMetrics()
        return min(max([fm.horizontalAdvance(r.name + " ●") for r in self.rows] + [60]) + 12, 180)

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        name_w = self._name_width()
        top = self.legend(
            p,
            area.left() + name_w,
            area.top(),
            [(GIVEN_COLOUR, "help given"), (RECEIVED_COLOUR, "help received")],
            area.right(),
        )
        self._row_top = top
        ticks = nice_ticks(max([max(r.now.given, r.now.received) for r in self.rows] + [1]))
        plot_w = area.width() - name_w - 30
        scale = plot_w / ticks[-1]
        bottom = top + len(self.rows) * self.ROW
        fm = p.fontMetrics()
        for t in ticks:
            x = area.left() + name_w + t * scale
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            p.setPen(self.palette().placeholderText().color())
            text = f"{t:g}"
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, bottom + fm.ascent() + 2), text)
        for i, r in enumerate(self.rows):
            y = top + i * self.ROW
            if r.member_id == self.selected:
                p.fillRect(
                    QRectF(area.left(), y, area.width(), self.ROW),
                    self.palette().highlight().color().lighter(170),
                )
            p.setPen(self.palette().text().color())
            name = r.name + (" ●" if r.flags else "")
            name = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(name_w - 8))
            p.drawText(
                QRectF(area.left(), y, name_w - 8, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            for j, (value, colour) in enumerate(
                ((r.now.given, GIVEN_COLOUR), (r.now.received, RECEIVED_COLOUR))
            ):
                by = y + 4 + j * 9
                x0 = area.left() + name_w
                p.fillRect(QRectF(x0, by, max(value * scale, 1), 8), QColor(colour))
                p.setPen(self.palette().text().color())
                small = QFont(self.font())
                small.setPointSizeF(max(small.pointSizeF() * 0.8, 6))
                p.setFont(small)
                p.drawText(QPointF(x0 + value * scale + 4, by + 8), str(value))
                p.setFont(self.font())

    def member_at(self, y: float) -> int | None:
        i = int((y - self._row_top) // self.ROW)
        if y >= self._row_top and 0 <= i < len(self.rows):
            return self.rows[i].member_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        member = self.member_at(event.position().y())
        if member is not None:
            self.selected = member
            self.update()
            self.memberClicked.emit(member)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        member = self.member_at(event.position().y())
        row = next((r for r in self.rows if r.member_id == member), None)
        if row is None:
            QToolTip.hideText()
            return
        c, b = row.now, row.before
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{row.name} ({row.role or 'no role'})\n"
            f"gave {c.given} (to {c.helped} people), received {c.received} (from {c.helped_by})\n"
            f"period before: gave {b.given}, received {b.received}\nClick to see the exchanges.",
            self,
        )


class NetworkChart(Chart):
    """People on a circle grouped by role; arrows from helper to helped."""

    memberClicked = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Help network", parent)
        self.network: HelpNetwork | None = None
        self.by_role = False
        self.selected: int | None = None
        self.setMinimumHeight(380)
        self._pos: dict[int, QPointF] = {}

    def set_network(self, network: HelpNetwork) -> None:
        self.by_role = len(network.nodes) > MAX_PEOPLE_DRAWN
        self.network = by_role(network) if self.by_role else network
        self.title = "Help network between roles (a large team)" if self.by_role else "Help network"
        self.empty_text = "" if network.nodes else "Nobody in view for this period."
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        net = self.network
        assert net is not None
        colours = role_colours([n.role for n in net.nodes])
        names: dict[str, str] = {}
        for n in net.nodes:
            names.setdefault(n.role.strip().casefold(), n.role.strip() or "no role")
        top = self.legend(
            p, area.left(), area.top(), [(colours[k], v) for k, v in names.items()], area.right()
        )
        # stay near the top even when the grid row is tall (a long reciprocity chart)
        graph = QRectF(area.left(), top, area.width(), min(area.bottom() - top, area.width() * 0.8))
        fm = p.fontMetrics()
        label_w = min(max([fm.horizontalAdvance(n.name) for n in net.nodes] + [40]) + 6, 140)
        radius = max(
            min(graph.width() / 2 - label_w - 16, graph.height() / 2 - fm.height() - 10), 30
        )
        centre = graph.center()
        self._pos = {
            i: QPointF(centre.x() + x * radius, centre.y() - y * radius)
            for i, (x, y) in circle_layout(net.nodes).items()
        }
        most = max([e.count for e in net.edges] + [1])
        base = QColor("#4a5d7a")
        for e in sorted(net.edges, key=lambda e: e.count):
            share = e.count / most
            involved = self.selected in (e.helper_id, e.helped_id)
            colour = QColor(base)
            if self.selected is not None and not involved:
                colour.setAlphaF(0.06)
            else:
                colour.setAlphaF(
                    0.15 + 0.8 * share if self.selected is None else 0.35 + 0.6 * share
                )
            self._arrow(
                p, self._pos[e.helper_id], self._pos[e.helped_id], 0.5 + 3.5 * share, colour
            )
        for n in net.nodes:
            pt = self._pos[n.member_id]
            p.setPen(QPen(QColor("white"), 2))
            p.setBrush(QColor(colour_for(colours, n.role)))
            r = 9 if n.member_id == self.selected else 7
            p.drawEllipse(pt, r, r)
            dx, dy = pt.x() - centre.x(), pt.y() - centre.y()
            dist = math.hypot(dx, dy) or 1
            lx, ly = pt.x() + dx / dist * 14, pt.y() + dy / dist * 14
            text = fm.elidedText(n.name, Qt.TextElideMode.ElideRight, int(label_w))
            w = fm.horizontalAdvance(text)
            x = lx if dx > 5 else lx - w if dx < -5 else lx - w / 2
            font = QFont(self.font())
            font.setBold(n.member_id == self.selected)
            p.setFont(font)
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x, ly + fm.ascent() / 2 - 1), text)
            p.setFont(self.font())

    @staticmethod
    def _arrow(p: QPainter, a: QPointF, b: QPointF, width: float, colour: QColor) -> None:
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy) or 1
        ux, uy = dx / length, dy / length
        off, gap = 3.0, 10.0  # offset so help both ways shows as two lines
        s = QPointF(a.x() + ux * gap - uy * off, a.y() + uy * gap + ux * off)
        e = QPointF(b.x() - ux * gap - uy * off, b.y() - uy * gap + ux * off)
        p.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(s, e)
        head = 5 + width
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(
            QPolygonF(
                [
                    e,
                    QPointF(e.x() - ux * head - uy * head / 2, e.y() - uy * head + ux * head / 2),
                    QPointF(e.x() - ux * head + uy * head / 2, e.y() - uy * head - ux * head / 2),
                ]
            )
        )

    def member_at(self, pos: QPointF) -> int | None:
        for member, pt in self._pos.items():
            if math.hypot(pt.x() - pos.x(), pt.y() - pos.y()) <= 10:
                return member
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        member = self.member_at(event.position())
        self.selected = member
        self.update()
        if member is not None and member > 0:  # role nodes have negative ids
            self.memberClicked.emit(member)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        member = self.member_at(event.position())
        node = (
            next((n for n in self.network.nodes if n.member_id == member), None)
            if self.network
            else None
        )
        if node is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{node.name} ({node.role or 'no role'}): gave {node.given}, received {node.received}",
            self,
        )


def _axis(p: QPainter, chart: Chart, plot: QRectF, ticks: Sequence[float]) -> float:
    """Horizontal grid lines with labels at the left; returns pixels per unit."""
    scale = plot.height() / (ticks[-1] - ticks[0])
    fm = p.fontMetrics()
    for t in ticks:
        y = plot.bottom() - (t - ticks[0]) * scale
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(chart.palette().placeholderText().color())
        text = f"{t:g}"
        p.drawText(
            QPointF(plot.left() - 6 - fm.horizontalAdvance(text), y + fm.ascent() / 2 - 1), text
        )
    return scale


def _line(p: QPainter, points: Sequence[QPointF | None], colour: str, dots: bool) -> None:
    pen = QPen(QColor(colour), 2)
    path = QPainterPath()
    drawing = False
    for pt in points:
        if pt is None:
            drawing = False
            continue
        if drawing:
            path.lineTo(pt)
        else:
            path.moveTo(pt)
            drawing = True
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    if dots:
        p.setBrush(QColor(colour))
        p.setPen(Qt.PenStyle.NoPen)
        for pt in points:
            if pt is not None:
                p.drawEllipse(pt, 3, 3)


class BlockerTrendChart(Chart):
    """Median and 90th-percentile days to resolve, per month."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Blockers: days to resolve, per month", parent)
        self.months: list[MonthResolution] = []
        self.setMinimumHeight(220)

    def set_months(self, months: Sequence[MonthResolution]) -> None:
        self.months = list(months)
        resolved = any(m.resolved for m in months)
        self.empty_text = "" if resolved else "No blockers were resolved in this period."
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        top = self.legend(
            p,
            area.left() + 36,
            area.top(),
            [(MEDIAN_COLOUR, "median"), (P90_COLOUR, "90th percentile")],
            area.right(),
        )
        fm = p.fontMetrics()
        plot = QRectF(
            area.left() + 36, top + 4, area.width() - 44, area.bottom() - top - fm.height() - 10
        )
        ticks = nice_ticks(max([m.p90_days or 0 for m in self.months] + [1]))
        scale = _axis(p, self, plot, ticks)
        n = max(len(self.months), 1)
        step = plot.width() / n
        every = label_every(n, int(plot.width() // 56))
        p.setPen(self.palette().placeholderText().color())
        for i, m in enumerate(self.months):
            if i % every == 0:
                text = month_label(m.month)
                p.drawText(
                    QPointF(
                        plot.left() + step * (i + 0.5) - fm.horizontalAdvance(text) / 2,
                        plot.bottom() + fm.ascent() + 4,
                    ),
                    text,
                )
        for attr, colour in (("p90_days", P90_COLOUR), ("median_days", MEDIAN_COLOUR)):
            pts = []
            for i, m in enumerate(self.months):
                v = getattr(m, attr)
                pts.append(
                    None
                    if v is None
                    else QPointF(plot.left() + step * (i + 0.5), plot.bottom() - v * scale)
                )
            _line(p, pts, colour, dots=n <= 36)


class SurveyTrendChart(Chart):
    """Team psychological safety per round (1–7), only rounds large enough to show."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Psychological safety per survey round (1–7, higher is safer)", parent)
        self.results: list[RoundResult] = []
        self.setMinimumHeight(220)

    def set_results(self, results: Sequence[RoundResult], withheld: int, minimum: int) -> None:
        self.results = list(results)
        self.empty_text = (
            ""
            if results
            else (
                "No survey round large enough to show yet"
                + (f" ({withheld} held back: fewer than {minimum} responses)." if withheld else ".")
            )
        )
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        fm = p.fontMetrics()
        plot = QRectF(
            area.left() + 30, area.top() + 8, area.width() - 40, area.height() - fm.height() - 16
        )
        scale = _axis(p, self, plot, [1, 2, 3, 4, 5, 6, 7])
        n = len(self.results)
        step = plot.width() / n
        pts = [
            QPointF(plot.left() + step * (i + 0.5), plot.bottom() - (r.mean - 1) * scale)
            for i, r in enumerate(self.results)
        ]
        _line(p, pts, SURVEY_COLOUR, dots=True)
        every = label_every(n, int(plot.width() // 80))
        for i, (r, pt) in enumerate(zip(self.results, pts, strict=True)):
            p.setPen(self.palette().text().color())
            text = f"{r.mean:.1f}"
            p.drawText(QPointF(pt.x() - fm.horizontalAdvance(text) / 2, pt.y() - 6), text)
            if i % every == 0:
                p.setPen(self.palette().placeholderText().color())
                d = r.held_on.isoformat()
                p.drawText(
                    QPointF(pt.x() - fm.horizontalAdvance(d) / 2, plot.bottom() + fm.ascent() + 4),
                    d,
                )


class SurveyItemsChart(Chart):
    """Per-item means of the latest round shown (after reverse-scoring)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Latest round, item by item", parent)
        self.result: RoundResult | None = None
        self.setMinimumHeight(7 * 22 + 60)

    def set_result(self, result: RoundResult | None) -> None:
        self.result = result
        if result:
            self.title = (
                f"Latest round, {result.held_on.isoformat()}: {result.responses} responses, "
                f"score {result.mean:.1f} ± {result.spread:.1f}"
            )
        self.empty_text = "" if result else "No survey round to show yet."
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        assert self.result is not None
        fm = p.fontMetrics()
        labels = [f"{i}. {t}" for i, t in enumerate(ITEM_LABELS, 1)]
        name_w = min(max(fm.horizontalAdvance(t) for t in labels) + 10, area.width() * 0.55)
        x0, w = area.left() + name_w, area.width() - name_w - 36
        scale = w / 6
        bottom = area.top() + 7 * 22
        for t in range(1, 8):
            x = x0 + (t - 1) * scale
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, area.top()), QPointF(x, bottom))
            p.setPen(self.palette().placeholderText().color())
            p.drawText(QPointF(x - 3, bottom + fm.ascent() + 2), str(t))
        for i, (text, mean) in enumerate(zip(labels, self.result.item_means, strict=True)):
            y = area.top() + i * 22
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(area.left(), y, name_w - 8, 22),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(text, Qt.TextElideMode.ElideRight, int(name_w - 8)),
            )
            p.fillRect(QRectF(x0, y + 5, max((mean - 1) * scale, 1), 12), QColor(SURVEY_COLOUR))
            p.drawText(QPointF(x0 + (mean - 1) * scale + 4, y + 15), f"{mean:.1f}")
