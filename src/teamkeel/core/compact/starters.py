"""Starter commitments offered when a team writes its first compact.

Written for Keel from the practices the product is built on (asking early, blameless
talk about mistakes, help that flows both ways, rotating support roles). They are a
starting point for the kickoff conversation: the lead edits or drops any of them.

They are copied into the team file in the language Keel speaks when the lead starts the
compact (from then on they are the team's own text, edited like any other).
"""

from __future__ import annotations

from teamkeel.core.compact.document import Commitment
from teamkeel.core.i18n import N_, _

STARTER_PURPOSE = N_(
    "We do our best work when nobody carries a problem alone. This compact is how we "
    "promise to look out for each other: to ask early, to answer generously, and to "
    "share both the load and the credit."
)

_STARTERS: tuple[tuple[str, str, float | None, str], ...] = (
    (
        N_(
            "When a teammate asks for help, we answer quickly, even if only to say when we "
            "can take a proper look."
        ),
        "communication",
        4,
        N_("working hours to a first reply"),
    ),
    (
        N_(
            "We speak up when we are stuck instead of quietly losing days; naming a blocker "
            "is part of doing the job well."
        ),
        "psychological safety",
        4,
        N_("hours stuck, at most, before we say so"),
    ),
    (
        N_(
            "We talk about mistakes in terms of what the process let happen, never who is "
            "to blame, so that problems surface while they are still small."
        ),
        "psychological safety",
        None,
        "",
    ),
    (
        N_(
            "Each of us owns our own tasks and also makes sure the people who build on our "
            "work understand how it fits together."
        ),
        "shared accountability",
        None,
        "",
    ),
    (
        N_(
            "At planning, each of us names one concrete thing we will do that week to help "
            "a colleague succeed."
        ),
        "shared accountability",
        1,
        N_("helping action per person per week"),
    ),
    (
        N_(
            "Support roles such as cross-check partner rotate, so everyone both gives and "
            "receives help and no one becomes the permanent helper."
        ),
        "reciprocity",
        2,
        N_("weeks per rotation"),
    ),
    (
        N_("We notice help out loud: at stand-up we thank, by name, whoever unblocked us."),
        "reciprocity",
        None,
        "",
    ),
    (
        N_(
            "We offer feedback as questions and suggestions about the work, and the person "
            "asking for it decides where they want input first."
        ),
        "communication",
        None,
        "",
    ),
)


def starter_commitments() -> tuple[Commitment, ...]:
    """Fresh copies (with new keys) of the starter commitments, in the language now
    spoken (the themes too: they are the suggested ones, translated)."""
    return tuple(
        Commitment(
            statement=_(statement),
            theme=_(theme),
            norm_value=value,
            norm_unit=_(unit) if unit else "",
        )
        for statement, theme, value, unit in _STARTERS
    )


def starter_purpose() -> str:
    """The compact's starting purpose, in the language now spoken."""
    return _(STARTER_PURPOSE)
