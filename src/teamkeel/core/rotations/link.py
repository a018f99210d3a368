"""A rotation that meets at a calendar ritual (e.g. the Wednesday pairing session).

The ritual says when: the rotation's first round is the ritual's first meeting and its
cadence is the ritual's, so both are entered once. A ritual can carry a rotation when it
meets on one weekday every week or every few weeks. Each meeting then shows the round
of its day (``rounds_on``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _, format_date, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from teamkeel.core.calendar.domain import Ritual
    from teamkeel.core.rotations.records import RotationSpec
    from teamkeel.core.storage.teamfile import TeamFile

WHERE = "meets at"


@dataclass(frozen=True)
class RitualChoice:
    """A ritual a rotation can meet at, as the editor offers it."""

    id: int
    title: str
    kind: str  # the ritual's kind (calendar.library)
    start_date: dt.date
    cadence_weeks: int

    def label(self) -> str:
        n = self.cadence_weeks
        return ngettext(
            "{title} ({weekday} every week from {day})",
            "{title} ({weekday} every {count} weeks from {day})",
            n,
        ).format(
            title=self.title,
            weekday=format_date(self.start_date, "EEE"),
            count=n,
            day=format_date(self.start_date, "dd MMM y"),
        )


def timing(ritual: Ritual) -> tuple[dt.date, int]:
    """The first meeting day and the cadence in weeks of ``ritual``; ValidationError
    when it does not meet on one weekday every week or every few weeks."""
    rec = ritual.recurrence
    if rec.freq != "weekly" or len(rec.weekdays) > 1:
        raise ValidationError(
            [
                Problem(
                    WHERE,
                    _("“{title}” does not meet on one weekday every week or few").format(
                        title=ritual.title
                    ),
                )
            ]
        )
    day = ritual.start.date()
    weekday = rec.weekdays[0] if rec.weekdays else day.weekday()
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7), rec.interval


def on_meeting_grid(first: dt.date, weeks: int, own_start: dt.date) -> dt.date:
    """The first meeting day on or after ``own_start``, counting meetings every
    ``weeks`` weeks from ``first`` (backwards too): a rotation that already ran
    before the ritual was in the calendar keeps its numbering, and a new one starts
    at the ritual's first meeting."""
    step = 7 * weeks
    steps = -((first - own_start).days // step)  # ceil((own_start - first) / step)
    return first + dt.timedelta(days=steps * step)


def _ritual(session: Session, ritual_id: int) -> Ritual | None:
    from teamkeel.core.calendar.models import RitualRow
    from teamkeel.core.calendar.service import to_ritual

    row = session.get(RitualRow, ritual_id)
    return to_ritual(row) if row is not None else None


def follow_ritual(session: Session, spec: RotationSpec) -> RotationSpec:
    """``spec`` with the start and cadence of the ritual it meets at (if any)."""
    if spec.ritual_id is None:
        return spec
    ritual = _ritual(session, spec.ritual_id)
    if ritual is None:
        raise ValidationError([Problem(WHERE, _("that ritual is no longer in the calendar"))])
    first, weeks = timing(ritual)
    return replace(
        spec, start_date=on_meeting_grid(first, weeks, spec.start_date), cadence_weeks=weeks
    )


def linked_timing(
    session: Session, ritual_id: int | None, own_start: dt.date
) -> tuple[dt.date, int] | None:
    """The timing of a stored rotation that meets at a ritual (the ritual may have
    moved since); None when the ritual cannot carry one any more (edited to meet
    daily, say): the rotation then keeps its own dates."""
    ritual = _ritual(session, ritual_id) if ritual_id is not None else None
    if ritual is None:
        return None
    try:
        first, weeks = timing(ritual)
    except ValidationError:
        return None
    return on_meeting_grid(first, weeks, own_start), weeks


def ritual_choices(team: TeamFile) -> list[RitualChoice]:
    """Rituals a rotation can meet at, in the calendar's order."""
    from teamkeel.core.calendar.service import CalendarService

    out = []
    for ritual in CalendarService(team).list_rituals():
        try:
            start, weeks = timing(ritual)
        except ValidationError:
            continue
        if ritual.id is not None:
            out.append(RitualChoice(ritual.id, ritual.title, ritual.kind, start, weeks))
    return out
