"""Recurrence expansion: the dates and local times a lead will see in the calendar."""

from datetime import date, datetime, time, timedelta

from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.calendar.schedule import occurrences
from teamkeel.core.calendar.validation import problems


def ritual(start, rec, tz="Europe/Berlin", **kw):
    return Ritual(
        kind=kw.pop("kind", "standup"),
        title=kw.pop("title", "Stand-up"),
        start=start,
        timezone=tz,
        duration_minutes=kw.pop("minutes", 15),
        recurrence=rec,
        **kw,
    )


def days(r, first, last):
    return [o.day for o in occurrences(r, first, last, {})]


def test_weekdays_skip_weekends_and_skipped_dates():
    r = ritual(
        datetime(2026, 3, 2, 9, 30),  # a Monday
        Recurrence("weekdays"),
        skipped=(date(2026, 3, 4),),
    )
    got = days(r, date(2026, 3, 1), date(2026, 3, 15))
    assert got == [
        date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 6),
        date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12),
        date(2026, 3, 13),
    ]  # fmt: skip


def test_weekly_on_chosen_days_every_two_weeks_with_count():
    r = ritual(
        datetime(2026, 1, 5, 14, 0),  # Monday
        Recurrence("weekly", interval=2, weekdays=(1, 3), count=5),
    )
    # The start Monday is not a chosen day: the first occurrence is Tuesday.
    assert days(r, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 6), date(2026, 1, 8), date(2026, 1, 20), date(2026, 1, 22),
        date(2026, 2, 3),
    ]  # fmt: skip


def test_monthly_nth_weekday_and_last_weekday():
    third_tuesday = ritual(datetime(2026, 1, 20, 15, 0), Recurrence("monthly_nth", count=4))
    assert days(third_tuesday, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 20), date(2026, 2, 17), date(2026, 3, 17), date(2026, 4, 21),
    ]  # fmt: skip
    # 2026-01-30 is the fifth Friday: it means "the last Friday" of every month.
    last_friday = ritual(datetime(2026, 1, 30, 15, 0), Recurrence("monthly_nth", count=3))
    assert days(last_friday, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27),
    ]  # fmt: skip


def test_quarterly_until_inclusive():
    r = ritual(
        datetime(2026, 1, 6, 10, 0),  # first Tuesday
        Recurrence("quarterly", until=date(2027, 1, 5)),
    )
    assert days(r, date(2026, 1, 1), date(2030, 1, 1)) == [
        date(2026, 1, 6), date(2026, 4, 7), date(2026, 7, 7), date(2026, 10, 6),
        date(2027, 1, 5),
    ]  # fmt: skip


def test_one_off():
    r = ritual(datetime(2026, 5, 4, 10, 0), Recurrence("once"), minutes=30)
    occ = occurrences(r, date(2026, 5, 1), date(2026, 5, 31), {})
    assert [(o.day, o.start.time(), o.end - o.start) for o in occ] == [
        (date(2026, 5, 4), time(10, 0), timedelta(minutes=30))
    ]
    assert occurrences(r, date(2026, 6, 1), date(2026, 6, 30), {}) == []


def test_open_ended_window_in_the_middle():
    r = ritual(datetime(2026, 1, 5, 9, 30), Recurrence("weekly", weekdays=(0,)))
    occ = occurrences(r, date(2026, 3, 1), date(2026, 3, 31), {})
    assert [o.day for o in occ] == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16),
                                    date(2026, 3, 23), date(2026, 3, 30)]  # fmt: skip
    assert occ[0].index == 8  # counted from the first occurrence, not the window


def test_berlin_keeps_local_time_across_both_dst_changes():
    r = ritual(datetime(2026, 3, 27, 9, 30), Recurrence("weekdays"))
    occ = occurrences(r, date(2026, 3, 27), date(2026, 3, 30), {})
    assert [o.start.time() for o in occ] == [time(9, 30), time(9, 30)]
    # 2026-03-29 is the spring-forward Sunday: the UTC time moves, the local one not.
    assert [o.start.utcoffset() for o in occ] == [timedelta(hours=1), timedelta(hours=2)]
    autumn = occurrences(r, date(2026, 10, 23), date(2026, 10, 26), {})
    assert [o.start.time() for o in autumn] == [time(9, 30), time(9, 30)]
    assert [o.start.utcoffset() for o in autumn] == [timedelta(hours=2), timedelta(hours=1)]


def test_new_york_dst_differs_from_europe():
    r = ritual(
        datetime(2026, 3, 2, 10, 0), Recurrence("weekly", weekdays=(0,)), tz="America/New_York"
    )
    occ = occurrences(r, date(2026, 3, 2), date(2026, 3, 16), {})
    assert [o.start.time() for o in occ] == [time(10)] * 3
    # New York springs forward on 2026-03-08, three weeks before Berlin.
    assert [o.start.utcoffset() for o in occ] == [
        timedelta(hours=-5), timedelta(hours=-4), timedelta(hours=-4)
    ]  # fmt: skip
    assert [o.start.astimezone().utcoffset() is not None for o in occ] == [True] * 3


def test_validation_names_the_field():
    bad = ritual(
        datetime(2026, 3, 2, 9, 30),
        Recurrence("weekly", until=date(2026, 3, 1)),
        title="  ",
    )
    fields = [f for f, _ in problems(bad)]
    assert fields == ["title", "end date"]
    assert [f for f, _ in problems(ritual(datetime(2026, 1, 1), Recurrence("hourly")))] == [
        "recurrence"
    ]
    everything_skipped = ritual(
        datetime(2026, 3, 2, 9, 30), Recurrence("once"), skipped=(date(2026, 3, 2),)
    )
    assert [f for f, _ in problems(everything_skipped)] == ["skipped dates"]
    assert problems(ritual(datetime(2026, 3, 2, 9, 30), Recurrence("weekdays"))) == []
