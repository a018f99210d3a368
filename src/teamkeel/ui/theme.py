"""Keel's colours and text styles for widgets: the one place they are spelled.

Widgets name what a piece of text *is* (an error, a hint, a heading) and take its style
from here, so that one error red is used everywhere and a dark theme has one module to
change. Painted views (calendar, heat map, charts) take their colours from the palette
or from the named colours below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

# -- named colours ---------------------------------------------------------------------
ERROR = "#B3261E"  # a refused input, a field that needs attention
WARNING = "#8A4B00"  # allowed, but worth a second look (a pair meeting again)
MUTED = "#5B6573"  # secondary text: counts, hints, explanations
RULE = "#E3E7EB"  # thin lines between rows
DESK = "#8A939C"  # the table the compact's preview pages lie on

# Boxes that stand out from the page: (background, text, border).
NOTE = ("#EEF0F2", "#374151", "#D5DBE0")  # neutral: read-only notes, no review set
ATTENTION = ("#FEF3C7", "#713F12", "#F6D98B")  # something is due
ALARM = ("#FDE2E1", "#7F1D1D", "#F5B5B2")  # something is overdue
CALM = ("#E6F2EF", "#134E4A", "#BFDDD6")  # all is scheduled
PRIVATE = ("#FFF7E6", "#3B2F1A", "#F0D9A8")  # for the lead's eyes only

# -- text styles -----------------------------------------------------------------------
TITLE = "font-size: 16pt; font-weight: 600;"  # a member's name in the form
TEAM_NAME = "font-size: 14pt; font-weight: 600;"
HEADING = "font-size: 13pt; font-weight: 600;"  # a panel's heading
SUBHEADING = "font-size: 11pt; font-weight: 600;"
ERROR_TEXT = f"color: {ERROR};"
STRONG_ERROR_TEXT = f"color: {ERROR}; font-weight: 600;"
WARNING_TEXT = f"color: {WARNING}; font-weight: 600;"
MUTED_TEXT = f"color: {MUTED};"
HINT_TEXT = "color: palette(placeholder-text);"  # follows the light or dark palette
FIELD_ERROR = f"border: 2px solid {ERROR}; border-radius: 3px;"


def box(colours: tuple[str, str, str], padding: int = 0) -> str:
    """A style sheet body for a box in one of the named colour sets."""
    background, text, border = colours
    pad = f" padding: {padding}px;" if padding else ""
    return (
        f"background: {background}; color: {text}; border: 1px solid {border}; "
        f"border-radius: 4px;{pad}"
    )


def show_problem(label: QLabel, text: str) -> None:
    """Say what is wrong with an input in ``label`` (in the error style), or hide the
    label when ``text`` is empty."""
    if label.styleSheet() != ERROR_TEXT:
        label.setStyleSheet(ERROR_TEXT)
    label.setText(text)
    label.setVisible(bool(text))


def mark_field(field: QWidget, bad: bool) -> None:
    """Frame an input field in the error colour while what it holds is refused."""
    style = field.styleSheet().replace(FIELD_ERROR, "")
    field.setStyleSheet(style + FIELD_ERROR if bad else style)
