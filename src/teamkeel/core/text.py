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
