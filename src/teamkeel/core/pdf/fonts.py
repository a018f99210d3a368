"""Fonts for every PDF Keel writes, with per-character fallback.

reportlab draws a string in exactly one font and prints an empty box for any character
that font lacks. Team rosters mix scripts (Zoë, Ōsaka, Ελένη, Дмитрий, 李娜), and no
single shipped font covers all of them, so text is split into runs: each character goes
to DejaVu Sans when DejaVu has its glyph, otherwise to the first fallback that has it:
Droid Sans Fallback (CJK), Symbola (emoji up to Unicode 9 and symbols, in black and
white), Noto Sans Runic. Consecutive characters with the same font form one run.

Not covered, said plainly: emoji newer than Unicode 9 and scripts none of these fonts
have print as a box (the character stays in the text layer); emoji sequences (👩‍💻,
skin tones, flags) print as their parts side by side, since reportlab does no glyph
substitution; there is no colour emoji.

reportlab also draws characters in the order they are stored, one glyph each, which
prints a right-to-left name (فاطمة, יעל) backwards and, for Arabic, as unjoined
letters. Each line of text with right-to-left characters is therefore reshaped (Arabic
letters take their joined forms) and put in display order (Unicode bidi algorithm, the
line read left to right as Keel's documents are) before it is split into runs. The
text layer maps each joined form back to its letter, so searching a PDF for an Arabic
name finds it. A long right-to-left paragraph that wraps still has its lines in reading
order reversed; names and short texts, which is what Keel prints, come out right.

The fonts are TrueType files shipped in ``resources/fonts/`` (licences in
``LICENSES.md``); reportlab embeds the subset of glyphs a document uses, so the PDF
prints the same on any machine and its text layer stays selectable and searchable.

Use:
- Paragraphs: a ``ParagraphStyle`` with ``fontName=FONT`` (or ``FONT_BOLD``) and the
  text passed through ``markup(text)``. Runs that DejaVu covers inherit the style's
  font (so bold styles and ``<b>`` stay bold); other runs are wrapped in a ``<font>``
  tag naming the fallback font.
- Canvas: ``draw_string(canvas, x, y, text, size, bold=False)`` and
  ``string_width(text, size, bold=False)`` for measuring (centring, right alignment);
  ``fit_width`` shortens a line to a width, ``shorten`` caps text by characters (so a
  stored 10,000-character title cannot make a table row taller than a page).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from teamkeel import resources
from teamkeel.core.text import strip_controls

try:  # Optional: without them, right-to-left text prints in stored order, unjoined.
    from arabic_reshaper import reshape as _reshape_arabic
    from bidi import get_display as _display_order
except ImportError:  # pragma: no cover - both are dependencies of the app
    _reshape_arabic = None
    _display_order = None

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
# The fallbacks have a single weight each; bold runs use them too.
FONT_CJK = "DroidSansFallback"
FONT_SYMBOLS = "Symbola"  # emoji (to Unicode 9, in outline), flags' letters, symbols
FONT_RUNIC = "NotoSansRunic"

_FILES = {
    FONT: "fonts/DejaVuSans.ttf",
    FONT_BOLD: "fonts/DejaVuSans-Bold.ttf",
    FONT_CJK: "fonts/DroidSansFallbackFull.ttf",
    FONT_SYMBOLS: "fonts/Symbola.ttf",
    FONT_RUNIC: "fonts/NotoSansRunic-Regular.ttf",
}
# Tried in this order for a character the primary font lacks.
_FALLBACKS = (FONT_CJK, FONT_SYMBOLS, FONT_RUNIC)

_lock = threading.Lock()
_registered = False
_coverage: dict[str, frozenset[int]] = {}


def register_fonts() -> None:
    """Register Keel's fonts with reportlab (idempotent and thread safe).

    Also maps the families so ``<b>`` in a Paragraph picks the bold face.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, rel in _FILES.items():
            font = TTFont(name, str(resources.path(rel)))
            pdfmetrics.registerFont(font)
            _coverage[name] = frozenset(font.face.charToGlyph)
        families = [(FONT, FONT, FONT_BOLD)] + [(f, f, f) for f in _FALLBACKS]
        for family, regular, bold in families:
            for is_bold, face in ((0, regular), (1, bold)):
                for is_italic in (0, 1):
                    # No italic faces ship; italic falls back to the upright face.
                    addMapping(family, is_bold, is_italic, face)
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        _registered = True


