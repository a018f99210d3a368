"""Starter commitments offered when a team writes its first compact.

Written for Keel from the practices the product is built on (asking early, blameless
talk about mistakes, help that flows both ways, rotating support roles). They are a
starting point for the kickoff conversation: the lead edits or drops any of them.
"""

from __future__ import annotations

from teamkeel.core.compact.document import Commitment

STARTER_PURPOSE = (
    "We do our best work when nobody carries a problem alone. This compact is how we "
    "promise to look out for each other: to ask early, to answer generously, and to "
    "share both the load and the credit."
)

_STARTERS: tuple[tuple[str, str, float | None, str], ...] = (
    (
        "When a teammate asks for help, we answer quickly, even if only to say when we "
        "can take a proper look.",
        "communication",
        4,
        "working hours to a first reply",
    ),
    (
        "We speak up when we are stuck instead of quietly losing days; naming a blocker "
        "is part of doing the job well.",
        "psychological safety",
        4,
        "hours stuck, at most, before we say so",
    ),
    (
        "We talk about mistakes in terms of what the process let happen, never who is "
        "to blame, so that problems surface while they are still small.",
        "psychological safety",
        None,
        "",
    ),
    (
        "Each of us owns our own tasks and also makes sure the people who build on our "
        "work understand how it fits together.",
        "shared accountability",
        None,
        "",
    ),
    (
        "At planning, each of us names one concrete thing we will do that week to help "
        "a colleague succeed.",
        "shared accountability",
        1,
        "helping action per person per week",
    ),
    (
        "Support roles such as cross-check partner rotate, so everyone both gives and "
        "receives help and no one becomes the permanent helper.",
        "reciprocity",
        2,
        "weeks per rotation",
    ),
    (
        "We notice help out loud: at stand-up we thank, by name, whoever unblocked us.",
        "reciprocity",
        None,
        "",
    ),
    (
        "We offer feedback as questions and suggestions about the work, and the person "
        "asking for it decides where they want input first.",
        "communication",
        None,
        "",
    ),
)


def starter_commitments() -> tuple[Commitment, ...]:
    """Fresh copies (with new keys) of the starter commitments."""
    return tuple(
        Commitment(statement=s, theme=t, norm_value=v, norm_unit=u) for s, t, v, u in _STARTERS
    )
