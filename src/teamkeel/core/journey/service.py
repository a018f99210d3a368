"""The Journey facade for the window and the command line.

Each method owns one short session and returns plain dataclasses. Listening answers come
out as a round's picture only when the round reaches the anonymity minimum (the same
setting as survey rounds); the answer list itself is for the lead's data entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.calendar.models import RitualRow
from teamkeel.core.calendar.recurrence import held_starts
from teamkeel.core.calendar.service import check as check_ritual
from teamkeel.core.calendar.service import fill_row, to_ritual
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _, format_date
from teamkeel.core.insights.survey import DEFAULT_MIN_RESPONSES, effective_min_responses
from teamkeel.core.journey import listening, starting_point
from teamkeel.core.journey.growth import growth_stories
from teamkeel.core.journey.listening import Answer, ListeningRound, Picture
from teamkeel.core.journey.models import (
    AssessmentRow,
    FeedbackRow,
    ListeningAnswerRow,
    ListeningRoundRow,
    PilotMemberRow,
    PilotRow,
    StoryRow,
)
from teamkeel.core.journey.records import (
    DECISIONS,
    MAX_NOTE,
    MAX_OUTCOME,
    STORY_KINDS,
    Feedback,
    Pilot,
    RitualTies,
    Story,
    StorySource,
    decision_label,
)
from teamkeel.core.journey.starting_point import Placement
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService
from teamkeel.core.text import strip_controls

# The survey's anonymity setting (teamkeel.core.insights.service.MIN_RESPONSES_KEY):
# one minimum for every anonymous answer in Keel.
MIN_ANSWERS_KEY = "insights.min_responses"


def to_round(row: ListeningRoundRow) -> ListeningRound:
    return ListeningRound(
        row.held_on,
        tuple(row.questions or ()),
        tuple(Answer(a.text, tuple(a.themes or ()), a.question, a.id) for a in row.answers),
        row.id,
    )


def to_placement(row: AssessmentRow) -> Placement:
    placed = starting_point.place(tuple(row.answers), row.taken_on)
    return replace(placed, id=row.id, ritual_id=row.ritual_id)


def to_feedback(row: FeedbackRow, title: str = "") -> Feedback:
    return Feedback(
        row.ritual_id,
        row.given_on,
        row.decision,
        row.useful,
        row.awkward,
        row.change,
        row.id,
        title,
    )


def to_story(row: StoryRow) -> Story:
    return Story(row.told_on, row.kind, row.text, row.outcome, row.entry_id, row.id)


def _note(text: str, where: str, limit: int = MAX_NOTE) -> str:
    cleaned = " ".join(strip_controls(str(text)).split())  # a NUL or ESC means nothing to a reader
    if len(cleaned) > limit:
        raise ValidationError(
            [Problem(where, _("keep it under {limit} characters").format(limit=limit))]
        )
    return cleaned


def _round_row(s: Session, round_id: int) -> ListeningRoundRow:
    return row_or_refuse(
        s,
        ListeningRoundRow,
        round_id,
        _("There is no listening round with id {round_id}.").format(round_id=round_id),
    )


def _ritual_row(s: Session, ritual_id: int) -> RitualRow:
    return row_or_refuse(
        s,
        RitualRow,
        ritual_id,
        _("There is no ritual with id {ritual_id}.").format(ritual_id=ritual_id),
    )


def check_feedback(f: Feedback) -> Feedback:
    problems = []
    if f.decision not in DECISIONS:
        problems.append(Problem("decision", _("choose keep, adjust or drop")))
    useful, awkward = _note(f.useful, "useful"), _note(f.awkward, "awkward")
    change = _note(f.change, "change")
    if not useful and not awkward:
        problems.append(Problem("feedback", _("write what felt useful or what felt awkward")))
    if f.decision == "adjust" and not change:
        problems.append(Problem("change", _("say what changes when the ritual is adjusted")))
    if problems:
        raise ValidationError(problems)
    return replace(f, useful=useful, awkward=awkward, change=change)


def check_story(story: Story) -> Story:
    problems = []
    text, outcome = _note(story.text, "story"), _note(story.outcome, "outcome", MAX_OUTCOME)
    if story.kind not in STORY_KINDS:
        problems.append(
            Problem("kind", _("choose one of {items}").format(items=", ".join(STORY_KINDS)))
        )
    if not text:
        problems.append(Problem("story", _("write what happened")))
    if not outcome:
        problems.append(Problem("outcome", _("write the outcome in one line")))
    if problems:
        raise ValidationError(problems)
    return replace(story, text=text, outcome=outcome)


class JourneyService:
    def __init__(self, team: TeamFile):
        self.team = team
        self._info = TeamInfoService(team)

    # -- settings --------------------------------------------------------------------
    def min_answers(self) -> int:
        raw = self._info.setting(MIN_ANSWERS_KEY)
        try:
            return effective_min_responses(int(raw) if raw else DEFAULT_MIN_RESPONSES)
        except ValueError:
            return DEFAULT_MIN_RESPONSES

    def program_start(self) -> dt.date | None:
        return self._info.program_start()

    def set_program_start(self, day: dt.date | None) -> None:
        self._info.set_program_start(day)

    def team_name(self) -> str:
        return self._info.name() or "Team"

    # -- listening rounds ------------------------------------------------------------
    def rounds(self) -> list[ListeningRound]:
        with self.team.session() as s:
            rows = s.scalars(
                select(ListeningRoundRow).order_by(ListeningRoundRow.held_on, ListeningRoundRow.id)
            )
            return [to_round(r) for r in rows]

    def round(self, round_id: int) -> ListeningRound:
        with self.team.session() as s:
            return to_round(_round_row(s, round_id))

    def add_round(
        self,
        held_on: dt.date,
        questions: tuple[str, ...] | None = None,
        answers: tuple[Answer, ...] = (),
        round_id: int | None = None,
    ) -> ListeningRound:
        """A new round (``round_id``: putting a deleted one back, on undo); without
        ``questions``, the method's two in the language Keel speaks now."""
        questions = listening.clean_questions(questions or listening.default_questions())
        answers = tuple(self._checked(a, len(questions)) for a in answers)
        with self.team.session() as s:
            if round_id is not None and s.get(ListeningRoundRow, round_id) is not None:
                raise KeelError(_("The listening round cannot be put back: its number is taken."))
            row = ListeningRoundRow(id=round_id, held_on=held_on, questions=list(questions))
            row.answers = [
                ListeningAnswerRow(id=a.id, question=a.question, text=a.text, themes=list(a.themes))
                for a in answers
            ]
            s.add(row)
            s.flush()
            return to_round(row)

    def update_round(self, round_id: int, held_on: dt.date, questions: tuple[str, ...]) -> None:
        questions = listening.clean_questions(questions)
        with self.team.session() as s:
            row = _round_row(s, round_id)
            if any(a.question >= len(questions) for a in row.answers):
                raise ValidationError(
                    [Problem("questions", _("a question with answers cannot be removed"))]
                )
            row.held_on, row.questions = held_on, list(questions)

    def delete_round(self, round_id: int) -> ListeningRound:
        with self.team.session() as s:
            row = _round_row(s, round_id)
            gone = to_round(row)
            s.delete(row)
            return gone

    @staticmethod
    def _checked(answer: Answer, questions: int, where: str = "answer") -> Answer:
        text = listening.clean_answer(answer.text, where)
        if not 0 <= answer.question < questions:
            raise ValidationError(
                [
                    Problem(
                        where, _("there is no question {number}").format(number=answer.question + 1)
                    )
                ]
            )
        chosen = answer.themes or listening.themes.suggest(text)
        return replace(answer, text=text, themes=listening.clean_themes(chosen))

    def add_answer(self, round_id: int, answer: Answer) -> Answer:
        """Store one answer; without themes, Keel's suggestion is used."""
        with self.team.session() as s:
            row = _round_row(s, round_id)
            answer = self._checked(answer, len(row.questions))
            new = ListeningAnswerRow(
                id=answer.id, question=answer.question, text=answer.text, themes=list(answer.themes)
            )
            row.answers.append(new)
            s.flush()
            return replace(answer, id=new.id)

    def _answer_row(self, s: Session, answer_id: int) -> ListeningAnswerRow:
        return row_or_refuse(
            s,
            ListeningAnswerRow,
            answer_id,
            _("There is no listening answer with id {answer_id}.").format(answer_id=answer_id),
        )

    def set_themes(self, answer_id: int, themes: tuple[str, ...]) -> tuple[str, ...]:
        """Correct an answer's themes; returns the ones it had (for undo)."""
        chosen = listening.clean_themes(themes)
        with self.team.session() as s:
            row = self._answer_row(s, answer_id)
            before = tuple(row.themes or ())
            row.themes = list(chosen)
            return before

    def set_answer_text(self, answer_id: int, text: str) -> str:
        text = listening.clean_answer(text)
        with self.team.session() as s:
            row = self._answer_row(s, answer_id)
            before, row.text = row.text, text
            return before

    def delete_answer(self, answer_id: int) -> tuple[int, Answer]:
        """Remove an answer; returns (round id, the answer) so undo can add it back."""
        with self.team.session() as s:
            row = self._answer_row(s, answer_id)
            gone = Answer(row.text, tuple(row.themes or ()), row.question, row.id)
            round_id = row.round_id
            s.delete(row)
            return round_id, gone

    def import_answers(self, held_on: dt.date, text: str) -> tuple[ListeningRound, int]:
        """Answers from a form tool's CSV join the round held that day (a new round with
        the default questions if there is none). Returns the round and how many came in."""
        existing = next((r for r in self.rounds() if r.held_on == held_on), None)
        questions = existing.questions if existing else listening.default_questions()
        answers = listening.parse_csv(text, len(questions))
        with self.team.session() as s:
            if existing is None:
                row = ListeningRoundRow(held_on=held_on, questions=list(questions))
                s.add(row)
            else:
                row = _round_row(s, existing.id or 0)
            for a in answers:
                row.answers.append(
                    ListeningAnswerRow(question=a.question, text=a.text, themes=list(a.themes))
                )
            s.flush()
            return to_round(row), len(answers)

    def picture(self, round_id: int | None = None) -> Picture | None:
        """The picture of a round (default: the latest), hidden below the minimum."""
        rounds = self.rounds()
        if not rounds:
            return None
        chosen = rounds[-1] if round_id is None else next(r for r in rounds if r.id == round_id)
        return listening.picture(chosen, self.min_answers())

    # -- the starting point ----------------------------------------------------------
    def placements(self) -> list[Placement]:
        with self.team.session() as s:
            rows = s.scalars(
                select(AssessmentRow).order_by(AssessmentRow.taken_on, AssessmentRow.id)
            )
            return [to_placement(r) for r in rows]

    def assess(
        self, answers: tuple[int, ...], taken_on: dt.date, id: int | None = None
    ) -> Placement:
        placed = starting_point.place(answers, taken_on)
        with self.team.session() as s:
            row = AssessmentRow(
                id=id, taken_on=taken_on, answers=list(placed.answers), model=placed.model
            )
            s.add(row)
            s.flush()
            return replace(placed, id=row.id)

    def delete_placement(self, placement_id: int) -> Placement:
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                AssessmentRow,
                placement_id,
                _("There is no starting point with id {placement_id}.").format(
                    placement_id=placement_id
                ),
            )
            gone = to_placement(row)
            s.delete(row)
            return gone

    def link_first_step(self, placement_id: int, ritual_id: int | None) -> None:
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                AssessmentRow,
                placement_id,
                _("There is no starting point with id {placement_id}.").format(
                    placement_id=placement_id
                ),
            )
            row.ritual_id = ritual_id

    # -- the pilot -------------------------------------------------------------------
    def pilots(self) -> list[Pilot]:
        with self.team.session() as s:
            rows = s.execute(
                select(PilotRow, RitualRow.title)
                .join(RitualRow, RitualRow.id == PilotRow.ritual_id)
                .order_by(PilotRow.since, RitualRow.title)
            ).all()
            return [
                Pilot(
                    p.ritual_id,
                    title,
                    p.since,
                    None if p.all_members else tuple(m.member_id for m in p.members),
                )
                for p, title in rows
            ]

    def pilot(self, ritual_id: int) -> Pilot | None:
        return next((p for p in self.pilots() if p.ritual_id == ritual_id), None)

    def set_pilot(
        self, ritual_id: int, since: dt.date, members: tuple[int, ...] | None
    ) -> Pilot | None:
        """Mark a ritual as in pilot (or change its group); returns what it was before."""
        before = self.pilot(ritual_id)
        with self.team.session() as s:
            ritual = _ritual_row(s, ritual_id)
            if members is not None:
                if not members:
                    raise ValidationError([Problem("pilot group", _("choose at least one member"))])
                known = set(s.scalars(select(MemberRow.id)))
                unknown = sorted(set(members) - known)
                if unknown:
                    raise ValidationError(
                        [
                            Problem(
                                "pilot group",
                                _("no member with id {unknown}").format(unknown=unknown[0]),
                            )
                        ]
                    )
            row = s.get(PilotRow, ritual.id) or PilotRow(ritual_id=ritual.id)
            row.since, row.all_members = since, members is None
            row.members = [PilotMemberRow(member_id=m) for m in sorted(set(members or ()))]
            s.add(row)
        return before

    def end_pilot(self, ritual_id: int) -> Pilot | None:
        before = self.pilot(ritual_id)
        with self.team.session() as s:
            row = s.get(PilotRow, ritual_id)
            if row is not None:
                s.delete(row)
        return before

    def restore_pilot(self, ritual_id: int, before: Pilot | None) -> None:
        if before is None:
            self.end_pilot(ritual_id)
        else:
            self.set_pilot(ritual_id, before.since, before.members)

    # -- feedback --------------------------------------------------------------------
    def find_ritual(self, name: str) -> tuple[int, str]:
        """A ritual by title: exact (any case) first, then a unique beginning."""
        wanted = " ".join(name.split()).casefold()
        with self.team.session() as s:
            rituals = list(s.execute(select(RitualRow.id, RitualRow.title)))
        exact = [r for r in rituals if r.title.casefold() == wanted]
        found = exact or [r for r in rituals if r.title.casefold().startswith(wanted)]
        if len(found) == 1 and wanted:
            return found[0].id, found[0].title
        if not found or not wanted:
            raise KeelError(_("There is no ritual called “{name}”.").format(name=name))
        names = ", ".join(f"“{r.title}”" for r in found[:3])
        raise KeelError(
            _("“{name}” could be several rituals ({names}); give the full title.").format(
                name=name, names=names
            )
        )

    def feedback(self, ritual_id: int | None = None) -> list[Feedback]:
        with self.team.session() as s:
            query = (
                select(FeedbackRow, RitualRow.title)
                .join(RitualRow, RitualRow.id == FeedbackRow.ritual_id)
                .order_by(FeedbackRow.given_on, FeedbackRow.id)
            )
            if ritual_id is not None:
                query = query.where(FeedbackRow.ritual_id == ritual_id)
            return [to_feedback(f, title) for f, title in s.execute(query)]

    def add_feedback(self, entry: Feedback) -> Feedback:
        """Record a feedback round. "drop" ends the ritual's recurrence: its last
        occurrence is the day before the decision; past ones stay."""
        entry = check_feedback(entry)
        with self.team.session() as s:
            ritual_row = _ritual_row(s, entry.ritual_id)
            row = FeedbackRow(
                id=entry.id,
                ritual_id=entry.ritual_id,
                given_on=entry.given_on,
                useful=entry.useful,
                awkward=entry.awkward,
                decision=entry.decision,
                change=entry.change,
                until_before=ritual_row.until,
                count_before=ritual_row.count,
            )
            if entry.decision == "drop":
                _stop_recurring(s, ritual_row, entry.given_on)
            s.add(row)
            s.flush()
            return to_feedback(row, ritual_row.title)

    def remove_feedback(self, feedback_id: int) -> Feedback:
        """Delete a feedback entry; a drop's ended recurrence comes back."""
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                FeedbackRow,
                feedback_id,
                _("There is no feedback entry with id {feedback_id}.").format(
                    feedback_id=feedback_id
                ),
            )
            ritual_row = _ritual_row(s, row.ritual_id)
            gone = to_feedback(row, ritual_row.title)
            if row.decision == "drop":
                ritual_row.until, ritual_row.count = row.until_before, row.count_before
            s.delete(row)
            return gone

    def ties_of(self, ritual_id: int) -> RitualTies:
        """Everything of the Journey's that a ritual's deletion would take with it."""
        with self.team.session() as s:
            feedback = tuple(
                (to_feedback(row), row.until_before, row.count_before)
                for row in s.scalars(
                    select(FeedbackRow)
                    .where(FeedbackRow.ritual_id == ritual_id)
                    .order_by(FeedbackRow.id)
                )
            )
            placements = tuple(
                s.scalars(select(AssessmentRow.id).where(AssessmentRow.ritual_id == ritual_id))
            )
        return RitualTies(ritual_id, self.pilot(ritual_id), feedback, placements)

    def restore_ties(self, ties: RitualTies) -> None:
        """Put back what ``ties_of`` took, once the ritual itself is back (undo)."""
        if ties.pilot is not None:
            self.set_pilot(ties.ritual_id, ties.pilot.since, ties.pilot.members)
        with self.team.session() as s:
            for entry, until_before, count_before in ties.feedback:
                s.add(
                    FeedbackRow(
                        id=entry.id,
                        ritual_id=ties.ritual_id,
                        given_on=entry.given_on,
                        useful=entry.useful,
                        awkward=entry.awkward,
                        decision=entry.decision,
                        change=entry.change,
                        until_before=until_before,
                        count_before=count_before,
                    )
                )
            for placement_id in ties.placements:
                row = s.get(AssessmentRow, placement_id)
                if row is not None:
                    row.ritual_id = ties.ritual_id

    def ritual_note(self, ritual_id: int, title: str) -> tuple[str, bool]:
        """What the calendar's ritual details say about the pilot: the ritual's pilot
        and feedback history, and whether to offer the feedback form (for a piloted
        ritual, and for the pilot's feedback retrospective)."""
        pilot = self.pilot(ritual_id)
        if pilot is None:
            is_retro = "feedback" in title.casefold() and bool(self.pilots())
            return (_("Record the pilot's feedback here.") if is_retro else "", is_retro)
        lines = [_("In pilot since {day}.").format(day=format_date(pilot.since, "dd MMM y"))]
        for f in self.feedback(ritual_id)[-3:]:
            day, decision = format_date(f.given_on, "dd MMM"), decision_label(f.decision)
            if f.change:
                line = _("{day}: {decision}: {change}").format(
                    day=day, decision=decision, change=f.change
                )
            else:
                line = _("{day}: {decision}").format(day=day, decision=decision)
            lines.append(line)
        return " · ".join(lines), True

    # -- stories ---------------------------------------------------------------------
    def stories(self, first: dt.date | None = None, last: dt.date | None = None) -> list[Story]:
        """Written stories and delivered skill-share projects, oldest first."""
        told = self.written_stories(first, last) + growth_stories(self.team, first, last)
        return sorted(told, key=lambda s: (s.told_on, s.project_id is not None))

    def written_stories(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[Story]:
        with self.team.session() as s:
            query = select(StoryRow).order_by(StoryRow.told_on, StoryRow.id)
            if first is not None:
                query = query.where(StoryRow.told_on >= first)
            if last is not None:
                query = query.where(StoryRow.told_on <= last)
            return [to_story(r) for r in s.scalars(query)]

    def add_story(self, story: Story) -> Story:
        story = check_story(story)
        with self.team.session() as s:
            if story.entry_id is not None:
                self._check_source(s, story.entry_id)
            row = StoryRow(
                id=story.id,
                told_on=story.told_on,
                kind=story.kind,
                text=story.text,
                outcome=story.outcome,
                entry_id=story.entry_id,
            )
            s.add(row)
            s.flush()
            return to_story(row)

    def delete_story(self, story_id: int) -> Story:
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                StoryRow,
                story_id,
                _("There is no story with id {story_id}.").format(story_id=story_id),
            )
            gone = to_story(row)
            s.delete(row)
            return gone

    @staticmethod
    def _check_source(s: Session, entry_id: int) -> None:
        from teamkeel.core.standup.models import StandupEntry

        entry = s.get(StandupEntry, entry_id)
        if entry is None or (entry.kind == "blocker" and entry.resolved_on is None):
            raise ValidationError(
                [Problem("story", _("a story grows from a kudos or a resolved blocker"))]
            )

    def story_sources(self, since: dt.date | None = None, limit: int = 200) -> list[StorySource]:
        """Kudos and resolved blockers, newest first, that are not a story yet."""
        from teamkeel.core.standup.models import StandupEntry as E

        with self.team.session() as s:
            used = select(StoryRow.entry_id).where(StoryRow.entry_id.is_not(None))
            query = (
                select(E.id, E.kind, E.day, E.resolved_on, E.note)
                .where(E.id.not_in(used))
                .where((E.kind == "kudos") | E.resolved_on.is_not(None))
                .order_by(E.day.desc(), E.id.desc())
                .limit(limit)
            )
            if since is not None:
                query = query.where(E.day >= since)
            return [
                StorySource(i, resolved or day, kind, note)
                for i, kind, day, resolved, note in s.execute(query)
            ]


def _stop_recurring(s: Session, row: RitualRow, decided_on: dt.date) -> None:
    ritual = to_ritual(row)
    last = decided_on - dt.timedelta(days=1)
    if ritual.start.date() > last:
        raise KeelError(
            _(
                "“{title}” has not met before {decided_on}; delete it in the calendar instead of "
                "dropping it."
            ).format(title=ritual.title, decided_on=decided_on)
        )
    held = held_starts(ritual, dt.datetime.combine(last, dt.time.max))
    if not held:
        raise KeelError(
            _("“{title}” has not met before {decided_on}.").format(
                title=ritual.title, decided_on=decided_on
            )
        )
    rec = ritual.recurrence
    if rec.freq == "once" or (rec.until is not None and rec.until <= last):
        return  # it ends before the decision anyway
    if rec.count is not None and len(held_starts(ritual)) <= len(held):
        return
    ended = replace(ritual, recurrence=replace(rec, until=last, count=None))
    member_ids = set(s.scalars(select(MemberRow.id)))
    fill_row(row, check_ritual(ended, member_ids))
