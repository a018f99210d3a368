"""Cells of the CSV files Keel writes, made safe to open in a spreadsheet, and read back.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: a note such as ``=HYPERLINK("https://…?leak="
&A2,"Open ticket")`` would come out live. Such cells get a leading single quote, as
OWASP advises, so the spreadsheet shows them as text. Plain numbers (``-3``, ``+4.5``)
are not formulas and stay as they are.

Keel keeps the original text everywhere else (the team file, the JSON document), and
its CSV imports remove exactly the quote this module adds: a roster exported and
imported again comes back unchanged. To make that hold for text that really starts
with a quote followed by such a character (``'=x``), that text gets one quote more.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

from teamkeel.core.text import strip_controls

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def _needs_quote(text: str) -> bool:
    return text.lstrip("'").startswith(TRIGGERS) and not _NUMBER.fullmatch(text)


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it as text, without control characters
    (non-text values pass unchanged)."""
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    return "'" + value if _needs_quote(value) else value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def read_cell(text: str) -> str:
    """The text ``safe_cell`` was given: removes the one quote it may have added."""
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, writer: Any):
        self._writer = writer

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: Any, **options: Any) -> SafeWriter:
    """``csv.writer(handle, **options)`` that writes spreadsheet-safe cells."""
    return SafeWriter(csv.writer(handle, **options))
