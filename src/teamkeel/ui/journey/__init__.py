"""The Journey tab: the four phases, what each asks for, and the places to do it."""

from teamkeel.ui.journey.tab import JourneyTab

TAB = JourneyTab

__all__ = ["TAB", "JourneyTab"]
