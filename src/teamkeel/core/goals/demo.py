"""Demo history for support goals: eight weeks of goals with supportive actions, two
skill-share projects, a few chosen blocker buddies and a year of outcome figures.

A seed of its own keeps this story the same whatever the other demos draw.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from teamkeel.core.goals.buddy_store import Buddies
from teamkeel.core.goals.models import KIND_DELIVERABLE, KIND_SUPPORT, GoalItemRow
from teamkeel.core.goals.outcomes import Outcomes, months_back
from teamkeel.core.goals.projects import ProjectDraft, ProjectStatus, SkillShares
from teamkeel.core.goals.weeks import monday_of
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.models import StandupEntry
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

DELIVERABLES = [
    "ship the export dialog",
    "finish the billing report query",
    "write the runbook for the sync service",
    "prototype the settings screen",
    "close the three oldest support tickets",
    "move the nightly job to the new cluster",
    "test the release candidate on mobile",
    "draft the Q1 roadmap notes",
    "fix the flaky login test",
    "add alerts for the payment webhooks",
]
SUPPORT = [
    "review {name}'s migration PR",
    "pair with {name} on the flaky test",
    "walk {name} through the deploy pipeline",
    "answer {name}'s SQL questions",
    "give {name} feedback on the design draft",
    "cover {name}'s on-call hand-over",
    "help {name} split the big pull request",
    "sit in on {name}'s customer call",
]
WEEKS = 8


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    rng = random.Random(f"keel-goals-{size}")
    today = dt.date.today()
    members = RosterService(team).list_members()
    if len(members) < 2:
        return
    _weekly_goals(team, rng, members, today)
    _skill_shares(team, members, today)
    _buddies(team, today)
    _open_blocker(team, members, today)
    _outcomes(team, rng, today, size)


def _weekly_goals(
    team: TeamFile, rng: random.Random, members: list[Member], today: dt.date
) -> None:
    this_week = monday_of(today)
    rows: list[dict[str, object]] = []
    for back in range(WEEKS - 1, -1, -1):
        monday = this_week - dt.timedelta(weeks=back)
        current = back == 0
        for m in members:
            if rng.random() < 0.1:  # not everyone sets goals every week
                continue
            for position, text in enumerate(rng.sample(DELIVERABLES, rng.choice((1, 1, 2)))):
                rows.append(_row(m, monday, KIND_DELIVERABLE, text, None, position, rng, current))
            if rng.random() < 0.85:
                other = rng.choice([x for x in members if x.id != m.id])
                text = rng.choice(SUPPORT).format(name=other.name.split()[0])
                rows.append(_row(m, monday, KIND_SUPPORT, text, other.id, 0, rng, current))
    with team.session() as s:
        s.execute(insert(GoalItemRow), rows)
        # One carried-over item in the current week, linked to last week's unfinished one.
        last = s.scalars(
            select(GoalItemRow).where(
                GoalItemRow.week_start == this_week - dt.timedelta(weeks=1),
                GoalItemRow.kind == KIND_DELIVERABLE,
                GoalItemRow.status == "not_done",
            )
        ).first()
        if last is not None:
            s.add(
                GoalItemRow(
                    member_id=last.member_id,
                    week_start=this_week,
                    kind=KIND_DELIVERABLE,
                    text=last.text,
                    status="open",
                    carried_from_id=last.id,
                    position=9,
                    created_at=dt.datetime.combine(this_week, dt.time(9, 5)),
                )
            )


def _row(
    m: Member,
    monday: dt.date,
    kind: str,
    text: str,
    colleague: int | None,
    position: int,
    rng: random.Random,
    current: bool,
) -> dict[str, object]:
    status, done_on = "open", None
    if not current:
        status = rng.choices(["done", "partly", "not_done"], [0.72, 0.14, 0.14])[0]
        if status == "done":
            done_on = monday + dt.timedelta(days=rng.randint(1, 4))
    return {
        "member_id": m.id,
        "week_start": monday,
        "kind": kind,
        "text": text,
        "colleague_id": colleague,
        "status": status,
        "done_on": done_on,
        "position": position,
        "created_at": dt.datetime.combine(monday, dt.time(9, rng.randint(0, 20))),
    }


def _pairs_by_goals(members: list[Member]) -> list[tuple[Member, str, Member, str]]:
    """Pairs where each can teach what the other wants to grow in (best fits first)."""

    def goal_taught(learner: Member, teacher: Member) -> str:
        known = {k.casefold() for k in teacher.skills}
        return next((g for g in learner.goals if g.casefold() in known), "")

    found = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            ga, gb = goal_taught(a, b), goal_taught(b, a)
            fit = bool(ga) + bool(gb)
            if fit and a.goals and b.goals:
                found.append((-fit, a.name, (a, ga or a.goals[0], b, gb or b.goals[0])))
    found.sort(key=lambda x: (x[0], x[1]))
    pairs, used = [], set()
    for _fit, _name, (a, ga, b, gb) in found:
        if a.id not in used and b.id not in used:
            pairs.append((a, ga, b, gb))
            used |= {a.id, b.id}
    return pairs


def _skill_shares(team: TeamFile, members: list[Member], today: dt.date) -> None:
    """Two projects: a delivered one (a dashboard, as in the guide's marketing team) and
    one under way, between partners who can teach each other what they want to learn."""
    pairs = _pairs_by_goals(members)
    if len(pairs) < 2:
        return
    shares = SkillShares(team)
    (c, gc, d, gd), (a, ga, b, gb) = pairs[:2]
    shares.add(
        ProjectDraft(
            a.id or 0,
            b.id or 0,
            "a team dashboard of blocker resolution times",
            ga,
            gb,
            due_on=today - dt.timedelta(days=20),
            status=ProjectStatus.DELIVERED,
            outcome="the dashboard opens every Monday stand-up; both presented it at the demo day",
            delivered_on=today - dt.timedelta(days=24),
        )
    )
    shares.add(
        ProjectDraft(
            c.id or 0,
            d.id or 0,
            "a short guide to the deploy pipeline for newcomers",
            gc,
            gd,
            due_on=today + dt.timedelta(days=30),
            status=ProjectStatus.UNDER_WAY,
        )
    )


def _buddies(team: TeamFile, today: dt.date) -> None:
    """The lead picked a buddy for a few recent blockers (the first suggestion each)."""
    with team.session() as s:
        recent = s.scalars(
            select(StandupEntry.id, StandupEntry.day)
            .where(
                StandupEntry.kind == "blocker", StandupEntry.day >= today - dt.timedelta(days=30)
            )
            .order_by(StandupEntry.day.desc())
            .limit(4)
        ).all()
    buddies = Buddies(team)
    for entry_id in recent:
        found = buddies.suggest(entry_id)
        if found:
            buddies.choose(entry_id, found[0].member_id, "; ".join(found[0].reasons))


def _open_blocker(team: TeamFile, members: list[Member], today: dt.date) -> None:
    """One blocker still open from the last working day, without a buddy yet: the lead
    opening the demo can ask Keel who could help with it now."""
    day = today - dt.timedelta(days=max(0, today.weekday() - 4))  # Friday at the weekend
    present = [m for m in members if not m.archived and not _away(m, day)]
    owner = next((m for m in present if m.goals), present[0] if present else None)
    if owner is None or owner.id is None:
        return
    note = "the analytics warehouse refuses my new credentials"
    StandupService(team).add_blocker(day, owner.id, note, ("data",))


def _away(member: Member, day: dt.date) -> bool:
    return any(a.start <= day <= a.end for a in member.absences)


def _outcomes(team: TeamFile, rng: random.Random, today: dt.date, size: str) -> None:
    """A year of figures that improve slowly and unevenly, as real ones do."""
    outcomes = Outcomes(team)
    outcomes.add_metric("First answer in the support channel", "hours")
    people = 60 if size == "large" else 8
    months = months_back(f"{today.replace(day=1) - dt.timedelta(days=1):%Y-%m}", 12)
    figures: list[tuple[str, str, float | None]] = []
    for i, month in enumerate(months):
        progress = i / (len(months) - 1)
        figures += [
            ("voluntary_leavers", month, float(rng.random() < 0.25 - 0.15 * progress)),
            ("on_time_delivery", month, round(68 + 20 * progress + rng.uniform(-6, 6))),
            ("post_release_defects", month, max(0, round(9 - 5 * progress + rng.uniform(-2, 2)))),
            ("overtime_incidents", month, max(0, round(6 - 4 * progress + rng.uniform(-1.5, 1.5)))),
            (
                "feedback_attendance",
                month,
                min(people, round(people * (0.35 + 0.45 * progress) + rng.uniform(-1, 1))),
            ),
            (
                "first_answer_in_the_support_channel",
                month,
                round(6 - 4 * progress + rng.uniform(-0.8, 0.8), 1),
            ),
        ]
    outcomes.set_values(figures)
