"""The insights part of the JSON document: survey rounds and the lead's thresholds.

Responses are exported as bare answer lists, exactly as anonymous as they are stored.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.insights.models import ANSWER_COLUMNS, SurveyResponseRow, SurveyRoundRow
from teamkeel.core.insights.reciprocity import Thresholds
from teamkeel.core.insights.service import MIN_RESPONSES_KEY, THRESHOLDS_KEY
from teamkeel.core.insights.survey import MIN_RESPONSES_FLOOR, check_answers
from teamkeel.core.roster.models import SettingRow

SECTION = "insights"


def export_section(session: Session) -> dict[str, Any]:
    rounds = []
    for r in session.scalars(
        select(SurveyRoundRow).order_by(SurveyRoundRow.held_on, SurveyRoundRow.id)
    ):
        rounds.append(
            {
                "date": r.held_on.isoformat(),
                "label": r.label,
                "responses": sorted(list(x.answers()) for x in r.responses),
            }
        )
    out: dict[str, Any] = {"survey_rounds": rounds}
    for key, name in ((THRESHOLDS_KEY, "thresholds"), (MIN_RESPONSES_KEY, "min_responses")):
        row = session.get(SettingRow, key)
        if row is not None:
            out[name] = json.loads(row.value)
    return out


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


def import_section(session: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None:
    if not isinstance(data, dict):
        raise ValidationError([Problem(SECTION, _("expected an object"))])
    problems: list[Problem] = []
    rounds = []
    for n, r in enumerate(data.get("survey_rounds") or [], 1):
        where = f"{SECTION}.survey_rounds[{n}]"
        try:
            held_on = dt.date.fromisoformat(str(r["date"]))
            answers = [
                check_answers(a, f"{where}.responses[{i}]")
                for i, a in enumerate(r.get("responses") or [], 1)
            ]
            rounds.append((held_on, str(r.get("label") or ""), answers))
        except ValidationError as e:
            problems.extend(e.problems)
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(where, _("needs a date (YYYY-MM-DD) and a list of responses")))
    thresholds = data.get("thresholds")
    if thresholds is not None:
        try:
            Thresholds(**thresholds).validate()
        except ValidationError as e:
            problems.extend(
                Problem(f"{SECTION}.thresholds.{p.where}", p.message) for p in e.problems
            )
        except TypeError:
            problems.append(
                Problem(
                    f"{SECTION}.thresholds",
                    _("expected give_ratio, min_given, carry_periods and quiet_periods as numbers"),
                )
            )
    minimum = data.get("min_responses")
    if minimum is not None and (not isinstance(minimum, int) or minimum < MIN_RESPONSES_FLOOR):
        problems.append(
            Problem(
                f"{SECTION}.min_responses",
                _("must be a whole number of at least {MIN_RESPONSES_FLOOR}").format(
                    MIN_RESPONSES_FLOOR=MIN_RESPONSES_FLOOR
                ),
            )
        )
    if problems:
        raise ValidationError(problems)
    shuffle = random.SystemRandom().shuffle
    for held_on, label, answers in rounds:
        shuffle(answers)
        row = SurveyRoundRow(held_on=held_on, label=label)
        row.responses = [
            SurveyResponseRow(**dict(zip(ANSWER_COLUMNS, a, strict=True))) for a in answers
        ]
        session.add(row)
    if thresholds is not None:
        _set(session, THRESHOLDS_KEY, json.dumps(thresholds))
    if minimum is not None:
        _set(session, MIN_RESPONSES_KEY, str(minimum))