# Arabic letters in their joined (presentation) forms, as reshaping draws them.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _logical_text(code: int) -> str:
    """What a drawn character stands for in the text layer: a joined Arabic form stands
    for its plain letter (or letters: lam-alef), so that copying or searching the PDF
    for a name finds the name as it was typed."""
    char = chr(code)
    if any(low <= code <= high for low, high in _PRESENTATION_FORMS):
        # A ligature's letters go in drawn (right-to-left) order: readers turn the
        # drawn glyphs of a right-to-left run around, this glyph's letters with them.
        return unicodedata.normalize("NFKC", char)[::-1]
    return char


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map for a font subset, made right for what Keel prints.

    reportlab writes each character as four hex digits, which cannot hold one beyond
    U+FFFF (emoji): PDF readers then lost them from the text layer. Here every entry is
    UTF-16 (surrogate pairs where needed), and joined Arabic forms map back to their
    letters (see ``_logical_text``)."""
    entries = [
        f"<{i:02X}> <{_logical_text(code).encode('utf-16-be').hex().upper()}>"
        for i, code in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <%02X>" % (len(subset) - 1),
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@lru_cache(maxsize=4096)
def _font_for(char: str, bold: bool) -> str:
    primary = FONT_BOLD if bold else FONT
    code = ord(char)
    if code in _coverage[primary] or char.isspace():
        return primary
    for fallback in _FALLBACKS:
        if code in _coverage[fallback]:
            return fallback
    # No font has it: keep it in the primary font (prints as a box) rather than
    # dropping the character from the text layer.
    return primary


# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, and their presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


# First-strong and pop-directional isolates: see ``isolate``.
_ISOLATES = re.compile("[\u2066-\u2069]")


def isolate(name: str) -> str:
    """``name`` marked as a unit of its own for the bidi algorithm, for names put into a
    sentence ("ليلى reviews فاطمة", "ليلى & فاطمة"): each name is shaped and ordered on
    its own, and the sentence keeps the document's left-to-right order. The marks are
    dropped before drawing."""
    return f"\u2068{name}\u2069"


def display_order(text: str) -> str:
    """``text`` as it must be drawn left to right: each line with right-to-left
    characters reshaped and reordered; any other text unchanged.

    Keel's documents read left to right, so that is every line's base direction: a line
    that starts with an Arabic name ("ليلى الحداد reviews Ana Lima") keeps its words in
    sentence order instead of being turned around as a right-to-left paragraph."""
    if _display_order is None or not _RIGHT_TO_LEFT.search(text):
        return _ISOLATES.sub("", text)
    return "\n".join(
        _ISOLATES.sub("", _display_order(_reshape_arabic(line), base_dir="L"))
        if _RIGHT_TO_LEFT.search(line)
        else _ISOLATES.sub("", line)
        for line in text.split("\n")
    )


def runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """Split ``text`` into ``(font_name, chunk)`` runs, each drawable in one font, in
    the order they are drawn (see ``display_order``)."""
    register_fonts()
    text = display_order(strip_controls(text))  # a NUL or ESC draws as a box
    current_font = ""
    chunk: list[str] = []
    for char in text:
        if char.isspace() and current_font and ord(char) in _coverage[current_font]:
            # A space between two CJK words stays in their run: fewer font switches.
            font = current_font
        else:
            font = _font_for(char, bold)
        if font != current_font and chunk:
            yield current_font, "".join(chunk)
            chunk = []
        current_font = font
        chunk.append(char)
    if chunk:
        yield current_font, "".join(chunk)


def _xml_safe(text: str) -> str:
    # Characters XML 1.0 forbids would make reportlab's paragraph parser fail.
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def markup(text: str) -> str:
    """Return reportlab Paragraph markup for plain ``text``.

    The text is XML-escaped, line breaks become ``<br/>``, and every run the primary
    font cannot draw is wrapped in ``<font face="DroidSansFallback">``. Use it in a
    paragraph whose style's font is ``FONT`` or ``FONT_BOLD``.
    """
    parts: list[str] = []
    for font, chunk in runs(_xml_safe(text).replace("\r\n", "\n")):
        escaped = escape(chunk).replace("\n", "<br/>")
        if font in (FONT, FONT_BOLD):
            parts.append(escaped)
        else:
            parts.append(f'<font face="{font}">{escaped}</font>')
    return "".join(parts)


def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` drawn by ``draw_string`` at ``size``."""
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, bold))


ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with an ellipsis: for
    text that must never grow past a box (a cell, a heading), whatever was stored."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


@lru_cache(maxsize=8192)
def _char_width(char: str, size: float, bold: bool) -> float:
    return pdfmetrics.stringWidth(char, _font_for(char, bold), size)


def fit_width(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text`` itself when it fits in ``width`` points, else its longest beginning that
    fits with an ellipsis. Linear in the part kept: each character is measured once
    (shortening one character at a time and measuring the whole again, as this once did,
    took seconds for a long title)."""
    register_fonts()
    if string_width(text, size, bold) <= width:
        return text
    room = width - _char_width(ELLIPSIS, size, bold)
    used, end = 0.0, 0
    for char in text:
        used += _char_width(char, size, bold)
        if used > room:
            break
        end += 1
    # Shaping (joined Arabic forms, kerning-free sums) can differ a little from the sum
    # of single characters: give back a character or two until the result really fits.
    while end > 0 and string_width(text[:end] + ELLIPSIS, size, bold) > width:
        end -= 1
    return text[:end].rstrip() + ELLIPSIS if end else ELLIPSIS


def fit_heading(name: str, rest: str, size: float, width: float, bold: bool = False) -> str:
    """``name + rest`` on one line of ``width``: the name (a team's, which can be any
    length) is shortened so that ``rest`` (a month, a period) always shows whole."""
    room = width - string_width(rest, size, bold)
    return fit_width(name, size, room, bold) + rest if room > 0 else fit_width(rest, size, width)


def draw_footer(canvas, x0: float, x1: float, y: float, left: str, right: str, size: float) -> None:
    """A footer line: ``right`` (the page number) ends at ``x1``, ``left`` starts at
    ``x0`` and is shortened so the two never meet, however long a name in it is."""
    right_width = string_width(right, size)
    draw_string(canvas, x1 - right_width, y, right, size)
    room = x1 - right_width - x0 - 4 * size
    if room > 0:
        draw_string(canvas, x0, y, fit_width(left, size, room), size)


def draw_string(canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
    """Draw one line of ``text`` on a reportlab canvas starting at ``(x, y)``.

    Each run is drawn in the font that has its glyphs. Returns the x where the text
    ends, so callers can continue on the same line.
    """
    canvas.saveState()
    for font, chunk in runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, font, size)
    canvas.restoreState()
    return x
