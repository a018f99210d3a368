"""Storage of rituals: the rule on the ritual row, people in three small tables.

Attendees, the facilitator rotation and per-occurrence swaps reference `member.id`,
so a member with rituals cannot silently disappear; skipped dates are a JSON list of
ISO dates (they never refer to anything else).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class RitualRow(Base):
    __tablename__ = "ritual"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    start: Mapped[dt.datetime] = mapped_column(DateTime)  # naive local wall time
    timezone: Mapped[str] = mapped_column(String(64))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    freq: Mapped[str] = mapped_column(String(20))
    interval: Mapped[int] = mapped_column(Integer, default=1)
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=list)
    nth: Mapped[int | None] = mapped_column(Integer, nullable=True)
    until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    skipped: Mapped[list[str]] = mapped_column(JSON, default=list)
    all_attendees: Mapped[bool] = mapped_column(Boolean, default=True)
    location: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    attendees: Mapped[list[RitualAttendeeRow]] = relationship(
        cascade="all, delete-orphan", order_by="RitualAttendeeRow.member_id", lazy="selectin"
    )
    rotation: Mapped[list[RitualFacilitatorRow]] = relationship(
        cascade="all, delete-orphan", order_by="RitualFacilitatorRow.position", lazy="selectin"
    )
    swaps: Mapped[list[RitualSwapRow]] = relationship(
        cascade="all, delete-orphan", order_by="RitualSwapRow.day", lazy="selectin"
    )


class RitualAttendeeRow(Base):
    __tablename__ = "ritual_attendee"

    ritual_id: Mapped[int] = mapped_column(
        ForeignKey("ritual.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)


class RitualFacilitatorRow(Base):
    """One place in a ritual's facilitator rotation."""

    __tablename__ = "ritual_facilitator"

    ritual_id: Mapped[int] = mapped_column(
        ForeignKey("ritual.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)


class RitualSwapRow(Base):
    """The lead handed the occurrence on `day` (local date) to `member_id`."""

    __tablename__ = "ritual_swap"

    ritual_id: Mapped[int] = mapped_column(
        ForeignKey("ritual.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
