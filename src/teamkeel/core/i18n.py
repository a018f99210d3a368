"""Keel's one translation system, shared by the core, the window and the command line.

Every text a user reads goes through ``_()`` (or ``ngettext()`` where a count decides the
form) with named placeholders filled in afterwards::

    _("Wrote {path}").format(path=out)
    ngettext("{count} member", "{count} members", n).format(count=n)

so a translator sees whole sentences and may reorder them; never build a sentence from
translated fragments. A text defined at import time (a module constant, a table of
titles) is marked with ``N_()`` and translated where it is shown, with ``_(CONSTANT)``:
the language is chosen after modules load.

Catalogs are gettext ``.po`` files in ``resources/locale/<lang>/LC_MESSAGES/teamkeel.po``,
compiled to the ``.mo`` next to each one and committed, so a checkout, ``pip install .``
and the packaged app all find them without a build step (``tests/test_i18n.py`` fails
when a ``.mo`` no longer matches its ``.po``). ``tools/i18n.py`` extracts, updates and
compiles them with Babel.

The language: ``TEAMKEEL_LANGUAGE`` if set, else the window's preference
(``ui.options.LANGUAGE``), else the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``). Dates and numbers shown to the lead follow the locale through the
``format_*`` helpers here (Babel, imported on first use: start-up never pays for it);
stored data, ICS and JSON keep their fixed formats.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from pathlib import Path

DOMAIN = "teamkeel"
#: The language Keel's own texts are written in.
SOURCE_LANGUAGE = "en"
#: Languages whose catalogs ship; the Preferences dialog offers these.
LANGUAGES = ("en", "de")
#: The variable that overrides every other choice (for scripts and the command line).
ENV_OVERRIDE = "TEAMKEEL_LANGUAGE"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_locale = SOURCE_LANGUAGE


def locale_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "locale"


# --- translating -------------------------------------------------------------------


def _(message: str) -> str:
    """``message`` in the chosen language (itself when no translation exists)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a text that fits ``count``; fill ``{count}`` with ``.format``."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for short words that translate differently
    in different places (e.g. "Open" a file / "open" status)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, don't translate"
    """Mark ``message`` for the catalogs without translating it (yet)."""
    return message


# --- choosing the language ---------------------------------------------------------


