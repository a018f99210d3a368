"""Public holidays per country, for planning rituals around them.

Which days are public holidays where is the ``holidays`` package's job (hundreds of
countries, moving feasts, regional rules); Keel only asks it for a span of days. The
country a team follows is a team setting (``HOLIDAY_SETTING``); until one is chosen,
the country of the meeting timezone is a fair guess (tzdata's ``zone.tab``).

``holidays`` takes ~0.2 s to import: it is imported only when a plan is made.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

HOLIDAY_SETTING = "holiday_country"
NO_COUNTRY = ""  # "no public holidays": weekends only


@cache
def _tab(name: str) -> list[list[str]]:
    """The rows of one of tzdata's tables (``zone.tab``, ``iso3166.tab``)."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries() -> list[tuple[str, str]]:
    """(code, English name) of every country with a holiday calendar, by name."""
    import holidays

    names = {row[0]: row[1] for row in _tab("iso3166.tab") if len(row) >= 2}
    codes = [c for c in holidays.list_supported_countries() if len(c) == 2]
    return sorted(((c, names.get(c, c)) for c in codes), key=lambda item: item[1])


def country_name(code: str) -> str:
    return dict(countries()).get(code, code)


def country_for_timezone(timezone: str) -> str:
    """The country of an IANA zone ("Europe/Berlin" → "DE"); "" when it has none."""
    for row in _tab("zone.tab"):
        if len(row) >= 3 and row[2] == timezone:
            return row[0]
    return NO_COUNTRY


def days_off(country: str, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """The public holidays of ``country`` from ``first`` to ``last``, with their names
    (in English where the package has them); none for ``NO_COUNTRY``."""
    if not country:
        return {}
    import holidays

    years = range(first.year, last.year + 1)
    try:
        calendar = holidays.country_holidays(country, years=years, language="en_US")
    except NotImplementedError:  # no such country
        return {}
    return {day: name for day, name in sorted(calendar.items()) if first <= day <= last}
