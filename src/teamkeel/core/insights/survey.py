"""Team psychological safety survey (Edmondson, 1999: seven items, seven-point scale).

Each respondent answers seven statements from 1 (strongly disagree) to 7 (strongly
agree).  Items 1, 3 and 5 are worded negatively, so they are reverse-scored (8 − answer)
before anything is averaged; a respondent's score is the mean of their seven scored
answers, and higher always means safer.

Anonymity: a round's results are shown only when it has at least ``min_responses``
responses (default 5, never fewer than 3).  Smaller rounds are left out of every view,
export and report; only the fact that some rounds were held back is mentioned.  No
individual score is ever shown, not even the lowest or highest of a round: the only
spread is the middle half of the scores (first to third quartile), and only from
``MIDDLE_HALF_MIN`` responses on, where it no longer points at anyone's answer.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from teamkeel.core.errors import Problem, Problems, ValidationError, line_at
from teamkeel.core.files import read_input_text
from teamkeel.core.i18n import N_, _
from teamkeel.core.progress import Progress, Steps

ITEMS = 7
# A form export of a few hundred answers is a few kilobytes; this is far beyond any team.
MAX_SURVEY_BYTES = 10 * 1024 * 1024
LOWEST, HIGHEST = 1, 7
REVERSED = frozenset({1, 3, 5})
DEFAULT_MIN_RESPONSES = 5
MIN_RESPONSES_FLOOR = 3
MIDDLE_HALF_MIN = 10  # fewer answers: no spread at all

# Short labels in our own words, for charts and tables; (R) marks reverse-scored items.
ITEM_LABELS = (
    N_("Mistakes are held against you (R)"),
    N_("We can raise problems and tough issues"),
    N_("People are rejected for being different (R)"),
    N_("It is safe to take a risk here"),
    N_("It is hard to ask each other for help (R)"),
    N_("Nobody would undermine my efforts on purpose"),
    N_("My skills and talents are valued and used"),
)


def item_label(index: int, marked: bool = True) -> str:
    """Item ``index`` (0-based) in the language Keel speaks; ``marked=False`` drops the
    "(R)" that marks a reverse-scored item."""
    text = _(ITEM_LABELS[index])
    return text if marked else text.removesuffix(" (R)")


SCALE_LABELS = (
    "1 strongly disagree",
    "2 disagree",
    "3 somewhat disagree",
    "4 neutral",
    "5 somewhat agree",
    "6 agree",
    "7 strongly agree",
)


def scored(answers: Sequence[int]) -> tuple[int, ...]:
    """The answers with items 1, 3 and 5 reversed, so that higher is always safer."""
    return tuple((LOWEST + HIGHEST - a) if i in REVERSED else a for i, a in enumerate(answers, 1))


def respondent_score(answers: Sequence[int]) -> float:
    return sum(scored(answers)) / ITEMS


def check_answers(answers: Sequence[object], where: str = "response") -> tuple[int, ...]:
    """Validate one respondent's seven answers; raise ValidationError naming the place."""
    problems = []
    if len(answers) != ITEMS:
        raise ValidationError(
            [
                Problem(
                    where,
                    _("needs {ITEMS} answers, found {count}").format(
                        ITEMS=ITEMS, count=len(answers)
                    ),
                )
            ]
        )
    out = []
    for i, a in enumerate(answers, 1):
        text = str(a).strip()
        if not text.isdecimal():  # isdigit() also accepts "²" and "①", which int() refuses
            problems.append(
                Problem(
                    where,
                    _("item {i}: {text!r} is not a whole number").format(i=i, text=text or "blank"),
                )
            )
            continue
        value = int(text)
        if not LOWEST <= value <= HIGHEST:
            problems.append(
                Problem(where, _("item {i}: {value} is outside 1–7").format(i=i, value=value))
            )
        out.append(value)
    if problems:
        raise ValidationError(problems)
    return tuple(out)


