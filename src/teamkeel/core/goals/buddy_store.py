"""Buddy suggestions read from a team file, and the buddy a blocker records.

Reads go through ``team.reading()`` (plain SQL): suggestions are asked for while a
stand-up is running and must come back at once (``benchmarks/buddies.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.buddies import (
    RECENT_DAYS,
    Candidate,
    PastHelp,
    Suggestion,
    suggest,
    terms,
)
from teamkeel.core.goals.models import BuddyChoiceRow
from teamkeel.core.i18n import _
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.roster.reader import read_members
from teamkeel.core.standup.models import StandupEntry
from teamkeel.core.storage.teamfile import TeamFile


@dataclass(frozen=True)
class BuddyChoice:
    entry_id: int
    member_id: int
    name: str
    reason: str
    chosen_at: dt.datetime


# Earlier help on entries of the last half year sharing a tag with the blocker's terms,
# grouped in SQL: a big log has tens of thousands of entries, and only the few matching
# groups should leave SQLite. The entries are found first (by day), then their people.
PAST_DAYS = 183
_HISTORY = """
SELECT p.member_id, e.tags, count(*) FROM (
    SELECT id, tags FROM standup_entry
    WHERE day >= ? AND id <> ? AND tags <> '' AND ({matches})
) e CROSS JOIN standup_person p ON p.entry_id = e.id
GROUP BY p.member_id, e.tags
"""
MAX_WORDS = 3  # each word is one more pass of LIKE over half a year of entries


def _history_query(tags: list[str], note: str) -> tuple[str, list[object]]:
    """Past help is matched on the blocker's tags; an untagged blocker uses the longest
    few words of its note instead."""
    words = set(tags) or terms(note, ())
    chosen = sorted(words, key=lambda w: (-len(w), w))[: max(len(tags), MAX_WORDS)]
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in chosen]
    matches = " OR ".join("(' ' || tags || ' ') LIKE ? ESCAPE '\\'" for _ in escaped) or "0"
    return _HISTORY.format(matches=matches), [f"% {w} %" for w in escaped]


# Help given lately: kudos received, blockers helped on, supportive actions done, and
# times picked as a buddy (each counts once).
_RECENT = """
SELECT p.member_id, count(*) FROM standup_person p JOIN standup_entry e ON e.id = p.entry_id
WHERE (e.kind = 'kudos' AND e.day BETWEEN :start AND :end)
   OR (e.kind = 'blocker' AND e.resolved_on BETWEEN :start AND :end)
GROUP BY p.member_id
UNION ALL
SELECT member_id, count(*) FROM goal_item
WHERE kind = 'support' AND status = 'done' AND done_on BETWEEN :start AND :end
GROUP BY member_id
UNION ALL
SELECT member_id, count(*) FROM blocker_buddy
WHERE chosen_at >= :start AND chosen_at < :after
GROUP BY member_id
"""


class Buddies:
    def __init__(self, team: TeamFile):
        self.team = team

    def suggest(self, blocker_id: int, at: dt.datetime | None = None) -> list[Suggestion]:
        """Up to three colleagues who could help with blocker ``blocker_id`` at ``at``
        (now if not given; a naive moment is taken as UTC)."""
        moment = at or dt.datetime.now(dt.UTC)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        end = moment.astimezone(dt.UTC).date()
        start = end - dt.timedelta(days=RECENT_DAYS)
        with self.team.reading() as conn:
            found = conn.execute(
                "SELECT member_id, note, tags, kind FROM standup_entry WHERE id = ?",
                (blocker_id,),
            ).fetchone()
            if found is None or found[3] != "blocker":
                raise KeelError(
                    _("There is no blocker #{blocker_id}.").format(blocker_id=blocker_id)
                )
            owner, note, tags, _kind = found
            members = read_members(conn)
            sql, words = _history_query(tags.split(), note)
            history = [
                PastHelp(member, tuple(t.split()), times)
                for member, t, times in conn.execute(
                    sql, [(end - dt.timedelta(days=PAST_DAYS)).isoformat(), blocker_id, *words]
                )
            ]
            recent: dict[int, int] = {}
            params = {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "after": (end + dt.timedelta(days=1)).isoformat(),
            }
            for member, count in conn.execute(_RECENT, params):
                recent[member] = recent.get(member, 0) + count
        candidates = [
            Candidate(
                m.id or 0,
                m.name,
                m.timezone,
                m.work_start,
                m.work_end,
                m.skills,
                tuple((a.start, a.end) for a in m.absences),
            )
            for m in members
        ]
        return suggest(owner, note, tuple(tags.split()), candidates, history, recent, moment)

    def choose(
        self, blocker_id: int, member_id: int | None, reason: str = ""
    ) -> BuddyChoice | None:
        """Record (or with None clear) a blocker's buddy; returns the choice it replaced."""
        before = self.chosen(blocker_id)
        with self.team.session() as s:
            entry = s.get(StandupEntry, blocker_id)
            if entry is None or entry.kind != "blocker":
                raise KeelError(
                    _("There is no blocker #{blocker_id}.").format(blocker_id=blocker_id)
                )
            row = s.get(BuddyChoiceRow, blocker_id)
            if member_id is None:
                if row is not None:
                    s.delete(row)
                return before
            member = s.get(MemberRow, member_id)
            if member is None or member.archived:
                raise KeelError(
                    _("There is no current member with id {member_id}.").format(member_id=member_id)
                )
            if member_id == entry.member_id:
                raise KeelError(
                    _("{member_name} owns this blocker: pick someone else as buddy.").format(
                        member_name=member.name
                    )
                )
            if row is None:
                row = BuddyChoiceRow(entry_id=blocker_id)
                s.add(row)
            row.member_id = member_id
            row.reason = " ".join(reason.split())[:300]
            row.chosen_at = dt.datetime.now().replace(microsecond=0)
        return before

    def restore(self, blocker_id: int, choice: BuddyChoice | None) -> None:
        """Put back an earlier choice exactly (undo)."""
        with self.team.session() as s:
            row = s.get(BuddyChoiceRow, blocker_id)
            if choice is None:
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                row = BuddyChoiceRow(entry_id=blocker_id)
                s.add(row)
            row.member_id, row.reason, row.chosen_at = (
                choice.member_id,
                choice.reason,
                choice.chosen_at,
            )

    def chosen(self, blocker_id: int) -> BuddyChoice | None:
        with self.team.reading() as conn:
            row = conn.execute(
                "SELECT b.entry_id, b.member_id, m.name, b.reason, b.chosen_at "
                "FROM blocker_buddy b JOIN member m ON m.id = b.member_id WHERE b.entry_id = ?",
                (blocker_id,),
            ).fetchone()
        if row is None:
            return None
        return BuddyChoice(row[0], row[1], row[2], row[3], dt.datetime.fromisoformat(row[4]))
