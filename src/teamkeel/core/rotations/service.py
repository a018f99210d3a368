"""``RotationService(team)``: rotations, their rounds, planning and hand edits.

Planning is split in three so the window can plan in a worker thread without touching
the file there: ``prepare`` reads what the planner needs (main thread), ``compute`` runs
the pure planner (any thread), ``store`` writes the result (main thread). ``plan`` does
all three for the command line.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.roster.service import RosterService, to_member
from teamkeel.core.rotations import link, planner
from teamkeel.core.rotations.models import (
    SIT_OUT_GROUP,
    RotationMemberRow,
    RotationNeverRow,
    RotationRoundRow,
    RotationRow,
    RotationSeatRow,
)
from teamkeel.core.rotations.planner import Candidate, Kind, OddPolicy, Plan, RoundRequest
from teamkeel.core.rotations.records import (
    Group,
    PlanJob,
    RotationSpec,
    RotationSummary,
    RoundView,
)
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile

DEFAULT_ROUNDS_AHEAD = 8


# ------------------------------------------------------------------ row <-> records


def spec_of(row: RotationRow) -> RotationSpec:
    # Linked to a ritual: its start and cadence (the stored copy is kept in step when
    # saved, and used if the ritual stops being a weekly one).
    session = object_session(row)
    timing = (
        link.linked_timing(session, row.ritual_id, row.start_date)
        if session is not None and row.ritual_id is not None
        else None
    )
    start, weeks = timing or (row.start_date, row.cadence_weeks)
    return RotationSpec(
        id=row.id,
        name=row.name,
        kind=Kind(row.kind),
        start_date=start,
        cadence_weeks=weeks,
        ritual_id=row.ritual_id,
        all_members=row.all_members,
        members=tuple(m.member_id for m in row.members),
        odd_policy=OddPolicy(row.odd_policy),
        group_size=row.group_size,
        never_together=tuple(sorted((n.member_a, n.member_b) for n in row.never)),
        mix_roles=row.mix_roles,
        min_overlap_hours=row.min_overlap_hours,
        notes=row.notes,
    )


def fill_row(row: RotationRow, spec: RotationSpec) -> None:
    row.name = " ".join(spec.name.split())
    row.kind = Kind(spec.kind).value
    row.start_date = spec.start_date
    row.cadence_weeks = spec.cadence_weeks
    row.all_members = spec.all_members
    row.odd_policy = OddPolicy(spec.odd_policy).value
    row.group_size = spec.group_size
    row.mix_roles = spec.mix_roles
    row.min_overlap_hours = spec.min_overlap_hours
    row.notes = spec.notes
    row.ritual_id = spec.ritual_id
    row.members = [
        RotationMemberRow(member_id=m, position=i)
        for i, m in enumerate(dict.fromkeys(spec.members))
    ]
    pairs = {planner.pair(a, b) for a, b in spec.never_together if a != b}
    row.never = [RotationNeverRow(member_a=a, member_b=b) for a, b in sorted(pairs)]


def round_of(row: RotationRoundRow) -> RoundView:
    seats = [(s.group_no, s.seat, s.member_id, s.duty, s.pinned) for s in row.seats]
    return _view(row.id, row.number, row.day, row.done, seats)


Seat = tuple[int, int, int, bool, bool]  # group_no, seat, member_id, duty, pinned


def _view(round_id: int, number: int, day: dt.date, done: bool, seats: list[Seat]) -> RoundView:
    groups: dict[int, list[Seat]] = {}
    duty = []
    for seat in sorted(seats, key=lambda s: (s[0], s[1])):
        if seat[3]:
            duty.append(seat[2])
        if seat[0] != SIT_OUT_GROUP:
            groups.setdefault(seat[0], []).append(seat)
    return RoundView(
        id=round_id,
        number=number,
        day=day,
        done=done,
        groups=tuple(
            Group(members=tuple(s[2] for s in group), pinned=any(s[4] for s in group))
            for _, group in sorted(groups.items())
        ),
        duty=tuple(duty),
    )


def seats_of(view: RoundView) -> list[RotationSeatRow]:
    seats = []
    for g, group in enumerate(view.groups):
        for i, m in enumerate(group.members):
            seats.append(
                RotationSeatRow(
                    group_no=g, seat=i, member_id=m, duty=m in view.duty, pinned=group.pinned
                )
            )
    for i, m in enumerate(view.sitting_out):
        seats.append(RotationSeatRow(group_no=SIT_OUT_GROUP, seat=i, member_id=m, duty=True))
    return seats


def candidate(member: Member, day: dt.date) -> Candidate:
    """The planner's view of a member: role, skills, goals, working hours in UTC."""
    return Candidate(
        id=member.id or 0,
        role=member.role,
        work_utc=work_window_utc(member, day),
        skills=frozenset(s.casefold() for s in member.skills),
        goals=frozenset(g.casefold() for g in member.goals),
    )


