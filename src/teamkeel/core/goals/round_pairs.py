"""A skill-share project started from a pair of a skill-share rotation's round.

The round already says who meets whom; the roster says what each partner wants to grow
in and can teach. So the draft comes prefilled: the two partners, and for each the growth
goal the other can help with (or their first growth goal), tied to the rotation.
"""

from __future__ import annotations

from dataclasses import dataclass

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.projects import ProjectDraft
from teamkeel.core.i18n import _
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.rotations.planner import Kind
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile


@dataclass(frozen=True)
class PairDraft:
    """The prefilled project and the words that say where it came from and why."""

    draft: ProjectDraft
    first_name: str
    second_name: str
    first_goals: tuple[str, ...]  # each partner's growth goals on the roster, to choose from
    second_goals: tuple[str, ...]
    source: str  # "round 3 of “Skill shares”"
    reason: str  # "Sofía can help 李娜 with SQL" (empty when no skill meets a goal)


def draft_from_round(
    team: TeamFile, rotation_id: int, round_number: int, pair_number: int
) -> PairDraft:
    """``round_number`` and ``pair_number`` count from 1, as the board shows them."""
    rotations = RotationService(team)
    spec = rotations.get(rotation_id)
    if spec.kind != Kind.SKILL_SHARE:
        raise KeelError(
            _("“{name}” is not a skill-share rotation; pick one whose pairs share skills.").format(
                name=spec.name
            )
        )
    rounds = rotations.rounds(rotation_id)
    view = next((r for r in rounds if r.number == round_number - 1), None)
    if view is None:
        raise KeelError(
            _("“{name}” has no round {round} (it has {count} planned).").format(
                name=spec.name, round=round_number, count=len(rounds)
            )
        )
    pairs = [g.members for g in view.groups]  # numbered as the board numbers them
    if not 1 <= pair_number <= len(pairs) or len(pairs[pair_number - 1]) < 2:
        raise KeelError(
            _("Round {round} of “{name}” has no pair {pair} (it has {count}).").format(
                round=round_number, name=spec.name, pair=pair_number, count=len(pairs)
            )
        )
    roster = RosterService(team)
    # In a three (an odd one out joined a pair) the project is for the first two.
    first, second = (roster.get(m) for m in pairs[pair_number - 1][:2])
    first_goal, second_goal = goal_helped_by(first, second), goal_helped_by(second, first)
    draft = ProjectDraft(
        first.id or 0, second.id or 0, "", first_goal, second_goal, rotation_id=rotation_id
    )
    return PairDraft(
        draft,
        first.name,
        second.name,
        first.goals,
        second.goals,
        _("round {round} of “{name}”").format(round=round_number, name=spec.name),
        _reason(first, second),
    )


def goal_helped_by(learner: Member, partner: Member) -> str:
    """The learner's growth goal the partner has as a skill, else their first one."""
    skills = {s.casefold() for s in partner.skills}
    matching = [g for g in learner.goals if g.casefold() in skills]
    return (matching or list(learner.goals) or [""])[0]


def _reason(first: Member, second: Member) -> str:
    said = []
    for teacher, learner in ((first, second), (second, first)):
        skills = {s.casefold() for s in teacher.skills}
        topics = [g for g in learner.goals if g.casefold() in skills]
        if topics:
            said.append(
                _("{teacher} can help {learner} with {topics}").format(
                    teacher=teacher.name, learner=learner.name, topics=", ".join(topics)
                )
            )
    return "; ".join(said)