def effective_min_responses(value: int | None) -> int:
    """The anonymity threshold actually applied: never below the floor."""
    if value is None:
        return DEFAULT_MIN_RESPONSES
    return max(MIN_RESPONSES_FLOOR, int(value))


@dataclass(frozen=True)
class SurveyRound:
    """A round and its anonymous answers (no names, no times finer than the date)."""

    id: int
    held_on: date
    responses: tuple[tuple[int, ...], ...]
    label: str = ""


@dataclass(frozen=True)
class RoundResult:
    round_id: int
    held_on: date
    label: str
    responses: int
    mean: float  # team score: mean of respondent scores
    item_means: tuple[float, ...]  # per item, after reverse-scoring
    # First and third quartile of respondent scores; None below MIDDLE_HALF_MIN answers.
    middle_half: tuple[float, float] | None = None


@dataclass(frozen=True)
class SurveySummary:
    min_responses: int
    results: tuple[RoundResult, ...]  # only rounds large enough to show, oldest first
    withheld: int  # how many rounds were held back for anonymity

    @property
    def latest(self) -> RoundResult | None:
        return self.results[-1] if self.results else None

    @property
    def before_latest(self) -> RoundResult | None:
        return self.results[-2] if len(self.results) > 1 else None


def round_result(r: SurveyRound) -> RoundResult:
    """Score a round regardless of its size (callers apply the anonymity threshold)."""
    scores = [respondent_score(a) for a in r.responses]
    columns = list(zip(*(scored(a) for a in r.responses), strict=True))
    return RoundResult(
        r.id,
        r.held_on,
        r.label,
        len(scores),
        statistics.fmean(scores),
        tuple(statistics.fmean(c) for c in columns),
        middle_half(scores),
    )


def middle_half(scores: Sequence[float]) -> tuple[float, float] | None:
    """The range of the middle half of the scores (first to third quartile), or None
    for fewer than MIDDLE_HALF_MIN: in a small round a spread points at people."""
    if len(scores) < MIDDLE_HALF_MIN:
        return None
    q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return (q1, q3)


def summarize(
    rounds: Iterable[SurveyRound], min_responses: int | None = DEFAULT_MIN_RESPONSES
) -> SurveySummary:
    threshold = effective_min_responses(min_responses)
    shown, withheld = [], 0
    for r in sorted(rounds, key=lambda r: (r.held_on, r.id)):
        if len(r.responses) >= threshold:
            shown.append(round_result(r))
        elif r.responses:
            withheld += 1
    return SurveySummary(threshold, tuple(shown), withheld)


def _delimiter(text: str) -> str:
    """Comma, or the semicolon (or tab) that spreadsheets in many locales write instead."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


# Columns that form tools add around the answers. They say when someone answered and
# who they are, so they are never read, let alone stored: the survey is anonymous.
_IDENTIFYING = frozenset(
    {
        *("timestamp", "time stamp", "id", "respondent id", "response id", "respondent"),
        *("start time", "completion time", "last modified time", "submitted", "submitted at"),
        *("submission date", "submission time", "date", "time", "name", "full name"),
        *("first name", "last name", "user", "username", "user name", "ip", "ip address"),
        *("language", "score", "total points"),
    }
)
_ITEM_NUMBER = re.compile(r"^(?:q|item|question|statement)?\s*([1-7])(?![0-9])")


def _header_key(title: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", title.casefold().replace("e-mail", "email")).strip()


def is_identifying(title: str) -> bool:
    """True for a form tool's column about the respondent rather than an answer."""
    key = _header_key(title)
    return key in _IDENTIFYING or bool(re.search(r"\b(email|timestamp)\b", key))


@dataclass(frozen=True)
class SurveyColumns:
    """Which column holds each of the seven answers; every other column is skipped."""

    items: tuple[int, ...]
    skipped: tuple[str, ...] = ()


