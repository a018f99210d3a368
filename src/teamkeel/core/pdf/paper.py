"""The paper sizes Keel prints on: A4 and US Letter, by name.

Every PDF writer takes ``paper="A4"`` or ``"Letter"`` (the window passes the lead's
choice from Preferences). Layouts that keep a fixed content width take A4's, the
narrower of the two portrait pages, so that they fit on either.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, LETTER, landscape

from teamkeel.core.errors import KeelError

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "LETTER": LETTER}
NAMES = ("A4", "Letter")


def page_size(paper: str, turned: bool = False) -> tuple[float, float]:
    """Width and height in points of ``paper`` (any case), landscape when ``turned``."""
    size = PAPERS.get(paper.strip().upper())
    if size is None:
        raise KeelError(f"Unknown paper size {paper!r}; use A4 or Letter.")
    return landscape(size) if turned else size
