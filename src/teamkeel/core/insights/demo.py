"""Demo survey rounds: a team whose psychological safety grows as the rituals take hold.

The small demo has four quarterly rounds plus one small round (three answers from a
pilot group) that stays hidden behind the anonymity threshold, so the demo shows that
rule at work.  The large demo has a round every quarter for five years.
"""

from __future__ import annotations

import datetime as dt
import random

from teamkeel.core.insights.service import InsightsService
from teamkeel.core.insights.survey import HIGHEST, LOWEST, REVERSED
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile

# How much each item sits above or below a respondent's overall feeling of safety.
# Item 5 (asking for help is hard) starts low: the story the rituals should change.
ITEM_BIAS = (0.1, 0.3, 0.4, -0.3, -0.8, 0.5, 0.0)


def respondent(rng: random.Random, mood: float, help_gap: float) -> tuple[int, ...]:
    """One respondent's raw answers (negative items answered as worded)."""
    feeling = rng.gauss(mood, 0.5)
    answers = []
    for i, bias in enumerate(ITEM_BIAS, 1):
        extra = help_gap if i == 5 else 0.0
        safe = round(feeling + bias + extra + rng.gauss(0, 0.6))
        safe = min(HIGHEST, max(LOWEST, safe))
        answers.append(LOWEST + HIGHEST - safe if i in REVERSED else safe)
    return tuple(answers)


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    # A seed of its own keeps the survey story the same whatever other demos draw.
    rng = random.Random(f"keel-insights-{size}")
    today = dt.date.today()
    team_size = max(len(RosterService(team).list_members()), 6)
    service = InsightsService(team)
    rounds = 4 if size != "large" else 20
    for n in range(rounds):
        held_on = today - dt.timedelta(days=91 * (rounds - n) - 60)
        progress = n / max(rounds - 1, 1)
        mood = 4.1 + 1.4 * progress  # from unsure to fairly safe
        help_gap = -0.8 + 0.9 * progress  # asking for help gets easier
        answered = max(5, round(team_size * rng.uniform(0.7, 0.95)))
        responses = [respondent(rng, mood, help_gap) for _ in range(answered)]
        service.add_round(
            held_on,
            responses,
            f"Quarterly check-in {held_on:%Y}-Q{(held_on.month - 1) // 3 + 1}",
            rng,
        )
    if size != "large":
        pilot = today - dt.timedelta(days=45)
        service.add_round(
            pilot, [respondent(rng, 5.0, 0.0) for _ in range(3)], "Pilot with the design pair", rng
        )
