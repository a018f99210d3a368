"""Blocker lifecycle: when a blocker counts as open, carried forward, and how long it took."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from teamkeel.core.standup.entries import BlockerRecord
from teamkeel.core.standup.lifecycle import (
    age_in_days,
    carried_into,
    days_to_resolve,
    is_carried_into,
    is_open_on,
    open_on,
    resolution_problems,
)

MON = dt.date(2026, 3, 2)


def blocker(raised: dt.date, resolved: dt.date | None = None, id: int = 1) -> BlockerRecord:
    return BlockerRecord(id, raised, 1, (), "stuck", (), resolved)


def test_an_open_blocker_carries_forward_until_resolved() -> None:
    b = blocker(MON)
    assert not is_carried_into(b, MON)  # raised at this stand-up, not carried
    for offset in range(1, 10):
        assert is_carried_into(b, MON + dt.timedelta(days=offset))
    resolved = blocker(MON, MON + dt.timedelta(days=3))
    assert is_carried_into(resolved, MON + dt.timedelta(days=3))  # stuck when that stand-up began
    assert not is_carried_into(resolved, MON + dt.timedelta(days=4))
    assert not is_open_on(resolved, MON + dt.timedelta(days=3))


def test_time_to_resolve_and_age_are_whole_days() -> None:
    assert days_to_resolve(MON, None) is None
    assert days_to_resolve(MON, MON) == 0
    assert days_to_resolve(MON, MON + dt.timedelta(days=9)) == 9
    assert age_in_days(MON, MON + dt.timedelta(days=4)) == 4
    assert blocker(MON, MON + dt.timedelta(days=2)).days_to_resolve == 2


def test_lists_are_oldest_first() -> None:
    a = blocker(MON + dt.timedelta(days=1), id=1)
    b = blocker(MON, id=2)
    c = blocker(MON, MON + dt.timedelta(days=1), id=3)
    day = MON + dt.timedelta(days=2)
    assert [x.id for x in carried_into([a, b, c], day)] == [2, 1]
    assert [x.id for x in open_on([a, b, c], MON)] == [2, 3]


def test_a_resolution_is_checked_before_it_is_recorded() -> None:
    ok = resolution_problems(
        raised_on=MON, already_resolved_on=None, resolved_on=MON, owner_id=1, helper_ids=[2]
    )
    assert ok == []
    bad = resolution_problems(
        raised_on=MON,
        already_resolved_on=MON,
        resolved_on=MON - dt.timedelta(days=1),
        owner_id=1,
        helper_ids=[1, 2, 2],
    )
    assert len(bad) == 4


days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1))


@given(days, st.integers(0, 400), st.integers(0, 400), st.booleans())
def test_open_and_carried_agree(raised, resolve_after, look_after, resolved) -> None:
    resolved_on = raised + dt.timedelta(days=resolve_after) if resolved else None
    b = blocker(raised, resolved_on)
    day = raised + dt.timedelta(days=look_after)
    # Carried into a later day exactly when it was still open at the end of the day before.
    if day > raised:
        assert is_carried_into(b, day) == is_open_on(b, day - dt.timedelta(days=1))
    if resolved_on is not None:
        assert days_to_resolve(raised, resolved_on) == resolve_after
