"""The rollout plan: phases land on the weeks the program expects."""

from datetime import date, timedelta

from teamkeel.core.calendar.rollout import phases, rollout_plan
from teamkeel.core.calendar.schedule import all_occurrences, occurrences
from teamkeel.core.calendar.validation import problems


def by_title(plan):
    return {r.title: r for r in plan}


def test_phases_from_a_wednesday_start_on_the_next_monday():
    plan = rollout_plan(date(2026, 1, 7), "Europe/Berlin", rotation=(1, 2, 3), lead_id=1)
    rituals = by_title(plan)
    monday = date(2026, 1, 12)
    assert rituals["Kickoff pre-mortem"].start.date() == monday
    assert rituals["Kickoff pre-mortem"].duration_minutes == 30
    # Stand-ups and pairing start with the pilot, in week 5.
    assert rituals["Kudos & blockers stand-up"].start.date() == monday + timedelta(weeks=4)
    pilot_retros = occurrences(rituals["Pilot feedback retrospective"], monday, monday +
                               timedelta(weeks=30), {})  # fmt: skip
    assert [o.day for o in pilot_retros] == [
        monday + timedelta(weeks=w, days=4) for w in (5, 7, 9, 11)
    ]  # Fridays of weeks 6, 8, 10 and 12
    assert rituals["Sprint cross-check"].start.date() >= monday + timedelta(weeks=12)
    assert rituals["Quarterly culture check-in"].start.date() >= monday + timedelta(weeks=26)
    assert [p.first_day for p in phases(monday)] == [
        monday, monday + timedelta(weeks=4), monday + timedelta(weeks=12),
        monday + timedelta(weeks=26),
    ]  # fmt: skip
    assert all(problems(r) == [] for r in plan)
    assert len({r.uid for r in plan}) == len(plan)


def test_compact_is_drafted_and_ratified_in_the_first_month():
    monday = date(2026, 1, 12)
    rituals = by_title(rollout_plan(monday, "UTC"))
    assert rituals["Draft the Team Support Compact"].start.date() < monday + timedelta(weeks=4)
    assert rituals["Ratify the Team Support Compact"].start.date() < monday + timedelta(weeks=4)


def test_first_quarter_is_believable():
    monday = date(2026, 1, 12)
    plan = rollout_plan(monday, "Europe/Berlin", rotation=(1, 2, 3))
    quarter = all_occurrences(plan, monday, monday + timedelta(weeks=13) - timedelta(days=1), {})
    kinds = {o.kind for o in quarter}
    assert {"pre_mortem", "listening", "compact_review", "standup", "pairing",
            "retrospective"} <= kinds  # fmt: skip
    standups = [o for o in quarter if o.kind == "standup"]
    assert len(standups) == 9 * 5  # weeks 5-13, every working day
