"""Blocker buddies at fixed moments across timezones, weekends and daylight saving."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.buddies import Candidate, PastHelp, next_working_start, suggest
from teamkeel.core.goals.buddy_store import Buddies
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

UTC = dt.UTC
ANA = Candidate(1, "Ana", "Europe/Lisbon", skills=("Python",))
BO = Candidate(2, "Bo", "Asia/Tokyo", skills=("PostgreSQL",))
CY = Candidate(3, "Cy", "America/New_York", skills=("React",))
DEE = Candidate(4, "Dee", "Europe/Berlin")
EVE = Candidate(
    5,
    "Eve",
    "Europe/Berlin",
    skills=("PostgreSQL",),
    away=((date(2026, 12, 1), date(2026, 12, 31)),),
)
TEAM = (ANA, BO, CY, DEE, EVE)
HISTORY = (PastHelp(3, ("data",)), PastHelp(3, ("data", "ci")), PastHelp(4, ("frontend",)))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _ask(moment: str, recent: dict[int, int] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    found = suggest(
        1,
        "replication lag on the postgres reporting db",
        ("data",),
        TEAM,
        HISTORY,
        recent or {},
        at(moment),
    )
    return [(s.name, s.reasons) for s in found]


def test_monday_morning_in_europe() -> None:
    # 08:30 UTC on Monday 7 Dec: Berlin 09:30 (on), New York 03:30, Tokyo 17:30 (off).
    assert _ask("2026-12-07T08:30") == [
        ("Dee", ("in working hours now (09:30 in Berlin)",)),
        # Cy and Bo match equally (past help / a skill): Cy starts sooner.
        ("Cy", ("starts in 5 h 30 min (Mon 09:00 in New York)", "helped with #data twice")),
        ("Bo", ("starts in 15 h (Tue 09:00 in Tokyo)", "knows PostgreSQL")),
    ]


def test_among_equals_who_carried_less_help_lately_comes_first() -> None:
    fay = Candidate(6, "Fay", "Europe/Berlin")
    moment = at("2026-12-07T08:30")  # both in working hours, neither matches the blocker

    def names(recent: dict[int, int]) -> list[str]:
        found = suggest(1, "printer jam", (), (DEE, fay), (), recent, moment)
        return [s.name for s in found]

    assert names({}) == ["Dee", "Fay"]  # equal in every way: by name
    assert names({4: 3, 6: 1}) == ["Fay", "Dee"]  # Dee helped more lately


def test_a_skill_matches_only_when_the_blocker_names_it() -> None:
    story = Candidate(7, "Gil", "Europe/Berlin", skills=("Storytelling with data", "API design"))
    found = suggest(
        1,
        "the data export breaks the API design review",
        ("data",),
        (story,),
        (),
        {},
        at("2026-12-07T08:30"),
    )
    assert found[0].skills == ("API design",)


def test_owner_and_away_members_are_never_suggested() -> None:
    names = [n for n, _ in _ask("2026-12-08T01:00")]  # Tokyo 10:00: Bo on now
    assert names[0] == "Bo" and "Ana" not in names and "Eve" not in names


def test_friday_evening_waits_for_monday() -> None:
    # Friday 11 Dec 18:00 in Berlin: the next working start is Monday 09:00 (63 hours).
    minutes, local = next_working_start(DEE, at("2026-12-11T17:00"))  # type: ignore[misc]
    assert (minutes, f"{local:%a %H:%M}") == (63 * 60, "Mon 09:00")


@pytest.mark.parametrize(
    ("moment", "zone", "on_now"),
    [
        # New York moves to summer time on 8 March 2026, Berlin only on 29 March.
        ("2026-03-06T13:30", "America/New_York", False),  # EST: 08:30
        ("2026-03-10T13:30", "America/New_York", True),  # EDT: 09:30
        ("2026-03-27T15:30", "Europe/Berlin", True),  # CET: 16:30
        ("2026-03-30T15:30", "Europe/Berlin", False),  # CEST: 17:30
        ("2026-10-26T15:30", "Europe/Berlin", True),  # back on CET since 25 Oct: 16:30
        ("2026-10-23T15:30", "Europe/Berlin", False),  # still CEST: 17:30
    ],
)
def test_working_hours_follow_daylight_saving(moment: str, zone: str, on_now: bool) -> None:
    person = Candidate(9, "P", zone)
    minutes, _local = next_working_start(person, at(moment))  # type: ignore[misc]
    assert (minutes == 0) is on_now


def test_a_start_inside_the_spring_gap_is_a_real_moment() -> None:
    # Someone starting at 02:30 in Berlin on 29 March 2026 (a time that does not exist).
    early = Candidate(9, "Early", "Europe/Berlin", dt.time(2, 30), dt.time(10, 0))
    minutes, local = next_working_start(early, at("2026-03-29T00:00"))  # type: ignore[misc]
    assert local.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
    assert 0 < minutes <= 24 * 60 + 150  # Sunday is off: Monday 02:30 CEST


def test_suggestions_from_a_team_file(team: TeamFile) -> None:
    roster = RosterService(team)
    for member in (
        Member("Ana", timezone="Europe/Lisbon"),
        Member("Bo", timezone="Asia/Tokyo", skills=("PostgreSQL",)),
        Member("Cy", timezone="America/New_York"),
        Member(
            "Dee",
            timezone="Europe/Berlin",
            absences=(Absence(date(2026, 12, 7), date(2026, 12, 9)),),
        ),
    ):
        roster.add(member)
    ids = {m.name: m.id or 0 for m in roster.list_members()}
    log = StandupService(team)
    old = log.add_blocker(date(2026, 11, 2), ids["Ana"], "ETL broke", ["data"])
    log.resolve(old.id, date(2026, 11, 3), [ids["Cy"]])
    blocker = log.add_blocker(date(2026, 12, 7), ids["Ana"], "postgres replication lag", ["data"])
    buddies = Buddies(team)
    found = buddies.suggest(blocker.id, at("2026-12-07T08:30"))
    # Nobody else is in working hours: Cy starts in 5 h 30 min, Bo in 15 h 30 min (a
    # later band, though he knows PostgreSQL). Dee is away that day, Ana owns it.
    assert [(s.name, s.reasons[1:]) for s in found] == [
        ("Cy", ("helped with #data once",)),
        ("Bo", ("knows PostgreSQL",)),
    ]
    assert buddies.choose(blocker.id, ids["Cy"], "; ".join(found[0].reasons)) is None
    assert buddies.chosen(blocker.id).name == "Cy"  # type: ignore[union-attr]
    with pytest.raises(KeelError, match="owns this blocker"):
        buddies.choose(blocker.id, ids["Ana"])
    buddies.restore(blocker.id, None)
    assert buddies.chosen(blocker.id) is None
    with pytest.raises(KeelError, match="no blocker #999"):
        buddies.suggest(999)
