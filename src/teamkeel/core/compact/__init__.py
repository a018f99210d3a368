"""The Team Support Compact: the team's social contract, its versions and its PDF."""

from typing import TYPE_CHECKING, Any

from teamkeel.core.compact.diff import CompactDiff, diff, word_diff
from teamkeel.core.compact.document import (
    CADENCES,
    DEFAULT_TITLE,
    THEMES,
    Commitment,
    Compact,
    ReviewStatus,
    Signature,
    SignatureLine,
)

if TYPE_CHECKING:
    from teamkeel.core.compact.service import CompactService

__all__ = [
    "CADENCES",
    "DEFAULT_TITLE",
    "THEMES",
    "Commitment",
    "Compact",
    "CompactDiff",
    "CompactService",
    "ReviewStatus",
    "Signature",
    "SignatureLine",
    "diff",
    "word_diff",
]


def __getattr__(name: str) -> Any:
    # The service imports the calendar's (and through it icalendar): loaded when first
    # used, not with the models, which the window loads on a worker before any edit.
    if name == "CompactService":
        from teamkeel.core.compact.service import CompactService

        return CompactService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
