"""Weekly goals: each member's deliverables and one supportive action for a colleague.

``WeeklyGoals(team)`` owns short sessions and returns ``GoalItem`` values. Every write
returns what an undo needs (the item before, or a snapshot of a deleted one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.goals.models import KIND_DELIVERABLE, KIND_SUPPORT, GoalItemRow
from teamkeel.core.goals.weeks import monday_of, week_label
from teamkeel.core.i18n import _, pgettext
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.text import strip_controls

MAX_TEXT = 300


class GoalStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return {
            "open": pgettext("goal status", "open"),
            "done": pgettext("goal status", "done"),
            "partly": pgettext("goal status", "partly"),
            "not_done": pgettext("goal status", "not done"),
        }[self.value]


@dataclass(frozen=True)
class GoalItem:
    """One deliverable or supportive action of one member in one ISO week."""

    id: int
    member_id: int
    member_name: str
    week_start: dt.date
    kind: str  # KIND_DELIVERABLE or KIND_SUPPORT
    text: str
    status: GoalStatus = GoalStatus.OPEN
    colleague_id: int | None = None
    colleague_name: str = ""
    done_on: dt.date | None = None
    carried_from_id: int | None = None
    position: int = 0
    created_at: dt.datetime | None = None

    @property
    def is_support(self) -> bool:
        return self.kind == KIND_SUPPORT

    @property
    def week(self) -> str:
        return week_label(self.week_start)

    def describe(self) -> str:
        if self.is_support:
            return f"support {self.colleague_name}: {self.text}"
        return self.text


def clean_text(text: str, field: str) -> tuple[str, list[Problem]]:
    clean = " ".join(strip_controls(str(text)).split())  # a NUL or ESC means nothing to a reader
    if not clean:
        return clean, [Problem(field, _("say what it is"))]
    if len(clean) > MAX_TEXT:
        return clean, [
            Problem(field, _("keep it under {MAX_TEXT} characters").format(MAX_TEXT=MAX_TEXT))
        ]
    return clean, []


def done_day(week_start: dt.date, marked_on: dt.date) -> dt.date:
    """When a done item counts as having happened: the day it was marked, kept inside its
    week (marking last week's goals on Monday morning dates them last week)."""
    return min(max(marked_on, week_start), week_start + dt.timedelta(days=6))


class WeeklyGoals:
    def __init__(self, team: TeamFile):
        self.team = team

    # -- reading ---------------------------------------------------------------------
    def week(self, week_start: dt.date) -> list[GoalItem]:
        monday = monday_of(week_start)
        return self._select(GoalItemRow.week_start == monday)

    def between(self, start: dt.date, end: dt.date) -> list[GoalItem]:
        """Items of the weeks that overlap ``[start, end]``."""
        return self._select(
            GoalItemRow.week_start >= monday_of(start), GoalItemRow.week_start <= end
        )

    def get(self, item_id: int) -> GoalItem:
        found = self._select(GoalItemRow.id == item_id)
        if not found:
            raise KeelError(_("There is no weekly goal #{item_id}.").format(item_id=item_id))
        return found[0]

    def supports_done_between(self, start: dt.date, end: dt.date) -> list[GoalItem]:
        """Supportive actions marked done, dated (``done_on``) in ``[start, end]``."""
        R = GoalItemRow
        return self._select(
            R.kind == KIND_SUPPORT,
            R.status == GoalStatus.DONE.value,
            R.done_on >= start,
            R.done_on <= end,
        )

    def _select(self, *where: object) -> list[GoalItem]:
        R = GoalItemRow
        owner, colleague = aliased(MemberRow), aliased(MemberRow)
        query = (
            select(R, owner.name, colleague.name)
            .join(owner, owner.id == R.member_id)
            .outerjoin(colleague, colleague.id == R.colleague_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(R.week_start, owner.name, R.member_id, R.kind, R.position, R.id)
        )
        with self.team.session() as s:
            return [_item(row, name, other) for row, name, other in s.execute(query).all()]

    # -- writing ---------------------------------------------------------------------
    def add(
        self,
        member_id: int,
        week_start: dt.date,
        deliverables: Sequence[str] = (),
        support_to: int | None = None,
        support: str = "",
    ) -> list[GoalItem]:
        """Add a member's deliverables and/or their supportive action for a week."""
        monday = monday_of(week_start)
        problems: list[Problem] = []
        texts = []
        for i, text in enumerate(deliverables, 1):
            clean, found = clean_text(
                text, f"deliverable {i}" if len(deliverables) > 1 else "deliverable"
            )
            texts.append(clean)
            problems += found
        support_text = ""
        if support_to is not None or support.strip():
            support_text, found = clean_text(support, "support")
            problems += found
            if support_to is None:
                problems.append(Problem("support", _("name the colleague the action is for")))
            elif support_to == member_id:
                problems.append(Problem("support", _("a supportive action is for someone else")))
        if not texts and support_to is None and not problems:
            problems.append(Problem("goal", _("give a deliverable or a supportive action")))
        if problems:
            raise ValidationError(problems)
        with self.team.session() as s:
            self._check_members(s, member_id, support_to)
            if support_to is not None:
                self._check_one_support(s, member_id, monday)
            position = self._next_position(s, member_id, monday)
            now = dt.datetime.now().replace(microsecond=0)
            rows = [
                GoalItemRow(
                    member_id=member_id,
                    week_start=monday,
                    kind=KIND_DELIVERABLE,
                    text=text,
                    status=GoalStatus.OPEN.value,
                    position=position + i,
                    created_at=now,
                )
                for i, text in enumerate(texts)
            ]
            if support_to is not None:
                rows.append(
                    GoalItemRow(
                        member_id=member_id,
                        week_start=monday,
                        kind=KIND_SUPPORT,
                        text=support_text,
                        colleague_id=support_to,
                        status=GoalStatus.OPEN.value,
                        position=0,
                        created_at=now,
                    )
                )
            s.add_all(rows)
            s.flush()
            ids = [r.id for r in rows]
        return [self.get(i) for i in ids]

    def set_status(self, item_id: int, status: GoalStatus, on: dt.date | None = None) -> GoalItem:
        """Mark an item; returns the item as it was (for undo)."""
        status = GoalStatus(status)
        with self.team.session() as s:
            row = self._row(s, item_id)
            before = self._detached(s, row)
            row.status = status.value
            row.done_on = (
                done_day(row.week_start, on or dt.date.today())
                if status is GoalStatus.DONE
                else None
            )
        return before

    def edit(self, item_id: int, text: str, colleague_id: int | None = None) -> GoalItem:
        """Change an item's text (and a supportive action's colleague); returns the before."""
        clean, problems = clean_text(text, "text")
        if problems:
            raise ValidationError(problems)
        with self.team.session() as s:
            row = self._row(s, item_id)
            before = self._detached(s, row)
            if row.kind == KIND_SUPPORT and colleague_id is not None:
                if colleague_id == row.member_id:
                    raise ValidationError(
                        [Problem("support", _("a supportive action is for someone else"))]
                    )
                self._check_members(s, row.member_id, colleague_id)
                row.colleague_id = colleague_id
            row.text = clean
        return before

    def scope(self, scopes: Sequence[tuple[int, dt.date]]) -> list[GoalItem]:
        """Every item of the given (member, week) pairs: what an undo step keeps."""
        found: list[GoalItem] = []
        for member_id, monday in dict.fromkeys(scopes):
            found += [i for i in self.week(monday) if i.member_id == member_id]
        return found

    def restore_scope(
        self, scopes: Sequence[tuple[int, dt.date]], items: Sequence[GoalItem]
    ) -> None:
        """Make the given (member, week) pairs hold exactly ``items`` again, in one
        transaction: items kept are updated in place (their ids, and links to them from
        carried-over items, stay), the others are removed."""
        keep = {i.id for i in items}
        with self.team.session() as s:
            for member_id, monday in dict.fromkeys(scopes):
                rows = s.scalars(
                    select(GoalItemRow).where(
                        GoalItemRow.member_id == member_id,
                        GoalItemRow.week_start == monday_of(monday),
                    )
                ).all()
                for old in rows:
                    if old.id not in keep:
                        s.delete(old)
            s.flush()
            for item in items:
                row = s.get(GoalItemRow, item.id)
                if row is None:
                    row = GoalItemRow(id=item.id, created_at=item.created_at or dt.datetime.now())
                    s.add(row)
                row.member_id = item.member_id
                row.week_start = item.week_start
                row.kind = item.kind
                row.text = item.text
                row.colleague_id = item.colleague_id
                row.status = GoalStatus(item.status).value
                row.done_on = item.done_on
                row.carried_from_id = item.carried_from_id
                row.position = item.position

    def put_back(self, item: GoalItem) -> None:
        """Restore one item as a snapshot says it was."""
        self.restore_scope([], [item])

    def delete(self, item_id: int) -> GoalItem:
        with self.team.session() as s:
            row = self._row(s, item_id)
            snapshot = self._detached(s, row)
            s.delete(row)
        return snapshot

    def carry_over(self, item_id: int) -> tuple[GoalItem, GoalItem]:
        """Copy an unfinished item into the next week (the original is marked not done
        if it was still open). Returns (original before, the new item)."""
        with self.team.session() as s:
            row = self._row(s, item_id)
            if row.status == GoalStatus.DONE.value:
                raise KeelError(_("This item is done: there is nothing to carry over."))
            before = self._detached(s, row)
            nxt = row.week_start + dt.timedelta(days=7)
            if s.scalar(select(GoalItemRow.id).where(GoalItemRow.carried_from_id == row.id)):
                raise KeelError(
                    _("This item is already carried over to {week_label}.").format(
                        week_label=week_label(nxt)
                    )
                )
            if row.kind == KIND_SUPPORT:
                self._check_one_support(s, row.member_id, nxt)
            if row.status == GoalStatus.OPEN.value:
                row.status = GoalStatus.NOT_DONE.value
            new = GoalItemRow(
                member_id=row.member_id,
                week_start=nxt,
                kind=row.kind,
                text=row.text,
                colleague_id=row.colleague_id,
                status=GoalStatus.OPEN.value,
                carried_from_id=row.id,
                position=self._next_position(s, row.member_id, nxt),
                created_at=dt.datetime.now().replace(microsecond=0),
            )
            s.add(new)
            s.flush()
            new_id = new.id
        return before, self.get(new_id)

    # -- internals -------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, item_id: int) -> GoalItemRow:
        return row_or_refuse(
            s,
            GoalItemRow,
            item_id,
            _("There is no weekly goal #{item_id}.").format(item_id=item_id),
        )

    @staticmethod
    def _detached(s: Session, row: GoalItemRow) -> GoalItem:
        names = dict(
            s.execute(
                select(MemberRow.id, MemberRow.name).where(
                    MemberRow.id.in_([row.member_id, row.colleague_id or row.member_id])
                )
            ).all()
        )
        return _item(row, names.get(row.member_id, "?"), names.get(row.colleague_id or -1))

    @staticmethod
    def _check_members(s: Session, member_id: int, colleague_id: int | None) -> None:
        wanted = {member_id} | ({colleague_id} if colleague_id is not None else set())
        rows = dict(
            s.execute(
                select(MemberRow.id, MemberRow.archived).where(MemberRow.id.in_(wanted))
            ).all()
        )
        for field, mid in (("member", member_id), ("support", colleague_id)):
            if mid is None:
                continue
            if mid not in rows:
                raise ValidationError(
                    [Problem(field, _("there is no member with id {mid}").format(mid=mid))]
                )
            if rows[mid]:
                raise ValidationError([Problem(field, _("that member is archived"))])

    @staticmethod
    def _check_one_support(s: Session, member_id: int, monday: dt.date) -> None:
        R = GoalItemRow
        existing = s.execute(
            select(R.id, MemberRow.name)
            .join(MemberRow, MemberRow.id == R.member_id)
            .where(R.member_id == member_id, R.week_start == monday, R.kind == KIND_SUPPORT)
        ).first()
        if existing:
            raise KeelError(
                _(
                    "{existing} already has a supportive action in {week_label} (#{existing2}): "
                    "change that one instead."
                ).format(existing=existing[1], week_label=week_label(monday), existing2=existing[0])
            )

    @staticmethod
    def _next_position(s: Session, member_id: int, monday: dt.date) -> int:
        R = GoalItemRow
        positions = s.scalars(
            select(R.position).where(R.member_id == member_id, R.week_start == monday)
        ).all()
        return max(positions, default=-1) + 1


def _item(row: GoalItemRow, name: str, colleague: str | None) -> GoalItem:
    return GoalItem(
        id=row.id,
        member_id=row.member_id,
        member_name=name,
        week_start=row.week_start,
        kind=row.kind,
        text=row.text,
        status=GoalStatus(row.status),
        colleague_id=row.colleague_id,
        colleague_name=colleague or "",
        done_on=row.done_on,
        carried_from_id=row.carried_from_id,
        position=row.position,
        created_at=row.created_at,
    )


__all__ = ["GoalItem", "GoalStatus", "WeeklyGoals", "done_day"]
