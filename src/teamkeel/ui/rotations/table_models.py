"""Tables of the Rotations tab: rotations, their rounds, and per-member figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from teamkeel.core.rotations.export import describe_cadence, group_lines, sitting_out_text
from teamkeel.core.rotations.planner import KIND_LABELS, Kind
from teamkeel.core.rotations.records import RotationSpec, RotationSummary, RoundView
from teamkeel.core.rotations.stats import MemberStats
from teamkeel.ui.rows_model import SORT_ROLE

ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _rows(self) -> Sequence[Any]:
        raise NotImplementedError


# ---------------------------------------------------------------------------- rotations

R_NAME, R_KIND, R_PROGRESS, R_NEXT = range(4)


class RotationListModel(_Table):
    headers = ("Rotation", "Kind", "Done", "Next")

    def __init__(self) -> None:
        super().__init__()
        self.items: list[RotationSummary] = []

    def _rows(self) -> Sequence[RotationSummary]:
        return self.items

    def set_items(self, items: list[RotationSummary]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def row_of(self, rotation_id: int) -> int:
        return next((i for i, r in enumerate(self.items) if r.spec.id == rotation_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return item.spec.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_cadence(item.spec)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == R_NAME:
                return (
                    item.spec.name
                    if role == Qt.ItemDataRole.DisplayRole
                    else item.spec.name.casefold()
                )
            if col == R_KIND:
                return KIND_LABELS[item.spec.kind]
            if col == R_PROGRESS:
                return (
                    f"{item.done}/{item.rounds}"
                    if role == Qt.ItemDataRole.DisplayRole
                    else item.done
                )
            if col == R_NEXT:
                if item.next_day is None:
                    return "—" if role == Qt.ItemDataRole.DisplayRole else ""
                if role == SORT_ROLE:
                    return item.next_day.isoformat()
                return f"{item.next_day:%d %b}"
        return None


# ------------------------------------------------------------------------------ rounds

N_NUMBER, N_DATE, N_STATUS, N_GROUPS, N_OUT = range(5)


class RoundTableModel(_Table):
    headers = ("Round", "Date", "Status", "Who is with whom", "Sits out")

    def __init__(self) -> None:
        super().__init__()
        self.rounds: list[RoundView] = []
        self.spec: RotationSpec | None = None
        self.names: dict[int, str] = {}

    def _rows(self) -> Sequence[RoundView]:
        return self.rounds

    def set_rounds(
        self, spec: RotationSpec | None, rounds: list[RoundView], names: dict[int, str]
    ) -> None:
        self.beginResetModel()
        self.spec, self.rounds, self.names = spec, rounds, names
        self.endResetModel()

    def row_of(self, round_id: int) -> int:
        return next((i for i, r in enumerate(self.rounds) if r.id == round_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.spec is None:
            return None
        view = self.rounds[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return view.id
        if role == Qt.ItemDataRole.ForegroundRole and view.done:
            return QColor("#5B6573")
        if role == Qt.ItemDataRole.FontRole and col == N_STATUS and not view.done:
            font = QFont()
            font.setItalic(True)
            return font
        if role == SORT_ROLE:
            return {N_NUMBER: view.number, N_DATE: view.day.isoformat(), N_STATUS: view.done}.get(
                col, self.data(index)
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == N_NUMBER:
                return str(view.number + 1)
            if col == N_DATE:
                return f"{view.day:%a %d %b %Y}"
            if col == N_STATUS:
                pins = " · pinned" if any(g.pinned for g in view.groups) else ""
                return ("done" if view.done else "planned") + pins
            if col == N_GROUPS:
                sep = "\n" if role == Qt.ItemDataRole.ToolTipRole else "  ·  "
                return sep.join(line.text for line in group_lines(self.spec, view, self.names))
            if col == N_OUT:
                return sitting_out_text(view, self.names)
        return None


# ------------------------------------------------------------------------------- stats

S_NAME, S_ROUNDS, S_PARTNERS, S_SAT_OUT, S_TRIO, S_HELD = range(6)


class StatsModel(_Table):
    def __init__(self) -> None:
        super().__init__()
        self.stats: list[MemberStats] = []
        self.names: dict[int, str] = {}
        self.kind = Kind.PAIRS
        self.headers = self._headers()

    def _headers(self) -> tuple[str, ...]:
        held = {Kind.ROLE: "Times held", Kind.CROSS_CHECK: "Reviews given"}.get(self.kind, "—")
        return ("Member", "Rounds", "Distinct partners", "Sat out", "Trio third", held)

    def _rows(self) -> Sequence[MemberStats]:
        return self.stats

    def set_stats(self, kind: Kind, stats: list[MemberStats], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.kind, self.stats, self.names = kind, stats, names
        self.headers = self._headers()
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.stats[index.row()]
        col = index.column()
        name = self.names.get(s.member, f"#{s.member}")
        values = (name, s.rounds, s.distinct_partners, s.sat_out, s.trio_duty, s.held_role)
        if role == SORT_ROLE:
            return name.casefold() if col == S_NAME else values[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == S_HELD and self.kind not in (Kind.ROLE, Kind.CROSS_CHECK):
                return ""
            return str(values[col])
        if role == Qt.ItemDataRole.TextAlignmentRole and col != S_NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
