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
from teamkeel.core.team_info import create_team

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


# -- any rule Keel can store expands the same in a calendar client ----------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]


@st.composite
def rituals(draw):
    freq = draw(st.sampled_from(["once", "weekdays", "weekly", "monthly_nth", "quarterly"]))
    day = draw(st.dates(date(2025, 1, 1), date(2027, 12, 31)))
    start = datetime.combine(day, draw(st.sampled_from([
        datetime.min.time().replace(hour=h, minute=m) for h in (0, 1, 2, 3, 9, 17, 23)
        for m in (0, 30)
    ])))  # fmt: skip
    end = draw(st.sampled_from(["never", "until", "count"]))
    rec = Recurrence(
        freq=freq,
        interval=draw(st.integers(1, 3)) if freq != "weekdays" else 1,
        weekdays=tuple(draw(st.sets(st.integers(0, 6), max_size=3))) if freq == "weekly" else (),
        nth=draw(st.sampled_from([None, 1, 2, 4, -1])) if freq in ("monthly_nth", "quarterly")
        else None,
        until=day + timedelta(days=draw(st.integers(0, 500))) if end == "until" else None,
        count=draw(st.integers(1, 40)) if end == "count" else None,
    )  # fmt: skip
    skipped = tuple(day + timedelta(days=draw(st.integers(0, 120))) for _ in range(draw(
        st.integers(0, 3))))  # fmt: skip
    return Ritual(kind="standup", title="R", start=start, timezone=draw(st.sampled_from(ZONES)),
                  duration_minutes=draw(st.sampled_from([15, 60, 150])), recurrence=rec,
                  skipped=skipped)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rituals())
def test_any_rule_expands_the_same_in_recurring_ical_events(ritual):
    from teamkeel.core.calendar.validation import problems

    if problems(ritual):
        return
    first, last = date(2025, 1, 1), date(2028, 12, 31)
    cal = Calendar.from_ical(export_ics([ritual], {}))
    theirs = sorted(
        (e.start.isoformat(), e.end.isoformat())
        for e in recurring_ical_events.of(cal).between(first, last + timedelta(days=1))
    )
    mine = sorted(
        (o.start.isoformat(), o.end.isoformat()) for o in all_occurrences([ritual], first, last, {})
    )
    assert theirs == mine


INJECTED = "Crew\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT\r\nX-A:"


def test_no_text_can_end_a_line_or_smuggle_control_characters():
    """The team name (X-WR-CALNAME) went out unescaped: a name with CR/LF crashed the
    export, and under ``python -O`` produced an extra event. NUL and ESC from imported
    names reached the file."""
    rituals = [
        Ritual(kind="standup", title="Stand\x00up\x1b[31m;, all", start=datetime(2026, 3, 2, 9),
               timezone="UTC", duration_minutes=30, recurrence=Recurrence("once"),
               location="Room 1\r\nATTENDEE:mailto:x@example.invalid", rotation=(4,)),
    ]  # fmt: skip
    people = {4: Person(4, "Zoë\x07\x1b]0;evil\x07")}
    raw = export_ics(rituals, people, team_name=INJECTED)
    assert not any(ch in raw for ch in (b"\x00", b"\x07", b"\x1b"))
    lines = raw.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VCALENDAR") == 1
    assert not any(line.startswith((b"ATTENDEE", b"SUMMARY:Injected")) for line in lines)
    cal = Calendar.from_ical(raw)
    (event,) = cal.walk("VEVENT")
    # icalendar reads an X- property back still escaped (it does not know its type).
    escaped = INJECTED.replace("\r\n", "\\n") + " rituals"
    assert str(cal["X-WR-CALNAME"]) == escaped
    assert str(event["SUMMARY"]) == "Standup[31m;, all"
    assert str(event["LOCATION"]) == "Room 1\nATTENDEE:mailto:x@example.invalid"
    assert "Zoë]0;evil" in str(event["DESCRIPTION"])


def test_an_injected_team_name_makes_no_event_even_without_assertions(tmp_path):
    """Under ``python -O`` icalendar's own check (an assert) is gone: the escaping
    must not depend on it."""
    import os
    import sqlite3
    import subprocess
    import sys

    from teamkeel.core.calendar.service import CalendarService

    db = tmp_path / "t.keel"
    with create_team(db, "Crew") as team:
        CalendarService(team).add(sample_rituals()[5])
    with sqlite3.connect(db) as conn:  # stored as a JSON import could, bypassing rename
        conn.execute("UPDATE team SET name = ?", (INJECTED,))
    conn.close()
    out = tmp_path / "t.ics"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-O", "-m", "teamkeel", "export", "calendar", "--db", str(db),
         "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1
    assert out.read_bytes().split(b"\r\n").count(b"BEGIN:VEVENT") == 1
