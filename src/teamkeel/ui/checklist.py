"""Tick-all and tick-none buttons for a list of members with check boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from teamkeel.core.i18n import N_, _


def set_all_checked(widget: QListWidget, checked: bool) -> None:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    for i in range(widget.count()):
        item = widget.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(state)


def with_all_none(widget: QListWidget, what: str = N_("everyone")) -> QWidget:
    """``widget`` with "All" and "None" buttons beside it (dialogs are tall enough),
    in one box: enable or disable the box, so that the buttons go with the list."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    row = QVBoxLayout()
    for text, checked, tip in (
        (N_("All"), True, _("Tick {what}").format(what=_(what))),
        (N_("None"), False, _("Untick everyone")),
    ):
        button = QPushButton(_(text))  # the English word names the button (objectName)

        button.setObjectName(f"{widget.objectName() or 'list'}_{text.lower()}")
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False, c=checked: set_all_checked(widget, c))
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box
