"""Believable stand-up history: a few months (small) or about five years (large).

Help is not spread evenly in a real team: a few people are asked for help far more often
than others, and some thank often while rarely being thanked. The generator keeps those
patterns so the insights have something to find. The large history is written with bulk
inserts (tens of thousands of rows in a few seconds).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy import func, insert, select

from teamkeel.core.roster.models import MemberRow
from teamkeel.core.standup.entries import EntryKind
from teamkeel.core.standup.models import ROLE_HELPER, ROLE_RECEIVER, StandupEntry, StandupPerson
from teamkeel.core.standup.service import entry_values
from teamkeel.core.storage.teamfile import TeamFile

KUDOS_NOTES = [
    ("paired on the flaky login test until it stayed green", "testing"),
    ("reviewed my migration the same afternoon", "review"),
    ("walked me through the deploy pipeline", "ci"),
    ("covered my on-call shift while I was ill", "on-call"),
    ("spotted the off-by-one in the billing export", "review"),
    ("explained the caching layer with a drawing", "mentoring"),
    ("took notes in the customer call so I could focus", "product"),
    ("rewrote the onboarding doc after my questions", "docs"),
    ("unstuck my Kubernetes config in ten minutes", "infra"),
    ("ran the retro when I could not make it", "rituals"),
    ("shared the dashboard query that saved me a day", "data"),
    ("tested the release candidate on an old phone", "testing"),
    ("helped me split the big pull request into small ones", "review"),
    ("answered my SQL questions with great patience", "data"),
    ("kept the design review short and kind", "design"),
    ("looked at the memory leak with me late on Friday", "debugging"),
    ("translated the release notes for the Lisbon office", "docs"),
    ("prepared the test data for the demo", "testing"),
]

BLOCKER_NOTES = [
    ("waiting for API keys from the payments provider", "external"),
    ("staging database is down again", "infra"),
    ("cannot reproduce the crash reported by support", "debugging"),
    ("need a decision on the pricing page copy", "product"),
    ("the build times out on the integration tests", "ci"),
    ("no access to the analytics workspace yet", "access"),
    ("unclear acceptance criteria for the export story", "product"),
    ("design for the settings screen is not final", "design"),
    ("certificate renewal needs an admin", "infra"),
    ("flaky end-to-end test blocks the merge", "testing"),
    ("legal review of the consent text pending", "external"),
    ("VPN drops every few minutes", "access"),
    ("schema change conflicts with the reporting job", "data"),
    ("do not know how the old sync service works", "knowledge"),
]

# size -> (days of history, how busy the stand-ups are)
SIZES = {"small": (120, 1.0), "large": (5 * 365, 2.0)}


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    days, busy = SIZES.get(size, SIZES["small"])
    today = dt.date.today()
    # The small team gets one go-to person, so the Insights tab has a story to tell
    # from the first look; the large history keeps its natural spread (benchmarks).
    add_history(team, rng, today - dt.timedelta(days=days), today, busy, go_to=size != "large")


def add_history(
    team: TeamFile,
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    busy: float = 1.0,
    go_to: bool = False,
) -> int:
    """Write stand-ups on every weekday in ``[start, end]``; returns how many entries.

    ``go_to``: one person is everyone's first call for help, rarely thanks anyone and
    rarely says they are stuck — the pattern the "carrying a lot" prompt is there for.
    """
    with team.session() as s:
        members = s.execute(
            select(MemberRow.id, MemberRow.start_date).where(MemberRow.archived.is_(False))
        ).all()
        next_id = (s.scalar(select(func.max(StandupEntry.id))) or 0) + 1
    if len(members) < 2:
        return 0
    # Some people are asked for help far more than others; some thank more than others.
    helpfulness = {m: rng.paretovariate(1.6) for m, _ in members}
    gratitude = {m: rng.uniform(0.3, 1.5) for m, _ in members}
    stuckness = dict.fromkeys(helpfulness, 1.0)
    if go_to:
        star = rng.choice([m for m, _ in members])
        helpfulness[star] = max(helpfulness.values())
        gratitude[star] = 0.4
        stuckness[star] = 0.6
    entries: list[dict] = []
    people: list[dict] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            present = [m for m, joined in members if joined is None or joined <= day]
            if len(present) >= 2:
                next_id = _one_standup(
                    rng,
                    day,
                    end,
                    present,
                    (helpfulness, gratitude, stuckness),
                    busy,
                    next_id,
                    entries,
                    people,
                )
        day += dt.timedelta(days=1)
    _bulk_insert(team, entries, people)
    return len(entries)


def _pick(rng: random.Random, ids: Sequence[int], weights: dict[int, float], k: int) -> list[int]:
    chosen: list[int] = []
    pool = list(ids)
    while pool and len(chosen) < k:
        pick = rng.choices(pool, [weights[m] for m in pool])[0]
        chosen.append(pick)
        pool.remove(pick)
    return chosen


def _one_standup(
    rng: random.Random,
    day: dt.date,
    last_day: dt.date,
    present: list[int],
    weights: tuple[dict[int, float], dict[int, float], dict[int, float]],
    busy: float,
    next_id: int,
    entries: list[dict],
    people: list[dict],
) -> int:
    helpfulness, gratitude, stuckness = weights
    n = len(present)
    moment = dt.datetime.combine(day, dt.time(9, 30))
    for _ in range(max(1, round(rng.gauss(0.45 * n * busy, 1.0)))):
        giver = _pick(rng, present, gratitude, 1)[0]
        others = [m for m in present if m != giver]
        receivers = _pick(rng, others, helpfulness, 1 if rng.random() < 0.8 else 2)
        note, tag = rng.choice(KUDOS_NOTES)
        tags = (tag,)
        entries.append(entry_values(next_id, EntryKind.KUDOS, day, giver, note, tags, None, moment))
        people.extend(_people(next_id, receivers, ROLE_RECEIVER))
        next_id += 1
        moment += dt.timedelta(seconds=rng.randint(15, 90))
    for _ in range(max(0, round(rng.gauss(0.1 * n * busy, 0.8)))):
        owner = _pick(rng, present, stuckness, 1)[0]
        note, tag = rng.choice(BLOCKER_NOTES)
        wait = min(int(rng.expovariate(1 / 3)), 40)
        resolved: dt.date | None = day + dt.timedelta(days=wait)
        helpers: list[int] = []
        if resolved is not None and resolved > last_day:
            resolved = None
        if resolved is not None and rng.random() < 0.8:
            others = [m for m in present if m != owner]
            helpers = _pick(rng, others, helpfulness, 1 if rng.random() < 0.85 else 2)
        entries.append(
            entry_values(next_id, EntryKind.BLOCKER, day, owner, note, (tag,), resolved, moment)
        )
        people.extend(_people(next_id, helpers, ROLE_HELPER))
        next_id += 1
        moment += dt.timedelta(seconds=rng.randint(15, 90))
    return next_id


def _people(entry_id: int, member_ids: list[int], role: str) -> list[dict]:
    return [
        {"entry_id": entry_id, "member_id": m, "role": role, "position": i}
        for i, m in enumerate(member_ids)
    ]


def _bulk_insert(team: TeamFile, entries: list[dict], people: list[dict]) -> None:
    chunk = 20_000
    with team.session() as s:
        for i in range(0, len(entries), chunk):
            s.execute(insert(StandupEntry), entries[i : i + chunk])
        for i in range(0, len(people), chunk):
            s.execute(insert(StandupPerson), people[i : i + chunk])
