"""Checks and clean-ups of member data, shared by the form, CSV import and JSON import."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from zoneinfo import available_timezones

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import _
from teamkeel.core.roster.member import Member
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


def clean(member: Member) -> Member:
    """Trim whitespace, drop control characters from names (a NUL or an ESC sequence
    pasted or imported with a name means nothing, and in a terminal could make it
    pass for another name) and normalise tags; never changes meaning."""
    email = (member.email or "").strip() or None
    cleaned = {
        "name": " ".join(strip_controls(member.name).split()),
        "role": " ".join(strip_controls(member.role).split()),
        "email": email,
        "timezone": member.timezone.strip(),
        "skills": normalise_tags(member.skills),
        "goals": normalise_tags(member.goals),
        "notes": member.notes.strip(),
        "absences": tuple(sorted(member.absences, key=lambda a: (a.start, a.end))),
    }
    if all(getattr(member, k) == v for k, v in cleaned.items()):
        return member  # most members are clean already: spare a copy (large imports)
    return replace(member, **cleaned)  # type: ignore[arg-type]


def problems(member: Member) -> list[Problem]:
    """Every problem with a member, each naming its field. Empty means valid."""
    found: list[Problem] = []
    if not member.name.strip():
        found.append(Problem("name", _("A name is needed.")))
    elif has_controls(member.name):
        found.append(Problem("name", _("A name cannot hold control characters.")))
    elif len(member.name) > MAX_NAME:
        found.append(
            Problem(
                "name",
                _("A name can have at most {MAX_NAME} characters.").format(MAX_NAME=MAX_NAME),
            )
        )
    if member.email and not EMAIL_RE.match(member.email.strip()):
        found.append(
            Problem("email", _("“{email}” is not an e-mail address.").format(email=member.email))
        )
    if member.timezone not in timezones():
        found.append(
            Problem(
                "timezone",
                _("“{timezone}” is not a known timezone (e.g. Europe/Berlin).").format(
                    timezone=member.timezone
                ),
            )
        )
    if member.work_start == member.work_end:
        found.append(
            Problem("working hours", _("Working hours must not start and end at the same time."))
        )
    if member.start_date is not None and out_of_range(member.start_date):
        found.append(Problem("start date", str(out_of_range(member.start_date))))
    for absence in member.absences:
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
