"""The house look of Keel's PDFs: one palette and one way to make a paragraph style, so
the compact, the calendar, the rotations and the Journey read as one family."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle

from teamkeel.core.pdf import fonts

INK = colors.HexColor("#1D2530")  # body text
MUTED = colors.HexColor("#5B6573")  # dates, hints, secondary lines
ACCENT = colors.HexColor("#1F6F6A")  # headings and the team's name
TINT = colors.HexColor("#EAF3F1")  # the background of a header row or a box
RULE = colors.HexColor("#D5DBE0")  # table lines


def paragraph_style(name: str, size: float, *, bold: bool = False, color: Color = INK,
                    leading: float | None = None, leading_ratio: float = 1.3,
                    **rest: Any) -> ParagraphStyle:  # fmt: skip
    """A style in Keel's fonts; the line height is ``leading`` or ``size × leading_ratio``."""
    return ParagraphStyle(
        name,
        fontName=fonts.FONT_BOLD if bold else fonts.FONT,
        fontSize=size,
        leading=leading if leading is not None else size * leading_ratio,
        textColor=color,
        **rest,
    )
