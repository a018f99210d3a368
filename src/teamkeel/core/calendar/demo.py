"""Demo rituals: a rollout plan that started a few weeks ago, so the calendar shows a
believable quarter (diagnosis behind, the pilot under way, integration ahead)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from zoneinfo import ZoneInfo

from teamkeel.core.calendar.rollout import monday_on_or_after
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile

from .domain import Swap
from .people import Person, local_time
from .rollout import rollout_plan
from .service import CalendarService


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    members = RosterService(team).list_members()
    if not members:
        return
    today = dt.date.today()
    program_start = today - dt.timedelta(weeks=5, days=today.weekday())
    # The facilitator pool: up to eight people, in a shuffled but reproducible order.
    # Meet where most of the team is (the demo team is spread from Lagos to Tokyo), and
    # let those for whom 09:30 Berlin falls in working hours take turns facilitating.
    timezone = "Europe/Berlin"
    sample = dt.datetime.combine(program_start, dt.time(9, 30), ZoneInfo(timezone))
    pool = [
        m.id
        for m in members
        if m.id is not None
        and not local_time(_person(m), sample, sample + dt.timedelta(minutes=15)).out_of_hours
    ] or [m.id for m in members if m.id is not None]
    rng.shuffle(pool)
    rotation = tuple(pool[:8])
    lead = next((m.id for m in members if "manager" in m.role.lower()), pool[0])
    service = CalendarService(team)
    # The whole plan as it was made back then, compact drafting and ratifying included
    # (the compact demo's versions are what came of them).
    plan = service.add_planned(
        rollout_plan(program_start, timezone, rotation, lead), monday_on_or_after(program_start)
    )
    by_title = {r.title: r for r in plan}
    standup = by_title.get("Kudos & blockers stand-up")
    if standup is not None and standup.id is not None and len(rotation) > 2:
        # A public holiday off, and one swap the lead made by hand.
        holiday = standup.start.date() + dt.timedelta(weeks=3, days=4)
        occ = service.occurrences(standup.start.date(), today + dt.timedelta(days=40))
        mine = [o for o in occ if o.ritual_id == standup.id and o.day > today]
        updated = service.get(standup.id)
        swaps = updated.swaps
        if mine:
            swaps = (Swap(mine[min(3, len(mine) - 1)].day, rotation[-1]),)
        service.update(replace(updated, skipped=(holiday,), swaps=swaps))


def _person(m) -> Person:
    return Person(m.id, m.name, m.timezone, m.work_start, m.work_end)
