"""Tick-all and tick-none buttons for a list of members with check boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget


def set_all_checked(widget: QListWidget, checked: bool) -> None:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    for i in range(widget.count()):
        item = widget.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(state)


def with_all_none(widget: QListWidget, what: str = "everyone") -> QWidget:
    """``widget`` with "All" and "None" buttons beside it (dialogs are tall enough),
    in one box: enable or disable the box, so that the buttons go with the list."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    row = QVBoxLayout()
    for text, checked, tip in (
        ("All", True, f"Tick {what}"),
        ("None", False, "Untick everyone"),
    ):
        button = QPushButton(text)
        button.setObjectName(f"{widget.objectName() or 'list'}_{text.lower()}")
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False, c=checked: set_all_checked(widget, c))
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box
