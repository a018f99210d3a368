"""Adapters from the roster and the stand-up log to the plain facts insights read.

The stand-up log is read through ``StandupService``'s analysis methods
(``kudos_between`` / ``blockers_between``), which return plain records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from teamkeel.core.insights.events import Blocker, HelpLog, Kudo, Person, SupportAction
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile


def person_from_member(m: Member) -> Person:
    return Person(
        id=m.id or 0,
        name=m.name,
        role=m.role,
        archived=m.archived,
        start_date=m.start_date,
        away=tuple((a.start, a.end) for a in m.absences),
    )


def kudos_from_records(records: Iterable) -> list[Kudo]:
    """``KudoRecord`` (one giver, several receivers) -> one ``Kudo`` per receiver."""
    return [
        Kudo(r.day, r.giver_id, receiver, r.note, r.id)
        for r in records
        for receiver in r.receiver_ids
    ]


def blockers_from_records(records: Iterable) -> list[Blocker]:
    return [
        Blocker(r.id, r.owner_id, r.raised_on, r.resolved_on, tuple(r.helper_ids), r.note)
        for r in records
    ]


def supports_from_items(items: Iterable) -> list[SupportAction]:
    """Done supportive actions (``GoalItem``) -> ``SupportAction`` facts."""
    return [
        SupportAction(i.done_on, i.member_id, i.colleague_id, i.text, i.id)
        for i in items
        if i.done_on is not None and i.colleague_id is not None
    ]


def read_log(team: TeamFile, since: dt.date | None = None, until: dt.date | None = None) -> HelpLog:
    """The whole roster (archived members too) and the stand-up log up to ``until``.

    Kudos before ``since`` are left out (measures look back only so far); blockers are
    read from the start, since one raised long ago may still be open.
    """
    people = tuple(
        person_from_member(m) for m in RosterService(team).list_members(include_archived=True)
    )
    from teamkeel.core.standup.service import StandupService

    svc = StandupService(team)
    first, last = since or dt.date(1900, 1, 1), until or dt.date(9999, 12, 31)
    kudos = kudos_from_records(svc.kudos_between(first, last))
    blockers = blockers_from_records(svc.blockers_between(dt.date(1900, 1, 1), last))
    from teamkeel.core.goals.weekly import WeeklyGoals

    supports = supports_from_items(WeeklyGoals(team).supports_done_between(first, last))
    return HelpLog(people, tuple(kudos), tuple(blockers), svc.first_day(), supports=tuple(supports))
