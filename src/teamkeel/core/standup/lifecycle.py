"""Blocker lifecycle: open → resolved (→ reopened by undo), age, time to resolve, carry-forward.

A blocker raised on day R and resolved on day S is open on every day D with R <= D < S.
It is *carried into* the stand-up of day D when it was raised at an earlier stand-up
(R < D) and was still unresolved when that stand-up began (S is None or S >= D): this is
what the lead sees as "still stuck, and for how long".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from teamkeel.core.i18n import _


class BlockerLike(Protocol):
    @property
    def raised_on(self) -> dt.date: ...

    @property
    def resolved_on(self) -> dt.date | None: ...


B = TypeVar("B", bound=BlockerLike)


def is_open_on(blocker: BlockerLike, day: dt.date) -> bool:
    """Whether the blocker is stuck at the end of ``day``."""
    if blocker.raised_on > day:
        return False
    return blocker.resolved_on is None or blocker.resolved_on > day


def is_carried_into(blocker: BlockerLike, day: dt.date) -> bool:
    """Whether the blocker came into ``day``'s stand-up from an earlier one, unresolved."""
    if blocker.raised_on >= day:
        return False
    return blocker.resolved_on is None or blocker.resolved_on >= day


def age_in_days(raised_on: dt.date, day: dt.date) -> int:
    """How many days a blocker raised on ``raised_on`` has been stuck on ``day``."""
    return max(0, (day - raised_on).days)


def days_to_resolve(raised_on: dt.date, resolved_on: dt.date | None) -> int | None:
    """Whole days from raising to resolving (0 = the same day); None while open."""
    if resolved_on is None:
        return None
    return (resolved_on - raised_on).days


def carried_into(blockers: Iterable[B], day: dt.date) -> list[B]:
    """The blockers carried into ``day``'s stand-up, oldest first."""
    return sorted(
        (b for b in blockers if is_carried_into(b, day)),
        key=lambda b: b.raised_on,
    )


def open_on(blockers: Iterable[B], day: dt.date) -> list[B]:
    """The blockers still stuck at the end of ``day``, oldest first."""
    return sorted((b for b in blockers if is_open_on(b, day)), key=lambda b: b.raised_on)


def resolution_problems(
    *,
    raised_on: dt.date,
    already_resolved_on: dt.date | None,
    resolved_on: dt.date,
    owner_id: int,
    helper_ids: Sequence[int],
) -> list[str]:
    """Why this resolution cannot be recorded (empty when it can)."""
    problems: list[str] = []
    if already_resolved_on is not None:
        problems.append(
            _("This blocker was already resolved on {day}.").format(
                day=already_resolved_on.isoformat()
            )
        )
    if resolved_on < raised_on:
        problems.append(
            _(
                "A blocker raised on {raised} cannot be resolved on {resolved}, which is earlier."
            ).format(raised=raised_on.isoformat(), resolved=resolved_on.isoformat())
        )
    if owner_id in helper_ids:
        problems.append(_("The person who was blocked cannot also be their own helper."))
    if len(set(helper_ids)) != len(helper_ids):
        problems.append(_("The same helper is named twice."))
    return problems
