"""Keel's own fonts for the window, not only for PDFs.

A machine without CJK fonts shows 李娜 or さくら as empty boxes; Keel ships Droid Sans
Fallback (and DejaVu Sans) for its PDFs, so once Qt knows those files the window shows
every name the PDFs show: Qt falls back to an application font for characters the
chosen font lacks. Registering them reads a few MB from disk (~15 ms), so the window
Keel starts with does it right after its first frame (``MainWindow._build_next``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from teamkeel.resources import ROOT

_families: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Add every font in ``resources/fonts`` to Qt's font database (once per process);
    return the families they hold."""
    global _families
    if _families is None:
        families: list[str] = []
        for path in sorted((ROOT / "fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:  # -1: a file Qt cannot read; the window does without it
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
        _families = sorted(set(families))
    return _families


def fonts_registered() -> bool:
    return _families is not None


def refresh_text(window: QWidget) -> None:
    """Make the widgets already shown lay their text out again with the fonts now
    known, then repaint. Line edits and labels keep the glyphs they looked up; views
    and buttons look them up on each paint."""
    widgets: list[QLineEdit | QLabel] = [
        *window.findChildren(QLineEdit),
        *window.findChildren(QLabel),
    ]
    for widget in widgets:
        if widget.isVisible() and widget.text():
            QApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
    window.update()
