"""The team's own name and small settings stored in the team file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.storage.teamfile import TeamFile

if TYPE_CHECKING:
    import datetime as dt


def create_team(path: str | os.PathLike[str], name: str) -> TeamFile:
    """A new team file (never over an existing one) for the team called ``name``."""
    team = TeamFile.create(path)
    try:
        TeamInfoService(team).rename(name)
    except BaseException:
        team.close()
        raise
    return team


# Room for any real team's name, and short enough to head a page.
MAX_TEAM_NAME = 80

# The day the support program starts: one value, which the calendar's rollout plan and
# the Journey's timeline both use.
PROGRAM_START_KEY = "program.start"


class TeamInfoService:
    """Reads are plain SQL (the window shows the name before SQLAlchemy loads); writes
    go through the ORM rows of ``roster.models``."""

    def __init__(self, team: TeamFile):
        self.team = team

    def name(self) -> str:
        with self.team.reading() as conn:
            row = conn.execute("SELECT name FROM team ORDER BY id LIMIT 1").fetchone()
        return str(row[0] or "") if row else ""

    def rename(self, name: str) -> None:
        from sqlalchemy import select

        from teamkeel.core.roster.models import TeamRow
        from teamkeel.core.text import strip_controls

        name = " ".join(strip_controls(name).split())
        if len(name) > MAX_TEAM_NAME:
            raise ValidationError(
                [
                    Problem(
                        "team name",
                        _("keep it under {MAX_TEAM_NAME} characters").format(
                            MAX_TEAM_NAME=MAX_TEAM_NAME
                        ),
                    )
                ]
            )
        with self.team.session() as s:
            row = s.scalars(select(TeamRow).order_by(TeamRow.id).limit(1)).first()
            if row is None:
                s.add(TeamRow(name=name))
            else:
                row.name = name

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.team.reading() as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        from teamkeel.core.roster.models import SettingRow

        with self.team.session() as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value

    def program_start(self) -> dt.date | None:
        import datetime as dt

        raw = self.setting(PROGRAM_START_KEY)
        try:
            return dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            return None  # a damaged value reads as "not set", it never blocks the window

    def set_program_start(self, day: dt.date | None) -> None:
        from teamkeel.core.roster.models import SettingRow

        with self.team.session() as s:
            row = s.get(SettingRow, PROGRAM_START_KEY)
            if day is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(SettingRow(key=PROGRAM_START_KEY, value=day.isoformat()))
            else:
                row.value = day.isoformat()
