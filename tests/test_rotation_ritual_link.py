"""A rotation that meets at a calendar ritual: one start and one cadence, and each
meeting shows the round's pairs (issue 15, item 21)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.errors import ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.rotations.link import ritual_choices
from teamkeel.core.rotations.meetings import rounds_on
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile

NAMES = ["Ana Lima", "Bruno Costa", "Chen Wei", "Dana Fox"]
WEDNESDAY = dt.datetime(2026, 12, 2, 14, 0)


def pairing_session(**changes: object) -> Ritual:
    ritual = Ritual(
        kind="pairing", title="Wednesday pairing", start=WEDNESDAY, timezone="Europe/Berlin",
        duration_minutes=120, recurrence=Recurrence("weekly"),
    )  # fmt: skip
    return dataclasses.replace(ritual, **changes)  # type: ignore[arg-type]


@pytest.fixture
def linked(team: TeamFile) -> tuple[TeamFile, Ritual, RotationSpec]:
    RosterService(team).add_many(Member(name=n) for n in NAMES)
    ritual = CalendarService(team).add(pairing_session())
    spec = RotationService(team).save(
        RotationSpec(name="Pairs", start_date=dt.date(2027, 3, 1), cadence_weeks=3,
                     ritual_id=ritual.id)
    )  # fmt: skip
    return team, ritual, spec


def test_a_linked_rotation_takes_the_rituals_start_and_cadence(linked) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    # Started on its own (1 March, every 3 weeks): the ritual's grid wins, from the
    # first meeting on or after that day.
    assert spec.ritual_id == ritual.id and spec.cadence_weeks == 1
    assert spec.start_date == dt.date(2027, 3, 3) and spec.start_date.weekday() == 2
    # The ritual moves to Thursdays every two weeks: the rotation follows.
    CalendarService(team).update(
        dataclasses.replace(ritual, start=WEDNESDAY + dt.timedelta(days=1),
                            recurrence=Recurrence("weekly", interval=2))
    )  # fmt: skip
    moved = RotationService(team).get(spec.id)
    assert moved.cadence_weeks == 2 and moved.start_date.weekday() == 3


def test_a_new_rotation_linked_from_the_start_begins_at_the_first_meeting(team) -> None:  # type: ignore[no-untyped-def]
    RosterService(team).add_many(Member(name=n) for n in NAMES)
    ritual = CalendarService(team).add(pairing_session())
    spec = RotationService(team).save(
        RotationSpec(name="Pairs", start_date=WEDNESDAY.date(), ritual_id=ritual.id)
    )
    assert spec.start_date == WEDNESDAY.date()
    assert [c.id for c in ritual_choices(team)] == [ritual.id]


def test_only_a_ritual_on_one_weekday_can_carry_a_rotation(team) -> None:  # type: ignore[no-untyped-def]
    RosterService(team).add_many(Member(name=n) for n in NAMES)
    daily = CalendarService(team).add(
        pairing_session(title="Stand-up", kind="standup", recurrence=Recurrence("weekdays"))
    )
    assert ritual_choices(team) == []
    with pytest.raises(ValidationError) as refused:
        RotationService(team).save(RotationSpec(name="Pairs", ritual_id=daily.id))
    assert str(refused.value.problems[0]).startswith("meets at")
    assert RotationService(team).list_rotations() == []  # nothing written


def test_each_meeting_shows_the_pairs_of_its_round(linked) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    service = RotationService(team)
    rounds = service.plan(spec.id, 3)
    meetings = [
        o
        for o in CalendarService(team).occurrences(dt.date(2027, 3, 1), dt.date(2027, 3, 31))
        if o.ritual_id == ritual.id
    ]
    names = service.names()
    for occ, view in zip(meetings, rounds, strict=False):
        [shown] = rounds_on(team, ritual.id, occ.day)
        assert shown.rotation == "Pairs" and shown.number == view.number
        for group in view.groups:
            assert " & ".join(names[m] for m in group.members) in shown.text
    assert rounds_on(team, ritual.id, dt.date(2027, 3, 4)) == []  # not a meeting day


def test_deleting_the_ritual_unlinks_the_rotation_and_keeps_its_dates(linked) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    CalendarService(team).delete(ritual.id)
    kept = RotationService(team).get(spec.id)
    assert kept.ritual_id is None
    assert (kept.start_date, kept.cadence_weeks) == (spec.start_date, spec.cadence_weeks)


def test_the_link_survives_a_json_round_trip(linked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    doc = interchange.export_document(team)
    [exported] = doc["rotations"]
    assert exported["ritual"] == ritual.id
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, doc)
        [again] = [r.spec for r in RotationService(copy).list_rotations()]
        [title] = [r.title for r in CalendarService(copy).list_rituals() if r.id == again.ritual_id]
        assert title == "Wednesday pairing"
        assert again.start_date == spec.start_date
    exported["ritual"] = 999
    with TeamFile.create(tmp_path / "bad.keel") as bad, pytest.raises(ValidationError) as refused:
        interchange.import_document(bad, doc)
    assert "ritual 999" in str(refused.value)


def test_the_window_links_in_the_editor_and_shows_the_pairs_on_the_meeting(
    window, qtbot, linked
) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    RotationService(team).plan(spec.id, 2)
    path = team.path
    team.close()
    assert window.open_file(path)
    window.select_tab("rotations")
    tab = window.tab("rotations")
    tab.edit_rotation()
    editor = tab.editor
    assert editor.meets_at.currentData() == ritual.id
    assert not editor.start.isEnabled() and not editor.cadence.isEnabled()
    editor.meets_at.setCurrentIndex(0)  # back to its own dates
    assert editor.start.isEnabled()
    editor.save()
    assert RotationService(window.ctx.team).get(spec.id).ritual_id is None
    window.ctx.undo_stack.undo()
    assert RotationService(window.ctx.team).get(spec.id).ritual_id == ritual.id

    window.select_tab("calendar")
    calendar = window.tab("calendar")
    meeting = next(
        o
        for o in CalendarService(window.ctx.team).occurrences(spec.start_date, spec.start_date)
        if o.ritual_id == ritual.id
    )
    calendar.select(meeting)
    label = calendar.details.rotation_round
    assert label.isVisible()
    assert "Pairs" in label.text() and "round 1" in label.text()


def test_undoing_the_rituals_deletion_links_the_rotation_again(window, linked) -> None:  # type: ignore[no-untyped-def]
    team, ritual, spec = linked
    path = team.path
    team.close()
    assert window.open_file(path)
    window.select_tab("calendar")
    window.tab("calendar").delete_ritual(ritual.id)
    assert RotationService(window.ctx.team).get(spec.id).ritual_id is None
    window.ctx.undo_stack.undo()
    assert RotationService(window.ctx.team).get(spec.id).ritual_id == ritual.id
