"""Skill-share micro-projects: a pair, a deliverable, and the growth goals it serves.

Each partner's goal is one of their growth goals on the roster (or left empty), so the
project stays tied to what the person said they want to grow in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.goals.models import SkillShareRow
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.text import strip_controls

# What a card, a list line and the check-in brief can show; the schema says the same.
MAX_DELIVERABLE = 300
MAX_OUTCOME = 1000


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DELIVERED = "delivered"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _(self.value.replace("_", " "))  # the words are marked in STATUS_WORDS


STATUS_WORDS = (N_("planned"), N_("under way"), N_("delivered"), N_("dropped"))


@dataclass(frozen=True)
class ProjectDraft:
    """What the lead fills in; ``SkillShareProject`` adds the stored id and names."""

    first_id: int
    second_id: int
    deliverable: str
    first_goal: str = ""
    second_goal: str = ""
    due_on: dt.date | None = None
    status: ProjectStatus = ProjectStatus.PLANNED
    outcome: str = ""
    delivered_on: dt.date | None = None
    rotation_id: int | None = None


@dataclass(frozen=True)
class SkillShareProject(ProjectDraft):
    id: int = 0
    first_name: str = ""
    second_name: str = ""
    created_at: dt.datetime | None = None

    def draft(self) -> ProjectDraft:
        return ProjectDraft(**{f.name: getattr(self, f.name) for f in fields(ProjectDraft)})

    def partner_of(self, member_id: int) -> tuple[str, str, str]:
        """(partner's name, this member's goal, partner's goal) for one of the two."""
        if member_id == self.first_id:
            return self.second_name, self.first_goal, self.second_goal
        return self.first_name, self.second_goal, self.first_goal


class SkillShares:
    def __init__(self, team: TeamFile):
        self.team = team

    def all(self, member_id: int | None = None) -> list[SkillShareProject]:
        R = SkillShareRow
        where = (
            [] if member_id is None else [or_(R.first_id == member_id, R.second_id == member_id)]
        )
        return self._select(*where)

    def get(self, project_id: int) -> SkillShareProject:
        found = self._select(SkillShareRow.id == project_id)
        if not found:
            raise KeelError(
                _("There is no skill-share project #{project_id}.").format(project_id=project_id)
            )
        return found[0]

    def add(self, draft: ProjectDraft, project_id: int | None = None) -> SkillShareProject:
        values = self._checked(draft)
        with self.team.session() as s:
            row = SkillShareRow(
                id=project_id, created_at=dt.datetime.now().replace(microsecond=0), **values
            )
            s.add(row)
            s.flush()
            new_id = row.id
        return self.get(new_id)

    def update(self, project_id: int, draft: ProjectDraft) -> SkillShareProject:
        """Replace a project's fields; returns the project as it was (for undo)."""
        before = self.get(project_id)
        values = self._checked(draft)
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                SkillShareRow,
                project_id,
                _("There is no skill-share project #{project_id}.").format(project_id=project_id),
            )
            for key, value in values.items():
                setattr(row, key, value)
        return before

    def delete(self, project_id: int) -> SkillShareProject:
        before = self.get(project_id)
        with self.team.session() as s:
            row = s.get(SkillShareRow, project_id)
            if row is not None:
                s.delete(row)
        return before

    # -- internals -------------------------------------------------------------------
    def _checked(self, d: ProjectDraft) -> dict[str, Any]:
        problems: list[Problem] = []
        deliverable = " ".join(strip_controls(d.deliverable).split())
        outcome = " ".join(strip_controls(d.outcome).split())
        if not deliverable:
            problems.append(Problem("deliverable", _("say what the pair will make")))
        for field, text, limit in (
            ("deliverable", deliverable, MAX_DELIVERABLE),
            ("outcome", outcome, MAX_OUTCOME),
        ):
            if len(text) > limit:
                problems.append(
                    Problem(field, _("keep it under {limit} characters").format(limit=limit))
                )
        if d.first_id == d.second_id:
            problems.append(Problem("partners", _("a skill share needs two different people")))
        try:
            status = ProjectStatus(d.status)
        except ValueError:
            choices = ", ".join(s.value for s in ProjectStatus)
            raise ValidationError(
                [Problem("status", _("use one of {choices}").format(choices=choices))]
            ) from None
        roster = RosterService(self.team)
        goals = []
        for field, member_id, goal in (
            ("first partner", d.first_id, d.first_goal),
            ("second partner", d.second_id, d.second_goal),
        ):
            member = roster.get(member_id) if member_id else None
            if member is None:
                problems.append(
                    Problem(
                        field,
                        _("there is no member with id {member_id}").format(member_id=member_id),
                    )
                )
                goals.append("")
                continue
            clean = " ".join(goal.split())
            # Stored as the roster spells it, so the brief quotes the member's own words.
            spelled = {g.casefold(): g for g in member.goals}
            if clean and clean.casefold() not in spelled:
                known = "; ".join(member.goals) or _("none yet")
                problems.append(
                    Problem(
                        field,
                        _("“{clean}” is not one of {member_name}'s growth goals ({known})").format(
                            clean=clean, member_name=member.name, known=known
                        ),
                    )
                )
            goals.append(spelled.get(clean.casefold(), clean))
        if problems:
            raise ValidationError(problems)
        delivered_on = d.delivered_on
        if status is ProjectStatus.DELIVERED and delivered_on is None:
            delivered_on = dt.date.today()
        if status is not ProjectStatus.DELIVERED:
            delivered_on = None
        return {
            "first_id": d.first_id,
            "second_id": d.second_id,
            "deliverable": deliverable,
            "first_goal": goals[0],
            "second_goal": goals[1],
            "due_on": d.due_on,
            "status": status.value,
            "outcome": outcome,
            "delivered_on": delivered_on,
            "rotation_id": d.rotation_id,
        }

    def _select(self, *where: Any) -> list[SkillShareProject]:
        R = SkillShareRow
        a, b = aliased(MemberRow), aliased(MemberRow)
        query = (
            select(R, a.name, b.name)
            .join(a, a.id == R.first_id)
            .join(b, b.id == R.second_id)
            .where(*where)
            .order_by(R.due_on.is_(None), R.due_on, R.id)
        )
        with self.team.session() as s:
            return [_project(row, n1, n2) for row, n1, n2 in s.execute(query).all()]


def _project(row: SkillShareRow, first: str, second: str) -> SkillShareProject:
    return SkillShareProject(
        first_id=row.first_id,
        second_id=row.second_id,
        deliverable=row.deliverable,
        first_goal=row.first_goal,
        second_goal=row.second_goal,
        due_on=row.due_on,
        status=ProjectStatus(row.status),
        outcome=row.outcome,
        delivered_on=row.delivered_on,
        rotation_id=row.rotation_id,
        id=row.id,
        first_name=first,
        second_name=second,
        created_at=row.created_at,
    )
