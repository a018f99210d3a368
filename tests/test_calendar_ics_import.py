"""Rituals from an ICS file (issue 15, item 12): Keel's own export comes back as it went
out, a calendar app's weekly and monthly events become rituals, and an event that
repeats in a way rituals cannot is refused in one line with nothing imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from teamkeel.core.calendar.domain import nth_of
from teamkeel.core.calendar.ics_import import rituals_from_ics
from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.errors import ValidationError
from teamkeel.core.storage.teamfile import TeamFile

# As Google Calendar writes an export: CRLF, a VTIMEZONE, TZID on the times.
GOOGLE = (
    (Path(__file__).parent / "fixtures" / "imports" / "google_calendar.ics").read_bytes().decode()
)

BIRTHDAY = """BEGIN:VEVENT\r
DTSTART;TZID=Europe/Berlin:20260501T120000\r
DTEND;TZID=Europe/Berlin:20260501T130000\r
RRULE:FREQ=YEARLY\r
UID:cake@google.com\r
SUMMARY:Ana's birthday lunch\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_calendar_apps_weekly_and_monthly_events_become_rituals() -> None:
    got = rituals_from_ics(GOOGLE.encode(), "UTC")
    by_title = {r.title: r for r in got.rituals}
    pairing = by_title["Pairing Wednesday"]
    assert (pairing.kind, pairing.timezone, pairing.location) == (
        "pairing",
        "Europe/Berlin",
        "Room 2",
    )
    assert pairing.start == dt.datetime(2026, 3, 4, 14, 0)
    assert (pairing.recurrence.freq, pairing.recurrence.weekdays) == ("weekly", ())  # its day
    retro = by_title["Team retro"].recurrence
    assert (retro.freq, retro.nth, retro.until) == ("monthly_nth", None, dt.date(2027, 1, 1))
    standup = by_title["Daily stand-up"]
    assert (standup.kind, standup.recurrence.freq, standup.duration_minutes) == (
        "standup",
        "weekdays",
        15,
    )
    assert got.guessed_kinds == 0


def test_an_event_rituals_cannot_repeat_like_is_refused_in_one_line() -> None:
    text = GOOGLE.replace("END:VCALENDAR\r\n", BIRTHDAY)
    with pytest.raises(ValidationError) as err:
        rituals_from_ics(text.encode(), "UTC")
    assert str(err.value) == (
        "event “Ana's birthday lunch”: it repeats yearly; rituals repeat by the day, week or month"
    )
    with pytest.raises(ValidationError, match="^ICS: not a calendar file"):
        rituals_from_ics(b"Name,Email\nAna,a@x.org\n", "UTC")


def test_keels_own_export_comes_back_as_it_went_out(
    demo_team: TeamFile, team: TeamFile, tmp_path: Path
) -> None:
    source = CalendarService(demo_team)
    out = tmp_path / "rituals.ics"
    source.export_ics(out)
    got = rituals_from_ics(out.read_bytes(), "UTC")

    def shape(r):  # type: ignore[no-untyped-def]
        # "On the start's weekday" may be stored as () or spelled out: the same rule.
        rec = r.recurrence
        days = rec.weekdays or ((r.start.weekday(),) if rec.freq == "weekly" else ())
        nth = rec.nth if rec.nth is not None or rec.freq == "weekly" else nth_of(r.start.date())
        rule = (rec.freq, rec.interval, days, nth if rec.freq != "weekdays" else None)
        return (r.kind, r.title, r.start, r.timezone, r.duration_minutes, rule, r.uid)

    assert sorted(map(shape, got.rituals)) == sorted(map(shape, source.list_rituals()))
