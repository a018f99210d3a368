"""Delivered skill-share projects are stories of growth in the Journey: in the stories
list, in the period's sheet (`export stories`) and in the window, following the project
(a project not delivered, or delivered outside the period, tells nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.goals.projects import ProjectDraft, ProjectStatus, SkillShares
from teamkeel.core.journey.records import SKILL_SHARE, Story
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

D = dt.date


def _people(team: TeamFile) -> tuple[int, int, int]:
    RosterService(team).add_many(
        [
            Member("Sofía", goals=("SQL",)),
            Member("李娜", goals=("Storytelling with data",)),
            Member("Bo"),
        ]
    )
    ids = {m.name: m.id for m in RosterService(team).list_members()}
    return ids["Sofía"], ids["李娜"], ids["Bo"]


def _projects(team: TeamFile) -> None:
    sofia, lina, bo = _people(team)
    shares = SkillShares(team)
    shares.add(
        ProjectDraft(
            sofia, lina, "a content performance dashboard", "SQL", "Storytelling with data",
            status=ProjectStatus.DELIVERED, outcome="the dashboard opens every Monday stand-up",
            delivered_on=D(2026, 11, 20),
        )
    )  # fmt: skip
    shares.add(ProjectDraft(sofia, bo, "a style guide", status=ProjectStatus.UNDER_WAY))
    shares.add(
        ProjectDraft(lina, bo, "a query cookbook", status=ProjectStatus.DELIVERED,
                     delivered_on=D(2026, 9, 1))
    )  # fmt: skip


def test_delivered_projects_are_stories_of_their_delivery_day(team) -> None:
    _projects(team)
    journey = JourneyService(team)
    journey.add_story(Story(D(2026, 11, 25), "learning", "Paired on SQL", "First query"))
    told = journey.stories(D(2026, 11, 1), D(2026, 11, 30))
    assert [(s.told_on, s.kind) for s in told] == [
        (D(2026, 11, 20), SKILL_SHARE),
        (D(2026, 11, 25), "learning"),
    ]
    story = told[0]
    assert story.outcome == "The dashboard opens every Monday stand-up"  # begun as a heading
    assert story.id is None and story.project_id is not None
    assert "Sofía and 李娜 made “a content performance dashboard”" in story.text
    assert "Sofía's growth goal “SQL” and 李娜's growth goal “Storytelling with data”" in story.text
    # Without an outcome the story says what was delivered; the one under way tells nothing.
    [early] = journey.stories(D(2026, 9, 1), D(2026, 9, 1))
    assert early.outcome == "李娜 and Bo delivered “a query cookbook”"
    assert "growth goal" not in early.text
    # Only written stories go into the JSON document: the project is already there.
    assert len(journey.written_stories()) == 1


def test_a_project_moved_back_from_delivered_leaves_the_stories(team) -> None:
    _projects(team)
    shares = SkillShares(team)
    project = next(p for p in shares.all() if p.outcome)
    shares.update(project.id, replace(project.draft(), status=ProjectStatus.UNDER_WAY))
    assert JourneyService(team).stories(D(2026, 11, 1), D(2026, 11, 30)) == []


def test_export_stories_prints_the_growth_story_without_figures(team_path: Path, tmp_path) -> None:
    with create_team(team_path, "Crew") as team:
        _projects(team)
    out = tmp_path / "stories.pdf"
    args = ["export", "stories", "--db", str(team_path), "--out", str(out)]
    assert main([*args, "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    flat = " ".join(text.split())
    assert "The dashboard opens every Monday stand-up" in flat
    assert "Skill share delivered" in flat
    assert "a content performance dashboard" in flat
    assert "query cookbook" not in flat and "style guide" not in flat
    assert "%" not in flat and "score" not in flat.casefold()


def test_the_journey_tab_shows_a_project_delivered_in_the_stand_up(window, team_path) -> None:
    with create_team(team_path, "Crew") as team:
        sofia, lina, _ = _people(team)
        SkillShares(team).add(ProjectDraft(sofia, lina, "a dashboard", "SQL"))
    assert window.open_file(team_path)
    assert window.select_tab("standup")
    panel = window.tab("standup").skill_shares
    panel.table.selectRow(0)
    panel.status.setCurrentIndex(panel.status.findData("delivered"))
    panel.outcome.setText("the dashboard opens every Monday")
    panel.save_button.click()
    assert window.select_tab("journey")
    page = window.tab("journey").stories
    assert page.list.count() == 1
    shown = page.list.item(0).text()
    assert "Skill share delivered · The dashboard opens every Monday" in shown
    assert "Sofía and 李娜 made “a dashboard”" in shown
    # Its words live in the project: removing it here says where to change it.
    page.list.setCurrentRow(0)
    page._remove()
    assert "Stand-up → Skill shares" in page.list_problem.text()
    assert page.list.count() == 1
    window.tab("journey").ctx.undo_stack.undo()  # the delivery is undone
    assert page.list.count() == 0
