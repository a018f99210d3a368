"""Tables of the Journey: listening rounds, starting points, the pilot and its feedback,
and stories.

Listening answers carry no member, no author and no time of their own (the round's date
is the only one), exactly like survey responses. Feedback notes are unnamed too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base


class ListeningRoundRow(Base):
    __tablename__ = "listening_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)

    answers: Mapped[list[ListeningAnswerRow]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="ListeningAnswerRow.id"
    )


class ListeningAnswerRow(Base):
    __tablename__ = "listening_answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("listening_round.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[int] = mapped_column(Integer, default=0)  # 0-based, in the round's list
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)

    round: Mapped[ListeningRoundRow] = relationship(back_populates="answers")


class AssessmentRow(Base):
    """One take of the starting-point self-assessment."""

    __tablename__ = "journey_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_on: Mapped[dt.date] = mapped_column(Date, index=True)
    answers: Mapped[list[int]] = mapped_column(JSON, default=list)
    model: Mapped[str] = mapped_column(String(16))
    # The first step, once the lead added it to the calendar.
    ritual_id: Mapped[int | None] = mapped_column(
        ForeignKey("ritual.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (CheckConstraint("model IN ('gym', 'hotline', 'ecosystem')", name="model"),)


class PilotRow(Base):
    """A ritual the team is trying out, and with whom."""

    __tablename__ = "journey_pilot"

    ritual_id: Mapped[int] = mapped_column(
        ForeignKey("ritual.id", ondelete="CASCADE"), primary_key=True
    )
    since: Mapped[dt.date] = mapped_column(Date)
    all_members: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[PilotMemberRow]] = relationship(
        cascade="all, delete-orphan", order_by="PilotMemberRow.member_id"
    )


class PilotMemberRow(Base):
    __tablename__ = "journey_pilot_member"

    ritual_id: Mapped[int] = mapped_column(
        ForeignKey("journey_pilot.ritual_id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)


class FeedbackRow(Base):
    """One feedback round on a piloted ritual. A "drop" ended the ritual's recurrence;
    ``until_before``/``count_before`` keep the rule it had, so removing the entry (undo)
    puts it back."""

    __tablename__ = "journey_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ritual_id: Mapped[int] = mapped_column(ForeignKey("ritual.id", ondelete="CASCADE"), index=True)
    given_on: Mapped[dt.date] = mapped_column(Date)
    useful: Mapped[str] = mapped_column(Text, default="")
    awkward: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(8))
    change: Mapped[str] = mapped_column(Text, default="")
    until_before: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    count_before: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (CheckConstraint("decision IN ('keep', 'adjust', 'drop')", name="decision"),)


class StoryRow(Base):
    __tablename__ = "journey_story"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    told_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(200))
    # The kudos or resolved blocker it grew from, if any.
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("standup_entry.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        CheckConstraint("kind IN ('project_win', 'career_step', 'learning')", name="kind"),
    )
