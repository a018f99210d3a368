"""The roster table's context menu: a member's check-in brief (the last three months).

Installed after the first frame (``RosterTab.finish_setup``): the first frame keeps clear
of menus it does not show yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView

from teamkeel.core.i18n import _
from teamkeel.core.roster.member import Member
from teamkeel.ui.checkin import export_brief
from teamkeel.ui.context import AppContext

# The member on the table's current row, or None.
CurrentMember = Callable[[], Member | None]


def install(table: QTableView, ctx: AppContext, current_member: CurrentMember) -> None:
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(lambda pos: show_menu(table, ctx, current_member, pos))


def menu_for(table: QTableView, ctx: AppContext, current_member: CurrentMember) -> QMenu | None:
    member = current_member()
    if member is None or member.id is None:
        return None
    menu = QMenu(table)
    action = menu.addAction(_("Check-in brief for {member_name}…").format(member_name=member.name))
    member_id, name = member.id, member.name
    action.triggered.connect(lambda: export_brief(ctx, member_id, name))
    return menu


def show_menu(table: QTableView, ctx: AppContext, current_member: CurrentMember,
              pos: QPoint) -> None:  # fmt: skip
    index = table.indexAt(pos)
    if index.isValid():
        table.setCurrentIndex(index)
    menu = menu_for(table, ctx, current_member)
    if menu is not None:
        menu.popup(table.viewport().mapToGlobal(pos))
