"""The window's side of data safety: File → Data safety → Restore from backup… and
Check file integrity, and backups while a file is open. No tab;
``teamkeel.ui.main_window`` picks up ``file_menu_actions`` and ``file_opened``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.safety.check import check_file

if TYPE_CHECKING:
    from teamkeel.ui.safety.restore_dialog import RestoreDialog
    from teamkeel.ui.window_host import WindowHost

MAX_SHOWN = 8  # findings listed in the message; all of them go in its details


def file_opened(window: WindowHost) -> None:
    """Back the open file up while it is open (see ``autobackup``)."""
    from teamkeel.ui.safety import autobackup

    autobackup.attach(window)


def file_menu_actions(window: WindowHost) -> list[QAction]:
    has_file = window.ctx is not None
    restore = QAction(_("&Restore from backup…"), window)
    restore.setObjectName("restoreFromBackup")
    restore.setStatusTip(_("Put an automatic backup of this team file back in place."))
    restore.triggered.connect(lambda: open_restore_dialog(window))
    check = QAction(_("Check file &integrity"), window)
    check.setObjectName("checkIntegrity")
    check.setStatusTip(_("Look for damage and inconsistencies in this team file."))
    check.triggered.connect(lambda: check_integrity(window))
    for action in (restore, check):
        action.setEnabled(has_file)
    if window.ctx is not None and window.ctx.team.open_warnings:
        # The menu is rebuilt right after a file opens: the moment to say that its
        # on-open backup could not be made (it opened anyway; older backups remain).
        window.statusBar().showMessage(" ".join(window.ctx.team.open_warnings), 15000)
    return [restore, check]


def open_restore_dialog(window: WindowHost) -> RestoreDialog | None:
    from teamkeel.ui.safety.restore_dialog import RestoreDialog

    if window.ctx is None:
        return None
    dialog = RestoreDialog(window, window.ctx.team.path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def check_integrity(window: WindowHost) -> None:
    if window.ctx is None:
        return
    path = window.ctx.team.path
    try:
        findings = check_file(path)
    except KeelError as exc:
        window.prompts.error(_("Check file integrity"), str(exc))
        return
    if not findings:
        window.prompts.info(
            _("Check file integrity"),
            _(
                "{file} is whole and consistent: neither SQLite's checks nor Keel's own "
                "found a problem."
            ).format(file=path.name),
        )
        return
    shown = "\n".join(f"• {f}" for f in findings[:MAX_SHOWN])
    if len(findings) > MAX_SHOWN:
        rest = len(findings) - MAX_SHOWN
        shown += "\n" + ngettext("…and {count} more.", "…and {count} more.", rest).format(
            count=rest
        )
    window.prompts.error(
        _("Check file integrity"),
        ngettext(
            "{count} problem found in {file}:\n{problems}\n\nRestoring a backup from before "
            "the problem appeared is the safest fix (File → Data safety → Restore from backup…).",
            "{count} problems found in {file}:\n{problems}\n\nRestoring a backup from before "
            "the problem appeared is the safest fix (File → Data safety → Restore from backup…).",
            len(findings),
        ).format(count=len(findings), file=path.name, problems=shown),
        "\n".join(str(f) for f in findings),
    )
