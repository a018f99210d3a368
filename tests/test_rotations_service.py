"""Rotations stored in a real team file: planning, hand edits, continuation, JSON."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import subprocess
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.errors import ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.member import Absence
from teamkeel.core.rotations.files import export_rotation
from teamkeel.core.rotations.planner import Kind, OddPolicy
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.rotations.stats import member_stats, pairing_matrix
from teamkeel.core.storage.teamfile import TeamFile

START = dt.date(2026, 1, 7)
NAMES = ["Zoë Martin", "Kenji Ōsaka", "Ελένη Παππά", "Дмитрий Орлов", "李娜", "Ana Sousa"]


@pytest.fixture
def people(team: TeamFile) -> list[Member]:
    return RosterService(team).add_many(
        Member(name=n, role="dev" if i % 2 else "design") for i, n in enumerate(NAMES)
    )


def pairs_of(view) -> set[frozenset[int]]:
    return {frozenset(g.members) for g in view.groups}


def test_a_new_rotation_plans_rounds_on_its_cadence(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START, cadence_weeks=2))
    rounds = service.plan(spec.id, 5)
    assert [r.day for r in rounds] == [START + dt.timedelta(weeks=2 * i) for i in range(5)]
    met = [p for r in rounds for p in pairs_of(r)]
    assert len(met) == len(set(met)) == 15, "6 people, 5 rounds: everyone met everyone once"
    # Planning again keeps nothing that was not done: same number of rounds, not more.
    assert len(service.plan(spec.id, 5)) == 5
    assert len(service.rounds(spec.id)) == 5


def test_absent_members_are_left_out_and_the_rest_still_paired(team: TeamFile, people) -> None:
    roster = RosterService(team)
    away = roster.update(
        Member(
            **{**people[0].__dict__, "absences": (Absence(START, START + dt.timedelta(days=8)),)}
        )
    )
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START, odd_policy=OddPolicy.TRIO))
    first, second, third = service.plan(spec.id, 3)
    for r in (first, second):
        seated = [m for g in r.groups for m in g.members]
        assert away.id not in seated and away.id not in r.duty
        assert sorted(seated) == sorted(p.id for p in people[1:])
        assert sorted(len(g.members) for g in r.groups) == [2, 3]
    assert away.id in [m for g in third.groups for m in g.members]


def test_planning_continues_from_done_rounds_edited_by_hand(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 5)
    # The lead swaps two people in round 1 and marks rounds 1-2 as done.
    a, b = rounds[0].groups[0].members[0], rounds[0].groups[1].members[0]
    edited = service.swap(rounds[0].id, a, b)
    assert edited.groups[0].members[0] == b and edited.groups[1].members[0] == a
    service.set_done(edited.id, True)
    service.set_done(rounds[1].id, True)
    replanned = service.plan(spec.id, 3)
    assert [r.number for r in replanned] == [2, 3, 4]
    history = [p for r in service.rounds(spec.id)[:2] for p in pairs_of(r)]
    assert pairs_of(edited) <= set(history)
    # Two rounds met at most 2 partners each, so a fresh round exists (Dirac) and is taken.
    assert not pairs_of(replanned[0]) & set(history), "a pair that already met was planned again"


def test_pinned_pairs_survive_replanning(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 4)
    a, b = people[0].id, people[1].id
    # Pin a pair in round 3 that the planner had not chosen there.
    third = rounds[2]
    if frozenset((a, b)) in pairs_of(third):
        a, b = people[0].id, people[2].id
    partner_of_a = next(m for g in third.groups for m in g.members if a in g.members and m != a)
    service.swap(third.id, partner_of_a, b)
    group_no = next(i for i, g in enumerate(service.round(third.id).groups) if a in g.members)
    service.set_pinned(third.id, group_no, True)
    after = service.replan_after(spec.id, 1)
    assert [r.number for r in after] == [2, 3]
    kept = after[0]
    assert any(set(g.members) == {a, b} and g.pinned for g in kept.groups)


def test_never_together_pairs_never_meet(team: TeamFile, people) -> None:
    a, b = people[0].id, people[1].id
    service = RotationService(team)
    spec = service.save(
        RotationSpec(
            name="Groups",
            kind=Kind.GROUPS,
            group_size=3,
            start_date=START,
            never_together=((a, b),),
        )
    )
    for r in service.plan(spec.id, 10):
        assert not any({a, b} <= set(g.members) for g in r.groups)


def test_cross_check_rounds_store_reviewer_and_author(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Reviews", kind=Kind.CROSS_CHECK, start_date=START))
    rounds = service.plan(spec.id, 5)
    directed = [g.members for r in rounds for g in r.groups]
    assert len(directed) == len(set(directed)) == 30
    assert all(r != a for r, a in directed)
    matrix = pairing_matrix(spec.kind, [p.id for p in people], rounds)
    assert matrix.directed and matrix.highest == 1


def test_stats_count_partners_and_duties(team: TeamFile, people) -> None:
    RosterService(team).set_archived(people[-1].id, True)  # five left: one sits out a round
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 5)
    stats = {s.member: s for s in member_stats(spec.kind, [p.id for p in people[:5]], rounds)}
    assert all(s.sat_out == 1 and s.distinct_partners == 4 for s in stats.values())


def test_bad_rotations_are_refused_naming_the_field(team: TeamFile, people) -> None:
    service = RotationService(team)
    with pytest.raises(ValidationError, match="name"):
        service.save(RotationSpec(name="  "))
    with pytest.raises(ValidationError, match="group size"):
        service.save(RotationSpec(name="G", kind=Kind.GROUPS, group_size=2))
    with pytest.raises(ValidationError, match="members"):
        service.save(RotationSpec(name="P", all_members=False, members=(people[0].id,)))
    service.save(RotationSpec(name="P"))
    with pytest.raises(ValidationError, match="another rotation"):
        service.save(RotationSpec(name="P"))


def test_a_name_differing_only_in_case_is_refused(team: TeamFile, people) -> None:
    """Otherwise the command line could address neither rotation by its name."""
    service = RotationService(team)
    service.save(RotationSpec(name="Ελένη pairs"))
    with pytest.raises(ValidationError, match="name: another rotation has this name"):
        service.save(RotationSpec(name="ΕΛΈΝΗ PAIRS"))
    service.save(RotationSpec(name="Pairs"))
    service.save(RotationSpec(name="Pairs weekly"))
    assert service.find("pairs").name == "Pairs"  # a whole name beats a prefix
    assert service.find("ελένη").name == "Ελένη pairs"


def test_rotations_travel_in_the_json_document(team: TeamFile, people, tmp_path: Path) -> None:
    service = RotationService(team)
    spec = service.save(
        RotationSpec(
            name="Pairing",
            start_date=START,
            all_members=False,
            members=tuple(p.id for p in people[:4]),
            never_together=((people[0].id, people[1].id),),
            min_overlap_hours=2,
        )
    )
    rounds = service.plan(spec.id, 3)
    service.set_done(rounds[0].id, True)
    service.set_pinned(rounds[1].id, 0, True)
    first = tmp_path / "a.json"
    interchange.export_json(team, first)
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, interchange.load_json(first))
        second = tmp_path / "b.json"
        interchange.export_json(copy, second)
        copied = RotationService(copy)
        again = copied.find("pairing")
        assert again.never_together and again.min_overlap_hours == 2
        assert [r.done for r in copied.rounds(again.id)] == [True, False, False]
        # Planned headless from the imported scenario, continuing after the done round.
        assert [r.number for r in copied.plan(again.id, 2)] == [1, 2]
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_a_json_rotation_with_an_unknown_member_writes_nothing(team: TeamFile, tmp_path) -> None:
    doc = {
        "format": "keel-team",
        "format_version": 1,
        "team": {"name": "T"},
        "roster": [
            {"id": 1, "name": "Ana", "timezone": "UTC"},
            {"id": 2, "name": "Bo", "timezone": "UTC"},
        ],
        "rotations": [
            {"name": "P", "kind": "pairs", "start_date": "2026-01-05", "members": [1, 9]},
            {
                "name": "Q",
                "kind": "pairs",
                "start_date": "2026-01-05",
                "rounds": [{"number": 0, "groups": []}, {"number": 0, "groups": []}],
            },
        ],
    }
    with pytest.raises(ValidationError, match=r"rotations\[0\]") as refused:
        interchange.import_document(team, doc)
    assert any("distinct" in str(p) for p in refused.value.problems)
    assert RotationService(team).list_rotations() == []
    assert RosterService(team).list_members() == []


def test_the_demo_has_one_rotation_of_each_kind_with_rounds_done(demo_team: TeamFile) -> None:
    summaries = RotationService(demo_team).list_rotations()
    assert {s.spec.kind for s in summaries} == set(Kind)
    for s in summaries:
        assert 0 < s.done < s.rounds
    # Done rounds are in the past, planned ones ahead, and no pair repeats needlessly.
    service = RotationService(demo_team)
    pairs = next(s.spec for s in summaries if s.spec.kind == Kind.CROSS_CHECK)
    seen = [g.members for r in service.rounds(pairs.id) for g in r.groups]
    assert len(seen) == len(set(seen))


def test_every_member_once_per_round_in_stored_plans(team: TeamFile, people) -> None:
    service = RotationService(team)
    for kind in Kind:
        spec = service.save(RotationSpec(name=kind.value, kind=kind, start_date=START))
        for r in service.plan(spec.id, 4):
            seated = [m for g in r.groups for m in g.members]
            if kind == Kind.CROSS_CHECK:
                for seat in (0, 1):
                    assert sorted(g.members[seat] for g in r.groups) == sorted(p.id for p in people)
                continue
            assert len(seated) == len(set(seated))
            if kind not in (Kind.ROLE, Kind.CROSS_CHECK):
                assert sorted(seated + list(r.sitting_out)) == sorted(p.id for p in people)
            for g in r.groups:
                for x, y in itertools.combinations(g.members, 2):
                    assert x != y


def test_rounds_before_the_last_done_one_are_kept_when_planning_ahead(
    team: TeamFile, people
) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 4)
    service.set_done(rounds[2].id, True)  # round 3 done, rounds 1-2 never marked
    service.plan(spec.id, 2)
    after = service.rounds(spec.id)
    assert [r.number for r in after] == [0, 1, 2, 3, 4]
    assert [r.groups for r in after[:3]] == [r.groups for r in rounds[:3]]


def test_shared_working_hours_come_from_the_roster_time_zones(team: TeamFile) -> None:
    nine_to_five = {"work_start": dt.time(9), "work_end": dt.time(17)}
    RosterService(team).add_many(
        [
            Member(name="Kenji Ōsaka", timezone="Asia/Tokyo", **nine_to_five),
            Member(name="Zoë Martin", timezone="America/Los_Angeles", **nine_to_five),
            Member(name="李娜", timezone="Asia/Shanghai", **nine_to_five),
            Member(name="Aroha Ngata", timezone="America/Denver", **nine_to_five),
        ]
    )
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairs", start_date=START, min_overlap_hours=4))
    names = service.names()
    first = service.plan(spec.id, 1)[0]
    together = {frozenset(names[m] for m in g.members) for g in first.groups}
    assert together == {
        frozenset({"Kenji Ōsaka", "李娜"}),
        frozenset({"Zoë Martin", "Aroha Ngata"}),
    }


def test_a_pair_without_the_shared_hours_asked_for_is_flagged_in_pdf_and_csv(
    team: TeamFile, tmp_path: Path
) -> None:
    # Tokyo and Los Angeles, both nine to five, share one hour (00:00-01:00 UTC in
    # January); the rotation asks for two. With nobody else, the pair is still made.
    nine_to_five = {"work_start": dt.time(9), "work_end": dt.time(17)}
    RosterService(team).add_many(
        [
            Member(name="Kenji Ōsaka", timezone="Asia/Tokyo", **nine_to_five),
            Member(name="Zoë Martin", timezone="America/Los_Angeles", **nine_to_five),
        ]
    )
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairs", start_date=START, min_overlap_hours=2))
    service.plan(spec.id, 2)
    pdf, csv_file = tmp_path / "pairs.pdf", tmp_path / "pairs.csv"
    export_rotation(team, spec.id, pdf)
    export_rotation(team, spec.id, csv_file)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flag = "only 1 h of working time in common (2 h asked)"
    assert text.count(flag) == 2, text
    rows = list(csv.reader(csv_file.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[-1] for r in rows[1:]] == [f"⚠ {flag}"] * 2


def test_planning_fewer_rounds_ahead_keeps_a_later_pin(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 6)
    fifth = rounds[4]
    pinned = fifth.groups[0].members
    service.set_pinned(fifth.id, 0, True)
    # The lead asks for only two rounds ahead: the pinned round 5 must not vanish.
    replanned = service.plan(spec.id, 2)
    assert [r.number for r in replanned][-1] >= fifth.number
    stored = {r.number: r for r in service.rounds(spec.id)}
    assert any(g.members == pinned and g.pinned for g in stored[fifth.number].groups)


def test_undoing_a_deletion_never_overwrites_a_rotation_that_took_its_id(
    team: TeamFile, people
) -> None:
    """A second Keel on the file (the command line) may create a rotation meanwhile and
    be given the deleted one's id. Bringing the deleted rotation back must not turn that
    rotation into it: the undo is refused and nothing changes."""
    from teamkeel.core.errors import KeelError

    service = RotationService(team)
    first = service.save(RotationSpec(name="Pairing", start_date=START))
    service.plan(first.id, 3)
    kept = service.delete(first.id)
    other = service.save(RotationSpec(name="Coffee", start_date=START))
    theirs = service.plan(other.id, 3)
    assert other.id == first.id  # SQLite reused the id
    with pytest.raises(KeelError, match="changed"):
        service.restore(*kept)
    assert [r.spec.name for r in service.list_rotations()] == ["Coffee"]
    assert service.rounds(other.id) == theirs


def test_a_deleted_rotation_comes_back_with_its_ids_and_rounds(team: TeamFile, people) -> None:
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Pairing", start_date=START))
    rounds = service.plan(spec.id, 3)
    service.set_done(rounds[0].id, True)
    before = service.rounds(spec.id)
    service.restore(*service.delete(spec.id))
    assert service.get(spec.id) == spec
    assert service.rounds(spec.id) == before
