"""The ritual calendar: recurring rituals, rotating facilitators, rollout plan, exports.

Pure logic lives in the submodules (domain, recurrence, rotation, rollout, schedule,
people, validation, ics); `CalendarService` is the facade the window and CLI use.
It loads when first asked for: the service brings SQLAlchemy and dateutil, which the
Calendar's first screen (``teamkeel.core.first_screen.calendar``, before the first
frame) must not wait for, while it does use ``domain``.
"""

from typing import TYPE_CHECKING

from .domain import Marker, Occurrence, Recurrence, Ritual, Swap
from .library import KINDS, RitualKind

if TYPE_CHECKING:
    from .service import CalendarService


def __getattr__(name: str) -> object:
    if name == "CalendarService":
        from .service import CalendarService

        return CalendarService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
