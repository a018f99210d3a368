"""Outcome figures from a CSV file as spreadsheets and form tools write them.

Two shapes are read:

- long: one figure per line, columns ``month``, ``metric``, ``value`` (any order, extra
  columns such as a form's ``Timestamp`` are ignored);
- wide: a ``month`` column and one column per metric, named like the metric.

Excel's ``;`` separator, decimal commas, a byte-order mark and Windows-1252 text are all
accepted. Any problem names its line, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from teamkeel.core.errors import KeelError, Problem, ValidationError, line_at
from teamkeel.core.files import read_input
from teamkeel.core.goals.outcomes import Outcomes, parse_month, parse_value
from teamkeel.core.i18n import _

_MONTH_HEADERS = {"month", "period", "monat", "mois", "mes", "date"}
_METRIC_HEADERS = {"metric", "measure", "indicator", "name"}
_VALUE_HEADERS = {"value", "figure", "count", "number", "amount"}

Figure = tuple[str, str, float]


# A year of a dozen figures is a few kilobytes; this leaves room for form exports.
MAX_BYTES = 10 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text: an ordinary file only, never more than ``MAX_BYTES`` read."""
    data = read_input(path, MAX_BYTES, _("outcome figures"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return list(reader)
    except csv.Error as exc:  # a cell past the csv module's field limit, a NUL byte
        raise ValidationError(
            [Problem(line_at(reader.line_num), _("unreadable CSV ({exc})").format(exc=exc))]
        ) from None


def read_figures(text: str, outcomes: Outcomes) -> list[Figure]:
    """(metric key, month, value) for every filled cell; ValidationError names lines."""
    rows = _rows(text)
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise ValidationError([Problem("line 1", _("the file is empty"))])
    header = [c.strip().casefold() for c in rows[0]]
    month_col = next((i for i, h in enumerate(header) if h in _MONTH_HEADERS), None)
    if month_col is None:
        raise ValidationError(
            [Problem("line 1", _("no “month” column (expected month, metric, value)"))]
        )
    metric_col = next((i for i, h in enumerate(header) if h in _METRIC_HEADERS), None)
    value_col = next((i for i, h in enumerate(header) if h in _VALUE_HEADERS), None)
    if metric_col is not None and value_col is not None:
        return _long(rows, month_col, metric_col, value_col, outcomes)
    return _wide(rows, month_col, outcomes)


def _long(
    rows: list[list[str]], month_col: int, metric_col: int, value_col: int, outcomes: Outcomes
) -> list[Figure]:
    problems: list[Problem] = []
    figures: list[Figure] = []
    for line, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        cells = row + [""] * (max(month_col, metric_col, value_col) + 1 - len(row))
        try:
            month = parse_month(cells[month_col])
            key = outcomes.find_metric(cells[metric_col]).key
            value = parse_value(cells[value_col])
        except (ValueError, KeelError) as exc:
            problems.append(Problem(line_at(line), str(exc)))
            continue
        figures.append((key, month, value))
    if problems:
        raise ValidationError(problems)
    return figures


def _wide(rows: list[list[str]], month_col: int, outcomes: Outcomes) -> list[Figure]:
    problems: list[Problem] = []
    columns: dict[int, str] = {}
    for i, title in enumerate(rows[0]):
        if i == month_col or not title.strip() or title.strip().casefold() == "timestamp":
            continue
        try:
            columns[i] = outcomes.find_metric(title.strip()).key
        except KeelError as exc:
            problems.append(Problem("line 1", str(exc)))
    if problems:
        raise ValidationError(problems)
    if not columns:
        raise ValidationError([Problem("line 1", _("no metric columns beside the month"))])
    figures: list[Figure] = []
    for line, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        try:
            month = parse_month(row[month_col] if month_col < len(row) else "")
        except ValueError as exc:
            problems.append(Problem(line_at(line), str(exc)))
            continue
        for i, key in columns.items():
            cell = row[i].strip() if i < len(row) else ""
            if not cell:
                continue
            try:
                figures.append((key, month, parse_value(cell)))
            except ValueError as exc:
                problems.append(Problem(line_at(line), f"{rows[0][i].strip()}: {exc}"))
    if problems:
        raise ValidationError(problems)
    return figures


def import_csv(outcomes: Outcomes, path: Path) -> int:
    """Read every figure first, then write them all in one transaction; returns how many."""
    figures = read_figures(read_text(path), outcomes)
    if not figures:
        raise ValidationError([Problem(path.name, _("no figures found"))])
    outcomes.set_values(figures)
    return len(figures)
