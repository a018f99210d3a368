"""The insights facade used by the window and the command line.

Each method owns one short session and returns plain dataclasses.  Survey responses go
in anonymously and come out only as round results that pass the anonymity threshold
(the round list for data entry shows counts, never answers).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.insights import rituals as rituals_source
from teamkeel.core.insights.events import HelpLog, Period
from teamkeel.core.insights.exchanges import Exchange, all_exchanges, involving, within
from teamkeel.core.insights.measures import Insights, compute
from teamkeel.core.insights.models import ANSWER_COLUMNS, SurveyResponseRow, SurveyRoundRow
from teamkeel.core.insights.reciprocity import DEFAULT_THRESHOLDS, Thresholds
from teamkeel.core.insights.sources import read_log
from teamkeel.core.insights.survey import (
    DEFAULT_MIN_RESPONSES,
    MIN_RESPONSES_FLOOR,
    SurveyRound,
    check_answers,
)
from teamkeel.core.progress import Cancelled, Progress
from teamkeel.core.storage.rows import row_or_refuse
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService

THRESHOLDS_KEY = "insights.thresholds"
MIN_RESPONSES_KEY = "insights.min_responses"


@dataclass(frozen=True)
class RoundInfo:
    """A survey round as the data-entry list shows it: no answers, just how many."""

    id: int
    held_on: dt.date
    label: str
    responses: int


@dataclass(frozen=True)
class RoundSnapshot:
    """A deleted round, to put back on undo (with its ids: earlier undo steps name
    the round and its responses by id)."""

    held_on: dt.date
    label: str
    responses: tuple[tuple[int, ...], ...]
    id: int | None = None
    response_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ExchangeView:
    """One exchange from a member's point of view, for "show me their exchanges"."""

    day: dt.date
    direction: str  # "gave" or "received"
    other: str
    kind: str
    note: str


def _goals_section(team: TeamFile, ins: Insights, log: HelpLog, width: float) -> list:
    """The report's page on supportive actions and outcomes."""
    from teamkeel.core.goals.indicators import basket
    from teamkeel.core.goals.outcomes import Outcomes
    from teamkeel.core.goals.report_section import story

    end = ins.period.end
    return story(ins, basket(log, ins.survey.results, Outcomes(team).basket(end), end), width)


