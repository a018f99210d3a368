"""The outcome basket: monthly figures read beside the leading indicators.

Five metrics are built in (the lagging outcomes a team lead can count by hand); the lead
can add more with a name and a unit. Values are one number per metric and month.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from teamkeel.core.dates import FIRST_DAY, LAST_DAY, RANGE_TEXT
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.goals.models import OutcomeMetricRow, OutcomeValueRow
from teamkeel.core.i18n import N_, _
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.text import strip_controls


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    unit: str
    builtin: bool = False
    # Which way is better, so a chart can say "lower is better" (never a verdict).
    lower_is_better: bool | None = None

    # Keel's own metrics are named in English in the file and the JSON (the key is what
    # identifies them); the lead reads them in the language Keel speaks.
    @property
    def shown_name(self) -> str:
        return _(self.name) if self.builtin else self.name

    @property
    def shown_unit(self) -> str:
        return _(self.unit) if self.builtin and self.unit else self.unit


BUILTIN: tuple[Metric, ...] = (
    Metric("voluntary_leavers", N_("Voluntary leavers"), N_("people"), True, True),
    Metric("on_time_delivery", N_("Commitments met on time"), "%", True, False),
    Metric("post_release_defects", N_("Defects found after release"), N_("defects"), True, True),
    Metric(
        "overtime_incidents",
        N_("Overtime or weekend-work incidents"),
        N_("incidents"),
        True,
        True,
    ),
    Metric(
        "feedback_attendance",
        N_("Attendance at voluntary feedback sessions"),
        N_("people"),
        True,
        False,
    ),
)
# A metric's name and unit head a chart and a PDF column; the schema says the same.
MAX_NAME = 120
MAX_UNIT = 40

_ALIASES = {
    "leavers": "voluntary_leavers",
    "turnover": "voluntary_leavers",
    "voluntary turnover": "voluntary_leavers",
    "on time": "on_time_delivery",
    "on-time delivery": "on_time_delivery",
    "on time delivery": "on_time_delivery",
    "defects": "post_release_defects",
    "escaped defects": "post_release_defects",
    "overtime": "overtime_incidents",
    "weekend work": "overtime_incidents",
    "feedback attendance": "feedback_attendance",
    "feedback sessions": "feedback_attendance",
}
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}


@dataclass(frozen=True)
class RemovedMetric:
    """A removed metric with its row id and figures, so that undo puts all of it back."""

    id: int
    metric: Metric
    figures: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Series:
    """One metric's values by month, oldest first (months without a figure are absent)."""

    metric: Metric
    points: tuple[tuple[str, float], ...]


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[^\w]+", "_", text).strip("_")[:60]


def parse_month(text: str) -> str:
    """``2026-11``, ``2026-11-01``, ``11/2026``, ``01.11.2026``, ``Nov 2026`` -> ``2026-11``."""
    raw = str(text).strip()
    patterns = (
        (r"(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T].*)?", (1, 2)),
        (r"(\d{1,2})[/.](\d{4})", (2, 1)),
        (r"\d{1,2}[/.](\d{1,2})[/.](\d{4})", (2, 1)),
    )
    for pattern, (y, m) in patterns:
        match = re.fullmatch(pattern, raw)
        if match:
            return _month(int(match.group(y)), int(match.group(m)), raw)
    match = re.fullmatch(r"([A-Za-z]+)[ -]?(\d{4})", raw)
    if match and match.group(1).casefold() in _MONTHS:
        return _month(int(match.group(2)), _MONTHS[match.group(1).casefold()], raw)
    raise ValueError(_("“{text}” is not a month like 2026-11").format(text=raw))


def _month(year: int, month: int, raw: str) -> str:
    if not 1 <= month <= 12:
        raise ValueError(_("“{text}” is not a month like 2026-11").format(text=raw))
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise ValueError(
            _("{month} is out of range ({range})").format(
                month=f"{year:04d}-{month:02d}", range=RANGE_TEXT
            )
        )
    return f"{year:04d}-{month:02d}"


