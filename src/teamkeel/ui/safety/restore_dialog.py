"""File → Data safety → Restore from backup…: pick one of the open file's backups and
put it back. Non-blocking: the question goes through ``window.prompts``."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from teamkeel.core import i18n
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.safety.backup import Backup, BackupPolicy, list_backups, restore
from teamkeel.core.storage.teamfile import back_up_before_open
from teamkeel.ui.safety.backups_model import TAKEN, BackupTableModel
from teamkeel.ui.tables import read_only_table
from teamkeel.ui.worker import run_in_worker

if TYPE_CHECKING:
    from teamkeel.ui.window_host import WindowHost


class RestoreDialog(QDialog):
    def __init__(self, window: WindowHost, team_path: Path):
        super().__init__(window)
        self.window_ = window
        self.team_path = team_path
        self.setWindowTitle(_("Restore from backup"))
        self.setObjectName("restoreDialog")
        self.resize(560, 420)
        layout = QVBoxLayout(self)

        policy = BackupPolicy.load()
        intro = QLabel(
            _(
                "<p>Keel backs up <b>{file}</b> every time it opens it, and keeps the "
                "latest {keep} backups plus one from each of the last {weeks} weeks.</p>"
                "<p>Restoring replaces what is in the file now with the chosen backup. What is "
                "in the file now is backed up first, so a restore can itself be undone.</p>"
            ).format(file=team_path.name, keep=policy.keep_last, weeks=policy.keep_weeks)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        opened = window.ctx.team if window.ctx is not None else None
        if opened is not None and opened.open_warnings:
            warning = QLabel(
                _("<p><b>Note:</b> {warnings}</p>").format(warnings=" ".join(opened.open_warnings))
            )
            warning.setWordWrap(True)
            layout.addWidget(warning)

        self.model = BackupTableModel()
        self.table, self.proxy = read_only_table(self.model, "restore_backups", self)
        self.table.setAccessibleName(_("Backups"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TAKEN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.ask_to_restore())
        layout.addWidget(self.table, 1)

        self.empty_label = QLabel(_("There are no backups of this file yet."))
        layout.addWidget(self.empty_label)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.ask_to_restore)
        layout.addWidget(buttons)

        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def reload(self) -> None:
        backups = list_backups(self.team_path)
        self.model.set_backups(backups)
        self.table.sortByColumn(TAKEN, Qt.SortOrder.DescendingOrder)
        self.empty_label.setVisible(not backups)
        self.table.setVisible(bool(backups))
        if backups:
            self.table.selectRow(0)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.backup(self.proxy.mapToSource(rows[0]).row())

    def select_backup(self, path: Path) -> bool:
        for row in range(self.proxy.rowCount()):
            if (
                self.model.backup(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).path
                == path
            ):
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def ask_to_restore(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        taken = backup.local_time()
        self.window_.prompts.confirm(
            _("Restore from backup"),
            _(
                "Replace everything in {file} with the backup taken {date} at {time}?\n\n"
                "What the file holds now is backed up first."
            ).format(
                file=self.team_path.name,
                date=i18n.format_date(taken, "full"),
                time=i18n.format_time(taken, "short"),
            ),
            lambda: self._restore(backup),
        )

    def _restore(self, backup: Backup) -> None:
        self.accept()
        restore_into_window(self.window_, backup.path)


def restore_into_window(
    window: WindowHost, backup: Path, done: Callable[[], None] | None = None
) -> bool:
    """Close the open team, restore the backup over its file, and open it again. The
    copying (the current state kept as a backup, the backup copied over the file, and
    the backup taken before opening) runs on a worker; the window shows no file
    meanwhile, so nothing can be edited in between. False if no file is open."""
    if window.ctx is None:
        return False
    path = window.ctx.team.path
    window._close_team()  # no connection of ours may hold the file during the restore

    def work(_keep_going: object) -> Backup | None:
        before = restore(backup, path)
        with contextlib.suppress(KeelError, OSError, sqlite3.Error):
            back_up_before_open(path)  # the open below says what went wrong, if anything
        return before

    def failed(problem: str) -> None:
        window.open_file(path)
        window.prompts.error(
            _("Restore failed"), _("{problem} The file was left as it was.").format(problem=problem)
        )

    def restored(before: Backup | None) -> None:
        if not window.open_file(path):
            return
        if before:
            done_text = _(
                "Restored {file} from a backup. The previous state is kept as a backup ({backup})."
            ).format(file=path.name, backup=before.path.name)
        else:
            done_text = _("Restored {file} from a backup.").format(file=path.name)
        window.statusBar().showMessage(done_text, 10000)
        if done:
            done()

    run_in_worker(work, done=restored, failed=failed, parent=window)
    return True
