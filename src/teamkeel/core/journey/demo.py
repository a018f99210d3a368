"""Demo data for the Journey: a listening round, a starting point, two rituals in pilot
with their first feedback, and a few stories."""

from __future__ import annotations

import datetime as dt
import random

from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.journey.listening import Answer
from teamkeel.core.journey.records import Feedback, Story
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.storage.teamfile import TeamFile

EASY = (
    "When I paired with someone on the release script, nobody made me feel slow.",
    "The lead said in the stand-up that she was stuck too. After that it felt normal.",
    "A colleague sat with me for ten minutes and did not take over the keyboard.",
    "Asking in the team channel worked because someone answered within the hour.",
)
BARRIERS = (
    "Honestly, time. Everyone is in meetings and I don't want to interrupt.",
    "I'm afraid my question is stupid and people will think I should know by now.",
    "I don't know who to ask about the billing service, it's all in one person's head.",
    "My own workload is too much; offering help means my sprint slips.",
    "Requests get lost in Slack threads; there is no place for them.",
    "Ich habe Angst, dass es peinlich ist, wenn ich zugebe, dass ich nicht weiterkomme.",
    "Deadlines, deadlines. There is never a calm moment to ask.",
    "Not sure who owns what since the reorg, so I just try to figure it out alone.",
    "Last time a mistake came up in the review, it felt like blame, so I keep quiet.",
)


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    service = JourneyService(team)
    start = service.program_start()
    if start is None:  # the calendar's rollout plan sets it; without one, no journey
        return
    today = dt.date.today()
    held = start + dt.timedelta(days=8)
    answers = [Answer(t, (), 0) for t in EASY] + [Answer(t, (), 1) for t in BARRIERS]
    rng.shuffle(answers)
    listening = service.add_round(held, answers=tuple(answers))
    # One correction by hand: the reorg answer is about not knowing whom to ask.
    for a in listening.answers:
        if "reorg" in a.text and a.id is not None:
            service.set_themes(a.id, ("how",))
    service.assess((3, 2, 2, 5, 3, 4), start + dt.timedelta(days=12))
    _pilot(service, CalendarService(team), start, today)
    _stories(service, today)


def _pilot(
    service: JourneyService, calendar: CalendarService, start: dt.date, today: dt.date
) -> None:
    by_title = {r.title: r for r in calendar.list_rituals()}
    pilot_start = start + dt.timedelta(weeks=4)
    notes = {
        "Kudos & blockers stand-up": Feedback(
            0,
            min(today, pilot_start + dt.timedelta(days=4)),
            "keep",
            useful="Blockers get a helper the same morning.",
            awkward="Thanking someone out loud still feels a bit staged.",
        ),
        "Pairing rotation session": Feedback(
            0,
            min(today, pilot_start + dt.timedelta(days=5)),
            "adjust",
            useful="People met parts of the code they had never seen.",
            awkward="Two hours on Wednesday clash with the release window.",
            change="Move the session to Thursday morning, 90 minutes.",
        ),
    }
    for title, feedback in notes.items():
        ritual = by_title.get(title)
        if ritual is None or ritual.id is None:
            continue
        service.set_pilot(ritual.id, ritual.start.date(), None)
        if feedback.given_on > ritual.start.date():
            service.add_feedback(Feedback(**{**feedback.__dict__, "ritual_id": ritual.id}))


def _stories(service: JourneyService, today: dt.date) -> None:
    sources = service.story_sources()
    blocker = next((x for x in sources if x.kind == "blocker"), None)
    kudos = next((x for x in sources if x.kind == "kudos"), None)
    told = (
        (
            blocker,
            "project_win",
            "A blocker named at the stand-up found a helper the same morning; the "
            "release went out as planned instead of slipping a week.",
            "The release shipped on time",
        ),
        (
            kudos,
            "learning",
            "Thanked at the stand-up: a colleague took over the notes in a customer call, "
            "so the newest member could follow and ask questions.",
            "First customer call followed from start to end",
        ),
    )
    for source, kind, text, outcome in told:
        if source is not None:
            service.add_story(Story(source.day, kind, text, outcome, source.entry_id))
    service.add_story(
        Story(
            today - dt.timedelta(days=3),
            "career_step",
            "After three pairing sessions on the data pipeline, a tester now reviews "
            "pipeline changes on her own.",
            "Took on pipeline reviews",
        )
    )
