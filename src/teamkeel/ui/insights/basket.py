"""The outcome basket in the Insights tab: small trend charts of the leading indicators
Keel computes beside the outcomes the lead enters, with a note that they are proxies.

Figures are entered one at a time (month, metric, value) or imported from a CSV file;
each entry or import is one undo step (see ``InsightsTab``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.goals.indicators import PROXY_NOTE, Basket
from teamkeel.core.goals.outcomes import Metric, Series
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.insights.exchanges import BLOCKER, KUDO, SUPPORT
from teamkeel.ui import theme


def _leading() -> str:
    return theme.LEADING


def _outcome() -> str:
    return theme.OUTCOME


def _value(v: float, unit: str) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"
    return f"{text} %" if unit == "%" else f"{text} {unit}".strip()


class Sparkline(QWidget):
    """One metric over twelve months: a line, its latest figure, and which way is better."""

    def __init__(
        self, metric: Metric, colour: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Not "metric": QWidget.metric() is a virtual Qt calls while painting.
        self.measure = metric
        self.colour = colour  # read when painting: light or dark
        self.points: tuple[tuple[str, float], ...] = ()
        self.months: tuple[str, ...] = ()
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lower = metric.lower_is_better
        if lower is None:
            self.setToolTip(metric.shown_name)
        elif lower:
            self.setToolTip(_("{metric} (lower is better)").format(metric=metric.shown_name))
        else:
            self.setToolTip(_("{metric} (higher is better)").format(metric=metric.shown_name))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, 64)

    def set_series(self, series: Series, months: Sequence[str]) -> None:
        self.points, self.months = series.points, tuple(months)
        last = self.points[-1] if self.points else None
        what = (
            _("latest {value} ({month})").format(
                value=_value(last[1], self.measure.shown_unit), month=last[0]
            )
            if last
            else _("no figures yet")
        )
        self.setAccessibleName(f"{self.measure.shown_name}: {what}")
        self.update()

    def summary(self) -> str:
        if not self.points:
            return _("no figures yet")
        month, value = self.points[-1]
        return _("{value} in {month}").format(
            value=_value(value, self.measure.shown_unit), month=month
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        fm = p.fontMetrics()
        p.setPen(self.palette().text().color())
        p.drawText(
            QRectF(6, 2, self.width() - 12, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            self.measure.shown_name,
        )
        p.setPen(self.palette().placeholderText().color())
        p.drawText(
            QRectF(6, 2, self.width() - 12, fm.height()),
            Qt.AlignmentFlag.AlignRight,
            self.summary(),
        )
        plot = QRectF(8, fm.height() + 8, self.width() - 16, self.height() - fm.height() - 14)
        if not self.points or not self.months:
            return
        values = [v for _m, v in self.points]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        step = plot.width() / max(len(self.months) - 1, 1)
        where = {m: i for i, m in enumerate(self.months)}
        path = QPainterPath()
        dots = []
        for n, (month, value) in enumerate(self.points):
            pt = QPointF(
                plot.left() + where.get(month, 0) * step,
                plot.bottom() - (value - low) / span * plot.height(),
            )
            dots.append(pt)
            path.moveTo(pt) if n == 0 else path.lineTo(pt)
        colour = QColor(self.colour())
        p.setPen(QPen(colour, 2))
        p.drawPath(path)
        p.setBrush(colour)
        p.setPen(Qt.PenStyle.NoPen)
        for pt in dots:
            p.drawEllipse(pt, 2.5, 2.5)


class BasketCard(QWidget):
    figure_entered = Signal(str, str, str)  # metric key, month, value as typed
    import_requested = Signal()
    metric_added = Signal(str, str)  # name, unit as typed
    metric_renamed = Signal(str, str, str)  # key, new name, new unit
    metric_removed = Signal(str)  # key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insights_basket")
        title = QLabel(_("<b>Leading indicators and the outcome basket</b> · last 12 months"))
        self.kinds = QLabel()
        self.kinds.setObjectName("insights_kinds")
        self.kinds.setWordWrap(True)
        note = QLabel(_(PROXY_NOTE))
        note.setObjectName("insights_proxy_note")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.leading_box = QVBoxLayout()
        self.outcome_box = QVBoxLayout()
        columns = QGridLayout()
        columns.addWidget(QLabel(_("<i>Leading, from what Keel records</i>")), 0, 0)
        columns.addWidget(QLabel(_("<i>Outcomes, as you enter them</i>")), 0, 1)
        columns.addLayout(self.leading_box, 1, 0, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(self.outcome_box, 1, 1, Qt.AlignmentFlag.AlignTop)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        self.month = QLineEdit()
        self.month.setAccessibleName(_("Month of the figure"))
        self.month.setAccessibleDescription(_("The month the figure is for, as YYYY-MM"))
        self.month.setObjectName("basket_month")
        self.month.setPlaceholderText("2026-11")
        self.month.setMaximumWidth(90)
        # The metric to pick once the basket is shown again (it is measured on a
        # worker, so a metric just added or renamed is not in the list yet).
        self.pick_next: str | None = None
        self.metric_pick = QComboBox()
        self.metric_pick.setAccessibleName(_("Measure"))
        self.metric_pick.setObjectName("basket_metric")
        self.value = QLineEdit()
        self.value.setAccessibleName(_("Value of the figure"))
        self.value.setObjectName("basket_value")
        self.value.setPlaceholderText(_("figure"))
        self.value.setMaximumWidth(90)
        self.add_button = QPushButton(_("Add figure"))
        self.import_button = QPushButton(_("Import CSV…"))
        self.problem = QLabel()
        self.problem.setObjectName("basket_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        entry = QHBoxLayout()
        for widget in (
            QLabel(_("Month")),
            self.month,
            self.metric_pick,
            self.value,
            self.add_button,
        ):
            entry.addWidget(widget)
        entry.addStretch(1)
        entry.addWidget(self.import_button)
        own = self._build_own_metrics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for widget in (title, self.kinds, note):
            layout.addWidget(widget)
        layout.addLayout(columns)
        layout.addLayout(entry)
        layout.addLayout(own)
        layout.addWidget(self.problem)
        self.lines: dict[str, Sparkline] = {}
        self.outcome_lines: list[Sparkline] = []  # in the basket's order
        self.custom: dict[str, Metric] = {}  # the lead's own metrics, by key
        self.add_button.clicked.connect(self._enter)
        self.value.returnPressed.connect(self._enter)
        self.import_button.clicked.connect(self.import_requested)
        self.metric_pick.currentIndexChanged.connect(lambda _i: self._picked())
        self.add_metric_button.clicked.connect(
            lambda: self.metric_added.emit(self.metric_name.text(), self.metric_unit.text())
        )
        self.rename_button.clicked.connect(self._rename)
        self.remove_button.clicked.connect(self._remove)

    def _build_own_metrics(self) -> QHBoxLayout:
        """A metric of the lead's own: add one by name and unit, or rename or remove the
        one picked above (the built-in five stay as they are)."""
        self.metric_name = QLineEdit()
        self.metric_name.setObjectName("basket_metric_name")
        self.metric_name.setAccessibleName(_("Name of your own metric"))
        self.metric_name.setPlaceholderText(_("e.g. First answer in the help channel"))
        self.metric_unit = QLineEdit()
        self.metric_unit.setObjectName("basket_metric_unit")
        self.metric_unit.setAccessibleName(_("Unit of your own metric"))
        self.metric_unit.setPlaceholderText(_("unit, e.g. hours"))
        self.metric_unit.setMaximumWidth(110)
        self.add_metric_button = QPushButton(_("Add metric"))
        self.rename_button = QPushButton(_("Rename picked"))
        self.rename_button.setToolTip(
            _("Give the metric picked above the name and unit typed here")
        )
        self.remove_button = QPushButton(_("Remove picked"))
        self.remove_button.setToolTip(_("Remove the metric picked above (one of your own)"))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Your own metric")))
        row.addWidget(self.metric_name, 1)
        row.addWidget(self.metric_unit)
        for button in (self.add_metric_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        return row

    def picked_custom(self) -> Metric | None:
        return self.custom.get(str(self.metric_pick.currentData()))

    def _picked(self) -> None:
        metric = self.picked_custom()
        self.rename_button.setEnabled(metric is not None)
        self.remove_button.setEnabled(metric is not None)
        if metric is not None:  # ready to be renamed
            self.metric_name.setText(metric.name)
            self.metric_unit.setText(metric.unit)

    def _rename(self) -> None:
        metric = self.picked_custom()
        if metric is not None:
            self.metric_renamed.emit(metric.key, self.metric_name.text(), self.metric_unit.text())

    def _remove(self) -> None:
        metric = self.picked_custom()
        if metric is not None:
            self.metric_removed.emit(metric.key)

    def _enter(self) -> None:
        self.figure_entered.emit(
            str(self.metric_pick.currentData()), self.month.text(), self.value.text()
        )

    def show_kinds(self, kinds: dict[str, int]) -> None:
        kudos, blockers = kinds.get(KUDO, 0), kinds.get(BLOCKER, 0)
        support = kinds.get(SUPPORT, 0)
        self.kinds.setText(
            _(
                "Help logged in this period: {count} · {count2} helping with a blocker · "
                "{count3} done (weekly goals). A supportive action marked done counts as help "
                "given by the member and received by the colleague it was for, as its own kind "
                "beside kudos and blockers."
            ).format(
                count=ngettext("{count} kudo", "{count} kudos", kudos).format(count=kudos),
                count2=ngettext("{count} time", "{count} times", blockers).format(count=blockers),
                count3=ngettext(
                    "{count} supportive action", "{count} supportive actions", support
                ).format(count=support),
            )
        )

    def show_basket(self, basket: Basket, today: dt.date) -> None:
        self._forget_changed_metrics([s.metric for s in basket.outcomes])
        for box, series_list, colour in (
            (self.leading_box, basket.leading, _leading),
            (self.outcome_box, basket.outcomes, _outcome),
        ):
            for series in series_list:
                line = self.lines.get(series.metric.key)
                if line is None:
                    line = Sparkline(series.metric, colour)
                    line.setObjectName(f"basket_{series.metric.key}")
                    self.lines[series.metric.key] = line
                    box.addWidget(line)
                    if box is self.outcome_box:
                        self.outcome_lines.append(line)
                line.set_series(series, basket.months)
        wanted, self.pick_next = self.pick_next, None
        current = wanted or self.metric_pick.currentData()
        self.metric_pick.blockSignals(True)
        self.metric_pick.clear()
        for series in basket.outcomes:
            unit = f" ({series.metric.shown_unit})" if series.metric.unit else ""
            self.metric_pick.addItem(f"{series.metric.shown_name}{unit}", series.metric.key)
        self.metric_pick.setCurrentIndex(max(self.metric_pick.findData(current), 0))
        self.metric_pick.blockSignals(False)
        if wanted:
            self._picked()  # as if the lead had picked it: its name and unit to edit
        picked = self.picked_custom()
        self.rename_button.setEnabled(picked is not None)
        self.remove_button.setEnabled(picked is not None)
        if not self.month.text():
            last_month = today.replace(day=1) - dt.timedelta(days=1)
            self.month.setText(f"{last_month:%Y-%m}")

    def _forget_changed_metrics(self, outcomes: list[Metric]) -> None:
        """Drop the charts of metrics renamed or removed since last shown (and those
        after them, so the charts stay in the basket's order); they are made anew."""
        keep = 0
        for line, metric in zip(self.outcome_lines, outcomes, strict=False):
            if line.measure != metric:
                break
            keep += 1
        for line in self.outcome_lines[keep:]:
            self.outcome_box.removeWidget(line)
            line.deleteLater()
            del self.lines[line.measure.key]
        del self.outcome_lines[keep:]
        self.custom = {m.key: m for m in outcomes if not m.builtin}

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
