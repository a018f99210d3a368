"""The rollout plan: phases land on the weeks the program expects."""

from datetime import date, datetime, timedelta

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


def test_a_plan_fitted_to_a_team_that_already_has_a_stand_up_and_pairing():
    from teamkeel.core.calendar.domain import Recurrence, Ritual
    from teamkeel.core.calendar.rollout import fit_plan

    monday = date(2026, 1, 12)
    plan = rollout_plan(monday, "Europe/Berlin")
    ours = [
        Ritual("standup", "Daily stand-up", datetime(2025, 9, 1, 9, 15), "Europe/Berlin", 15,
               Recurrence("weekdays"), id=1),
        Ritual("pairing", "Wednesday pairing", datetime(2025, 9, 3, 14), "Europe/Berlin", 60,
               Recurrence("weekly", weekdays=(2,)), id=2),
        # A pairing series that ended long ago is no reason to leave pairing out.
        Ritual("retrospective", "Old retro", datetime(2024, 1, 5, 15), "Europe/Berlin", 60,
               Recurrence("weekly", until=date(2024, 6, 1)), id=3),
    ]  # fmt: skip
    fitted = fit_plan(plan, ours, compact_ratified=1)
    kinds = [r.kind for r in fitted.rituals]
    assert "standup" not in kinds and "pairing" not in kinds
    assert kinds.count("retrospective") == 2  # the old one has ended: the plan's stay
    assert [(title, kept.title) for title, kept in fitted.reused] == [
        ("Kudos & blockers stand-up", "Daily stand-up"),
        ("Pairing rotation session", "Wednesday pairing"),
    ]
    titles = {r.title for r in fitted.rituals}
    assert not titles & {"Draft the Team Support Compact", "Ratify the Team Support Compact"}
    assert "Quarterly compact review" in titles  # reviewing it still has to happen
    lines = fitted.describe()
    assert lines[0] == (
        "Kept what the team already has instead of adding more: “Daily stand-up”, "
        "“Wednesday pairing”."
    )
    assert (
        "Left out “Ratify the Team Support Compact”: version 1 of the compact is already ratified."
        in lines
    )
    # Asked not to reuse: the whole plan, as before.
    assert len(fit_plan(plan, ours, reuse=False).rituals) == len(plan)


def test_meetings_keep_off_weekends_and_public_holidays():
    from teamkeel.core.calendar.public_holidays import days_off
    from teamkeel.core.calendar.rollout import fit_plan

    monday = date(2026, 12, 7)  # the ratification would fall on Friday 1 January 2027
    plan = rollout_plan(monday, "Europe/Berlin")
    assert by_title(plan)["Ratify the Team Support Compact"].start.date() == date(2027, 1, 1)
    off = days_off("DE", monday, monday + timedelta(days=800))
    fitted = fit_plan(plan, days_off=off)
    ratify = by_title(fitted.rituals)["Ratify the Team Support Compact"]
    assert ratify.start.date() == date(2027, 1, 4)  # the next working day, a Monday
    assert ratify.start.hour == 11
    moved = [m for m in fitted.moved if m.title == ratify.title]
    assert moved and moved[0].why == "New Year's Day"
    year = all_occurrences(fitted.rituals, monday, monday + timedelta(days=365), {})
    assert year and not [o for o in year if o.day in off]
    assert not [o for o in year if o.day.weekday() >= 5]
    assert fitted.holidays_skipped > 5  # Easter, May Day, Christmas... of the stand-up
    assert all(problems(r) == [] for r in fitted.rituals)
    # Without a country: weekends only, so New Year's Day stays as it was planned.
    plain = fit_plan(plan)
    assert by_title(plain.rituals)["Ratify the Team Support Compact"].start.date() == date(
        2027, 1, 1
    )


def test_the_country_of_a_timezone_and_holiday_names_in_english():
    from teamkeel.core.calendar import public_holidays

    assert public_holidays.country_for_timezone("Europe/Berlin") == "DE"
    assert public_holidays.country_for_timezone("Asia/Tokyo") == "JP"
    assert public_holidays.country_for_timezone("UTC") == ""
    assert ("FR", "France") in public_holidays.countries()
    assert public_holidays.days_off("FR", date(2027, 7, 1), date(2027, 7, 31)) == {
        date(2027, 7, 14): "National Day"
    }
    assert public_holidays.days_off("", date(2027, 1, 1), date(2027, 12, 31)) == {}
