"""Small text rules shared by the roster and the stand-up log."""

from __future__ import annotations

import re
import unicodedata


def fold_accents(text: str) -> str:
    """A loose key for names that also ignores accents, so "Zoe" finds Zoë and "Osaka"
    Ōsaka (typed in a hurry, or on a keyboard without them). Only ever a fallback: an
    exact spelling must win over it."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn"
    )
    return unicodedata.normalize("NFC", bare).casefold()


# C0 and C1 control characters and DEL, but not the tab, line feed and carriage return
# that multi-line texts (notes, descriptions) legitimately hold. A NUL or an ESC in a
# name (from a CSV import, or a JSON document) means nothing to a reader and can break
# or fool whatever reads the file: a calendar program, a terminal, a spreadsheet.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and line breaks kept), for every text
    Keel writes to a file."""
    return _CONTROLS.sub("", text)


# What a terminal would act on instead of showing: control characters (ESC starts the
# sequences that move the cursor, recolour, or retitle the window) and the invisible
# marks that reorder text, with which one name can pass for another.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """``text`` with control characters and direction overrides written out visibly
    (ESC as ``\\x1b``, RIGHT-TO-LEFT OVERRIDE as ``\\u202e``); tab and line feed stay.
    For everything Keel prints to a terminal."""
    return _INVISIBLE.sub(_escape, text)


def has_controls(text: str) -> bool:
    """True if ``text`` holds a character ``strip_controls`` would remove."""
    return _CONTROLS.search(text) is not None
