"""Small text rules shared by the roster and the stand-up log."""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """A loose key for names that also ignores accents, so "Zoe" finds Zoë and "Osaka"
    Ōsaka (typed in a hurry, or on a keyboard without them). Only ever a fallback: an
    exact spelling must win over it."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn"
    )
    return unicodedata.normalize("NFC", bare).casefold()
