"""A new team file opens where a team starts, and every empty tab says what to do first."""

from __future__ import annotations

from pathlib import Path

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile


def current_key(window) -> str:  # type: ignore[no-untyped-def]
    return window.tab_widget.currentWidget().key


def test_a_new_file_opens_on_the_roster_and_others_where_the_lead_left(  # type: ignore[no-untyped-def]
    window, demo_path: Path, tmp_path: Path
) -> None:
    assert window.open_file(demo_path)
    window.select_tab("insights")
    assert window.open_file(tmp_path / "new.keel", create=True)  # saves the layout first
    assert current_key(window) == "roster"
    window.select_tab("insights")
    assert window.open_file(demo_path)  # a team with people: the tab last used
    assert current_key(window) == "insights"
    # A file made elsewhere (e.g. on the command line) and still empty counts as new.
    TeamFile.create(tmp_path / "made-elsewhere.keel").close()
    window.select_tab("insights")
    assert window.open_file(tmp_path / "made-elsewhere.keel")
    assert current_key(window) == "roster"


def test_empty_tabs_say_add_people_first_and_lead_to_the_roster(  # type: ignore[no-untyped-def]
    window, prompts, team_path: Path
) -> None:
    assert window.open_file(team_path, create=True)
    roster = window.tab("roster")
    assert roster.first_step.showing()
    assert "Add people first" in roster.first_step.label.text()
    for key in ("rotations", "standup", "insights"):
        tab = window.tab(key)
        assert tab.first_step.showing(), key
        assert "Add people first" in tab.first_step.label.text(), key
    window.select_tab("rotations")
    window.tab("rotations").first_step.buttons[0].click()  # "Go to the Roster"
    assert current_key(window) == "roster"
    # The roster's own first step adds a member; then the other tabs move on.
    add = next(b for b in roster.first_step.buttons if b.text() == "Add member")
    add.click()
    assert [m.name for m in RosterService(window.ctx.team).list_members()] == ["New member"]
    assert not roster.first_step.showing()
    window.select_tab("standup")
    assert not window.tab("standup").first_step.showing()
    window.select_tab("rotations")
    assert "No rotation yet" in window.tab("rotations").first_step.label.text()
    window.select_tab("insights")
    insights = window.tab("insights")
    assert "Nothing recorded yet" in insights.first_step.label.text()
    insights.first_step.buttons[0].click()
    assert current_key(window) == "standup"
    window.select_tab("calendar")
    calendar = window.tab("calendar")
    assert "No rituals yet" in calendar.first_step.label.text()
    assert [b.text() for b in calendar.first_step.buttons] == ["Rollout plan…", "New ritual…"]


def test_a_team_with_people_shows_no_first_step_on_the_roster(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    assert not window.tab("roster").first_step.showing()
    assert not window.tab("standup").first_step.showing()
    assert not window.tab("insights").first_step.showing()


def test_only_archived_people_still_asks_for_people(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(team_path, create=True)
    roster = RosterService(window.ctx.team)
    member = roster.add(Member(name="Former member"))
    roster.set_archived(member.id, True)
    window.ctx.changed.emit("roster")
    assert "Add people first" in window.tab("standup").first_step.label.text()


def test_a_first_step_is_only_as_tall_as_what_it_says(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    assert window.open_file(team_path, create=True)
    window.resize(1024, 700)
    assert window.select_tab("rotations")  # built before the window shows, as for a shot
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    step = window.tab("rotations").first_step
    assert step.showing()
    assert step.height() <= step.sizeHint().height() + 2
