"""The ritual editor's kind brings its usual cadence; member pickers tick all or none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from teamkeel.core.roster import Member, RosterService


def calendar_tab(window, path: Path):  # type: ignore[no-untyped-def]
    assert window.open_file(path, create=True)
    roster = RosterService(window.ctx.team)
    for name in ("Ana Lima", "Bruno Costa", "Chen Wei"):
        roster.add(Member(name=name))
    window.ctx.changed.emit("roster")
    assert window.select_tab("calendar")
    return window.tab("calendar")


def ticked(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        widget.item(i).text()
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def test_choosing_a_kind_brings_its_usual_cadence(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = calendar_tab(window, team_path)
    editor = tab.new_ritual(dt.date(2026, 12, 9))  # a Wednesday
    assert editor.freq.currentData() == "weekdays"  # a new ritual starts as a stand-up
    editor.kind.setCurrentIndex(editor.kind.findData("pairing"))
    assert editor.freq.currentData() == "weekly"
    assert [b.isChecked() for b in editor.weekday_boxes].index(True) == 2  # on Wednesdays
    editor.save()
    ritual = tab.service.list_rituals()[-1]
    assert (ritual.kind, ritual.recurrence.freq, ritual.recurrence.interval) == (
        "pairing",
        "weekly",
        1,
    )

    editor = tab.new_ritual(dt.date(2026, 12, 9))
    editor.kind.setCurrentIndex(editor.kind.findData("cross_check"))
    assert (editor.freq.currentData(), editor.interval.value()) == ("weekly", 2)
    editor.kind.setCurrentIndex(editor.kind.findData("culture_checkin"))
    assert editor.freq.currentData() == "quarterly"
    editor.reject()


def test_a_cadence_the_lead_chose_stays_when_the_kind_changes(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = calendar_tab(window, team_path)
    editor = tab.new_ritual(dt.date(2026, 12, 9))
    editor.freq.setCurrentIndex(editor.freq.findData("monthly_nth"))
    editor.kind.setCurrentIndex(editor.kind.findData("pairing"))
    assert editor.freq.currentData() == "monthly_nth"
    editor.reject()


def test_all_and_none_tick_every_member_of_a_picker(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = calendar_tab(window, team_path)
    editor = tab.new_ritual(dt.date(2026, 12, 9))
    editor.findChild(QPushButton, "ritual_rotation_all").click()
    assert ticked(editor.rotation) == ["Ana Lima", "Bruno Costa", "Chen Wei"]
    editor.findChild(QPushButton, "ritual_rotation_none").click()
    assert ticked(editor.rotation) == []
    editor.all_attendees.setChecked(True)
    assert not editor.findChild(QPushButton, "ritual_attendees_all").isEnabled()
    editor.reject()

    from teamkeel.ui.rotations.editor import RotationEditor

    members = RosterService(window.ctx.team).list_members()
    rotation = RotationEditor(members, None)
    qtbot.addWidget(rotation)
    rotation.all_members.setChecked(False)
    rotation.findChild(QPushButton, "editor_members_all").click()
    assert set(rotation.spec().members) == {m.id for m in members}
    rotation.findChild(QPushButton, "editor_members_none").click()
    assert rotation.spec().members == ()
