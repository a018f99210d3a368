"""Stories of growth told from delivered skill-share projects.

A delivered project already says what a pair made, which growth goals it served and what
came of it; the Journey tells it as a story on the day it was delivered. Nothing is
copied: change or drop the project and its story follows. No figures, only the words.
"""

from __future__ import annotations

import datetime as dt

from teamkeel.core.goals.projects import ProjectStatus, SkillShareProject, SkillShares
from teamkeel.core.journey.records import SKILL_SHARE, Story
from teamkeel.core.storage.teamfile import TeamFile


def growth_stories(
    team: TeamFile, first: dt.date | None = None, last: dt.date | None = None
) -> list[Story]:
    """Delivered skill-share projects whose delivery falls in [first, last]."""
    stories = []
    for project in SkillShares(team).all():
        day = project.delivered_on
        if project.status is not ProjectStatus.DELIVERED or day is None:
            continue
        if (first is not None and day < first) or (last is not None and day > last):
            continue
        stories.append(project_story(project, day))
    return stories


def project_story(project: SkillShareProject, day: dt.date) -> Story:
    pair = f"{project.first_name} and {project.second_name}"
    served = [
        f"{name}'s growth goal “{goal}”"
        for name, goal in (
            (project.first_name, project.first_goal),
            (project.second_name, project.second_goal),
        )
        if goal
    ]
    text = f"{pair} made “{project.deliverable}” together in a skill-share project."
    if served:
        text += f" It served {' and '.join(served)}."
    outcome = project.outcome or f"{pair} delivered “{project.deliverable}”"
    # The outcome heads the story: written as the lead typed it, begun as a heading.
    outcome = outcome[:1].upper() + outcome[1:]
    return Story(day, SKILL_SHARE, text, outcome, project_id=project.id)
