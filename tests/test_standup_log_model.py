"""The log table updates in place; what it shows must equal what a fresh read would show."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import EntryKind, LogFilter, StandupService, Status
from teamkeel.core.standup.demo import add_history
from teamkeel.core.standup.entries import SortKey
from teamkeel.ui.standup.log_model import LogTableModel

START = dt.date(2025, 1, 6)


@pytest.fixture
def service(team) -> StandupService:
    RosterService(team).add_many(
        Member(name=n, role="Engineer", timezone="UTC", work_start=dt.time(9), work_end=dt.time(17))
        for n in ["Ana", "Bo", "Cy", "李娜", "Zoë"]
    )
    add_history(team, random.Random(5), START, START + dt.timedelta(days=120))
    return StandupService(team)


def shown(model: LogTableModel) -> list[int]:
    return [model.entry(r).id for r in range(model.rowCount())]


FILTERS = [
    LogFilter(),
    LogFilter(status=Status.OPEN),
    LogFilter(kind=EntryKind.KUDOS),
    LogFilter(member_id=2),
    LogFilter(start=START + dt.timedelta(days=30), text="review"),
]


@pytest.mark.parametrize("log_filter", FILTERS)
@pytest.mark.parametrize("order", [SortKey.NEWEST, SortKey.OLDEST])
def test_incremental_updates_match_a_fresh_read(qapp, service, log_filter, order) -> None:
    # A seed that is the same in every process (``hash`` of a str is not), printed so
    # that a failure can be replayed.
    seed = FILTERS.index(log_filter) * 10 + [SortKey.NEWEST, SortKey.OLDEST].index(order)
    print(f"seed {seed}")
    rng = random.Random(seed)
    model = LogTableModel(service)
    model.order = order
    model.set_filter(log_filter)
    members = [m.id for m in service.members()]
    added = []
    for step in range(80):
        action = rng.random()
        if action < 0.5 or not added:
            day = START + dt.timedelta(days=rng.randint(-30, 140))
            giver, receiver, owner = rng.sample(members, 3)
            if rng.random() < 0.5:
                entry = service.add_kudos(day, giver, [receiver], f"review step {step}")
            else:
                entry = service.add_blocker(day, owner, f"stuck at step {step}")
            added.append(entry)
            model.entry_added(entry)
        elif action < 0.75:
            entry = added.pop(rng.randrange(len(added)))
            service.delete(entry.id)
            model.entry_removed(entry.id)
        else:
            blockers = [e for e in added if e.kind is EntryKind.BLOCKER]
            if not blockers:
                continue
            entry = rng.choice(blockers)
            current = service.get(entry.id)
            if current.resolved_on is None:
                helper = next(m for m in members if m != entry.member.id)
                changed = service.resolve(entry.id, entry.day + dt.timedelta(days=2), [helper])
            else:
                changed = service.reopen(entry.id)
            model.entry_changed(changed)
        if rng.random() < 0.1 and model.canFetchMore():
            model.fetchMore()
        fresh = service.page(log_filter, 0, model.rowCount(), order)
        assert shown(model) == [e.id for e in fresh], step
        assert model.total == service.count(log_filter), step
