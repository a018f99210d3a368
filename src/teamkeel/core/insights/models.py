"""Tables of the psychological safety survey.

Anonymity is built into the shape: a response has no member, no author and no time of
its own; the only date is the round's.  Answers are stored in shuffled order so the row
order does not reveal who handed in which sheet.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base

ANSWER_COLUMNS = tuple(f"item{i}" for i in range(1, 8))


class SurveyRoundRow(Base):
    __tablename__ = "survey_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    label: Mapped[str] = mapped_column(String(200), default="")

    responses: Mapped[list[SurveyResponseRow]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )


class SurveyResponseRow(Base):
    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    item1: Mapped[int] = mapped_column(SmallInteger)
    item2: Mapped[int] = mapped_column(SmallInteger)
    item3: Mapped[int] = mapped_column(SmallInteger)
    item4: Mapped[int] = mapped_column(SmallInteger)
    item5: Mapped[int] = mapped_column(SmallInteger)
    item6: Mapped[int] = mapped_column(SmallInteger)
    item7: Mapped[int] = mapped_column(SmallInteger)

    round: Mapped[SurveyRoundRow] = relationship(back_populates="responses")

    __table_args__ = tuple(
        CheckConstraint(f"{c} BETWEEN 1 AND 7", name=f"{c}_on_scale") for c in ANSWER_COLUMNS
    )

    def answers(self) -> tuple[int, ...]:
        return tuple(getattr(self, c) for c in ANSWER_COLUMNS)
