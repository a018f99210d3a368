"""The compact's plain data: what services return, the editor edits and the PDF prints.

A ``Compact`` is either the draft (``number is None``) or a ratified version. Every
commitment carries a ``key`` that survives copying a version into the next draft, so
the history can tell a reworded commitment from a removed one plus a new one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from teamkeel.core.i18n import N_, _, format_date, ngettext

DEFAULT_TITLE = N_("Team Support Compact")

# The themes the issue names; a lead may also type a theme of their own. A theme is the
# team's text: these are suggestions, offered (and seeded) translated, ``_(THEMES[0])``.
THEMES: tuple[str, ...] = (
    N_("psychological safety"),
    N_("shared accountability"),
    N_("reciprocity"),
    N_("communication"),
)

# How often the team revisits its compact, in months.
CADENCES: dict[str, int] = {
    "monthly": 1,
    "quarterly": 3,
    "half-yearly": 6,
    "yearly": 12,
}
DEFAULT_CADENCE = "quarterly"

# Limits that keep a typical compact on one printed page.
MAX_TITLE = 120
MAX_PURPOSE = 700
MAX_STATEMENT = 400
MAX_UNIT = 60


def new_key() -> str:
    return uuid.uuid4().hex


def format_number(value: float) -> str:
    """4.0 -> "4", 1.5 -> "1.5": norms read like people write them."""
    return f"{value:g}"


@dataclass(frozen=True)
class Commitment:
    """One behaviour the team agrees on, with an optional measurable norm."""

    statement: str
    theme: str = "communication"
    norm_value: float | None = None
    norm_unit: str = ""
    key: str = field(default_factory=new_key)

    @property
    def norm(self) -> str:
        """The norm as printed, e.g. "4 working hours", or "" when there is none."""
        if self.norm_value is None:
            return ""
        return f"{format_number(self.norm_value)} {self.norm_unit}".strip()


@dataclass(frozen=True)
class Signature:
    """A roster member who agreed to a version of the compact, and when."""

    member_id: int
    name: str
    signed_on: dt.date


@dataclass(frozen=True)
class Compact:
    """The draft (``number is None``) or one ratified version of the compact."""

    title: str = DEFAULT_TITLE
    purpose: str = ""
    commitments: tuple[Commitment, ...] = ()
    signatures: tuple[Signature, ...] = ()
    review_cadence: str = DEFAULT_CADENCE
    next_review: dt.date | None = None
    number: int | None = None
    ratified_on: dt.date | None = None
    # Frozen at ratification; a draft prints the team's current name.
    team_name: str = ""

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def label(self) -> str:
        if self.number is None:
            return _("Draft")
        return _("Version {number}").format(number=self.number)

    def signature_of(self, member_id: int) -> Signature | None:
        return next((s for s in self.signatures if s.member_id == member_id), None)


@dataclass(frozen=True)
class SignatureLine:
    """One line of the printed signature block: a name, and the date if already agreed."""

    name: str
    signed_on: dt.date | None = None


@dataclass(frozen=True)
class ReviewStatus:
    """Where the next review stands: ``state`` is "none", "scheduled", "due" or "overdue"."""

    state: str
    next_review: dt.date | None
    days: int = 0  # days until the review (negative when overdue)

    @property
    def message(self) -> str:
        if self.state == "none" or self.next_review is None:
            return _("No review date set.")
        when = format_date(self.next_review, "d MMM y")
        if self.state == "overdue":
            late = -self.days
            return ngettext(
                "Review overdue by {count} day (was due {day}).",
                "Review overdue by {count} days (was due {day}).",
                late,
            ).format(count=late, day=when)
        if self.days == 0:
            return _("Review due today ({day}).").format(day=when)
        if self.state == "due":
            return ngettext(
                "Review due in {count} day ({day}).",
                "Review due in {count} days ({day}).",
                self.days,
            ).format(count=self.days, day=when)
        return _("Next review {day}.").format(day=when)
