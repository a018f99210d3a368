"""Plain records of the pilot, its feedback and stories (what services return)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DECISIONS = ("keep", "adjust", "drop")
STORY_KINDS = {
    "project_win": "Project win",
    "career_step": "Career step",
    "learning": "Learning",
}
MAX_NOTE = 1000
MAX_OUTCOME = 200


@dataclass(frozen=True)
class Pilot:
    ritual_id: int
    title: str
    since: dt.date
    members: tuple[int, ...] | None = None  # None: everyone who attends the ritual


@dataclass(frozen=True)
class Feedback:
    ritual_id: int
    given_on: dt.date
    decision: str
    useful: str = ""
    awkward: str = ""
    change: str = ""
    id: int | None = None
    ritual_title: str = ""


@dataclass(frozen=True)
class Story:
    told_on: dt.date
    kind: str
    text: str
    outcome: str
    entry_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class StorySource:
    """A kudos or a resolved blocker that could become a story."""

    entry_id: int
    day: dt.date
    kind: str  # kudos, blocker
    text: str
