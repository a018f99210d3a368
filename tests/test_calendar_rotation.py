"""Facilitator rotation: turns move on, absent members are passed over, swaps stay local."""

from datetime import date, datetime, time

from teamkeel.core.calendar.domain import Recurrence, Ritual, Swap
from teamkeel.core.calendar.people import Person, local_time
from teamkeel.core.calendar.schedule import occurrences

ANA, BEN, CHO, DAN = 1, 2, 3, 4


def team(absences=None, archived=()):
    absences = absences or {}
    names = {ANA: "Ana", BEN: "Ben", CHO: "Chō", DAN: "Dan"}
    return {
        i: Person(i, n, absences=absences.get(i, ()), archived=i in archived)
        for i, n in names.items()
    }


def standup(**kw):
    return Ritual(
        kind="standup",
        title="Stand-up",
        start=datetime(2026, 3, 2, 9, 30),
        timezone="Europe/Berlin",
        duration_minutes=15,
        recurrence=Recurrence("weekdays"),
        rotation=(ANA, BEN, CHO),
        **kw,
    )


def names(r, people, first=date(2026, 3, 2), last=date(2026, 3, 13)):
    return [o.facilitator_name for o in occurrences(r, first, last, people)]


def test_round_robin():
    assert names(standup(), team()) == ["Ana", "Ben", "Chō"] * 3 + ["Ana"]


def test_absent_member_is_skipped_and_the_turn_moves_on():
    people = team({BEN: ((date(2026, 3, 3), date(2026, 3, 6)),)})
    assert names(standup(), people) == [
        "Ana", "Chō", "Ana", "Chō", "Ana",  # Ben away Tue-Fri
        "Ben", "Chō", "Ana", "Ben", "Chō",
    ]  # fmt: skip


def test_archived_member_never_facilitates():
    assert set(names(standup(), team(archived={CHO}))) == {"Ana", "Ben"}


def test_nobody_available():
    everyone_away = {m: ((date(2026, 3, 1), date(2026, 3, 31)),) for m in (ANA, BEN, CHO)}
    assert names(standup(), team(everyone_away)) == [""] * 10


def test_swap_changes_one_occurrence_only():
    swapped = standup(swaps=(Swap(date(2026, 3, 4), DAN),))
    occ = occurrences(swapped, date(2026, 3, 2), date(2026, 3, 6), team())
    assert [o.facilitator_name for o in occ] == ["Ana", "Ben", "Dan", "Ana", "Ben"]
    assert [o.swapped for o in occ] == [False, False, True, False, False]


def test_window_does_not_change_who_facilitates():
    whole = names(standup(), team(), date(2026, 3, 2), date(2026, 4, 30))
    later = names(standup(), team(), date(2026, 4, 1), date(2026, 4, 30))
    assert whole[-len(later) :] == later


def test_skipped_date_does_not_use_up_a_turn():
    r = standup(skipped=(date(2026, 3, 3),))
    assert names(r, team(), last=date(2026, 3, 5)) == ["Ana", "Ben", "Chō"]


def test_fixed_facilitator_without_rotation():
    r = Ritual(
        kind="pairing", title="Pairing", start=datetime(2026, 3, 2, 14),
        timezone="UTC", duration_minutes=60, recurrence=Recurrence("weekly"),
        facilitator_id=DAN,
    )  # fmt: skip
    assert names(r, team()) == ["Dan", "Dan"]


def test_local_times_mark_out_of_hours():
    occ = occurrences(standup(), date(2026, 3, 2), date(2026, 3, 2), {})[0]
    tokyo = Person(9, "Yui", "Asia/Tokyo", time(9), time(18))
    new_york = Person(8, "Sam", "America/New_York", time(8), time(16))
    lisbon = Person(7, "Rui", "Europe/Lisbon", time(8), time(16))
    yui, sam, rui = (local_time(p, occ.start, occ.end) for p in (tokyo, new_york, lisbon))
    assert (yui.start.time(), yui.out_of_hours) == (time(17, 30), False)
    assert (sam.start.time(), sam.out_of_hours) == (time(3, 30), True)
    assert (rui.start.time(), rui.out_of_hours) == (time(8, 30), False)
    assert "outside working hours" in sam.label()
