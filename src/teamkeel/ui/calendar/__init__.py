"""The Calendar tab."""

from teamkeel.ui.calendar.tab import CalendarTab

TAB = CalendarTab

__all__ = ["TAB", "CalendarTab"]
