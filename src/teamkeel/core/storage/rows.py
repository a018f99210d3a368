"""Small helpers every service's ORM code shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from teamkeel.core.errors import KeelError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RowT = TypeVar("RowT")


def row_or_refuse(s: Session, model: type[RowT], row_id: int, missing: str) -> RowT:
    """The row of ``model`` with this id; a ``KeelError`` saying ``missing`` (one line,
    e.g. "There is no member with id 7.") when there is none."""
    row = s.get(model, row_id)
    if row is None:
        raise KeelError(missing)
    return row
