"""The Stand-up tab."""

from teamkeel.ui.standup.tab import StandupTab

TAB = StandupTab

__all__ = ["TAB", "StandupTab"]
