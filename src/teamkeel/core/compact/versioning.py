"""The rules of a compact's life: what a valid draft is, ratifying, and review dates.

Pure functions over the dataclasses in ``document``; no storage, no Qt.

- A draft can be edited freely; ratifying checks it, gives it the next version number
  and the ratification date, and freezes it together with its signatures.
- After ratifying, the next draft starts as a copy of the ratified version (same
  commitment keys, so later changes show up as rewordings) with no signatures: people
  agree to a specific version, so a changed compact needs their agreement again.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from teamkeel.core.compact.document import (
    CADENCES,
    MAX_PURPOSE,
    MAX_STATEMENT,
    MAX_TITLE,
    MAX_UNIT,
    Commitment,
    Compact,
    ReviewStatus,
)
from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import _

# A review this close is "due": the lead gets a nudge to book the session.
DUE_SOON_DAYS = 14


# -- validation ---------------------------------------------------------------------


def commitment_problems(
    commitment: Commitment, line: int, for_ratify: bool = False
) -> list[Problem]:
    """Problems of one commitment; ``line`` is its 1-based number in the list.

    A draft may hold a half-entered norm (a number still waiting for its unit, or the
    other way round): the lead types one field at a time. Ratifying needs both.
    """
    where = f"commitment {line}"
    found: list[Problem] = []
    statement = commitment.statement.strip()
    if not statement:
        found.append(Problem(f"{where}: statement", _("write what the team commits to")))
    elif len(statement) > MAX_STATEMENT:
        found.append(
            Problem(
                f"{where}: statement",
                _("keep it under {MAX_STATEMENT} characters").format(MAX_STATEMENT=MAX_STATEMENT),
            )
        )
    if commitment.norm_value is not None:
        if commitment.norm_value != commitment.norm_value:  # NaN
            found.append(Problem(f"{where}: norm", _("the norm must be a number")))
        elif commitment.norm_value < 0:
            found.append(Problem(f"{where}: norm", _("the norm cannot be negative")))
        if for_ratify and not commitment.norm_unit.strip():
            found.append(
                Problem(f"{where}: unit", _("say what the number counts, e.g. 'working hours'"))
            )
    elif for_ratify and commitment.norm_unit.strip():
        found.append(Problem(f"{where}: norm", _("a unit needs a number (or clear the unit)")))
    if len(commitment.norm_unit) > MAX_UNIT:
        found.append(
            Problem(
                f"{where}: unit", _("keep it under {MAX_UNIT} characters").format(MAX_UNIT=MAX_UNIT)
            )
        )
    if not commitment.theme.strip():
        found.append(Problem(f"{where}: theme", _("choose or type a theme")))
    return found


def problems(compact: Compact, for_ratify: bool = False) -> list[Problem]:
    """Every problem that stops a compact from being saved (or, with ``for_ratify``,
    from being ratified), in reading order."""
    found: list[Problem] = []
    if not compact.title.strip():
        found.append(Problem("title", _("the compact needs a title")))
    elif len(compact.title) > MAX_TITLE:
        found.append(
            Problem("title", _("keep it under {MAX_TITLE} characters").format(MAX_TITLE=MAX_TITLE))
        )
    if len(compact.purpose.strip()) > MAX_PURPOSE:
        found.append(
            Problem(
                "purpose",
                _("keep the purpose under {MAX_PURPOSE} characters so it fits").format(
                    MAX_PURPOSE=MAX_PURPOSE
                ),
            )
        )
    if compact.review_cadence not in CADENCES:
        found.append(
            Problem("review cadence", _("choose one of: {items}").format(items=", ".join(CADENCES)))
        )
    for line, commitment in enumerate(compact.commitments, start=1):
        found.extend(commitment_problems(commitment, line, for_ratify))
    dated = [("next review", compact.next_review), ("ratified on", compact.ratified_on)]
    dated += [("signatories", s.signed_on) for s in compact.signatures]
    found.extend(Problem(f, str(out_of_range(d))) for f, d in dated if d and out_of_range(d))
    if for_ratify and not compact.commitments:
        found.append(Problem("commitments", _("add at least one commitment before ratifying")))
    keys = [c.key for c in compact.commitments]
    if len(set(keys)) != len(keys):
        found.append(Problem("commitments", _("two commitments share the same key")))
    members = [s.member_id for s in compact.signatures]
    if len(set(members)) != len(members):
        found.append(Problem("signatories", _("a member is listed as signing twice")))
    return found


def check(compact: Compact) -> None:
    """Raise ValidationError listing every problem, or return quietly."""
    found = problems(compact)
    if found:
        raise ValidationError(found)


def parse_norm(text: str, where: str = "norm") -> float | None:
    """Read a norm as the lead typed it: "" means none; "4", "2.5" and "2,5" are numbers."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(
            [Problem(where, _("'{strip}' is not a number").format(strip=text.strip()))]
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValidationError(
            [Problem(where, _("'{strip}' is not a number").format(strip=text.strip()))]
        )
    if value < 0:
        raise ValidationError([Problem(where, _("the norm cannot be negative"))])
    return value


