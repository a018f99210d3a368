"""Storage of the compact: one row per version (the draft has no number).

Commitments and signatures belong to exactly one version; ratifying copies the draft's
rows into a new numbered version, so a ratified version never changes afterwards.
Signatures keep the member's name as it was when they agreed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class CompactVersionRow(Base):
    __tablename__ = "compact_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL for the draft; SQLite's UNIQUE allows the one NULL alongside the numbers.
    number: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    team_name: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    review_cadence: Mapped[str] = mapped_column(String(20), default="quarterly")
    next_review: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ratified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    commitments: Mapped[list[CompactCommitmentRow]] = relationship(
        back_populates="version",
        cascade="all, delete-orphan",
        order_by="CompactCommitmentRow.position",
        lazy="selectin",
    )
    signatures: Mapped[list[CompactSignatureRow]] = relationship(
        back_populates="version",
        cascade="all, delete-orphan",
        order_by="CompactSignatureRow.id",
        lazy="selectin",
    )


class CompactCommitmentRow(Base):
    __tablename__ = "compact_commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("compact_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(32))
    statement: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(100))
    norm_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    norm_unit: Mapped[str] = mapped_column(String(100), default="")

    version: Mapped[CompactVersionRow] = relationship(back_populates="commitments")


class CompactSignatureRow(Base):
    __tablename__ = "compact_signature"
    __table_args__ = (UniqueConstraint("version_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("compact_version.id", ondelete="CASCADE"), index=True
    )
    # No cascade: a member who signed a compact has history and is archived, not deleted.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    member_name: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[dt.date] = mapped_column(Date)

    version: Mapped[CompactVersionRow] = relationship(back_populates="signatures")
