"""The lead's preferences as typed options, one registry (after Picard's option registry).

Each option names its key in keel.ini, its default and the values it accepts; reading one
gives a value of the right type whatever the ini file holds (a hand-edited or older file
never breaks the window: an unknown value reads as the default). The Preferences dialog
lists these options; the window, the theme and the translations read them from here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from teamkeel.core.errors import KeelError

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
# The default paper of every PDF the window prints (an export dialog may change it).
PAPER_SIZE = Option[str]("print/paper_size", "A4", ("A4", "Letter"))
# "" takes the week start of the lead's locale.
WEEK_START = Option[str]("calendar/week_start", "", ("", "monday", "sunday", "saturday"))
# An IANA zone name; "" is the computer's own zone.
LEAD_TIMEZONE = Option[str]("lead/timezone", "")
BACKUP_EVERY_MINUTES = Option[int]("backup/every_minutes", 30, minimum=1, maximum=24 * 60)

# The options kept in keel.ini, in the order the Preferences dialog shows them.
ALL_OPTIONS: tuple[Option[str] | Option[int], ...] = (
    LANGUAGE,
    THEME,
    PAPER_SIZE,
    WEEK_START,
    LEAD_TIMEZONE,
    BACKUP_EVERY_MINUTES,
)


class BackupKeep:
    """How many recent backups of each team file are kept. Not in keel.ini: the core's
    ``BackupPolicy`` (``backups/policy.json``) holds it, because the backup taken when
    any Keel opens a file, the command line's included, prunes by it, and
    ``teamkeel backups keep`` sets it too."""

    key = "backup/keep"  # where a keel.ini of this registry's first days held it
    default = 10
    minimum = 1
    maximum = 1000

    def read(self) -> int:
        from teamkeel.core.safety.backup import BackupPolicy

        return min(BackupPolicy.load().keep_last, self.maximum)

    def write(self, value: int) -> None:
        from teamkeel.core.safety.backup import BackupPolicy

        if not self.minimum <= value <= self.maximum:
            raise ValueError(f"{value!r} is not a value of {self.key}")
        current = BackupPolicy.load()
        BackupPolicy(keep_last=value, keep_weeks=current.keep_weeks).save()


BACKUP_KEEP = BackupKeep()

# Keys older versions wrote: ``migrate`` moves their values to today's options.
OLD_BACKUP_SECONDS = "backup/every_seconds"

_in_use: QSettings | None = None


def use(settings: QSettings) -> None:
    """The settings the window reads its options from (``current``); older keys in
    them are moved to today's options first."""
    global _in_use
    migrate(settings)
    _in_use = settings


def settings_in_use() -> QSettings:
    if _in_use is None:
        from teamkeel.ui.settings import make_settings

        use(make_settings())
    assert _in_use is not None
    return _in_use


def current(option: Option[T]) -> T:
    """An option's value in the settings the window uses."""
    return option.read(settings_in_use())


def migrate(settings: QSettings) -> None:
    """Move values stored under older keys: the backup interval in seconds becomes
    whole minutes (at least one), a backup count in keel.ini goes to the policy file.
    A value that cannot be read is dropped (its option's default then holds)."""
    if settings.contains(OLD_BACKUP_SECONDS):
        raw = settings.value(OLD_BACKUP_SECONDS)
        settings.remove(OLD_BACKUP_SECONDS)
        try:
            minutes = max(1, round(float(str(raw)) / 60))
        except ValueError:
            minutes = 0
        if minutes and not settings.contains(BACKUP_EVERY_MINUTES.key):
            BACKUP_EVERY_MINUTES.write(
                settings, min(minutes, BACKUP_EVERY_MINUTES.maximum or minutes)
            )
    if settings.contains(BACKUP_KEEP.key):
        raw = settings.value(BACKUP_KEEP.key)
        settings.remove(BACKUP_KEEP.key)
        with contextlib.suppress(ValueError, OSError, KeelError):
            BACKUP_KEEP.write(int(str(raw)))


def first_weekday(settings: QSettings | None = None) -> int:
    """The first day of a calendar week (0 Monday … 6 Sunday, as ``date.weekday()``):
    the lead's choice, else what the locale says."""
    chosen = WEEK_START.read(settings or settings_in_use())
    if chosen:
        return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                "sunday").index(chosen)  # fmt: skip
    from PySide6.QtCore import QLocale

    return QLocale().firstDayOfWeek().value - 1  # Qt counts Monday as 1


def lead_timezone(settings: QSettings | None = None) -> str:
    """The lead's own zone (new members and rituals start in it): the one chosen in
    Preferences, else the computer's."""
    from teamkeel.core.roster.validation import machine_timezone, timezones

    chosen = LEAD_TIMEZONE.read(settings or settings_in_use())
    return chosen if chosen in timezones() else machine_timezone()
