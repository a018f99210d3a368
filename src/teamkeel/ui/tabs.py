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
    """The package of the tab ``key``: importing it imports all that building it needs."""
    return f"teamkeel.ui.{key}"


TAB_MODULES = tuple(tab_module(key) for key in TAB_TITLES)


def import_core_of(key: str) -> None:
    """Import the Qt-free modules (``teamkeel.core...``) the tab's package imports at
    module level, read from its source: a worker runs this before the tab is built, so
    that its services and their libraries do not load on the main thread.

    The tab's own modules are not imported here: they make PySide6 enum types, which
    PySide6 creates lazily on first use, and two threads doing that at once crash the
    process (a segmentation fault at start, seen in tests/test_fast_start_slices.py)."""
    import ast
    import importlib
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(tab_module(key))
    folders = list(spec.submodule_search_locations or []) if spec else []
    wanted: set[str] = set()
    for folder in folders:
        for source in sorted(Path(folder).glob("*.py")):
            tree = ast.parse(source.read_text(encoding="utf-8"))
            for node in tree.body:  # module level only; TYPE_CHECKING blocks are skipped
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "teamkeel.core"
                ):
                    wanted.add(node.module or "")
    for name in sorted(wanted):
        importlib.import_module(name)


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
