"""Reads the facts the Journey's checks need, from every part of the team file.

One function per source, each with its own short read; ``journey_of(team, today)`` puts
them together and hands them to the pure rules in ``checks``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.compact.service import CompactService
from teamkeel.core.compact.versioning import review_status
from teamkeel.core.i18n import _, pgettext
from teamkeel.core.journey import checks
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.journey.starting_point import MODELS
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.storage.teamfile import TeamFile

GUARDIAN = "guardian"


def _guardian_words() -> tuple[str, ...]:
    """Words that name the culture guardian in a rotation's or ritual's name: the English
    one (files written by an English Keel) and the word of the language Keel speaks."""
    # Translators: one word, lower case, that a team's rotation or ritual name contains
    # when it is about the culture guardian (German: "kulturverantwortung").
    word = pgettext("culture guardian, matched in names", "guardian").casefold()
    return (GUARDIAN, word) if word != GUARDIAN else (GUARDIAN,)


def _compact(team: TeamFile, today: dt.date) -> tuple[tuple[int, dt.date, int, int] | None, tuple]:
    latest = CompactService(team).latest()
    status = review_status(latest, today)
    if latest is None or latest.number is None or latest.ratified_on is None:
        return None, (status.state, status.next_review)
    with team.session() as s:
        active = set(s.scalars(select(MemberRow.id).where(MemberRow.archived.is_(False))))
    signed = len({g.member_id for g in latest.signatures} & active)
    return (latest.number, latest.ratified_on, signed, len(active)), (
        status.state,
        status.next_review,
    )


def _guardian(team: TeamFile, calendar: CalendarService, today: dt.date) -> str:
    """A rotating culture guardian, as a rotating role or a ritual whose facilitators
    rotate and whose title or notes name the guardian."""
    from teamkeel.core.rotations.models import RotationMemberRow, RotationRow

    with team.session() as s:
        active = s.scalar(select(func.count()).where(MemberRow.archived.is_(False))) or 0
        rows = s.execute(
            select(
                RotationRow.name,
                RotationRow.all_members,
                func.count(RotationMemberRow.member_id),
            )
            .join(RotationMemberRow, RotationMemberRow.rotation_id == RotationRow.id, isouter=True)
            .where(RotationRow.kind == "role")
            .group_by(RotationRow.id)
        ).all()
    words = _guardian_words()
    for name, everyone, listed in rows:
        members = active if everyone else listed
        if any(w in name.casefold() for w in words) and members >= 2:
            return _("rotating role “{name}”, {count} people take turns").format(
                name=name, count=members
            )
    for ritual in calendar.list_rituals():
        text = f"{ritual.title} {ritual.notes}".casefold()
        named = any(w in text for w in words)
        if named and len(ritual.rotation) >= 2 and ritual.start.date() <= today:
            return _("“{title}” is facilitated in turn by {count} people").format(
                title=ritual.title, count=len(ritual.rotation)
            )
    return ""


def facts(team: TeamFile, today: dt.date) -> checks.Facts:
    journey = JourneyService(team)
    calendar = CalendarService(team)
    minimum = journey.min_answers()
    placements = journey.placements()
    ratified, review = _compact(team, today)
    feedback = journey.feedback()
    pilots = []
    for p in journey.pilots():
        mine = [f for f in feedback if f.ritual_id == p.ritual_id]
        dropped = next((f.given_on for f in reversed(mine) if f.decision == "drop"), None)
        pilots.append(
            checks.PilotFacts(
                p.ritual_id,
                p.title,
                p.since,
                tuple(f.given_on for f in mine),
                mine[-1].decision if mine else "",
                dropped,
            )
        )
    checkin_days = tuple(
        o.day
        for o in calendar.occurrences(today - dt.timedelta(days=366), today)
        if o.kind == "culture_checkin" and o.start.date() <= today
    )
    last = placements[-1] if placements else None
    return checks.Facts(
        today=today,
        program_start=journey.program_start(),
        min_answers=minimum,
        rounds=tuple((r.held_on, r.size) for r in journey.rounds()),
        placement=(last.taken_on, MODELS[last.model].nickname) if last else None,
        ratified=ratified,
        review=review,
        pilots=tuple(pilots),
        guardian=_guardian(team, calendar, today),
        checkins=checkin_days,
        stories=tuple(s.told_on for s in journey.stories()),
    )


def journey_of(team: TeamFile, today: dt.date | None = None) -> checks.Journey:
    day = today or dt.date.today()
    return checks.journey(facts(team, day))
