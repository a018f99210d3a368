"""Every question the window asks the user goes through ``Prompts``.

The window never blocks in ``exec()``: each method opens a non-modal-blocking dialog
with ``open()`` and calls back when the user answers. Tests pass the window a stand-in
with the same methods that answers at once (``AnsweringPrompts`` in
``tests/conftest.py``; ``tests/test_ui_prompts.py`` checks that the two agree).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtWidgets import QWidget

from teamkeel.ui import settings as keel_settings

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings


class Prompts:
    # Dialog classes (``QtWidgets.QMessageBox``) and ``QtCore.Qt`` are looked up when a
    # dialog opens: PySide6 sets each up on first access, and the window's first frame
    # needs neither (see teamkeel.ui.rows_model).
    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        self.parent = parent
        # With settings, file dialogs open in the folder last used for the same kind of
        # file (by its ending: pdf, csv, keel...).
        self.settings = settings
        self._open: list[QtWidgets.QDialog] = []  # keep dialogs alive until answered

    def _folder(self, filters: str) -> str:
        if self.settings is None:
            return ""
        return keel_settings.last_folder(self.settings, keel_settings.file_kind(filters))

    def _remembering(
        self, filters: str, on_chosen: Callable[[str], object]
    ) -> Callable[[str], None]:
        def chosen(path: str) -> None:
            if self.settings is not None:
                keel_settings.remember_folder(self.settings, keel_settings.file_kind(filters), path)
            on_chosen(path)

        return chosen

    def _keep(self, dialog: QtWidgets.QDialog) -> None:
        if isinstance(dialog, QtWidgets.QMessageBox):
            # Answered messages go away; otherwise each would stay a hidden child of the
            # window for as long as it is open. (Not file dialogs: deleting Qt's own file
            # dialog right after it was accepted can crash.)
            dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open.append(dialog)
        dialog.finished.connect(
            lambda *_: self._open.remove(dialog) if dialog in self._open else None
        )

    def open_file(
        self, title: str, filters: str, on_chosen: Callable[[str], object], directory: str = ""
    ) -> None:
        dialog = QtWidgets.QFileDialog(
            self.parent, title, directory or self._folder(filters), filters
        )
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(self._remembering(filters, on_chosen))
        self._keep(dialog)
        dialog.open()

    def save_file(
        self, title: str, filters: str, on_chosen: Callable[[str], object], suggested: str = ""
    ) -> None:
        folder = self._folder(filters)
        start = str(Path(folder) / suggested) if folder and suggested else folder or suggested
        dialog = QtWidgets.QFileDialog(self.parent, title, start, filters)
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.AnyFile)
        if suggested and "." in suggested:
            dialog.setDefaultSuffix(suggested.rsplit(".", 1)[-1])

        def follow_type(name_filter: str) -> None:
            # A name typed without an ending gets the chosen type's, not the suggested
            # one's (else "PDF" chosen and "march" typed would write march.ics).
            found = re.search(r"\*\.(\w+)", name_filter)
            if found:
                dialog.setDefaultSuffix(found.group(1))

        dialog.filterSelected.connect(follow_type)
        dialog.fileSelected.connect(self._remembering(filters, on_chosen))
        self._keep(dialog)
        dialog.open()

    def confirm(self, title: str, text: str, on_yes: Callable[[], None]) -> None:
        buttons = QtWidgets.QMessageBox.StandardButton
        box = self._message(
            QtWidgets.QMessageBox.Icon.Question, title, text, buttons.Yes | buttons.Cancel
        )
        box.setDefaultButton(buttons.Cancel)
        box.accepted.connect(on_yes)
        box.open()

    def info(self, title: str, text: str) -> None:
        self._message(QtWidgets.QMessageBox.Icon.Information, title, text).open()

    def error(self, title: str, text: str, details: str = "") -> None:
        box = self._message(QtWidgets.QMessageBox.Icon.Warning, title, text)
        if details:
            box.setDetailedText(details)
        box.open()

    def _message(
        self,
        icon: QtWidgets.QMessageBox.Icon,
        title: str,
        text: str,
        buttons: QtWidgets.QMessageBox.StandardButton | None = None,
    ) -> QtWidgets.QMessageBox:
        box = QtWidgets.QMessageBox(
            icon, title, text, buttons or QtWidgets.QMessageBox.StandardButton.Ok, self.parent
        )
        self._keep(box)
        return box
