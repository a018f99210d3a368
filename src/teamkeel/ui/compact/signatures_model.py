"""The signatories table: every roster member, whether they agreed, and when.

Checking a member signs them today; the date can be edited (e.g. signatures collected
on paper at the kickoff). For a ratified version the table only shows who signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from teamkeel.core import i18n
from teamkeel.core.compact.document import Compact, Signature
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster import Member
from teamkeel.ui.date_range import qdate
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

MEMBER, ROLE, SIGNED_ON = range(3)
HEADERS = (N_("Member"), N_("Role"), N_("Agreed on"))

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: these are flat tables


class SignatureTableModel(TitledRowsModel):
    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self.read_only = False
        self.on_change: Callable[[tuple[Signature, ...]], None] = lambda signatures: None
        self.today: Callable[[], dt.date] = dt.date.today

    def set_contents(self, compact: Compact, members: list[Member]) -> None:
        self.beginResetModel()
        self.read_only = not compact.is_draft
        rows = []
        if compact.is_draft:
            seen = set()
            for m in members:
                if m.id is None or m.archived and compact.signature_of(m.id) is None:
                    continue
                signed = compact.signature_of(m.id)
                rows.append((m.id, m.name, m.role, signed.signed_on if signed else None))
                seen.add(m.id)
            rows += [
                (s.member_id, s.name, "", s.signed_on)
                for s in compact.signatures
                if s.member_id not in seen
            ]
        else:
            roles = {m.id: m.role for m in members}
            rows = [
                (s.member_id, s.name, roles.get(s.member_id, ""), s.signed_on)
                for s in compact.signatures
            ]
        self.rows = rows
        self.endResetModel()

    def signatures(self) -> tuple[Signature, ...]:
        return tuple(Signature(i, name, day) for i, name, _, day in self.rows if day is not None)

    def signed_count(self) -> int:
        return sum(1 for row in self.rows if row[3] is not None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member_id, name, role_text, day = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == MEMBER:
                return name
            if column == ROLE:
                return role_text
            if column == SIGNED_ON:
                return i18n.format_date(day, "dd MMM y") if day else _("not yet")
        if role == Qt.ItemDataRole.EditRole and column == SIGNED_ON:
            return qdate(day or self.today())
        if role == Qt.ItemDataRole.CheckStateRole and column == MEMBER:
            return Qt.CheckState.Checked if day else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            if column == SIGNED_ON:
                return day.toordinal() if day else 0
            return (name if column == MEMBER else role_text).casefold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or not index.isValid():
            return base
        if index.column() == MEMBER:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == SIGNED_ON and self.rows[index.row()][3] is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self.read_only or not index.isValid():
            return False
        member_id, name, role_text, day = self.rows[index.row()]
        if index.column() == MEMBER and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            day = self.today() if checked else None
        elif index.column() == SIGNED_ON and role == Qt.ItemDataRole.EditRole:
            new_day = value.toPython() if isinstance(value, QDate) else value
            if not isinstance(new_day, dt.date) or new_day > self.today():
                return False  # nobody agrees in the future
            day = new_day
        else:
            return False
        rows = list(self.rows)
        rows[index.row()] = (member_id, name, role_text, day)
        self.on_change(tuple(Signature(i, n, d) for i, n, _, d in rows if d is not None))
        return True


class SignatureProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
