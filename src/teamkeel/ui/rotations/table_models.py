"""Tables of the Rotations tab: rotations, their rounds, and per-member figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from teamkeel.core import i18n
from teamkeel.core.i18n import N_, _
from teamkeel.core.rotations.export import describe_cadence, group_lines, sitting_out_text
from teamkeel.core.rotations.planner import KIND_LABELS, Kind
from teamkeel.core.rotations.records import RotationSpec, RotationSummary, RoundView
from teamkeel.core.rotations.stats import MemberStats
from teamkeel.ui import theme
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------------------- rotations

ROTATION_NAME, ROTATION_KIND, ROTATION_PROGRESS, ROTATION_NEXT = range(4)


class RotationListModel(TitledRowsModel):
    HEADERS = (N_("Rotation"), N_("Kind"), N_("Done"), N_("Next"))

    @property
    def items(self) -> list[RotationSummary]:
        return self.rows

    def set_items(self, items: list[RotationSummary]) -> None:
        self.set_rows(items)

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
            if col == ROTATION_NAME:
                return (
                    item.spec.name
                    if role == Qt.ItemDataRole.DisplayRole
                    else item.spec.name.casefold()
                )
            if col == ROTATION_KIND:
                return _(KIND_LABELS[item.spec.kind])
            if col == ROTATION_PROGRESS:
                return (
                    f"{item.done}/{item.rounds}"
                    if role == Qt.ItemDataRole.DisplayRole
                    else item.done
                )
            if col == ROTATION_NEXT:
                if item.next_day is None:
                    return "—" if role == Qt.ItemDataRole.DisplayRole else ""
                if role == SORT_ROLE:
                    return item.next_day.isoformat()
                return i18n.format_date(item.next_day, "dd MMM")
        return None


# ------------------------------------------------------------------------------ rounds

ROUND_NUMBER, ROUND_DATE, ROUND_STATUS, ROUND_GROUPS, ROUND_OUT = range(5)


class RoundTableModel(TitledRowsModel):
    HEADERS = (N_("Round"), N_("Date"), N_("Status"), N_("Who is with whom"), N_("Sits out"))

    def __init__(self) -> None:
        super().__init__()
        self.spec: RotationSpec | None = None
        self.names: dict[int, str] = {}
        # Each row's texts as first made: fitting rows and columns to their contents asks
        # every cell, more than once, and a round's groups take a while to spell out.
        self._texts: dict[tuple[int, int, int], str] = {}

    @property
    def rounds(self) -> list[RoundView]:
        return self.rows

    def set_rounds(
        self, spec: RotationSpec | None, rounds: list[RoundView], names: dict[int, str]
    ) -> None:
        self.beginResetModel()
        self.spec, self.rows, self.names = spec, list(rounds), names
        self._texts = {}
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
            return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.FontRole and col == ROUND_STATUS and not view.done:
            font = QFont()
            font.setItalic(True)
            return font
        if role == SORT_ROLE:
            return {
                ROUND_NUMBER: view.number,
                ROUND_DATE: view.day.isoformat(),
                ROUND_STATUS: view.done,
            }.get(col, self.data(index))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            key = (index.row(), col, int(role))
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self._text(view, col, role)
            return text
        return None

    def _text(self, view: RoundView, col: int, role: int) -> str:
        if self.spec is not None:
            if col == ROUND_NUMBER:
                return str(view.number + 1)
            if col == ROUND_DATE:
                return i18n.format_date(view.day, "EEE dd MMM y")
            if col == ROUND_STATUS:
                pins = _(" · pinned") if any(g.pinned for g in view.groups) else ""
                return (_("done") if view.done else _("planned")) + pins
            if col == ROUND_GROUPS:
                sep = "\n" if role == Qt.ItemDataRole.ToolTipRole else "  ·  "
                return sep.join(line.text for line in group_lines(self.spec, view, self.names))
            if col == ROUND_OUT:
                return sitting_out_text(view, self.names)
        return ""


# ------------------------------------------------------------------------------- stats

STATS_NAME, STATS_ROUNDS, STATS_PARTNERS, STATS_SAT_OUT, STATS_TRIO, STATS_HELD = range(6)


class StatsModel(TitledRowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.names: dict[int, str] = {}
        self.kind = Kind.PAIRS
        self.HEADERS = self._headers()

    def _headers(self) -> tuple[str, ...]:
        held = {Kind.ROLE: N_("Times held"), Kind.CROSS_CHECK: N_("Reviews given")}.get(
            self.kind, "—"
        )
        return (
            N_("Member"),
            N_("Rounds"),
            N_("Distinct partners"),
            N_("Sat out"),
            N_("Trio third"),
            held,
        )

    @property
    def stats(self) -> list[MemberStats]:
        return self.rows

    def set_stats(self, kind: Kind, stats: list[MemberStats], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.kind, self.rows, self.names = kind, list(stats), names
        self.HEADERS = self._headers()
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.stats[index.row()]
        col = index.column()
        name = self.names.get(s.member, f"#{s.member}")
        values = (name, s.rounds, s.distinct_partners, s.sat_out, s.trio_duty, s.held_role)
        if role == SORT_ROLE:
            return name.casefold() if col == STATS_NAME else values[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == STATS_HELD and self.kind not in (Kind.ROLE, Kind.CROSS_CHECK):
                return ""
            return str(values[col])
        if role == Qt.ItemDataRole.TextAlignmentRole and col != STATS_NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
