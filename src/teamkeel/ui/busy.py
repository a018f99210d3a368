"""A wait cursor around work that takes a moment (importing a large file)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtGui import QCursor, QGuiApplication


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    from PySide6.QtCore import Qt

    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
