"""The roster: who is on the team, their roles, hours, skills, goals and absences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.reader import RosterReader

if TYPE_CHECKING:
    from teamkeel.core.roster.service import RosterService

__all__ = ["Absence", "Member", "RosterReader", "RosterService"]


def __getattr__(name: str) -> Any:
    # The writing service imports SQLAlchemy; the plain data above must not, because
    # the window shows the roster before SQLAlchemy has loaded.
    if name == "RosterService":
        from teamkeel.core.roster.service import RosterService

        return RosterService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
