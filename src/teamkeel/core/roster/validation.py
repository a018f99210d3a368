"""Checks and clean-ups of member data, shared by the form, CSV import and JSON import."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache
from zoneinfo import available_timezones

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import _, pgettext
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.text import has_controls, strip_controls

# Deliberately simple: one @, a dot in the domain, no spaces. Real validation of an
# address is sending it a mail, which an offline app cannot do.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_NAME = 200


@cache
def timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def machine_timezone() -> str:
    """The machine's IANA timezone name, or UTC when it cannot be told."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - any failure means "unknown"
        name = None
    return name if name in timezones() else "UTC"


def parse_tags(text: str) -> tuple[str, ...]:
    """Split "python, SQL; mentoring" into tags, dropping blanks and case-duplicates."""
    return normalise_tags(re.split(r"[,;]", text))


def normalise_tags(tags: object) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for raw in tags or ():  # type: ignore[attr-defined]
        tag = " ".join(strip_controls(str(raw)).split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def clean_line(text: str) -> str:
    """A one-line text (a name, a role) without control characters or runs of spaces."""
    return " ".join(strip_controls(text).split())


def clean(member: Member) -> Member:
    """Trim whitespace, drop control characters from names (a NUL or an ESC sequence
    pasted or imported with a name means nothing, and in a terminal could make it
    pass for another name) and normalise tags; never changes meaning."""
    email = (member.email or "").strip() or None
    cleaned = {
        "name": clean_line(member.name),
        "role": clean_line(member.role),
        "email": email,
        "timezone": member.timezone.strip(),
        "skills": normalise_tags(member.skills),
        "goals": normalise_tags(member.goals),
        "notes": member.notes.strip(),
        "absences": sorted_absences(member.absences),
    }
    if all(getattr(member, k) == v for k, v in cleaned.items()):
        return member  # most members are clean already: spare a copy (large imports)
    return replace(member, **cleaned)  # type: ignore[arg-type]


def sorted_absences(absences: tuple[Absence, ...]) -> tuple[Absence, ...]:
    return tuple(sorted(absences, key=lambda a: (a.start, a.end)))


def field_label(field: str) -> str:
    """A problem's field ("name", "working hours", ...) as the lead reads it; the field
    itself stays the key the member form finds its input by."""
    labels = {
        "name": pgettext("roster field", "name"),
        "email": pgettext("roster field", "email"),
        "timezone": pgettext("roster field", "timezone"),
        "working hours": pgettext("roster field", "working hours"),
        "start date": pgettext("roster field", "start date"),
        "absences": pgettext("roster field", "absences"),
        "archived": pgettext("roster field", "archived"),
        "skills": pgettext("roster field", "skills"),
        "goals": pgettext("roster field", "goals"),
        "work start": pgettext("roster field", "work start"),
        "work end": pgettext("roster field", "work end"),
    }
    return labels.get(field, field)


# Each field is checked on its own, so that an import of many rows can check each
# distinct value of a column once (``problems`` is the same checks, member by member).
def name_problems(name: str) -> list[Problem]:
    if not name.strip():
        return [Problem("name", _("A name is needed."))]
    if has_controls(name):
        return [Problem("name", _("A name cannot hold control characters."))]
    if len(name) > MAX_NAME:
        return [
            Problem("name", _("A name can have at most {count} characters.").format(count=MAX_NAME))
        ]
    return []


def email_problems(email: str | None) -> list[Problem]:
    if email and not EMAIL_RE.match(email.strip()):
        return [Problem("email", _("“{email}” is not an e-mail address.").format(email=email))]
    return []


def timezone_problems(timezone: str) -> list[Problem]:
    if timezone not in timezones():
        return [
            Problem(
                "timezone",
                _("“{timezone}” is not a known timezone (e.g. Europe/Berlin).").format(
                    timezone=timezone
                ),
            )
        ]
    return []


def hours_problems(start: dt.time, end: dt.time) -> list[Problem]:
    if start == end:
        return [
            Problem("working hours", _("Working hours must not start and end at the same time."))
        ]
    return []


def start_date_problems(day: dt.date | None) -> list[Problem]:
    wrong = out_of_range(day) if day is not None else None
    return [Problem("start date", str(wrong))] if wrong else []


def absence_problems(absences: tuple[Absence, ...]) -> list[Problem]:
    found: list[Problem] = []
    for absence in absences:
        wrong = out_of_range(absence.start) or out_of_range(absence.end)
        if wrong:
            found.append(Problem("absences", wrong))
        elif absence.end < absence.start:
            found.append(
                Problem(
                    "absences",
                    _("The absence from {start} ends before it starts ({end}).").format(
                        start=absence.start, end=absence.end
                    ),
                )
            )
    return found


def problems(member: Member) -> list[Problem]:
    """Every problem with a member, each naming its field. Empty means valid."""
    return [
        *name_problems(member.name),
        *email_problems(member.email),
        *timezone_problems(member.timezone),
        *hours_problems(member.work_start, member.work_end),
        *start_date_problems(member.start_date),
        *absence_problems(member.absences),
    ]
