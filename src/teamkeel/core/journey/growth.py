"""Stories of growth told from delivered skill-share projects.

A delivered project already says what a pair made, which growth goals it served and what
came of it; the Journey tells it as a story on the day it was delivered. Nothing is
copied: change or drop the project and its story follows. No figures, only the words.
"""

from __future__ import annotations

import datetime as dt

from teamkeel.core.goals.projects import ProjectStatus, SkillShareProject, SkillShares
from teamkeel.core.i18n import _
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
    pair = _("{first} and {second}").format(first=project.first_name, second=project.second_name)
    served = [
        _("{name}'s growth goal “{goal}”").format(name=name, goal=goal)
        for name, goal in (
            (project.first_name, project.first_goal),
            (project.second_name, project.second_goal),
        )
        if goal
    ]
    text = _("{pair} made “{deliverable}” together in a skill-share project.").format(
        pair=pair, deliverable=project.deliverable
    )
    if len(served) == 2:
        text += " " + _("It served {first} and {second}.").format(first=served[0], second=served[1])
    elif served:
        text += " " + _("It served {goal}.").format(goal=served[0])
    outcome = project.outcome or _("{pair} delivered “{deliverable}”").format(
        pair=pair, deliverable=project.deliverable
    )
    # The outcome heads the story: written as the lead typed it, begun as a heading.
    outcome = outcome[:1].upper() + outcome[1:]
    return Story(day, SKILL_SHARE, text, outcome, project_id=project.id)