# -- review dates -------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_after(day: dt.date, cadence: str) -> dt.date:
    return add_months(day, CADENCES[cadence])


def review_status(compact: Compact | None, today: dt.date) -> ReviewStatus:
    if compact is None or compact.next_review is None:
        return ReviewStatus("none", None)
    days = (compact.next_review - today).days
    if days < 0:
        state = "overdue"
    elif days <= DUE_SOON_DAYS:
        state = "due"
    else:
        state = "scheduled"
    return ReviewStatus(state, compact.next_review, days)


# -- versions -----------------------------------------------------------------------


def ratify(draft: Compact, number: int, today: dt.date, team_name: str) -> Compact:
    """Freeze ``draft`` as version ``number``; raise ValidationError if it is not ready.

    The next review keeps a date the lead chose in the future; otherwise it is one
    cadence after the ratification day.
    """
    if not draft.is_draft:
        raise ValueError(_("{label} is already ratified").format(label=draft.label))
    found = problems(draft, for_ratify=True)
    if found:
        raise ValidationError(found)
    next_review = draft.next_review
    if next_review is None or next_review <= today:
        next_review = next_review_after(today, draft.review_cadence)
    return dataclasses.replace(
        draft,
        title=draft.title.strip(),
        purpose=draft.purpose.strip(),
        commitments=tuple(
            dataclasses.replace(
                c,
                statement=c.statement.strip(),
                norm_unit=c.norm_unit.strip(),
                theme=c.theme.strip(),
            )
            for c in draft.commitments
        ),
        number=number,
        ratified_on=today,
        next_review=next_review,
        team_name=team_name,
        signatures=tuple(sorted(draft.signatures, key=lambda s: (s.signed_on, s.name.casefold()))),
    )


def draft_from(version: Compact) -> Compact:
    """The draft that follows a ratified version: same text and keys, no signatures.

    Its review date is left open (one cadence after it is ratified): the version's own
    date is the review this draft is for, and keeping it would schedule the next review
    on that same day when the team reviews a little early.
    """
    return dataclasses.replace(
        version, number=None, ratified_on=None, signatures=(), team_name="", next_review=None
    )


# -- edits (what the editor's undoable commands apply) -------------------------------


def with_commitment(compact: Compact, commitment: Commitment, index: int | None = None) -> Compact:
    items = list(compact.commitments)
    items.insert(len(items) if index is None else index, commitment)
    return dataclasses.replace(compact, commitments=tuple(items))


def without_commitment(compact: Compact, index: int) -> Compact:
    items = list(compact.commitments)
    del items[index]
    return dataclasses.replace(compact, commitments=tuple(items))


def with_replaced(compact: Compact, index: int, commitment: Commitment) -> Compact:
    items = list(compact.commitments)
    items[index] = commitment
    return dataclasses.replace(compact, commitments=tuple(items))


def moved(compact: Compact, source: int, target: int) -> Compact:
    """Move the commitment at ``source`` so that it ends up at index ``target``."""
    items = list(compact.commitments)
    target = max(0, min(target, len(items) - 1))
    items.insert(target, items.pop(source))
    return dataclasses.replace(compact, commitments=tuple(items))
