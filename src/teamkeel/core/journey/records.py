"""Plain records of the pilot, its feedback and stories (what services return)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.i18n import N_, _, pgettext

# Stored values (the file and the JSON keep them as they are); shown with
# ``decision_label`` and ``_(STORY_KINDS[key])``.
DECISIONS = ("keep", "adjust", "drop")
STORY_KINDS = {
    "project_win": N_("Project win"),
    "career_step": N_("Career step"),
    "learning": N_("Learning"),
}
# Stories Keel tells by itself: a delivered skill-share project is a story of growth
# (never written by hand, so not offered among the kinds above).
SKILL_SHARE = "skill_share"
KIND_TITLES = {**STORY_KINDS, SKILL_SHARE: N_("Skill share delivered")}


def kind_title(kind: str) -> str:
    """A story kind as the lead reads it (an unknown one as stored)."""
    return _(KIND_TITLES[kind]) if kind in KIND_TITLES else kind


def decision_label(decision: str) -> str:
    """A pilot's stored decision ("keep", "adjust", "drop") as the lead reads it."""
    words = {
        "keep": pgettext("pilot decision", "keep"),
        "adjust": pgettext("pilot decision", "adjust"),
        "drop": pgettext("pilot decision", "drop"),
    }
    return words.get(decision, decision)


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
    project_id: int | None = None  # told from a delivered skill-share project (no id)


@dataclass(frozen=True)
class StorySource:
    """A kudos or a resolved blocker that could become a story."""

    entry_id: int
    day: dt.date
    kind: str  # kudos, blocker
    text: str


@dataclass(frozen=True)
class RitualTies:
    """What the Journey holds about one ritual (its pilot, the feedback on it, the
    starting points that chose it as their first step), taken before the ritual is
    deleted so that undoing the delete brings all of it back."""

    ritual_id: int
    pilot: Pilot | None
    feedback: tuple[tuple[Feedback, dt.date | None, int | None], ...]  # with the rule before
    placements: tuple[int, ...]
