"""Demo rotations: one of each kind, a few rounds already done, more planned ahead."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from teamkeel.core.i18n import N_, _
from teamkeel.core.rotations import link
from teamkeel.core.rotations.planner import Kind, OddPolicy
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile

# name, kind, cadence in weeks, weeks since the start, extra settings
# (The names are Keel's words for these rotations, so a demo made in German names them
# in German; the rest of the demo is sample data and stays English.)
DEMO_ROTATIONS: list[tuple[str, Kind, int, int, dict[str, Any]]] = [
    (N_("Pairing Wednesdays"), Kind.PAIRS, 1, 6, {"mix_roles": True, "odd_policy": OddPolicy.TRIO}),
    (N_("Cross-check partners"), Kind.CROSS_CHECK, 1, 4, {}),
    (N_("Skill-share pairs"), Kind.SKILL_SHARE, 2, 8, {"min_overlap_hours": 3.0}),
    (N_("Culture guardian"), Kind.ROLE, 2, 10, {}),
    (N_("Retro circles"), Kind.GROUPS, 4, 12, {"group_size": 4}),
]
ROUNDS_AHEAD = 6


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    service = RotationService(team)
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    members = [m.id for m in service.plan_members(RotationSpec(name="all")) if m.id]
    if len(members) < 2:
        return
    # The pairs meet at the calendar's weekly pairing session, when the demo has one.
    sessions = [c.id for c in _choices(team) if c.kind == "pairing" and c.cadence_weeks == 1]
    for name, kind, cadence, weeks_ago, extra in DEMO_ROTATIONS:
        never: tuple[tuple[int, int], ...] = ()
        if kind == Kind.PAIRS and len(members) >= 6:
            a, b = rng.sample(members, 2)
            never = ((a, b),)
        spec = service.save(
            RotationSpec(
                name=_(name),
                kind=kind,
                start_date=monday - dt.timedelta(weeks=weeks_ago) + dt.timedelta(days=2),
                cadence_weeks=cadence,
                never_together=never,
                ritual_id=sessions[0] if kind == Kind.PAIRS and sessions else None,
                **extra,
            )
        )
        assert spec.id is not None
        done = -(-weeks_ago // cadence)  # rounds whose day has passed
        for view in service.plan(spec.id, done + ROUNDS_AHEAD):
            if view.day < today and view.id is not None:
                service.set_done(view.id, True)


def _choices(team: TeamFile) -> list[link.RitualChoice]:
    return link.ritual_choices(team)
