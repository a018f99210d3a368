"""The roster: who is on the team, their roles, hours, skills, goals and absences."""

from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.service import RosterService

__all__ = ["Absence", "Member", "RosterService"]
