"""A buddy for a blocker that is already open, from the Stand-up tab's open blockers: the
button, the B key or the blocker's context menu show up to three suggestions with their
reasons in words; picking one records it as one named undo step."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from PySide6.QtCore import Qt

from teamkeel.core.goals.buddy_store import Buddies
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.member import Absence
from teamkeel.core.standup import StandupService
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup import StandupTab

TODAY = dt.date.today()
ALL_DAY = {"timezone": "UTC", "work_start": dt.time(0), "work_end": dt.time(23, 59)}


def _tab(qtbot, team, prompts):  # type: ignore[no-untyped-def]
    widget = StandupTab(AppContext(team, prompts))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def team_with_blocker(team):  # type: ignore[no-untyped-def]
    people = RosterService(team).add_many(
        [
            Member("Ana", skills=("PostgreSQL",), **ALL_DAY),  # type: ignore[arg-type]
            Member("Bo", **ALL_DAY),  # type: ignore[arg-type]
            Member("Cy", **ALL_DAY),  # type: ignore[arg-type]
            Member("Dee", **ALL_DAY),  # type: ignore[arg-type]
            Member("Eli", **ALL_DAY),  # type: ignore[arg-type]
        ]
    )
    owner = next(m.id for m in people if m.name == "Bo")
    blocker = StandupService(team).add_blocker(
        TODAY - dt.timedelta(days=2), owner or 0, "the postgresql replica lags", ["data"]
    )
    return team, blocker.id


def test_suggest_a_buddy_for_an_open_blocker_and_undo(qtbot, team_with_blocker, prompts) -> None:
    team, blocker_id = team_with_blocker
    tab = _tab(qtbot, team, prompts)
    assert not tab.buddy_bar.isVisible()  # nothing recorded now: nothing offered yet
    panel = tab.today
    assert panel.current_blocker().id == blocker_id and panel.buddy_button.isEnabled()
    panel.buddy_button.click()
    bar = tab.buddy_bar
    assert bar.isVisible() and bar.label.text() == "Who could help Bo now:"
    lines = bar.reasons.text().splitlines()
    assert len(lines) == 3 and lines[0].startswith("1. Ana: ")
    assert "PostgreSQL" in lines[0]  # the reason is said, not only in a tooltip
    assert not any("Bo:" in line for line in lines)
    second = bar.suggestions[1]
    bar.buttons[1].click()
    chosen = Buddies(team).chosen(blocker_id)
    assert chosen is not None and chosen.member_id == second.member_id
    stack = tab.ctx.undo_stack
    assert stack.undoText() == f"Pick {second.name} as Bo's buddy"
    # Asked again: the choice so far is said, and another pick replaces it (undoable).
    qtbot.keyClick(panel.blockers, Qt.Key.Key_B)
    assert bar.label.text() == f"Who could help Bo now (buddy so far: {second.name}):"
    bar.choose(0)
    assert Buddies(team).chosen(blocker_id).member_id == bar.suggestions[0].member_id
    stack.undo()
    assert Buddies(team).chosen(blocker_id).member_id == second.member_id
    stack.undo()
    assert Buddies(team).chosen(blocker_id) is None


def test_the_blockers_context_menu_offers_a_buddy(qtbot, team_with_blocker, prompts) -> None:
    team, _ = team_with_blocker
    tab = _tab(qtbot, team, prompts)
    blockers = tab.today.blockers
    tab.today._context_menu(blockers.visualItemRect(blockers.item(0)).center())
    assert tab.today.menu is not None
    texts = [a.text() for a in tab.today.menu.actions()]
    assert texts == ["Suggest a buddy…", "Resolve…"]
    tab.today.menu.actions()[0].trigger()
    assert tab.buddy_bar.isVisible() and len(tab.buddy_bar.suggestions) == 3


def test_nobody_to_suggest_is_said_in_one_line(qtbot, team, prompts) -> None:
    away = (Absence(TODAY - dt.timedelta(days=9), TODAY + dt.timedelta(days=9), "leave"),)
    people = RosterService(team).add_many(
        [Member("Ana", **ALL_DAY), Member("Bo", absences=away, **ALL_DAY)]  # type: ignore[arg-type]
    )
    StandupService(team).add_blocker(TODAY, people[0].id or 0, "stuck")
    tab = _tab(qtbot, team, prompts)
    tab.today.buddy_button.click()
    assert not tab.buddy_bar.isVisible()
    assert "Nobody could be suggested for Ana's blocker" in html.unescape(tab.message.text())