def parse_value(text: str) -> float:
    """A figure as spreadsheets write it: ``12``, ``12.5``, ``12,5``, ``87 %``."""
    raw = str(text).strip().replace("\u00a0", " ").rstrip("%").strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(_("“{text}” is not a number").format(text=str(text).strip()))
    return value


def months_back(last: str, count: int) -> list[str]:
    year, month = int(last[:4]), int(last[5:7])
    out = []
    for _month in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


class Outcomes:
    def __init__(self, team: TeamFile):
        self.team = team

    def metrics(self) -> list[Metric]:
        with self.team.session() as s:
            custom = [
                Metric(r.key, r.name, r.unit)
                for r in s.scalars(
                    select(OutcomeMetricRow)
                    .where(OutcomeMetricRow.builtin.is_(False))
                    .order_by(OutcomeMetricRow.id)
                )
            ]
        return [*BUILTIN, *custom]

    def find_metric(self, text: str) -> Metric:
        """A metric by key, name or a common alias (case and punctuation ignored)."""
        wanted = slug(text)
        for metric in self.metrics():
            if wanted in (metric.key, slug(metric.name), slug(metric.shown_name)):
                return metric
        alias = _ALIASES.get(" ".join(str(text).casefold().split()))
        if alias:
            return next(m for m in BUILTIN if m.key == alias)
        names = ", ".join(m.key for m in self.metrics())
        raise KeelError(
            _("No metric “{text}” in the basket (metrics: {names}).").format(text=text, names=names)
        )

    def add_metric(self, name: str, unit: str = "", metric_id: int | None = None) -> Metric:
        """Add the lead's own metric (``metric_id`` brings back a removed one in its place)."""
        metric = self._checked(name, unit)
        with self.team.session() as s:
            s.add(
                OutcomeMetricRow(id=metric_id, key=metric.key, name=metric.name, unit=metric.unit)
            )
        return metric

    def rename_metric(self, key: str, name: str, unit: str) -> Metric:
        """Give one of the lead's metrics a new name and unit; returns it as it was.

        The key follows the name (figures hang on the metric's row, not on its key), so
        the command line and the CSV import find it by the name the lead now uses.
        """
        new = self._checked(name, unit, keeping=key)
        with self.team.session() as s:
            row = self._custom_row(s, key)
            before = Metric(row.key, row.name, row.unit)
            row.key, row.name, row.unit = new.key, new.name, new.unit
        return before

    def remove_metric(self, key: str, with_figures: bool = False) -> RemovedMetric:
        """Remove a metric the lead added; built-in ones always stay. Without
        ``with_figures`` a metric that has figures is refused (the command line's way);
        the window asks first and keeps everything for its undo (``restore_metric``)."""
        with self.team.session() as s:
            row = self._custom_row(s, key)
            values = s.execute(
                select(OutcomeValueRow.month, OutcomeValueRow.value)
                .where(OutcomeValueRow.metric_id == row.id)
                .order_by(OutcomeValueRow.month)
            ).all()
            if values and not with_figures:
                raise KeelError(_("“{name}” has figures: remove them first.").format(name=row.name))
            gone = RemovedMetric(
                row.id, Metric(row.key, row.name, row.unit), tuple((m, v) for m, v in values)
            )
            s.execute(delete(OutcomeValueRow).where(OutcomeValueRow.metric_id == row.id))
            s.delete(row)
        return gone

    def restore_metric(self, gone: RemovedMetric) -> None:
        """Put a removed metric back in its place, with its figures, in one transaction."""
        with self.team.session() as s:
            s.add(
                OutcomeMetricRow(
                    id=gone.id, key=gone.metric.key, name=gone.metric.name, unit=gone.metric.unit
                )
            )
            s.flush()
            for month, value in gone.figures:
                s.add(OutcomeValueRow(metric_id=gone.id, month=month, value=value))

    def figure_count(self, key: str) -> int:
        with self.team.session() as s:
            row = self._custom_row(s, key)
            return len(
                s.scalars(
                    select(OutcomeValueRow.month).where(OutcomeValueRow.metric_id == row.id)
                ).all()
            )

    def _checked(self, name: str, unit: str, keeping: str | None = None) -> Metric:
        """A metric's cleaned name and unit; refused when empty, too long or taken by
        another metric than ``keeping`` (the one being renamed)."""
        clean = " ".join(strip_controls(name).split())
        unit = " ".join(strip_controls(unit).split())
        key = slug(clean)
        if not key:
            raise ValidationError([Problem("name", _("give the metric a name"))])
        for field, text, limit in (("name", clean, MAX_NAME), ("unit", unit, MAX_UNIT)):
            if len(text) > limit:
                raise ValidationError(
                    [Problem(field, _("keep it under {limit} characters").format(limit=limit))]
                )
        others = [m for m in self.metrics() if m.key != keeping]
        if any(key in (m.key, slug(m.name)) for m in others):
            raise ValidationError(
                [Problem("name", _("the basket already has “{clean}”").format(clean=clean))]
            )
        return Metric(key, clean, unit)

    @staticmethod
    def _custom_row(s: Session, key: str) -> OutcomeMetricRow:
        row = s.scalar(select(OutcomeMetricRow).where(OutcomeMetricRow.key == key))
        if row is None or row.builtin or key in {m.key for m in BUILTIN}:
            raise KeelError(_("“{key}” is not a metric the lead added.").format(key=key))
        return row

    def set_values(
        self, values: Iterable[tuple[str, str, float | None]]
    ) -> list[tuple[str, str, float | None]]:
        """Write (metric key, month, value) figures in one transaction; None removes one.

        Returns the figures as they were before, in the same shape (for undo).
        """
        before: list[tuple[str, str, float | None]] = []
        with self.team.session() as s:
            ids = self._metric_ids(s)
            for key, month, value in values:
                if key not in ids:
                    raise KeelError(_("No metric “{key}” in the basket.").format(key=key))
                month = parse_month(month)
                row = s.get(OutcomeValueRow, (ids[key], month))
                before.append((key, month, None if row is None else row.value))
                if value is None:
                    if row is not None:
                        s.delete(row)
                elif row is None:
                    s.add(OutcomeValueRow(metric_id=ids[key], month=month, value=float(value)))
                else:
                    row.value = float(value)
                s.flush()
        return before[::-1]

    def series(self, first: str | None = None, last: str | None = None) -> list[Series]:
        """Every metric with its figures in ``[first, last]`` (months as ``YYYY-MM``)."""
        R = OutcomeValueRow
        query = select(OutcomeMetricRow.key, R.month, R.value).join(OutcomeMetricRow)
        if first:
            query = query.where(R.month >= first)
        if last:
            query = query.where(R.month <= last)
        points: dict[str, list[tuple[str, float]]] = {}
        with self.team.session() as s:
            for key, month, value in s.execute(query.order_by(R.month)).all():
                points.setdefault(key, []).append((month, value))
        return [Series(m, tuple(points.get(m.key, ()))) for m in self.metrics()]

    def basket(self, end: dt.date, months: int = 12) -> list[Series]:
        """The last ``months`` months up to the month of ``end``."""
        span = months_back(f"{end:%Y-%m}", months)
        return self.series(span[0], span[-1])

    @staticmethod
    def _metric_ids(s: Session) -> dict[str, int]:
        """Metric keys to row ids, adding the built-in metrics' rows on first use."""
        ids = dict(s.execute(select(OutcomeMetricRow.key, OutcomeMetricRow.id)).all())
        for metric in BUILTIN:
            if metric.key not in ids:
                row = OutcomeMetricRow(
                    key=metric.key, name=metric.name, unit=metric.unit, builtin=True
                )
                s.add(row)
                s.flush()
                ids[metric.key] = row.id
        return ids


def basket_json(series: list[Series]) -> list[dict[str, object]]:
    return [
        {
            "metric": x.metric.key,
            "name": x.metric.name,
            "unit": x.metric.unit,
            "values": [{"month": m, "value": v} for m, v in x.points],
        }
        for x in series
    ]