def system_locale() -> str:
    """The desktop's locale as ``ll`` or ``ll_CC`` ("en" when none is set or it is C)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        # LANGUAGE may list several, "de:en"; the first is the one wanted.
        value = value.split(":")[0].split(".")[0].split("@")[0].strip()
        if value:
            return SOURCE_LANGUAGE if value in ("C", "POSIX") else value
    return SOURCE_LANGUAGE


def _language_of(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


def set_language(preference: str = "") -> str:
    """Choose the language: ``TEAMKEEL_LANGUAGE``, else ``preference`` ("" follows the
    system), else the system locale. A language without a catalog falls back to
    English. Returns the language now in use ("en", "de", ...)."""
    global _translation, _language, _locale
    system = system_locale()
    wanted = os.environ.get(ENV_OVERRIDE, "").strip() or preference or system
    language = _language_of(wanted)
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    # Keep the system's region (de_AT, en_GB) when it speaks the chosen language.
    if _language_of(system) == language:
        _locale = system.replace("-", "_")
    elif "_" in wanted.replace("-", "_"):
        _locale = wanted.replace("-", "_")
    else:
        _locale = language
    _language = language
    if language == SOURCE_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, locale_dir(), [language], fallback=True)
    return language


def current_language() -> str:
    return _language


def current_locale() -> str:
    """The locale dates and numbers follow, as Babel names it (``de_DE``, ``en``)."""
    return _locale


# --- dates and numbers for display -------------------------------------------------


def _babel_locale():  # -> babel.Locale
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(_locale)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(_language)


# English month and day abbreviations as CLDR's "en" has them: the patterns below are
# written without Babel in English, so the first frame of a table of dates (the roster)
# does not wait ~40 ms for Babel to load. ``tests/test_i18n.py`` checks they agree.
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ENGLISH_AS_CLDR = ("en", "en_US")


def _english(day: dt.date, form: str) -> str | None:
    """``day`` in ``form`` for an English locale, when the pattern is one of day, month,
    year and weekday fields only; None otherwise (Babel then writes it)."""
    if _locale not in _ENGLISH_AS_CLDR:
        return None
    fields = {
        "dd": f"{day.day:02d}",
        "d": str(day.day),
        "MMM": _EN_MONTHS[day.month - 1],
        "y": str(day.year),
        "EEE": _EN_DAYS[day.weekday()],
    }
    tokens = form.split(" ")
    if not all(token in fields for token in tokens):
        return None
    return " ".join(fields[token] for token in tokens)


# The day-and-month patterns Keel writes in English, as CLDR skeletons: another language
# orders and punctuates them its own way ("14. Sept. 2026", not "14 Sept. 2026").
_SKELETONS = {
    "d MMM y": "yMMMd",
    "dd MMM y": "yMMMdd",
    "d MMM": "MMMd",
    "dd MMM": "MMMdd",
    "EEE d MMM": "MMMEd",
    "EEE dd MMM": "MMMEdd",
    "EEE dd MMM y": "yMMMEdd",
    "MMM y": "yMMM",
}
# English patterns that another language writes in one of its standard forms.
_STANDARD_FORMS = {"EEEE dd MMMM y": "full"}


def format_date(day: dt.date, form: str = "medium") -> str:
    """A date as the lead's locale writes it: ``form`` is "short", "medium", "long",
    "full" or a CLDR pattern ("EEE d MMM"; in a language other than English, one of
    ``_SKELETONS`` is written as that language arranges those fields)."""
    english = _english(day, form)
    if english is not None:
        return english
    if _language != SOURCE_LANGUAGE and form in _STANDARD_FORMS:
        form = _STANDARD_FORMS[form]
    if _language != SOURCE_LANGUAGE and form in _SKELETONS:
        from babel.dates import format_skeleton

        return format_skeleton(_SKELETONS[form], day, locale=_babel_locale())
    from babel.dates import format_date as babel_date

    return babel_date(day, form, locale=_babel_locale())


def format_day_span(first: dt.date, last: dt.date) -> str:
    """Days from ``first`` to ``last`` as one span: ``7–13 Dec 2026`` in English,
    ``7.–13. Dez. 2026`` in German (as the locale joins them)."""
    if _locale in _ENGLISH_AS_CLDR:
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {_EN_MONTHS[last.month - 1]} {last.year}"
        month = _EN_MONTHS[first.month - 1]
        return f"{first.day} {month} – {last.day} {_EN_MONTHS[last.month - 1]} {last.year}"
    from babel.dates import format_interval

    return format_interval(first, last, "yMMMd", locale=_babel_locale())


def format_time(moment: dt.time | dt.datetime, form: str = "short") -> str:
    from babel.dates import format_time as babel_time

    return babel_time(moment, form, locale=_babel_locale())


def format_datetime(moment: dt.datetime, form: str = "medium") -> str:
    from babel.dates import format_datetime as babel_datetime

    return babel_datetime(moment, form, locale=_babel_locale())


def format_number(value: float, digits: int | None = None) -> str:
    """A number with the locale's separators; ``digits`` fixes the decimals."""
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=_babel_locale())
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=_babel_locale())


def format_percent(fraction: float) -> str:
    from babel.numbers import format_percent as babel_percent

    return babel_percent(fraction, locale=_babel_locale())


def day_name(weekday: int, width: str = "wide") -> str:
    """The name of a weekday (0 Monday ... 6 Sunday); ``width`` "wide", "abbreviated"."""
    return str(_babel_locale().days["format"][width][weekday])


def month_name(month: int, width: str = "wide") -> str:
    """The name of a month (1 ... 12), as it stands alone (a heading)."""
    return str(_babel_locale().months["stand-alone"][width][month])


def first_weekday() -> int:
    """The first day of the week in the lead's locale: 0 Monday ... 6 Sunday."""
    return int(_babel_locale().first_week_day)
