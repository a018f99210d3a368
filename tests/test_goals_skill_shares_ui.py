"""Skill-share projects in the Stand-up tab: started from the roster's growth goals,
moved on to delivered with an outcome, removed, and every step undone by name."""

from __future__ import annotations

import datetime as dt

import pytest

from teamkeel.core.goals.projects import ProjectStatus, SkillShares
from teamkeel.core.roster import Member, RosterService
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup import StandupTab


@pytest.fixture
def tab(qtbot, team, prompts):  # type: ignore[no-untyped-def]
    RosterService(team).add_many(
        [
            Member("Sofía", role="Content strategist", goals=("SQL",), skills=("Writing",)),
            Member("李娜", role="Data analyst", goals=("Storytelling with data",), skills=("SQL",)),
        ]
    )
    widget = StandupTab(AppContext(team, prompts))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_start_deliver_and_remove_a_skill_share(tab) -> None:  # type: ignore[no-untyped-def]
    panel = tab.skill_shares
    tab.views.setCurrentWidget(panel)
    assert [panel.first.itemText(i) for i in range(panel.first.count())] == ["Sofía", "李娜"]
    assert panel.second.currentText() == "李娜"
    assert panel.first_goal.currentText() == "SQL"  # from the roster
    assert panel.second_goal.currentText() == "Storytelling with data"
    panel.deliverable.setText("a content performance dashboard")
    panel.add_button.click()
    [project] = SkillShares(tab.ctx.team).all()
    assert (project.first_goal, project.second_goal, project.status) == (
        "SQL",
        "Storytelling with data",
        ProjectStatus.PLANNED,
    )
    stack = tab.ctx.undo_stack
    assert stack.undoText() == "Start a skill share for Sofía and 李娜"
    panel.table.selectRow(0)
    panel.status.setCurrentIndex(panel.status.findData("delivered"))
    panel.outcome.setText("the dashboard opens every Monday stand-up")
    panel.save_button.click()
    project = SkillShares(tab.ctx.team).get(project.id)
    assert project.status is ProjectStatus.DELIVERED and project.delivered_on == dt.date.today()
    assert panel.model.index(0, 5).data() == "the dashboard opens every Monday stand-up"
    stack.undo()
    assert SkillShares(tab.ctx.team).get(project.id).status is ProjectStatus.PLANNED
    stack.redo()
    panel.table.selectRow(0)
    panel.delete_button.click()
    assert SkillShares(tab.ctx.team).all() == []
    stack.undo()  # the same project comes back, same id
    assert [p.id for p in SkillShares(tab.ctx.team).all()] == [project.id]
    panel.deliverable.clear()
    panel.add_button.click()
    assert "deliverable: say what the pair will make" in tab.message.text()