def item_columns(header: Sequence[str]) -> SurveyColumns:
    """Find the seven answers in a form export's header: by item number when every
    answer column is numbered (Q1, "3. It is safe…"), else by position once the
    timestamp, e-mail, name and id columns are set aside."""
    answers = [c for c, t in enumerate(header) if t.strip() and not is_identifying(t)]
    skipped = tuple(t.strip() for c, t in enumerate(header) if c not in answers and t.strip())
    numbered: dict[int, int] = {}
    for column in answers:
        found = _ITEM_NUMBER.match(_header_key(header[column]))
        if found:
            numbered.setdefault(int(found.group(1)), column)
    if len(numbered) == ITEMS:
        items = tuple(numbered[i] for i in range(1, ITEMS + 1))
        others = tuple(header[c].strip() for c in answers if c not in items)
        return SurveyColumns(items, skipped + others)
    if len(answers) == ITEMS:
        return SurveyColumns(tuple(answers), skipped)
    titles = ", ".join(f"“{header[c].strip()}”" for c in answers) or "none"
    raise ValidationError(
        [
            Problem(
                "line 1",
                _(
                    "found {count} answer columns ({titles}) where the survey has {ITEMS}; number "
                    "them Q1–Q7 or remove the others"
                ).format(count=len(answers), titles=titles, ITEMS=ITEMS),
            )
        ]
    )


def _is_number(cell: str) -> bool:
    return cell.strip().isdecimal()


def read_survey_file(path: Path) -> str:
    """The text of a survey export, refused in one line if it is not an ordinary file,
    is larger than MAX_SURVEY_BYTES or is not UTF-8. Never reads past the cap."""
    return read_input_text(path, MAX_SURVEY_BYTES, _("survey export"))


def parse_csv(text: str, progress: Progress | None = None) -> list[tuple[int, ...]]:
    """Read a form tool's export: one row per respondent. With a header (Google Forms,
    Microsoft Forms, a spreadsheet), the timestamp, e-mail, name and id columns are
    skipped unread and the seven answers found by ``item_columns``; without one, the
    answers are the first seven columns. Separated by commas, semicolons or tabs; blank
    rows are ignored. Errors name the line. ``progress`` hears of the lines read (and
    may cancel: ``Cancelled``)."""
    rows: list[tuple[int, ...]] = []
    problems = Problems()
    text = text.lstrip("\ufeff")
    steps = Steps(progress, text.count("\n") + 1, _("The survey import"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    columns: SurveyColumns | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise ValidationError(
                [Problem(line_at(reader.line_num), _("unreadable CSV ({value})").format(value=e))]
            ) from e
        n = reader.line_num
        steps.advance(n - steps.done)
        if not any(c.strip() for c in row):
            continue
        if columns is None:
            if not any(_is_number(c) for c in row):
                columns = item_columns(row)  # a header row
                continue
            columns = SurveyColumns(tuple(range(ITEMS)))
        answers = [row[c].strip() for c in columns.items if c < len(row)]
        try:
            rows.append(check_answers(answers, line_at(n)))
        except ValidationError as e:
            problems.extend(e.problems)
    if problems:
        raise problems.error()
    if not rows:
        raise ValidationError([Problem("CSV", _("no responses found"))])
    return rows


def parse_lines(text: str) -> list[tuple[int, ...]]:
    """Responses typed in from paper: one respondent per line, seven answers separated by
    spaces or commas, or seven digits in a row ("2635266").  Errors name the line."""
    rows: list[tuple[int, ...]] = []
    problems = Problems()
    for n, line in enumerate(text.splitlines(), 1):
        cells = [c for c in line.replace(",", " ").replace(";", " ").split() if c]
        if not cells:
            continue
        if len(cells) == 1 and len(cells[0]) == ITEMS and cells[0].isdecimal():
            cells = list(cells[0])
        try:
            rows.append(check_answers(cells, line_at(n)))
        except ValidationError as e:
            problems.extend(e.problems)
    if problems:
        raise problems.error()
    return rows
