"""The roster service: adding, editing, archiving and finding members."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import Absence, Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture
def roster(team: TeamFile) -> RosterService:
    return RosterService(team)


def test_member_in_any_script_round_trips(roster: RosterService) -> None:
    names = ["Zoë Martin", "Kenji Ōsaka", "李娜", "Дмитрий Орлов", "Ελένη Παππά", "فاطمة 🌟"]
    roster.add_many([Member(name=n) for n in names])
    assert sorted(m.name for m in roster.list_members()) == sorted(names)


def test_add_cleans_and_validates(roster: RosterService) -> None:
    stored = roster.add(
        Member(
            name="  Ana   Sousa ", skills=("Python", "python", " SQL "), timezone="Europe/Lisbon"
        )
    )
    assert stored.name == "Ana Sousa"
    assert stored.skills == ("Python", "SQL")
    with pytest.raises(ValidationError) as err:
        roster.add(Member(name="", email="not-an-email", timezone="Mars/Olympus"))
    fields = {p.where for p in err.value.problems}
    assert fields == {"name", "email", "timezone"}
    assert len(roster.list_members()) == 1


def test_update_absences_and_archive(roster: RosterService) -> None:
    bo = roster.add(Member(name="Bo"))
    week = Absence(dt.date(2026, 12, 21), dt.date(2026, 12, 24), "Holiday")
    bo = roster.update(replace(bo, absences=(week,)))
    assert roster.get(bo.id).absences == (week,)
    assert roster.is_absent(bo, dt.date(2026, 12, 22))
    assert not roster.is_absent(bo, dt.date(2026, 12, 25))
    roster.set_archived(bo.id, True)
    assert roster.list_members() == []
    assert [m.name for m in roster.list_members(include_archived=True)] == ["Bo"]


def test_absence_ending_before_it_starts_is_refused(roster: RosterService) -> None:
    bo = roster.add(Member(name="Bo"))
    bad = Absence(dt.date(2026, 5, 5), dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="absences"):
        roster.update(replace(bo, absences=(bad,)))
    assert roster.get(bo.id).absences == ()


def test_find_and_resolve_names(roster: RosterService) -> None:
    roster.add_many([Member(name="Ana Sousa"), Member(name="Anabel Ruiz"), Member(name="李娜")])
    assert [m.name for m in roster.find_by_name("ana sousa")] == ["Ana Sousa"]
    assert roster.resolve_name("李").name == "李娜"
    assert roster.resolve_name("ruiz").name == "Anabel Ruiz"
    with pytest.raises(KeelError, match="could mean Ana Sousa, Anabel Ruiz"):
        roster.resolve_name("Ana")
    with pytest.raises(KeelError, match="No member is called"):
        roster.resolve_name("Zed")


def test_delete_is_only_for_fresh_members(roster: RosterService) -> None:
    ana = roster.add(Member(name="Ana"))
    roster.delete(ana.id)
    assert roster.list_members(include_archived=True) == []
    # Re-adding with the same id restores it (this is how undo of a delete works).
    again = roster.add(ana)
    assert again.id == ana.id


def test_names_are_found_without_their_accents_but_exact_spelling_wins(
    roster: RosterService,
) -> None:
    roster.add_many(
        [Member(name="Zoë Martin"), Member(name="Kenji Ōsaka"), Member(name="Zoe Chen")]
    )
    assert roster.resolve_name("Kenji Osaka").name == "Kenji Ōsaka"
    assert roster.resolve_name("osaka").name == "Kenji Ōsaka"
    assert roster.resolve_name("Zoë").name == "Zoë Martin"  # typed exactly: no fallback
    assert [m.name for m in roster.find_by_name("Zoe")] == ["Zoe Chen"]


def test_adding_back_a_member_whose_id_was_taken_meanwhile_is_refused(
    roster: RosterService,
) -> None:
    """Redo of an addition after another Keel (e.g. `teamkeel roster import`) was given
    the freed id: a clear refusal, and the other member stays as they are."""
    ana = roster.add(Member(name="Ana"))
    roster.delete(ana.id)  # undo of the addition
    bo = roster.add(Member(name="Bo"))
    assert bo.id == ana.id  # the freed id was given again
    with pytest.raises(KeelError, match="changed"):
        roster.add(ana)
    assert roster.list_members() == [bo]
