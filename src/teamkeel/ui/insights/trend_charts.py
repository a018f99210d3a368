"""Charts over time: blocker resolution per month and the safety survey per round."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QWidget

from teamkeel.core.i18n import _, format_number
from teamkeel.core.insights.blockers import MonthResolution
from teamkeel.core.insights.layout import (
    MEDIAN_COLOUR,
    P90_COLOUR,
    SURVEY_COLOUR,
    label_every,
    month_label,
    nice_ticks,
)
from teamkeel.core.insights.survey import ITEM_LABELS, RoundResult
from teamkeel.ui import theme
from teamkeel.ui.insights.charts import Chart


def _axis(p: QPainter, chart: Chart, plot: QRectF, ticks: Sequence[float]) -> float:
    """Horizontal grid lines with labels at the left; returns pixels per unit."""
    scale = plot.height() / (ticks[-1] - ticks[0])
    fm = p.fontMetrics()
    for t in ticks:
        y = plot.bottom() - (t - ticks[0]) * scale
        p.setPen(QPen(QColor(theme.GRID), 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(chart.palette().placeholderText().color())
        text = f"{t:g}"
        p.drawText(
            QPointF(plot.left() - 6 - fm.horizontalAdvance(text), y + fm.ascent() / 2 - 1), text
        )
    return scale


def _line(p: QPainter, points: Sequence[QPointF | None], colour: str, dots: bool) -> None:
    pen = QPen(theme.series(colour), 2)
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
        p.setBrush(theme.series(colour))
        p.setPen(Qt.PenStyle.NoPen)
        for pt in points:
            if pt is not None:
                p.drawEllipse(pt, 3, 3)


class BlockerTrendChart(Chart):
    """Median and 90th-percentile days to resolve, per month."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Blockers: days to resolve, per month"), parent)
        self.months: list[MonthResolution] = []
        self.setMinimumHeight(220)

    def set_months(self, months: Sequence[MonthResolution]) -> None:
        self.months = list(months)
        resolved = any(m.resolved for m in months)
        self.empty_text = "" if resolved else _("No blockers were resolved in this period.")
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        top = self.legend(
            p,
            area.left() + 36,
            area.top(),
            [(MEDIAN_COLOUR, _("median")), (P90_COLOUR, _("90th percentile"))],
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
        every = label_every(n, int(plot.width() // (fm.horizontalAdvance("May 0000") + 12)))
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
        super().__init__(
            _("Psychological safety per round (1–7, higher is safer; bars: middle half)"), parent
        )
        self.results: list[RoundResult] = []
        self.setMinimumHeight(220)

    def set_results(self, results: Sequence[RoundResult], withheld: int, minimum: int) -> None:
        self.results = list(results)
        self.empty_text = (
            ""
            if results
            else (
                _(
                    "No survey round large enough to show yet ({count} held back: fewer than "
                    "{minimum} responses)."
                ).format(count=withheld, minimum=minimum)
                if withheld
                else _("No survey round large enough to show yet.")
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
        whisker = theme.series(SURVEY_COLOUR)
        whisker.setAlphaF(0.35)
        p.setPen(QPen(whisker, 4))
        for r, pt in zip(self.results, pts, strict=True):
            if r.middle_half is None:  # a small round shows no spread: see survey.py
                continue
            low, high = r.middle_half
            p.drawLine(
                QPointF(pt.x(), plot.bottom() - (low - 1) * scale),
                QPointF(pt.x(), plot.bottom() - (high - 1) * scale),
            )
        _line(p, pts, SURVEY_COLOUR, dots=True)
        every = label_every(n, int(plot.width() // 80))
        for i, (r, pt) in enumerate(zip(self.results, pts, strict=True)):
            p.setPen(self.palette().text().color())
            text = f"{r.mean:.1f}"
            p.drawText(QPointF(pt.x() + 6, pt.y() - 4), text)  # beside the whisker
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
        super().__init__(_("Latest round, item by item"), parent)
        self.result: RoundResult | None = None
        self.setMinimumHeight(7 * 22 + 60)

    def set_result(self, result: RoundResult | None) -> None:
        self.result = result
        if result:
            day, mean = result.held_on.isoformat(), format_number(result.mean, 1)
            if result.middle_half is not None:
                low, high = result.middle_half
                self.title = _(
                    "Latest round, {day}: {count} responses, score {mean}, middle half {low}–{high}"
                ).format(
                    day=day,
                    count=result.responses,
                    mean=mean,
                    low=format_number(low, 1),
                    high=format_number(high, 1),
                )
            else:
                self.title = _("Latest round, {day}: {count} responses, score {mean}").format(
                    day=day, count=result.responses, mean=mean
                )
        self.empty_text = "" if result else _("No survey round to show yet.")
        self.update()

    def paint_chart(self, p: QPainter, area: QRectF) -> None:
        assert self.result is not None
        fm = p.fontMetrics()
        labels = [f"{i}. {t}" for i, t in enumerate(map(_, ITEM_LABELS), 1)]
        name_w = min(max(fm.horizontalAdvance(t) for t in labels) + 10, area.width() * 0.55)
        x0, w = area.left() + name_w, area.width() - name_w - 36
        scale = w / 6
        bottom = area.top() + 7 * 22
        for t in range(1, 8):
            x = x0 + (t - 1) * scale
            p.setPen(QPen(QColor(theme.GRID), 1))
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
            p.fillRect(
                QRectF(x0, y + 5, max((mean - 1) * scale, 1), 12), theme.series(SURVEY_COLOUR)
            )
            p.drawText(QPointF(x0 + (mean - 1) * scale + 4, y + 15), f"{mean:.1f}")