class InsightsService:
    def __init__(self, team: TeamFile):
        self.team = team
        self._info = TeamInfoService(team)

    # -- settings --------------------------------------------------------------------
    def thresholds(self) -> Thresholds:
        raw = self._info.setting(THRESHOLDS_KEY)
        if not raw:
            return DEFAULT_THRESHOLDS
        try:
            return Thresholds(**json.loads(raw)).validate()
        except (TypeError, ValueError, ValidationError):
            return DEFAULT_THRESHOLDS  # a damaged setting falls back, it never blocks insights

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self._info.set_setting(THRESHOLDS_KEY, json.dumps(asdict(thresholds.validate())))

    def min_responses(self) -> int:
        raw = self._info.setting(MIN_RESPONSES_KEY)
        try:
            value = int(raw) if raw else DEFAULT_MIN_RESPONSES
        except ValueError:
            value = DEFAULT_MIN_RESPONSES
        return max(MIN_RESPONSES_FLOOR, value)

    def set_min_responses(self, value: int) -> None:
        if value < MIN_RESPONSES_FLOOR:
            raise ValidationError(
                [
                    Problem(
                        "minimum responses",
                        _(
                            "must be at least {MIN_RESPONSES_FLOOR} to keep answers anonymous"
                        ).format(MIN_RESPONSES_FLOOR=MIN_RESPONSES_FLOOR),
                    )
                ]
            )
        self._info.set_setting(MIN_RESPONSES_KEY, str(int(value)))

    # -- measures --------------------------------------------------------------------
    def team_name(self) -> str:
        return self._info.name()

    def help_log(
        self, period: Period | None = None, thresholds: Thresholds | None = None
    ) -> HelpLog:
        """The log as insights read it; with ``period``, only as far back as the
        measures for that period look (the flags compare several periods)."""
        if period is None:
            return read_log(self.team)
        depth = (thresholds or self.thresholds()).depth
        return read_log(self.team, since=period.back(depth)[-1].start, until=period.end)

    def compute(
        self,
        period: Period,
        role: str | None = None,
        thresholds: Thresholds | None = None,
        log: HelpLog | None = None,
        exchanges: Sequence[Exchange] | None = None,
    ) -> Insights:
        """All measures for ``period``; pass ``log``/``exchanges`` to reuse a read."""
        thresholds = thresholds or self.thresholds()
        log = log or self.help_log(period, thresholds)
        if role:
            roles = sorted({p.role.strip() for p in log.people if p.role.strip()}, key=str.casefold)
            if role.strip().casefold() not in {r.casefold() for r in roles}:
                raise KeelError(
                    _("Nobody has the role “{role}” (roles: {items}).").format(
                        role=role, items=", ".join(roles) or "none"
                    )
                )
        return compute(
            log,
            period,
            thresholds,
            rounds=self.survey_rounds(),
            min_responses=self.min_responses(),
            role=role or None,
            rituals=rituals_source.tallies(self.team, period, log),
            exchanges=exchanges,
        )

    def member_exchanges(
        self, member_id: int, period: Period, log: HelpLog | None = None
    ) -> list[ExchangeView]:
        log = log or self.help_log()
        out = []
        for e in involving(within(all_exchanges(log), period), member_id):
            gave = e.helper_id == member_id
            other = log.person(e.helped_id if gave else e.helper_id)
            out.append(
                ExchangeView(
                    e.day,
                    "gave" if gave else "received",
                    other.name if other else "?",
                    e.kind,
                    e.note,
                )
            )
        return out

    def export_report(
        self,
        path: Path,
        period: Period,
        role: str | None = None,
        for_team: bool = False,
        paper: str = "A4",
    ) -> Path:
        """The health report as PDF; ``for_team`` is the version without names."""
        from teamkeel.core.insights.report import WIDTH, write_report

        log = self.help_log()
        ins = self.compute(period, role, log=log)
        extra = _goals_section(self.team, ins, log, WIDTH)
        return write_report(
            ins, path, self.team_name(), for_team=for_team, extra=extra, paper=paper
        )

    # -- survey rounds ---------------------------------------------------------------
    def list_rounds(self) -> list[RoundInfo]:
        with self.team.session() as s:
            rows = s.execute(
                select(
                    SurveyRoundRow.id,
                    SurveyRoundRow.held_on,
                    SurveyRoundRow.label,
                    func.count(SurveyResponseRow.id),
                )
                .outerjoin(SurveyResponseRow)
                .group_by(SurveyRoundRow.id)
                .order_by(SurveyRoundRow.held_on, SurveyRoundRow.id)
            ).all()
        return [RoundInfo(*r) for r in rows]

    def survey_rounds(self) -> list[SurveyRound]:
        """Every round with its anonymous answers, for scoring (not for display)."""
        with self.team.session() as s:
            rounds: dict[int, tuple[dt.date, str, list[tuple[int, ...]]]] = {
                r.id: (r.held_on, r.label, []) for r in s.scalars(select(SurveyRoundRow))
            }
            for row in s.scalars(select(SurveyResponseRow)):
                rounds[row.round_id][2].append(row.answers())
        return [SurveyRound(i, d, tuple(a), label) for i, (d, label, a) in rounds.items()]

    def add_round(
        self,
        held_on: dt.date,
        responses: Sequence[Sequence[object]],
        label: str = "",
        rng: random.Random | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Record a round and its responses; all are checked before anything is saved.
        ``progress`` hears of the responses stored and may cancel (nothing is saved)."""
        if not isinstance(held_on, dt.date):
            raise ValidationError([Problem("date", _("a survey round needs a date"))])
        if out_of_range(held_on):
            raise ValidationError([Problem("date", str(out_of_range(held_on)))])
        checked = [check_answers(a, f"response {i}") for i, a in enumerate(responses, 1)]
        if not checked:
            raise ValidationError([Problem("responses", _("enter at least one response"))])
        (rng or random.SystemRandom()).shuffle(checked)
        with self.team.session() as s:
            row = SurveyRoundRow(held_on=held_on, label=" ".join(label.split())[:200])
            s.add(row)
            s.flush()
            _insert_responses(s, row.id, checked, progress)
            return row.id

    def round_on(self, held_on: dt.date) -> RoundInfo | None:
        """The round held on ``held_on``, if there is one (a paper survey is often typed in
        over several sittings: later answers join the same round)."""
        return next((r for r in self.list_rounds() if r.held_on == held_on), None)

    def add_responses(
        self,
        round_id: int,
        responses: Sequence[Sequence[object]],
        progress: Progress | None = None,
    ) -> list[int]:
        """Add responses to an existing round; returns their ids (for undo). ``progress``
        hears of the responses stored and may cancel (nothing is saved)."""
        checked = [check_answers(a, f"response {i}") for i, a in enumerate(responses, 1)]
        random.SystemRandom().shuffle(checked)
        with self.team.session() as s:
            if s.get(SurveyRoundRow, round_id) is None:
                raise KeelError(
                    _("Survey round {round_id} does not exist.").format(round_id=round_id)
                )
            return _insert_responses(s, round_id, checked, progress)

    def remove_responses(self, response_ids: Sequence[int]) -> None:
        ids = list(response_ids)
        with self.team.session() as s:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                s.execute(delete(SurveyResponseRow).where(SurveyResponseRow.id.in_(chunk)))

    def delete_round(self, round_id: int) -> RoundSnapshot:
        with self.team.session() as s:
            row = row_or_refuse(
                s,
                SurveyRoundRow,
                round_id,
                _("Survey round {round_id} does not exist.").format(round_id=round_id),
            )
            snap = RoundSnapshot(
                row.held_on,
                row.label,
                tuple(r.answers() for r in row.responses),
                row.id,
                tuple(r.id for r in row.responses),
            )
            s.delete(row)
        return snap

    def restore_round(self, snap: RoundSnapshot) -> int:
        """Put a deleted round back as it was: same round id, same response ids (new
        ones only if another Keel on this file has taken them meanwhile)."""
        checked = [check_answers(a, f"response {i}") for i, a in enumerate(snap.responses, 1)]
        with self.team.session() as s:
            keep_ids = (
                snap.id is not None
                and len(snap.response_ids) == len(checked)
                and s.get(SurveyRoundRow, snap.id) is None
                and not s.scalar(
                    select(func.count())
                    .select_from(SurveyResponseRow)
                    .where(SurveyResponseRow.id.in_(snap.response_ids))
                )
            )
            ids: list[int | None] = list(snap.response_ids) if keep_ids else [None] * len(checked)
            row = SurveyRoundRow(
                id=snap.id if keep_ids else None, held_on=snap.held_on, label=snap.label
            )
            row.responses = [
                SurveyResponseRow(id=rid, **dict(zip(ANSWER_COLUMNS, a, strict=True)))
                for rid, a in zip(ids, checked, strict=True)
            ]
            s.add(row)
            s.flush()
            return row.id


_CHUNK = 500  # ids per IN (...) list and rows per insert: well below SQLite's limits


def _insert_responses(
    s: Session, round_id: int, answers: list[tuple[int, ...]], progress: Progress | None
) -> list[int]:
    """Store checked answers in a few executemany calls (an exported form may hold
    tens of thousands), with ids given as SQLite would; the ids, for undo."""
    first = (s.scalar(select(func.max(SurveyResponseRow.id))) or 0) + 1
    ids = list(range(first, first + len(answers)))
    rows = [
        {"id": i, "round_id": round_id, **dict(zip(ANSWER_COLUMNS, a, strict=True))}
        for i, a in zip(ids, answers, strict=True)
    ]
    step = _CHUNK * 20
    for start in range(0, len(rows), step):
        s.execute(insert(SurveyResponseRow), rows[start : start + step])
        if progress is not None and not progress(min(start + step, len(rows)), len(rows)):
            raise Cancelled()
    return ids
