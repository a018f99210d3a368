"""The starting point: a short self-assessment that places the team on one of three
models of support and proposes a first step that fits.

Statements are answered on a 1 (not at all) to 5 (completely) scale. Trust decides the
most: a team where admitting a mistake feels risky starts small and anonymous, whatever
else is true; a team with moderate trust practises helping in pairs first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import N_, _, format_number

LOWEST, HIGHEST = 1, 5


# The texts below are marked with N_() and translated where they are read (the
# properties), so they speak the language chosen after this module loaded.


@dataclass(frozen=True)
class Statement:
    key: str
    source: str
    topic: str  # trust, asking, expertise

    @property
    def text(self) -> str:
        return _(self.source)


STATEMENTS = (
    Statement("mistakes", N_("Someone who gets something wrong here says so openly."), "trust"),
    Statement("questions", N_("Asking a basic question carries no risk in this team."), "trust"),
    Statement(
        "offered", N_("People offer help before they are asked, in ordinary work."), "asking"
    ),
    Statement(
        "go_to",
        N_("When someone is stuck, the request almost always goes to the same one or two people."),
        "asking",
    ),
    Statement(
        "events",
        N_(
            "Helping each other happens mostly at planned events or through tools, rarely in between."
        ),
        "asking",
    ),
    Statement(
        "silos", N_("Knowledge of key parts of the work sits with very few people."), "expertise"
    ),
)


@dataclass(frozen=True)
class Model:
    key: str
    name_source: str
    nickname_source: str
    summary_source: str

    @property
    def name(self) -> str:
        return _(self.name_source)

    @property
    def nickname(self) -> str:
        return _(self.nickname_source)

    @property
    def summary(self) -> str:
        return _(self.summary_source)


MODELS = {
    "gym": Model(
        "gym",
        N_("Transactional"),
        N_("gym membership"),
        N_("Support is on offer (tools, events) but optional, and seldom used for real."),
    ),
    "hotline": Model(
        "hotline",
        N_("Reactive"),
        N_("support hotline"),
        N_("Help comes from a few official helpers when asked; they become the bottleneck."),
    ),
    "ecosystem": Model(
        "ecosystem",
        N_("Proactive"),
        N_("integrated ecosystem"),
        N_("Help is part of daily work and rituals, and flows in every direction."),
    ),
}


@dataclass(frozen=True)
class FirstStep:
    """What to try first, ready to become a ritual in the calendar (whose title is
    then written in the language Keel speaks at that moment)."""

    title_source: str
    why_source: str
    ritual_kind: str
    freq: str  # calendar Recurrence.freq
    count: int | None
    interval: int = 1
    duration_minutes: int = 45

    @property
    def title(self) -> str:
        return _(self.title_source)

    @property
    def why(self) -> str:
        return _(self.why_source)


FIRST_STEPS = {
    "gym": FirstStep(
        N_("Anonymous retrospective: what would make asking for help easier?"),
        N_(
            "Trust is still low, so start where nobody has to speak up in person: one anonymous "
            "question, answers read out together, one change agreed."
        ),
        "retrospective",
        "once",
        None,
    ),
    "hotline": FirstStep(
        N_("Support pairs on trial (four weeks)"),
        N_(
            "There is enough trust to practise, but help runs through a few people: pairs of "
            "colleagues back each other up for a month, then the team decides whether to keep it."
        ),
        "pairing",
        "weekly",
        4,
        duration_minutes=60,
    ),
    "ecosystem": FirstStep(
        N_("Kudos & blockers in the daily stand-up"),
        N_(
            "Help already flows; make it visible every day by thanking helpers and naming "
            "blockers in the meeting the team holds anyway."
        ),
        "standup",
        "weekdays",
        None,
        duration_minutes=15,
    ),
}


@dataclass(frozen=True)
class Placement:
    taken_on: dt.date
    answers: tuple[int, ...]
    model: str
    reasons: tuple[str, ...]
    id: int | None = None
    ritual_id: int | None = None  # the first step, once added to the calendar

    @property
    def first_step(self) -> FirstStep:
        return FIRST_STEPS[self.model]

    @property
    def trust(self) -> float:
        return _mean(self.answers, "trust")


def check_answers(answers: tuple[int, ...] | list[int], where: str = "answers") -> tuple[int, ...]:
    if len(answers) != len(STATEMENTS):
        raise ValidationError(
            [
                Problem(
                    where,
                    _("needs {count} answers, found {count2}").format(
                        count=len(STATEMENTS), count2=len(answers)
                    ),
                )
            ]
        )
    out = []
    for i, value in enumerate(answers, 1):
        if not isinstance(value, int) or isinstance(value, bool) or not LOWEST <= value <= HIGHEST:
            raise ValidationError(
                [
                    Problem(
                        where,
                        _("statement {i}: {value!r} is not a whole number from 1 to 5").format(
                            i=i, value=value
                        ),
                    )
                ]
            )
        out.append(value)
    return tuple(out)


def _value(answers: tuple[int, ...], key: str) -> int:
    return answers[[s.key for s in STATEMENTS].index(key)]


def _mean(answers: tuple[int, ...], topic: str) -> float:
    values = [a for a, s in zip(answers, STATEMENTS, strict=True) if s.topic == topic]
    return sum(values) / len(values)


def place(answers: tuple[int, ...], taken_on: dt.date) -> Placement:
    """Where the team stands, and why, in a few plain sentences."""
    answers = check_answers(answers)
    trust = _mean(answers, "trust")
    offered, go_to = _value(answers, "offered"), _value(answers, "go_to")
    events, silos = _value(answers, "events"), _value(answers, "silos")
    reasons = []
    if trust < 2.5:
        model = "gym"
        reasons.append(
            _("Trust is low ({trust} of 5): owning up to a mistake feels risky.").format(
                trust=format_number(trust, 1)
            )
        )
        if events >= 4:
            reasons.append(_("Help happens mainly at planned events or through tools."))
    elif offered >= 4 and trust >= 3.5 and go_to <= 3:
        model = "ecosystem"
        reasons.append(
            _("Trust is solid ({trust} of 5) and help is offered unasked.").format(
                trust=format_number(trust, 1)
            )
        )
        reasons.append(_("Requests do not all land on the same few people."))
    else:
        model = "hotline"
        reasons.append(
            _("Trust is moderate ({trust} of 5): there is room to practise.").format(
                trust=format_number(trust, 1)
            )
        )
        if go_to >= 4:
            reasons.append(_("Requests for help mostly go to the same one or two people."))
        if offered <= 2:
            reasons.append(_("Help is rarely offered before someone asks."))
    if silos >= 4:
        reasons.append(_("Knowledge sits with few people, so spreading it is part of the work."))
    return Placement(taken_on, answers, model, tuple(reasons))
