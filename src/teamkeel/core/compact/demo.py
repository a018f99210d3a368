"""The demo team's compact: three ratified versions, signatures, and a draft in progress.

The history shows what the Compact tab is for: version 1 from the kickoff, version 2
after the first quarterly review (a norm tightened, a commitment reworded, two added),
version 3 a quarter later (one dropped, one of the team's own added, order changed).
Its next review is a few days away, so the tab shows the "review due" nudge.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from teamkeel.core.compact import versioning
from teamkeel.core.compact.document import Commitment, Compact, Signature
from teamkeel.core.compact.service import CompactService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile

EXTRA = (
    Commitment(
        statement="Before a release we hold a short pre-mortem: what could go wrong, and "
        "who will back up whom if it does.",
        theme="shared accountability",
        norm_value=30,
        norm_unit="minutes per release",
    ),
    Commitment(
        statement="Nobody works late alone on an incident; whoever is on call can pull in "
        "a second pair of hands without having to justify it.",
        theme="psychological safety",
    ),
    Commitment(
        statement="Every quarter each of us pairs with a colleague on a skill one of us "
        "wants to grow, and we share what we learned.",
        theme="reciprocity",
        norm_value=1,
        norm_unit="skill share per person per quarter",
    ),
    Commitment(
        statement="Questions in the team channel get an answer or a pointer before the "
        "end of the asker's working day, whatever their time zone.",
        theme="communication",
    ),
)


def _signed(
    members: list[Member], rng: random.Random, around: dt.date, share: float
) -> tuple[Signature, ...]:
    """Signatures from a share of the members, in the days before ``around``."""
    chosen = [m for m in members if rng.random() < share] or members[:1]
    return tuple(
        Signature(m.id, m.name, around - dt.timedelta(days=rng.randint(0, 4)))
        for m in chosen
        if m.id is not None
    )


def _current_draft(service: CompactService) -> Compact:
    draft = service.draft()
    assert draft is not None  # ratifying always leaves a new draft
    return draft


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    service = CompactService(team)
    members = [m for m in RosterService(team).list_members() if m.id is not None]
    today = dt.date.today()
    kickoff = today - dt.timedelta(days=85 + 2 * 91)

    # Version 1: the kickoff, five of the starters.
    first = service.start(with_starters=True)
    starters = first.commitments
    draft = dataclasses.replace(
        first,
        commitments=starters[:5],
        signatures=_signed(members, rng, kickoff, 0.9),
        review_cadence="quarterly",
    )
    service.save_draft(draft)
    service.ratify(kickoff)

    # Version 2: tighter reply norm, a reworded blocker rule, two more starters.
    second_day = versioning.add_months(kickoff, 3)
    draft = _current_draft(service)
    reply, blocker = draft.commitments[0], draft.commitments[1]
    draft = versioning.with_replaced(draft, 0, dataclasses.replace(reply, norm_value=3))
    draft = versioning.with_replaced(
        draft,
        1,
        dataclasses.replace(
            blocker,
            statement="We say so as soon as we are stuck rather than quietly losing days; "
            "naming a blocker at stand-up is part of doing the job well.",
        ),
    )
    for extra in (starters[5], starters[6]):
        draft = versioning.with_commitment(draft, extra)
    draft = dataclasses.replace(draft, signatures=_signed(members, rng, second_day, 0.95))
    service.save_draft(draft)
    service.ratify(second_day)

    # Version 3: drop the weekly helping action, add the team's own rules, reorder.
    third_day = versioning.add_months(second_day, 3)
    draft = _current_draft(service)
    draft = versioning.without_commitment(draft, 4)
    for extra in EXTRA[: 2 if size == "small" else 4]:
        draft = versioning.with_commitment(draft, extra)
    draft = versioning.moved(draft, len(draft.commitments) - 1, 2)
    draft = dataclasses.replace(draft, signatures=_signed(members, rng, third_day, 1.0))
    service.save_draft(draft)
    service.ratify(third_day)

    # The draft for the coming review: one idea under discussion.
    draft = _current_draft(service)
    service.save_draft(versioning.with_commitment(draft, starters[7]))
