"""Listening rounds: what people said when asked where help gets stuck.

Answers are anonymous: no name, no time of their own. A round's picture (theme counts,
the pattern, quotes) is shown only when the round is large enough; its size is the
number of answers to its most answered question, which is never more than the number
of people who took part.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from teamkeel.core.errors import Problem, ValidationError, line_at
from teamkeel.core.i18n import N_, _, format_percent
from teamkeel.core.journey import themes
from teamkeel.core.text import strip_controls

# The two questions of the method, in Keel's words; the lead may change them. A new
# round stores them in the language Keel speaks then (``default_questions()``).
DEFAULT_QUESTIONS = (
    N_("Think of the last time asking a teammate for help felt easy. What made it easy?"),
    N_("What most often stops you from offering help to a colleague?"),
)


def default_questions() -> tuple[str, ...]:
    return tuple(_(question) for question in DEFAULT_QUESTIONS)


MAX_ANSWER = 2000
MAX_QUESTION = 300
QUOTES_PER_THEME = 2


@dataclass(frozen=True)
class Answer:
    text: str
    themes: tuple[str, ...]
    question: int = 0
    id: int | None = None


@dataclass(frozen=True)
class ListeningRound:
    held_on: dt.date
    questions: tuple[str, ...] = DEFAULT_QUESTIONS
    answers: tuple[Answer, ...] = ()
    id: int | None = None

    @property
    def size(self) -> int:
        """A lower bound on the people who answered: nobody answers a question twice."""
        per_question = Counter(a.question for a in self.answers)
        return max(per_question.values(), default=0)


@dataclass(frozen=True)
class ThemeCount:
    key: str
    title: str
    answers: int
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Picture:
    """What a round says, or only why it stays hidden (``shown`` False)."""

    held_on: dt.date
    size: int
    minimum: int
    shown: bool
    counts: tuple[ThemeCount, ...] = ()
    pattern: str = ""
    questions: tuple[str, ...] = field(default=())


# -- checking what is typed or imported ---------------------------------------------


def clean_answer(text: str, where: str = "answer") -> str:
    cleaned = " ".join(strip_controls(str(text)).split())  # a NUL or ESC means nothing
    if not cleaned:
        raise ValidationError([Problem(where, _("the answer is empty"))])
    if len(cleaned) > MAX_ANSWER:
        raise ValidationError(
            [
                Problem(
                    where,
                    _("keep an answer under {MAX_ANSWER} characters").format(MAX_ANSWER=MAX_ANSWER),
                )
            ]
        )
    return cleaned


def clean_themes(keys: tuple[str, ...] | list[str], where: str = "themes") -> tuple[str, ...]:
    known = themes.keys()
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationError(
            [
                Problem(
                    where,
                    _("unknown theme {unknown!r} (use {items})").format(
                        unknown=unknown[0], items=", ".join(known)
                    ),
                )
            ]
        )
    ordered = tuple(k for k in known if k in set(keys))
    if not ordered:
        raise ValidationError([Problem(where, _("give the answer at least one theme"))])
    return ordered


def clean_questions(questions: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    cleaned = tuple(" ".join(str(q).split()) for q in questions)
    if not cleaned or not all(cleaned):
        raise ValidationError([Problem("questions", _("every question needs its text"))])
    if any(len(q) > MAX_QUESTION for q in cleaned):
        raise ValidationError(
            [
                Problem(
                    "questions",
                    _("keep a question under {MAX_QUESTION} characters").format(
                        MAX_QUESTION=MAX_QUESTION
                    ),
                )
            ]
        )
    return cleaned


# -- reading a form tool's CSV ------------------------------------------------------

_IGNORED_HEADERS = re.compile(
    r"^(id|timestamp|zeitstempel|start time|completion time|startzeit|"
    r"fertigstellungszeit|time|date|datum|e-?mail( address)?|e-?mail-adresse|name|"
    r"last modified time|zeitpunkt der letzten änderung|language|sprache)$",
    re.I,
)
_STAMP = re.compile(
    r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?( ?[ap]m)?)?$", re.I
)
_NUMBER = re.compile(r"^\d+$")
_QUESTION_NAME = re.compile(r"^(q|question|frage)\s*\d+$", re.I)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


def _looks_like_data(cell: str) -> bool:
    """A timestamp, a number or an e-mail address: form metadata, never an answer."""
    cell = cell.strip()
    return bool(_STAMP.match(cell) or _NUMBER.match(cell) or _EMAIL.match(cell))


def _read_rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ValidationError(
                [Problem(line_at(start), _("unreadable CSV ({exc})").format(exc=exc))]
            ) from exc
        if any(c.strip() for c in row):
            rows.append((start, [c.strip() for c in row]))
        start = reader.line_num + 1
    return rows


def parse_csv(text: str, questions: int) -> list[Answer]:
    """Answers from a form tool's export: one row per person, one column per question.

    A header row is recognised by its names (Timestamp, ID, E-mail, Name... are skipped
    columns); without one, columns that hold only timestamps, numbers or e-mail
    addresses are skipped. The first ``questions`` remaining columns are the answers.
    Blank cells are unanswered questions. Errors name the line.
    """
    text = text.lstrip("\ufeff")
    rows = _read_rows(text)
    if not rows:
        raise ValidationError([Problem("CSV", _("no answers found"))])
    first_line, first = rows[0]
    header = all(not _looks_like_data(c) for c in first) and (
        any(_IGNORED_HEADERS.match(c) for c in first)
        or all(c.endswith("?") or _QUESTION_NAME.match(c) for c in first if c)
    )
    if header:
        keep = [i for i, c in enumerate(first) if not _IGNORED_HEADERS.match(c)]
        body = rows[1:]
    else:
        width = max(len(r) for _, r in rows)
        keep = [
            i
            for i in range(width)
            if not all(_looks_like_data(r[i]) or not r[i] for _, r in rows if i < len(r))
        ]
        body = rows
    keep = keep[:questions]
    if not keep:
        raise ValidationError([Problem(line_at(first_line), _("no column with answers"))])
    answers: list[Answer] = []
    problems: list[Problem] = []
    for line, row in body:
        for q, column in enumerate(keep):
            cell = row[column] if column < len(row) else ""
            if not cell:
                continue
            try:
                text_ = clean_answer(cell, line_at(line))
            except ValidationError as exc:
                problems.extend(exc.problems)
                continue
            answers.append(Answer(text_, themes.suggest(text_), q))
    if problems:
        raise ValidationError(problems)
    if not answers:
        raise ValidationError([Problem("CSV", _("no answers found"))])
    return answers


# -- the round's picture ------------------------------------------------------------


def _quotes(answers: tuple[Answer, ...], key: str) -> tuple[str, ...]:
    """The answers that say the theme most plainly: most theme words, then shortest."""
    mine = [a for a in answers if key in a.themes]
    mine.sort(key=lambda a: (-themes.matches(a.text, key), len(a.text), a.text))
    return tuple(a.text for a in mine[:QUOTES_PER_THEME])


def pattern(counts: tuple[ThemeCount, ...], answers: int) -> str:
    """The guide's question about the barriers, answered in a sentence."""
    named = [c for c in counts if c.answers and c.key != themes.OTHER]
    if not named:
        return _("No barrier stands out yet; read the answers together with the team.")
    top = named[0]
    share = top.answers / answers if answers else 0
    tied = [c.title for c in named if c.answers == top.answers]
    if len(tied) > 1:
        listed = _("{first} and {last}").format(first=", ".join(tied[:-1]), last=tied[-1])
        return _("{count} barriers come back equally often: {listed}.").format(
            count=len(tied), listed=listed
        )
    fit = _("help has to fit into the day, so make it part of meetings that already exist")
    advice = {
        "time": fit,
        "workload": fit,
        "fear": _("safety comes first: make asking for help visibly welcome before adding rituals"),
        "how": _("people need a clear, easy way to ask: one channel and named people to ask"),
        "tools": _("the way to ask is in the way: agree on one place for requests"),
    }.get(top.key, _("read the answers together with the team"))
    return _("The barrier named most is “{barrier}” ({share} of answers): {advice}.").format(
        barrier=top.title, share=format_percent(share), advice=advice
    )


def picture(round_: ListeningRound, minimum: int) -> Picture:
    size = round_.size
    if size < minimum:
        return Picture(round_.held_on, size, minimum, False, questions=round_.questions)
    tally = Counter(k for a in round_.answers for k in a.themes)
    counts = tuple(
        sorted(
            (
                ThemeCount(t.key, t.title, tally[t.key], _quotes(round_.answers, t.key))
                for t in themes.themes()
            ),
            key=lambda c: (-c.answers, themes.keys().index(c.key)),
        )
    )
    return Picture(
        round_.held_on,
        size,
        minimum,
        True,
        counts,
        pattern(counts, len(round_.answers)),
        round_.questions,
    )
