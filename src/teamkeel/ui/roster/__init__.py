"""The Roster tab."""

from teamkeel.ui.roster.tab import RosterTab

TAB = RosterTab

__all__ = ["TAB", "RosterTab"]
