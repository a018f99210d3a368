"""The team's own name and small settings stored in the team file."""

from __future__ import annotations

import os

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.storage.teamfile import TeamFile


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
                [Problem("team name", f"keep it under {MAX_TEAM_NAME} characters")]
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
