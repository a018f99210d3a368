"""The team's own name and small settings stored in the team file."""

from __future__ import annotations

from sqlalchemy import select

from teamkeel.core.roster.models import SettingRow, TeamRow
from teamkeel.core.storage.teamfile import TeamFile


class TeamInfoService:
    def __init__(self, team: TeamFile):
        self.team = team

    def name(self) -> str:
        with self.team.session() as s:
            row = s.scalars(select(TeamRow).limit(1)).first()
            return row.name if row else ""

    def rename(self, name: str) -> None:
        name = " ".join(name.split())
        with self.team.session() as s:
            row = s.scalars(select(TeamRow).limit(1)).first()
            if row is None:
                s.add(TeamRow(name=name))
            else:
                row.name = name

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.team.session() as s:
            row = s.get(SettingRow, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.team.session() as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value
