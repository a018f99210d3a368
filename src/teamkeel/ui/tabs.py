"""The window's tabs, in product order, each loaded when it is first built.

The window lists every tab by its title (``teamkeel.features.TAB_TITLES``) before any
tab's code has loaded; ``tab_class(key)`` imports one when it is built. Plain imports,
so that mypy checks them and a renamed module fails at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from teamkeel.features import TAB_TITLES

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from teamkeel.ui.base_tab import BaseTab
    from teamkeel.ui.window_host import WindowHost


def tab_module(key: str) -> str:
    """The package of the tab ``key``: importing it imports all that building it needs
    (the window imports it on a worker first, see ``MainWindow._build_next``)."""
    return f"teamkeel.ui.{key}"


TAB_MODULES = tuple(tab_module(key) for key in TAB_TITLES)


def tab_class(key: str) -> type[BaseTab]:
    if key == "journey":
        from teamkeel.ui.journey import TAB as journey

        return journey
    if key == "roster":
        from teamkeel.ui.roster import TAB as roster

        return roster
    if key == "compact":
        from teamkeel.ui.compact import TAB as compact

        return compact
    if key == "calendar":
        from teamkeel.ui.calendar import TAB as calendar

        return calendar
    if key == "rotations":
        from teamkeel.ui.rotations import TAB as rotations

        return rotations
    if key == "standup":
        from teamkeel.ui.standup import TAB as standup

        return standup
    if key == "insights":
        from teamkeel.ui.insights import TAB as insights

        return insights
    raise KeyError(f"no tab called {key!r}")


def file_menu_extras(window: WindowHost) -> list[QAction]:
    """File-menu entries of the features without a tab (Data safety)."""
    from teamkeel.ui import safety

    return safety.file_menu_actions(window)


def file_opened_extras(window: WindowHost) -> None:
    """Let the features without a tab follow the open file (backups while it is open);
    called once per opened file, after the first frame."""
    from teamkeel.ui import safety

    safety.file_opened(window)
