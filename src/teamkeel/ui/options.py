"""The lead's preferences as typed options, one registry (after Picard's option registry).

Each option names its key in keel.ini, its default and the values it accepts; reading one
gives a value of the right type whatever the ini file holds (a hand-edited or older file
never breaks the window: an unknown value reads as the default). The Preferences dialog
lists these options; the window, the theme and the translations read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T", str, int)


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    choices: tuple[T, ...] = ()  # empty: any value of the type
    minimum: int | None = None
    maximum: int | None = None

    def read(self, settings: QSettings) -> T:
        raw = settings.value(self.key, self.default)
        value = self._coerce(raw)
        return self.default if value is None else value

    def write(self, settings: QSettings, value: T) -> None:
        if self._coerce(value) is None:
            raise ValueError(f"{value!r} is not a value of {self.key}")
        settings.setValue(self.key, value)

    def _coerce(self, raw: object) -> T | None:
        value: object
        if isinstance(self.default, int):
            try:
                value = int(str(raw))
            except ValueError:
                return None
            if self.minimum is not None and value < self.minimum:
                return None
            if self.maximum is not None and value > self.maximum:
                return None
        else:
            value = raw if isinstance(raw, str) else None
        if value is None or (self.choices and value not in self.choices):
            return None
        return value


# "" follows the desktop's language (LANG / the system locale).
LANGUAGE = Option[str]("ui/language", "", ("", "en", "de"))
# "system" follows the desktop's colour scheme.
THEME = Option[str]("ui/theme", "system", ("system", "light", "dark"))
PAPER_SIZE = Option[str]("print/paper_size", "A4", ("A4", "Letter"))
# "" takes the week start of the lead's locale.
WEEK_START = Option[str]("calendar/week_start", "", ("", "monday", "sunday", "saturday"))
# An IANA zone name; "" is the computer's own zone.
LEAD_TIMEZONE = Option[str]("lead/timezone", "")
BACKUP_KEEP = Option[int]("backup/keep", 10, minimum=1, maximum=1000)
BACKUP_EVERY_MINUTES = Option[int]("backup/every_minutes", 30, minimum=1, maximum=24 * 60)

ALL_OPTIONS: tuple[Option[str] | Option[int], ...] = (
    LANGUAGE,
    THEME,
    PAPER_SIZE,
    WEEK_START,
    LEAD_TIMEZONE,
    BACKUP_KEEP,
    BACKUP_EVERY_MINUTES,
)