def work_window_utc(member: Member, day: dt.date) -> tuple[int, int] | None:
    try:
        zone = zoneinfo.ZoneInfo(member.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    start = dt.datetime.combine(day, member.work_start, zone).astimezone(dt.UTC)
    end = dt.datetime.combine(day, member.work_end, zone).astimezone(dt.UTC)
    midnight = dt.datetime.combine(day, dt.time(0), dt.UTC)
    a = int((start - midnight).total_seconds() // 60)
    b = int((end - midnight).total_seconds() // 60)
    if b <= a:  # a shift past midnight
        b += 1440
    return (a, b)


# ------------------------------------------------------------------------ the service


def pinned_planned_rounds(stored: Sequence[RoundView], last_done: int) -> list[RoundView]:
    """Planned rounds after the last done one that hold a pinned group."""
    return [r for r in stored if r.number > last_done and not r.done and r.pins()]


class RotationService:
    def __init__(self, team: TeamFile):
        self.team = team

    # -- rotations -------------------------------------------------------------------
    def list_rotations(self) -> list[RotationSummary]:
        with self.team.session() as s:
            out = []
            for row in s.scalars(select(RotationRow).order_by(RotationRow.name)):
                done = sum(1 for r in row.rounds if r.done)
                upcoming = [r.day for r in row.rounds if not r.done]
                out.append(
                    RotationSummary(
                        spec=spec_of(row),
                        rounds=len(row.rounds),
                        done=done,
                        next_day=min(upcoming) if upcoming else None,
                    )
                )
            return out

    def get(self, rotation_id: int) -> RotationSpec:
        with self.team.session() as s:
            return spec_of(self._row(s, rotation_id))

    def find(self, name: str) -> RotationSpec:
        """The rotation a typed name means: exact (any case) first, then a unique prefix."""
        needle = " ".join(name.split()).casefold()
        specs = [r.spec for r in self.list_rotations()]
        found = [s for s in specs if s.name.casefold() == needle] or [
            s for s in specs if s.name.casefold().startswith(needle)
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            names = ", ".join(s.name for s in specs) or _("there are none yet")
            raise KeelError(
                _("No rotation is called “{name}” (rotations: {names}).").format(
                    name=name, names=names
                )
            )
        raise KeelError(
            _("“{name}” could mean {items}.").format(
                name=name, items=", ".join(s.name for s in found)
            )
        )

    def save(self, spec: RotationSpec) -> RotationSpec:
        """Create (``spec.id`` None, or an id to restore) or update a rotation."""
        problems = spec.problems()
        if problems:
            raise ValidationError(problems)
        try:
            with self.team.session() as s:
                # Names differing only in case would be one name to the lead (and to
                # ``find`` on the command line), so they clash too.
                wanted = " ".join(spec.name.split()).casefold()
                others = s.execute(select(RotationRow.id, RotationRow.name)).all()
                if any(n.casefold() == wanted and i != spec.id for i, n in others):
                    raise ValidationError([Problem("name", _("another rotation has this name"))])
                spec = link.follow_ritual(s, spec)
                row = s.get(RotationRow, spec.id) if spec.id is not None else None
                if row is None:
                    row = RotationRow(id=spec.id)
                    s.add(row)
                fill_row(row, spec)
                s.flush()
                return spec_of(row)
        except IntegrityError as exc:
            raise ValidationError(
                [Problem("members", _("a chosen member does not exist"))]
            ) from exc

    def delete(self, rotation_id: int) -> tuple[RotationSpec, list[RoundView]]:
        """Remove a rotation; returns what ``restore`` needs to bring it back."""
        with self.team.session() as s:
            row = self._row(s, rotation_id)
            kept = (spec_of(row), [round_of(r) for r in row.rounds])
            s.delete(row)
            return kept

    def restore(self, spec: RotationSpec, rounds: Sequence[RoundView]) -> None:
        """Bring a deleted rotation back with its ids, rounds included, in one
        transaction. Refused, changing nothing, when another Keel on this file has
        meanwhile been given one of those ids: saving over it would replace that
        rotation (or its rounds) with this one."""
        problems = spec.problems()
        if problems:
            raise ValidationError(problems)
        taken_message = _(
            "“{name}” cannot be brought back: the rotations were changed "
            "meanwhile (by another Keel on this file)."
        ).format(name=spec.name)
        try:
            with self.team.session() as s:
                if spec.id is not None and s.get(RotationRow, spec.id) is not None:
                    raise KeelError(taken_message)
                round_ids = [r.id for r in rounds if r.id is not None]
                if round_ids and s.scalar(
                    select(RotationRoundRow.id).where(RotationRoundRow.id.in_(round_ids)).limit(1)
                ):
                    raise KeelError(taken_message)
                wanted = " ".join(spec.name.split()).casefold()
                names = s.scalars(select(RotationRow.name)).all()
                if any(n.casefold() == wanted for n in names):
                    raise ValidationError([Problem("name", _("another rotation has this name"))])
                row = RotationRow(id=spec.id)
                s.add(row)
                fill_row(row, spec)
                row.rounds = [self._round_row(view) for view in rounds]
        except IntegrityError as exc:
            raise ValidationError(
                [Problem("members", _("a chosen member does not exist"))]
            ) from exc

    # -- rounds ----------------------------------------------------------------------
    def meeting_at(self, ritual_id: int) -> list[int]:
        """The rotations that meet at this ritual."""
        with self.team.session() as s:
            return list(s.scalars(select(RotationRow.id).where(RotationRow.ritual_id == ritual_id)))

    def meet_at(self, rotation_ids: Sequence[int], ritual_id: int) -> None:
        """Link these rotations to the ritual again (undoing the ritual's deletion, which
        unlinked them); they take its timing again, which they kept meanwhile."""
        with self.team.session() as s:
            for rotation_id in rotation_ids:
                self._row(s, rotation_id).ritual_id = ritual_id

    def rounds(self, rotation_id: int) -> list[RoundView]:
        with self.team.session() as s:
            self._row(s, rotation_id)  # refuses a rotation that is not there
            # Two plain queries, no ORM object per seat: read several times per plan,
            # a year of rounds took a quarter of a second on the window's thread.
            rounds = s.execute(
                select(
                    RotationRoundRow.id,
                    RotationRoundRow.number,
                    RotationRoundRow.day,
                    RotationRoundRow.done,
                )
                .where(RotationRoundRow.rotation_id == rotation_id)
                .order_by(RotationRoundRow.number)
            ).all()
            seats: dict[int, list[Seat]] = {r.id: [] for r in rounds}
            for round_id, *seat in s.execute(
                select(
                    RotationSeatRow.round_id,
                    RotationSeatRow.group_no,
                    RotationSeatRow.seat,
                    RotationSeatRow.member_id,
                    RotationSeatRow.duty,
                    RotationSeatRow.pinned,
                )
                .join(RotationRoundRow)
                .where(RotationRoundRow.rotation_id == rotation_id)
            ):
                seats[round_id].append(tuple(seat))  # type: ignore[arg-type]
            return [_view(r.id, r.number, r.day, r.done, seats[r.id]) for r in rounds]

    def round(self, round_id: int) -> RoundView:
        with self.team.session() as s:
            return round_of(self._round(s, round_id))

    def replace_rounds(self, rotation_id: int, rounds: Sequence[RoundView]) -> None:
        """Make the rotation's rounds exactly ``rounds`` (undo of a re-plan)."""
        with self.team.session() as s:
            row = self._row(s, rotation_id)
            row.rounds.clear()
            s.flush()
            for view in rounds:
                row.rounds.append(self._round_row(view))

    def write_round(self, view: RoundView) -> RoundView:
        """Store one round as given (a hand edit, or undoing one)."""
        if view.id is None:
            raise KeelError(_("Cannot edit a round that was never stored."))
        with self.team.session() as s:
            row = self._round(s, view.id)
            kind = Kind(self._row(s, row.rotation_id).kind)
            check_round(kind, view)
            row.done = view.done
            row.seats.clear()
            s.flush()
            row.seats.extend(seats_of(view))
            s.flush()
            return round_of(row)

    def swap(self, round_id: int, a: int, b: int) -> RoundView:
        """Swap two members' places in a round; if only ``a`` is in it, ``b`` takes over."""
        view = self.round(round_id)

        def swapped(m: int) -> int:
            return b if m == a else a if m == b else m

        groups = tuple(Group(tuple(swapped(m) for m in g.members), g.pinned) for g in view.groups)
        duty = tuple(swapped(m) for m in view.duty)
        return self.write_round(RoundView(view.id, view.number, view.day, view.done, groups, duty))

    def set_pinned(self, round_id: int, group_no: int, pinned: bool) -> RoundView:
        view = self.round(round_id)
        groups = list(view.groups)
        groups[group_no] = Group(groups[group_no].members, pinned)
        return self.write_round(
            RoundView(view.id, view.number, view.day, view.done, tuple(groups), view.duty)
        )

    def set_done(self, round_id: int, done: bool) -> RoundView:
        with self.team.session() as s:
            row = self._round(s, round_id)
            row.done = done
            s.flush()
            return round_of(row)

    # -- planning --------------------------------------------------------------------
    def plan_members(self, spec: RotationSpec) -> list[Member]:
        """Who the planner schedules: active members of the rotation, in a stable order."""
        with self.team.session() as s:
            rows = s.scalars(select(MemberRow).where(MemberRow.archived.is_(False))).all()
            active = {r.id: to_member(r) for r in rows}
        if spec.all_members:
            return [active[i] for i in sorted(active)]
        return [active[i] for i in spec.members if i in active]

    def prepare(
        self, rotation_id: int, count: int | None = None, after: int | None = None
    ) -> PlanJob:
        """Read what planning needs.

        Without ``after``: keep every round up to the last one marked done and plan
        ``count`` rounds after it (more if a later planned round holds a pinned group,
        so the pin is kept), replacing the planned rounds there. With ``after``: keep every round up
        to that number as it stands (hand edits included) and re-plan the rounds after
        it that are not done (``count`` of them, or as many as there are).
        """
        spec = self.get(rotation_id)
        stored = self.rounds(rotation_id)
        if after is None:
            # Everything up to the last round marked done stays as it is (a round before
            # it that was never marked done still happened as far as planning knows).
            last_done = max((r.number for r in stored if r.done), default=-1)
            kept = [r for r in stored if r.number <= last_done]
            replaceable = [r.number for r in stored if r.number > last_done]
            first = last_done + 1
            total = DEFAULT_ROUNDS_AHEAD if count is None else count
            # A pair the lead pinned in a planned round is a promise: plan at least as
            # far as the last such round, so that re-planning never drops it silently.
            last_pinned = max(
                (r.number for r in pinned_planned_rounds(stored, last_done)), default=None
            )
            if last_pinned is not None:
                total = max(total, last_pinned - first + 1)
            numbers = list(range(first, first + total))
        else:
            kept = [r for r in stored if r.number <= after or r.done]
            replaceable = [r.number for r in stored if r.number > after and not r.done]
            numbers = list(replaceable)
            if count is not None:
                start = after + 1
                free = (n for n in range(start, start + 10 * (count + len(stored))))
                done_numbers = {r.number for r in stored if r.done}
                numbers = [n for n in free if n not in done_numbers][:count]
        if count is not None and count < 0:
            raise ValidationError([Problem("rounds", _("must be 0 or more"))])
        members = self.plan_members(spec)
        needed = 1 if spec.kind == Kind.ROLE else 2
        if len(members) < needed:
            raise KeelError(
                _("“{spec_name}” needs at least {needed} active members to plan.").format(
                    spec_name=spec.name, needed=needed
                )
            )
        by_number = {r.number: r for r in stored}
        days = [spec.day_of(n) for n in numbers]
        reference = days[0] if days else spec.start_date
        requests = []
        for n, day in zip(numbers, days, strict=True):
            old = by_number.get(n)
            requests.append(
                RoundRequest(
                    absent=frozenset(m.id for m in members if m.is_absent(day) and m.id),
                    pins=old.pins() if old is not None and not old.done else (),
                )
            )
        return PlanJob(
            rotation_id=rotation_id,
            candidates=tuple(candidate(m, reference) for m in members),
            rules=spec.rules(),
            history=tuple(r.as_round() for r in sorted(kept, key=lambda r: r.number)),
            requests=tuple(requests),
            numbers=tuple(numbers),
            days=tuple(days),
            replaces=tuple(sorted(set(replaceable) | {n for n in numbers if n in by_number})),
        )

    @staticmethod
    def compute(
        job: PlanJob,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Plan:
        """Run the planner on a prepared job. Pure: safe in a worker thread."""
        return planner.plan(
            job.candidates,
            job.rules,
            job.history,
            job.requests,
            progress=progress,
            cancelled=cancelled,
        )

    def store(self, job: PlanJob, result: Plan) -> list[RoundView]:
        """Write a computed plan in one transaction, replacing the rounds it re-plans."""
        views = []
        for n, day, req, rnd in zip(
            job.numbers, job.days, job.requests, result.rounds, strict=False
        ):
            pins = {frozenset(p) for p in req.pins}
            groups = tuple(
                Group(g, frozenset(g) in pins or _holds_pin(g, pins)) for g in rnd.groups
            )
            views.append(RoundView(None, n, day, False, groups, rnd.duty))
        with self.team.session() as s:
            row = self._row(s, job.rotation_id)
            if job.replaces:
                s.execute(
                    delete(RotationRoundRow).where(
                        RotationRoundRow.rotation_id == job.rotation_id,
                        RotationRoundRow.number.in_(job.replaces),
                        RotationRoundRow.done.is_(False),
                    )
                )
                s.expire(row, ["rounds"])
            for view in views:
                row.rounds.append(self._round_row(view))
            s.flush()
            return [round_of(r) for r in row.rounds if r.number in set(job.numbers)]

    def plan(self, rotation_id: int, count: int = DEFAULT_ROUNDS_AHEAD) -> list[RoundView]:
        job = self.prepare(rotation_id, count=count)
        return self.store(job, self.compute(job))

    def replan_after(self, rotation_id: int, number: int) -> list[RoundView]:
        job = self.prepare(rotation_id, after=number)
        return self.store(job, self.compute(job))

    # -- names -----------------------------------------------------------------------
    def names(self) -> dict[int, str]:
        """Every member's name (archived too: old rounds still show them)."""
        with self.team.session() as s:
            return {i: n for i, n in s.execute(select(MemberRow.id, MemberRow.name))}

    def roster(self) -> list[Member]:
        return RosterService(self.team).list_members(include_archived=True)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, rotation_id: int) -> RotationRow:
        missing = _("There is no rotation with id {rotation_id}.").format(rotation_id=rotation_id)
        return row_or_refuse(s, RotationRow, rotation_id, missing)

    @staticmethod
    def _round(s: Session, round_id: int) -> RotationRoundRow:
        missing = _("There is no round with id {round_id}.").format(round_id=round_id)
        return row_or_refuse(s, RotationRoundRow, round_id, missing)

    @staticmethod
    def _round_row(view: RoundView) -> RotationRoundRow:
        row = RotationRoundRow(id=view.id, number=view.number, day=view.day, done=view.done)
        row.seats = seats_of(view)
        return row


def _holds_pin(group: tuple[int, ...], pins: set[frozenset[int]]) -> bool:
    """A trio that grew around a pinned pair is still pinned."""
    return any(p <= set(group) for p in pins)


def check_round(kind: Kind, view: RoundView) -> None:
    """A hand-edited round still seats everyone once (cross-check: once per side)."""
    where = _("round {number}").format(number=view.number + 1)
    if kind == Kind.CROSS_CHECK:
        for side in (0, 1):
            seated = [g.members[side] for g in view.groups if len(g.members) == 2]
            if len(seated) != len(set(seated)):
                raise ValidationError(
                    [Problem(where, _("a member would review or be reviewed twice"))]
                )
        if any(len(set(g.members)) != len(g.members) for g in view.groups):
            raise ValidationError([Problem(where, _("nobody reviews their own work"))])
        return
    seated = [m for g in view.groups for m in g.members] + list(view.sitting_out)
    if len(seated) != len(set(seated)):
        raise ValidationError([Problem(where, _("a member would be there twice"))])
