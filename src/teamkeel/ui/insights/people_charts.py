"""Charts about people: help given and received per member, and the help network.

Both emit ``memberClicked(member_id)`` so the tab can list that person's exchanges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from teamkeel.core.i18n import _
from teamkeel.core.insights.layout import (
    GIVEN_COLOUR,
    RECEIVED_COLOUR,
    circle_layout,
    colour_for,
    nice_ticks,
    role_colours,
)
from teamkeel.core.insights.network import MAX_PEOPLE_DRAWN, HelpNetwork, by_role, role_node_of
from teamkeel.core.insights.reciprocity import MemberReciprocity
from teamkeel.ui import theme
from teamkeel.ui.insights.charts import Chart


class ReciprocityChart(Chart):
    """Help given and received per member (name order), on one scale."""

    memberClicked = Signal(int)  # noqa: N815 - Qt signal naming
    ROW = 26

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Help given and received"), parent)
        self.rows: list[MemberReciprocity] = []
        self.selected: int | None = None
        self._row_top = 0.0
        self.compare = True

    def set_rows(self, rows: Sequence[MemberReciprocity], compare: bool = True) -> None:
        """``compare``: whether the log goes back into the period before (a new team
        has nothing to compare with, which is not the same as zero)."""
        self.rows = list(rows)
        self.compare = compare
        self.empty_text = "" if rows else _("Nobody in view for this period.")
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
            [(GIVEN_COLOUR, _("help given")), (RECEIVED_COLOUR, _("help received"))],
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
            p.setPen(QPen(QColor(theme.GRID), 1))
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
                p.fillRect(QRectF(x0, by, max(value * scale, 1), 8), theme.series(colour))
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
        before = (
            _("period before: gave {given}, received {received}").format(
                given=b.given, received=b.received
            )
            if self.compare
            else _("nothing logged in the period before")
        )
        QToolTip.showText(
            event.globalPosition().toPoint(),
            _(
                "{name} ({role})\ngave {given} (to {helped} people), received {received} "
                "(from {helped_by})\n{before}\nClick to see the exchanges."
            ).format(
                name=row.name,
                role=row.role or _("no role"),
                given=c.given,
                helped=c.helped,
                received=c.received,
                helped_by=c.helped_by,
                before=before,
            ),
            self,
        )


class NetworkChart(Chart):
    """People on a circle grouped by role; arrows from helper to helped."""

    memberClicked = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Help network"), parent)
        self.network: HelpNetwork | None = None
        self.by_role = False
        self._node_of: dict[int, int] = {}
        self.selected: int | None = None
        self.setMinimumHeight(380)
        self._pos: dict[int, QPointF] = {}

    def set_network(self, network: HelpNetwork) -> None:
        self.by_role = len(network.nodes) > MAX_PEOPLE_DRAWN
        self.network = by_role(network) if self.by_role else network
        # a selected person lights up their role's node when the graph is drawn by role
        self._node_of = role_node_of(network) if self.by_role else {}
        self.title = (
            _("Help network between roles (a large team)") if self.by_role else _("Help network")
        )
        self.empty_text = "" if network.nodes else _("Nobody in view for this period.")
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        net = self.network
        assert net is not None
        selected = self._node_of.get(self.selected, self.selected) if self.selected else None
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
        base = QColor(theme.HELP_EDGE)
        for e in sorted(net.edges, key=lambda e: e.count):
            share = e.count / most
            involved = selected in (e.helper_id, e.helped_id)
            colour = QColor(base)
            if selected is not None and not involved:
                colour.setAlphaF(0.06)
            else:
                colour.setAlphaF(0.15 + 0.8 * share if selected is None else 0.35 + 0.6 * share)
            self._arrow(
                p, self._pos[e.helper_id], self._pos[e.helped_id], 0.5 + 3.5 * share, colour
            )
        for n in net.nodes:
            pt = self._pos[n.member_id]
            p.setPen(QPen(self.palette().base().color(), 2))
            p.setBrush(theme.series(colour_for(colours, n.role)))
            r = 9 if n.member_id == selected else 7
            p.drawEllipse(pt, r, r)
            dx, dy = pt.x() - centre.x(), pt.y() - centre.y()
            dist = math.hypot(dx, dy) or 1
            lx, ly = pt.x() + dx / dist * 14, pt.y() + dy / dist * 14
            text = fm.elidedText(n.name, Qt.TextElideMode.ElideRight, int(label_w))
            w = fm.horizontalAdvance(text)
            x = lx if dx > 5 else lx - w if dx < -5 else lx - w / 2
            font = QFont(self.font())
            font.setBold(n.member_id == selected)
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
