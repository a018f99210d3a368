"""The Journey's part of the JSON document.

Rituals are named by the calendar section's ids (mapped through ``id_maps["ritual"]``),
members by the roster's (``id_maps["member"]``); stories keep the id of the stand-up
entry they grew from (the stand-up section keeps its ids). Listening answers are as
anonymous here as in the file: text, question and themes, nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.journey import listening, starting_point
from teamkeel.core.journey.models import (
    AssessmentRow,
    FeedbackRow,
    ListeningAnswerRow,
    ListeningRoundRow,
    PilotMemberRow,
    PilotRow,
    StoryRow,
)
from teamkeel.core.journey.records import Feedback, Story
from teamkeel.core.journey.service import check_feedback, check_story
from teamkeel.core.roster.models import SettingRow
from teamkeel.core.standup.models import StandupEntry
from teamkeel.core.team_info import PROGRAM_START_KEY

SECTION = "journey"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_section(session: Session) -> dict[str, Any]:
    start = session.get(SettingRow, PROGRAM_START_KEY)
    rounds = session.scalars(
        select(ListeningRoundRow).order_by(ListeningRoundRow.held_on, ListeningRoundRow.id)
    )
    assessments = session.scalars(
        select(AssessmentRow).order_by(AssessmentRow.taken_on, AssessmentRow.id)
    )
    pilots = session.scalars(select(PilotRow).order_by(PilotRow.ritual_id))
    feedback = session.scalars(select(FeedbackRow).order_by(FeedbackRow.given_on, FeedbackRow.id))
    stories = session.scalars(select(StoryRow).order_by(StoryRow.told_on, StoryRow.id))
    return {
        "program_start": start.value if start else None,
        "listening_rounds": [
            {
                "date": r.held_on.isoformat(),
                "questions": list(r.questions),
                "answers": [
                    {"question": a.question, "text": a.text, "themes": list(a.themes)}
                    for a in r.answers
                ],
            }
            for r in rounds
        ],
        "starting_points": [
            {"date": a.taken_on.isoformat(), "answers": list(a.answers), "first_step": a.ritual_id}
            for a in assessments
        ],
        "pilots": [
            {
                "ritual": p.ritual_id,
                "since": p.since.isoformat(),
                "members": None if p.all_members else [m.member_id for m in p.members],
            }
            for p in pilots
        ],
        "feedback": [
            {
                "ritual": f.ritual_id,
                "date": f.given_on.isoformat(),
                "useful": f.useful,
                "awkward": f.awkward,
                "decision": f.decision,
                "change": f.change,
                "until_before": _day(f.until_before),
                "count_before": f.count_before,
            }
            for f in feedback
        ],
        "stories": [
            {
                "date": s.told_on.isoformat(),
                "kind": s.kind,
                "text": s.text,
                "outcome": s.outcome,
                "entry": s.entry_id,
            }
            for s in stories
        ],
    }


class _Reader:
    """Collects every problem of the section before anything is written."""

    def __init__(self, session: Session, id_maps: dict[str, dict[int, int]]):
        self.session = session
        self.rituals = id_maps.get("ritual", {})
        self.members = id_maps.get("member", {})
        self.problems: list[Problem] = []

    def date(self, value: Any, where: str) -> dt.date:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError([Problem(where, _("expected a date (YYYY-MM-DD)"))]) from None
        message = out_of_range(day)
        if message is not None:
            raise ValidationError([Problem(where, message)])
        return day

    def ritual(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or value not in self.rituals:
            raise ValidationError(
                [Problem(where, _("no ritual with id {value!r}").format(value=value))]
            )
        return self.rituals[value]

    def member(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or value not in self.members:
            raise ValidationError(
                [Problem(where, _("no member with id {value!r}").format(value=value))]
            )
        return self.members[value]

    def each(self, data: dict[str, Any], key: str, read: Any) -> list[Any]:
        items = data.get(key) or []
        if not isinstance(items, list):
            self.problems.append(Problem(f"{SECTION}.{key}", _("expected a list")))
            return []
        out = []
        for n, item in enumerate(items, 1):
            where = f"{SECTION}.{key}[{n}]"
            try:
                if not isinstance(item, dict):
                    raise ValidationError([Problem(where, _("expected an object"))])
                out.append(read(item, where))
            except ValidationError as exc:
                self.problems.extend(
                    p if p.where.startswith(SECTION) else Problem(f"{where}.{p.where}", p.message)
                    for p in exc.problems
                )
            except (KeyError, TypeError, ValueError) as exc:
                self.problems.append(
                    Problem(where, _("incomplete or of the wrong type ({exc})").format(exc=exc))
                )
        return out

    # -- one reader per list ----------------------------------------------------------
    def round(self, r: dict[str, Any], where: str) -> ListeningRoundRow:
        questions = listening.clean_questions(r.get("questions") or listening.DEFAULT_QUESTIONS)
        row = ListeningRoundRow(held_on=self.date(r["date"], "date"), questions=list(questions))
        for i, a in enumerate(r.get("answers") or [], 1):
            at = f"answers[{i}]"
            question = int(a.get("question", 0))
            if not 0 <= question < len(questions):
                raise ValidationError(
                    [Problem(at, _("there is no question {number}").format(number=question + 1))]
                )
            text = listening.clean_answer(a["text"], at)
            themes = listening.clean_themes(a.get("themes") or [], f"{at}.themes")
            row.answers.append(
                ListeningAnswerRow(question=question, text=text, themes=list(themes))
            )
        return row

    def assessment(self, a: dict[str, Any], where: str) -> AssessmentRow:
        answers = starting_point.check_answers(a["answers"])
        first = a.get("first_step")
        placed = starting_point.place(answers, self.date(a["date"], "date"))
        return AssessmentRow(
            taken_on=placed.taken_on,
            answers=list(answers),
            model=placed.model,
            ritual_id=None if first is None else self.ritual(first, "first_step"),
        )

    def pilot(self, p: dict[str, Any], where: str) -> PilotRow:
        members = p.get("members")
        row = PilotRow(
            ritual_id=self.ritual(p["ritual"], "ritual"),
            since=self.date(p["since"], "since"),
            all_members=members is None,
        )
        row.members = [
            PilotMemberRow(member_id=self.member(m, "members")) for m in sorted(set(members or []))
        ]
        return row

    def feedback(self, f: dict[str, Any], where: str) -> FeedbackRow:
        entry = check_feedback(
            Feedback(
                self.ritual(f["ritual"], "ritual"),
                self.date(f["date"], "date"),
                str(f["decision"]),
                str(f.get("useful") or ""),
                str(f.get("awkward") or ""),
                str(f.get("change") or ""),
            )
        )
        until = f.get("until_before")
        count = f.get("count_before")
        if count is not None and not isinstance(count, int):
            raise ValidationError([Problem("count_before", _("expected a whole number"))])
        return FeedbackRow(
            ritual_id=entry.ritual_id,
            given_on=entry.given_on,
            useful=entry.useful,
            awkward=entry.awkward,
            decision=entry.decision,
            change=entry.change,
            until_before=None if until is None else self.date(until, "until_before"),
            count_before=count,
        )

    def story(self, s: dict[str, Any], where: str) -> StoryRow:
        entry = s.get("entry")
        if entry is not None and not isinstance(entry, int):
            raise ValidationError([Problem("entry", _("expected a stand-up entry id"))])
        if entry is not None and self.session.get(StandupEntry, entry) is None:
            raise ValidationError(
                [Problem("entry", _("no stand-up entry with id {entry}").format(entry=entry))]
            )
        story = check_story(
            Story(self.date(s["date"], "date"), str(s["kind"]), str(s["text"]), str(s["outcome"]))
        )
        return StoryRow(
            told_on=story.told_on,
            kind=story.kind,
            text=story.text,
            outcome=story.outcome,
            entry_id=entry,
        )


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, dict):
        raise ValidationError([Problem(SECTION, _("expected an object"))])
    reader = _Reader(session, id_maps)
    start = data.get("program_start")
    if start is not None:
        try:
            start = reader.date(start, f"{SECTION}.program_start").isoformat()
        except ValidationError as exc:
            reader.problems += exc.problems
    rows: list[Any] = []
    for key, read in (
        ("listening_rounds", reader.round),
        ("starting_points", reader.assessment),
        ("pilots", reader.pilot),
        ("feedback", reader.feedback),
        ("stories", reader.story),
    ):
        rows += reader.each(data, key, read)
    if reader.problems:
        raise ValidationError(reader.problems)
    if start is not None:
        row = session.get(SettingRow, PROGRAM_START_KEY)
        if row is None:
            session.add(SettingRow(key=PROGRAM_START_KEY, value=start))
        else:
            row.value = start
    session.add_all(rows)
