"""``teamkeel demo``: a new team file filled with a realistic sample team.

The roster comes first; then each feature's ``demo.populate(team, rng, size)`` adds its
own history (``teamkeel.core.<feature>.demo``). A fixed seed keeps demos reproducible.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from teamkeel.core.errors import FileRefused, KeelError
from teamkeel.core.i18n import _
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

SIZES = ("small", "large")


Populate = Callable[[TeamFile, random.Random, str], None]


def demo_steps() -> list[tuple[str, Populate]]:
    """Each feature's demo filler, in order: the roster first, every other part reads it."""
    from teamkeel.core.calendar.demo import populate as calendar
    from teamkeel.core.compact.demo import populate as compact
    from teamkeel.core.goals.demo import populate as goals
    from teamkeel.core.insights.demo import populate as insights
    from teamkeel.core.journey.demo import populate as journey
    from teamkeel.core.roster.demo import populate as roster
    from teamkeel.core.rotations.demo import populate as rotations
    from teamkeel.core.standup.demo import populate as standup

    return [
        ("roster", roster),
        ("compact", compact),
        ("calendar", calendar),
        ("rotations", rotations),
        ("standup", standup),
        ("insights", insights),
        ("goals", goals),
        ("journey", journey),
    ]


def create_demo(
    path: Path, size: str = "small", progress: Callable[[str], None] | None = None
) -> TeamFile:
    if size not in SIZES:
        raise KeelError(_("Unknown demo size “{size}” (use small or large).").format(size=size))
    if path.exists():
        raise FileRefused(
            _("{path} already exists; the demo only creates new files.").format(path=path)
        )
    # Built under a temporary name and renamed once complete: a demo step that fails
    # must not leave a half-filled team file behind under the name asked for.
    building = path.with_name(f".{path.name}.building")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    team = create_team(building, "Harbour Crew" if size == "small" else "Lighthouse Platform")
    try:
        rng = random.Random(2026)
        for feature, populate in demo_steps():
            if progress:
                progress(feature)
            populate(team, rng, size)
    except BaseException:
        team.close()
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    team.close()  # checkpoints the log into the file, so the rename moves everything
    if path.exists():
        building.unlink(missing_ok=True)
        raise FileRefused(
            _("{path} already exists; the demo only creates new files.").format(path=path)
        )
    os.replace(building, path)
    return TeamFile.open(path)
