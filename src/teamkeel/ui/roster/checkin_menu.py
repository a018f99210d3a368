"""The roster table's context menu: a member's check-in brief (the last three months).

Installed after the first frame (``RosterTab.finish_setup``): the first frame keeps clear
of menus it does not show yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from teamkeel.core.i18n import _
from teamkeel.ui.checkin import export_brief

if TYPE_CHECKING:
    from teamkeel.ui.roster.tab import RosterTab


def install(tab: RosterTab) -> None:
    tab.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tab.table.customContextMenuRequested.connect(lambda pos: show_menu(tab, pos))


def menu_for(tab: RosterTab) -> QMenu | None:
    member = tab.current_member()
    if member is None or member.id is None:
        return None
    menu = QMenu(tab.table)
    action = menu.addAction(_("Check-in brief for {member_name}…").format(member_name=member.name))
    member_id, name = member.id, member.name
    action.triggered.connect(lambda: export_brief(tab.ctx, member_id, name))
    return menu


def show_menu(tab: RosterTab, pos: QPoint) -> None:
    index = tab.table.indexAt(pos)
    if index.isValid():
        tab.table.setCurrentIndex(index)
    menu = menu_for(tab)
    if menu is not None:
        menu.popup(tab.table.viewport().mapToGlobal(pos))
