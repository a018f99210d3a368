"""Tables of the rotations: the rotation, its members and rules, and its rounds.

A round is stored seat by seat: ``group_no`` says which group a seat belongs to (-1 for a
member who sits the round out) and ``seat`` its place in the group (for cross-check
partners 0 is the reviewer, 1 the author). ``duty`` marks who had the odd-one-out duty
(sat out, or joined a pair as a trio's third); ``pinned`` marks seats of a group the lead
pinned, which re-planning keeps.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base

SIT_OUT_GROUP = -1


class RotationRow(Base):
    __tablename__ = "rotation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # planner.Kind value
    odd_policy: Mapped[str] = mapped_column(String(8), default="sit_out")
    group_size: Mapped[int] = mapped_column(Integer, default=3)
    cadence_weeks: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[dt.date] = mapped_column(Date)
    all_members: Mapped[bool] = mapped_column(Boolean, default=True)
    mix_roles: Mapped[bool] = mapped_column(Boolean, default=False)
    min_overlap_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The calendar ritual the rounds meet at: its start and cadence are the rotation's
    # (see teamkeel.core.rotations.link). Deleting the ritual unlinks the rotation.
    ritual_id: Mapped[int | None] = mapped_column(
        ForeignKey("ritual.id", ondelete="SET NULL"), nullable=True
    )

    members: Mapped[list[RotationMemberRow]] = relationship(
        cascade="all, delete-orphan", order_by="RotationMemberRow.position"
    )
    never: Mapped[list[RotationNeverRow]] = relationship(cascade="all, delete-orphan")
    rounds: Mapped[list[RotationRoundRow]] = relationship(
        cascade="all, delete-orphan", order_by="RotationRoundRow.number"
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('pairs', 'cross_check', 'skill_share', 'role', 'groups')", name="kind"
        ),
        CheckConstraint("odd_policy IN ('sit_out', 'trio')", name="odd_policy"),
        CheckConstraint("cadence_weeks >= 1", name="cadence"),
    )


class RotationMemberRow(Base):
    """A chosen member of a rotation that does not simply take all active members."""

    __tablename__ = "rotation_member"

    rotation_id: Mapped[int] = mapped_column(
        ForeignKey("rotation.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RotationNeverRow(Base):
    """Two members the lead never wants together in this rotation."""

    __tablename__ = "rotation_never"

    rotation_id: Mapped[int] = mapped_column(
        ForeignKey("rotation.id", ondelete="CASCADE"), primary_key=True
    )
    member_a: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)
    member_b: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)


class RotationRoundRow(Base):
    __tablename__ = "rotation_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rotation_id: Mapped[int] = mapped_column(ForeignKey("rotation.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 0-based; the day follows from the cadence
    day: Mapped[dt.date] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    seats: Mapped[list[RotationSeatRow]] = relationship(
        cascade="all, delete-orphan",
        order_by=lambda: [RotationSeatRow.group_no, RotationSeatRow.seat],
    )

    __table_args__ = (UniqueConstraint("rotation_id", "number", name="uq_rotation_round_number"),)


class RotationSeatRow(Base):
    __tablename__ = "rotation_seat"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("rotation_round.id", ondelete="CASCADE"), primary_key=True
    )
    group_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    seat: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    duty: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_rotation_seat_member", "member_id"),)
