"""The Team Support Compact: the team's social contract, its versions and its PDF."""

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
