"""The ritual calendar: recurring rituals, rotating facilitators, rollout plan, exports.

Pure logic lives in the submodules (domain, recurrence, rotation, rollout, schedule,
people, validation, ics); `CalendarService` is the facade the window and CLI use.
"""

from .domain import Marker, Occurrence, Recurrence, Ritual, Swap
from .library import KINDS, RitualKind
from .service import CalendarService

__all__ = [
    "KINDS",
    "CalendarService",
    "Marker",
    "Occurrence",
    "Recurrence",
    "Ritual",
    "RitualKind",
    "Swap",
]
