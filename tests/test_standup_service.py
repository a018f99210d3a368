"""The stand-up log stored in a real team file: recording, resolving, filtering, exporting."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import EntryKind, LogFilter, StandupService, Status, lifecycle
from teamkeel.core.standup.csv_export import export_csv
from teamkeel.core.standup.demo import add_history
from teamkeel.core.standup.entries import OccurrenceLink, SortKey
from teamkeel.core.standup.parser import parse_entry
from teamkeel.core.storage.teamfile import TeamFile

MON = dt.date(2026, 3, 2)
NAMES = ["Ana Sousa", "Bo", "Cy", "李娜", "Zoë Martin"]


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


@pytest.fixture
def people(team: TeamFile) -> dict[str, int]:
    added = RosterService(team).add_many(
        Member(name=n, role="Engineer", timezone="UTC", work_start=dt.time(9), work_end=dt.time(17))
        for n in NAMES
    )
    return {m.name: m.id for m in added if m.id is not None}


@pytest.fixture
def log(team: TeamFile, people: dict[str, int]) -> StandupService:
    return StandupService(team)


def quick(log: StandupService, text: str, on: dt.date):
    parsed = parse_entry(text, log.members())
    assert not isinstance(parsed, list), parsed
    return log.record(parsed, on)


def test_a_typed_kudo_is_stored_with_all_receivers_in_order(log, people) -> None:
    entry = quick(log, "kudos @Ana -> @李娜 and @Zoë: paired on the flaky test #pairing", MON)
    again = log.get(entry.id)
    assert again.kind is EntryKind.KUDOS and again.day == MON
    assert again.member.name == "Ana Sousa"
    assert [m.name for m in again.others] == ["李娜", "Zoë Martin"]
    assert again.note == "paired on the flaky test" and again.tags == ("pairing",)
    (record,) = log.kudos_between(MON, MON)
    assert record.giver_id == people["Ana Sousa"]
    assert record.receiver_ids == (people["李娜"], people["Zoë Martin"])


def test_bad_entries_change_nothing(log, people) -> None:
    with pytest.raises(ValidationError) as err:
        log.add_kudos(MON, people["Bo"], [people["Bo"]], "self five")
    assert "thank themselves" in str(err.value)
    with pytest.raises(ValidationError):
        log.add_blocker(MON, 999, "ghost")
    with pytest.raises(ValidationError):
        log.add_blocker(MON, people["Cy"], "   ")
    assert log.count() == 0


def test_blocker_lifecycle_and_time_to_resolve(log, people) -> None:
    blocker = quick(log, "blocked @Cy waiting for API keys #external", MON)
    assert blocker.status is Status.OPEN and blocker.days_to_resolve is None
    with pytest.raises(ValidationError):
        log.resolve(blocker.id, day(-1), [people["Bo"]])  # before it was raised
    with pytest.raises(ValidationError):
        log.resolve(blocker.id, day(3), [people["Cy"]])  # the owner is not their own helper
    resolved = log.resolve(blocker.id, day(3), [people["Bo"], people["李娜"]])
    assert resolved.status is Status.RESOLVED and resolved.days_to_resolve == 3
    with pytest.raises(ValidationError):
        log.resolve(blocker.id, day(4), [])  # already resolved
    (record,) = log.blockers_between(MON, MON)
    assert record.helper_ids == (people["Bo"], people["李娜"])
    assert record.resolved_on == day(3) and record.days_to_resolve == 3
    reopened = log.reopen(blocker.id)
    assert reopened.status is Status.OPEN and reopened.others == ()


def test_quick_resolution_needs_exactly_one_open_blocker(log, people) -> None:
    with pytest.raises(KeelError, match="no open blocker"):
        quick(log, "resolved @Cy by @Bo", MON)
    quick(log, "blocked @Cy no VPN", MON)
    quick(log, "blocked @Cy no laptop", MON)
    with pytest.raises(KeelError, match="2 open blockers"):
        quick(log, "resolved @Cy by @Bo", day(1))
    first = log.open_blockers(MON)[0]
    log.resolve(first.id, day(1), [people["Bo"]])
    done = quick(log, "resolved @Cy by @Ana", day(2))
    assert done.resolved_on == day(2) and [m.name for m in done.others] == ["Ana Sousa"]


def test_open_blockers_carry_forward_until_resolved(log, people) -> None:
    a = log.add_blocker(MON, people["Cy"], "no keys")
    b = log.add_blocker(day(1), people["Bo"], "no access")
    log.resolve(b.id, day(2), [people["Cy"]])
    assert [x.id for x in log.carried_into(day(1))] == [a.id]
    assert [x.id for x in log.carried_into(day(2))] == [a.id, b.id]
    assert [x.id for x in log.open_blockers(day(2))] == [a.id]
    assert [x.id for x in log.carried_into(day(30))] == [a.id]
    summary = log.day_summary(day(2))
    assert summary.spoken_ids == {people["Bo"]}  # Bo's blocker was resolved that day
    assert lifecycle.age_in_days(summary.open_blockers[0].day, day(2)) == 2


def test_sql_carry_forward_agrees_with_the_pure_rule(team, log, people) -> None:
    add_history(team, random.Random(4), MON, day(60))
    records = log.blockers_between(MON, day(60))
    for probe in (day(0), day(7), day(33), day(61)):
        expected = [r.id for r in lifecycle.carried_into(records, probe)]
        assert sorted(x.id for x in log.carried_into(probe)) == sorted(expected)
        expected_open = [r.id for r in lifecycle.open_on(records, probe)]
        assert sorted(x.id for x in log.open_blockers(probe)) == sorted(expected_open)


def test_filters_find_members_in_every_role(log, people) -> None:
    k = log.add_kudos(MON, people["Ana Sousa"], [people["Bo"]], "reviewed my code")
    b = log.add_blocker(day(1), people["Cy"], "staging is down #infra")
    log.resolve(b.id, day(2), [people["Zoë Martin"]])
    o = log.add_blocker(day(5), people["李娜"], "Need ZOË's sign-off")

    def ids(**kw) -> list[int]:
        return [e.id for e in log.page(LogFilter(**kw))]

    assert ids(member_id=people["Ana Sousa"]) == [k.id]  # as giver
    assert ids(member_id=people["Bo"]) == [k.id]  # as receiver
    assert ids(member_id=people["Cy"]) == [b.id]  # as owner
    assert ids(member_id=people["Zoë Martin"]) == [b.id]  # as helper
    assert ids(kind=EntryKind.BLOCKER) == [o.id, b.id]
    assert ids(status=Status.OPEN) == [o.id]
    assert ids(status=Status.RESOLVED) == [b.id]
    assert ids(start=day(1), end=day(4)) == [b.id]
    assert ids(text="zoë") == [o.id]  # case-folded beyond ASCII
    assert ids(text="#INFRA") == [b.id]
    assert ids(text="100%") == []
    assert log.count(LogFilter(kind=EntryKind.KUDOS)) == 1
    assert log.matches(LogFilter(status=Status.OPEN), o.id)
    assert not log.matches(LogFilter(status=Status.OPEN), k.id)
    assert [e.id for e in log.page(order=SortKey.OLDEST)] == [k.id, b.id, o.id]
    assert [e.id for e in log.page(offset=1, limit=1)] == [b.id]


def test_delete_and_restore_bring_back_the_same_entry(log, people) -> None:
    link = OccurrenceLink(ritual_id=3, occurrence_date=MON)
    k = log.add_kudos(
        MON, people["Bo"], [people["Cy"], people["李娜"]], "took notes", ["docs"], link
    )
    snapshot = log.delete(k.id)
    assert log.count() == 0
    assert log.restore(snapshot) == k


def test_csv_export_reads_back(tmp_path: Path, log, people) -> None:
    log.add_kudos(MON, people["李娜"], [people["Bo"], people["Zoë Martin"]], 'said "thanks", twice')
    b = log.add_blocker(day(1), people["Cy"], "no keys", ["external"])
    log.resolve(b.id, day(4), [people["Ana Sousa"]])
    log.add_blocker(day(9), people["Bo"], "later")
    out = tmp_path / "log.csv"
    assert export_csv(log, out, LogFilter(end=day(5))) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["giver_or_owner"] == "李娜"
    assert rows[0]["receivers_or_helpers"] == "Bo; Zoë Martin"
    assert rows[0]["note"] == 'said "thanks", twice'
    assert rows[1]["status"] == "resolved" and rows[1]["days_to_resolve"] == "3"
    assert rows[1]["tags"] == "#external"


def test_the_log_survives_a_json_round_trip(tmp_path: Path, team, log, people) -> None:
    add_history(team, random.Random(1), MON, day(20))
    log.add_kudos(MON, people["Bo"], [people["Cy"]], "x", link=OccurrenceLink(1, MON))
    out = tmp_path / "team.json"
    interchange.export_json(team, out)
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        interchange.import_document(copy, interchange.load_json(out))
        other = StandupService(copy)
        assert other.count() == log.count()
        assert other.page(limit=10_000) == log.page(limit=10_000)
    finally:
        copy.close()


def test_small_demo_has_a_go_to_person_for_the_insights_to_find(demo_team) -> None:
    from teamkeel.core.insights.events import Period
    from teamkeel.core.insights.reciprocity import CARRYING
    from teamkeel.core.insights.service import InsightsService

    today = dt.date.today()
    ins = InsightsService(demo_team).compute(Period(today - dt.timedelta(days=29), today))
    assert [f for f in ins.flags if f.kind == CARRYING]


def test_small_demo_has_months_of_history(demo_team) -> None:
    log = StandupService(demo_team)
    assert log.count() > 200
    oldest = log.page(order=SortKey.OLDEST, limit=1)[0]
    assert (dt.date.today() - oldest.day).days >= 60
    assert log.count(LogFilter(status=Status.RESOLVED)) > 10


def test_a_json_log_naming_an_unknown_member_imports_nothing(
    tmp_path: Path, team, log, people
) -> None:
    log.add_kudos(MON, people["Bo"], [people["Cy"]], "x")
    doc = interchange.export_document(team)
    doc["standup"][0]["others"] = [999]
    doc["standup"].append(
        {
            "id": 50,
            "kind": "blocker",
            "date": "2026-03-05",
            "member": people["Bo"],
            "note": "late",
            "resolved_on": "2026-03-01",
        }
    )
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        with pytest.raises(ValidationError) as err:
            interchange.import_document(copy, doc)
        where = [p.where for p in err.value.problems]
        assert "standup[0].others" in where and "standup[1].resolved_on" in where
        assert StandupService(copy).count() == 0
    finally:
        copy.close()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "2026-02-30", "standup[0].date: '2026-02-30' is not a date like 2026-03-02"),
        ("member", 999, "standup[0].member: 999 is not the id of a member in this document"),
        ("kind", "praise", "standup[0].kind: 'praise' is not one of: “kudos” or “blocker”"),
        ("kind", None, "standup[0].kind: is missing"),
        ("resolved_on", "soon", "standup[0].resolved_on: 'soon' is not a date like 2026-03-02"),
    ],
)
def test_a_bad_field_in_the_json_log_is_named_with_what_it_should_be(
    tmp_path: Path, team, log, people, field, value, message
) -> None:
    log.add_kudos(MON, people["Bo"], [people["Cy"]], "x")
    doc = interchange.export_document(team)
    if value is None:
        del doc["standup"][0][field]
    else:
        doc["standup"][0][field] = value
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        with pytest.raises(ValidationError) as err:
            interchange.import_document(copy, doc)
        assert [str(p) for p in err.value.problems] == [message]
        assert StandupService(copy).count() == 0
    finally:
        copy.close()


def test_restoring_an_entry_whose_id_was_taken_meanwhile_is_refused(log, people) -> None:
    """Undo of a deletion (or redo of an entry) while a chat bridge logged another entry
    that SQLite gave the freed id: one clear refusal, and that entry stays as it is."""
    ana, bo = people["Ana Sousa"], people["Bo"]
    entry = log.add_kudos(day(1), ana, [bo], "paired on the deploy")
    snapshot = log.delete(entry.id)
    other = log.add_blocker(day(2), bo, "waiting for keys")
    assert other.id == entry.id  # the freed id was given again
    with pytest.raises(KeelError, match="changed"):
        log.restore(snapshot)
    assert log.get(other.id) == other
