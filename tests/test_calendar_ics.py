"""The ICS file, parsed back and expanded by recurring-ical-events, holds exactly the
occurrences the app shows."""

from datetime import date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar

from teamkeel.core.calendar.domain import Recurrence, Ritual, Swap
from teamkeel.core.calendar.ics import export_ics
from teamkeel.core.calendar.people import Person
from teamkeel.core.calendar.rollout import rollout_plan
from teamkeel.core.calendar.schedule import all_occurrences

PEOPLE = {1: Person(1, "Zoë"), 2: Person(2, "Ōsaka Ren"), 3: Person(3, "李娜")}
FIRST, LAST = date(2026, 1, 1), date(2027, 6, 30)


def sample_rituals():
    def r(title, start, rec, tz="Europe/Berlin", **kw):
        return Ritual(kind=kw.pop("kind", "standup"), title=title, start=start, timezone=tz,
                      duration_minutes=kw.pop("minutes", 30), recurrence=rec, **kw)  # fmt: skip

    return [
        r("Stand-up", datetime(2026, 3, 2, 9, 30), Recurrence("weekdays"),
          skipped=(date(2026, 4, 3), date(2026, 4, 6), date(2026, 12, 25)),
          rotation=(1, 2, 3), swaps=(Swap(date(2026, 3, 4), 3),)),
        r("Pairing", datetime(2026, 1, 5, 14), Recurrence("weekly", interval=2, weekdays=(1, 3)),
          tz="America/New_York", kind="pairing", minutes=120, facilitator_id=2),
        r("Skill share", datetime(2026, 1, 20, 15), Recurrence("monthly_nth", count=8),
          kind="skill_share", skipped=(date(2026, 3, 17),)),
        r("Last-Friday retro", datetime(2026, 1, 30, 16), Recurrence("monthly_nth"),
          kind="retrospective", tz="America/New_York"),
        r("Check-in", datetime(2026, 1, 6, 10), Recurrence("quarterly", until=date(2027, 1, 5)),
          kind="culture_checkin"),
        r("Pre-mortem", datetime(2026, 2, 2, 10), Recurrence("once"), kind="pre_mortem"),
        r("Night owl sync", datetime(2026, 3, 27, 2, 30), Recurrence("weekly", count=6),
          tz="Asia/Tokyo"),
        # 02:30 does not exist in New York on 2026-03-08 (clocks jump 02:00 -> 03:00).
        r("Gap sync", datetime(2026, 3, 1, 2, 30), Recurrence("weekly", count=3),
          tz="America/New_York"),
    ]  # fmt: skip


def expand(ics: bytes):
    cal = Calendar.from_ical(ics)
    events = recurring_ical_events.of(cal).between(FIRST, LAST + timedelta(days=1))  # end exclusive
    return sorted((str(e["UID"]), e.start, e.end) for e in events)


def app(rituals):
    return sorted((o.uid, o.start, o.end) for o in all_occurrences(rituals, FIRST, LAST, PEOPLE))


def test_ics_expands_to_the_apps_occurrences():
    rituals = sample_rituals()
    ics = export_ics(rituals, PEOPLE, team_name="Keel")
    mine, theirs = app(rituals), expand(ics)
    assert len(mine) > 400
    assert theirs == mine
    # Same local wall time on both sides, not just the same instant.
    assert [t[1].isoformat() for t in theirs] == [t[1].isoformat() for t in mine]


def test_rollout_plan_expands_the_same():
    plan = rollout_plan(date(2026, 1, 5), "Europe/Berlin", rotation=(1, 2, 3), lead_id=1)
    assert expand(export_ics(plan, PEOPLE)) == app(plan)


def test_one_vevent_per_ritual_with_timezones_and_stable_uids():
    rituals = sample_rituals()
    first = Calendar.from_ical(export_ics(rituals, PEOPLE))
    second = Calendar.from_ical(export_ics(rituals, PEOPLE))
    events = first.walk("VEVENT")
    assert len(events) == len(rituals)
    assert [str(e["UID"]) for e in events] == [r.uid for r in rituals]
    assert [str(e["UID"]) for e in second.walk("VEVENT")] == [r.uid for r in rituals]
    assert {str(tz["TZID"]) for tz in first.walk("VTIMEZONE")} == {
        "Europe/Berlin", "America/New_York", "Asia/Tokyo"
    }  # fmt: skip
    standup = events[0]
    assert standup["RRULE"]["FREQ"] == ["WEEKLY"]
    assert standup["DTSTART"].params["TZID"] == "Europe/Berlin"
    exdates = [d.dt.date() for d in standup["EXDATE"].dts]
    assert exdates == [date(2026, 4, 3), date(2026, 4, 6), date(2026, 12, 25)]


def test_description_names_facilitators_and_guide():
    ics = export_ics(sample_rituals(), PEOPLE, from_day=date(2026, 3, 2))
    events = Calendar.from_ical(ics).walk("VEVENT")
    standup = str(events[0]["DESCRIPTION"])
    assert "Facilitators rotate: Zoë → Ōsaka Ren → 李娜" in standup
    assert "2026-03-02: Zoë" in standup
    assert "2026-03-04: 李娜 (swapped)" in standup
    assert "Agenda:" in standup
    assert "Facilitator: Ōsaka Ren" in str(events[1]["DESCRIPTION"])
