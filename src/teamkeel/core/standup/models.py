"""Tables of the stand-up log.

One table holds both kinds of entry so the log can be paged, sorted and filtered in a
single indexed query; the people on the other side of an entry (receivers of a kudo,
helpers of a blocker) live in ``standup_person``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from teamkeel.core.storage.base import Base

ROLE_RECEIVER = "receiver"
ROLE_HELPER = "helper"


class StandupEntry(Base):
    __tablename__ = "standup_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # EntryKind value
    day: Mapped[dt.date] = mapped_column(Date)  # the kudo's date / the day a blocker was raised
    # The giver of a kudo, or the owner of a blocker.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    note: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated, case-folded
    # Case-folded note and tags: SQLite's LIKE only folds ASCII, this lets "zoë" find "ZOË".
    search_text: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Optional calendar occurrence; deliberately no foreign key (the calendar is optional).
    ritual_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    occurrence_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    people: Mapped[list[StandupPerson]] = relationship(
        back_populates="entry",
        cascade="all, delete-orphan",
        order_by="StandupPerson.position",
    )

    __table_args__ = (
        Index("ix_standup_entry_day", "day", "id"),
        Index("ix_standup_entry_kind_day", "kind", "day", "id"),
        Index("ix_standup_entry_member_day", "member_id", "day"),
        Index("ix_standup_entry_open", "kind", "resolved_on", "day"),
        CheckConstraint("kind IN ('kudos', 'blocker')", name="kind"),
        CheckConstraint(
            "resolved_on IS NULL OR (kind = 'blocker' AND resolved_on >= day)",
            name="resolved_after_raised",
        ),
    )


class StandupPerson(Base):
    """A receiver of a kudo or a helper of a blocker."""

    __tablename__ = "standup_person"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("standup_entry.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(8))  # ROLE_RECEIVER or ROLE_HELPER
    position: Mapped[int] = mapped_column(Integer, default=0)  # order as typed

    entry: Mapped[StandupEntry] = relationship(back_populates="people")

    __table_args__ = (Index("ix_standup_person_member", "member_id", "entry_id"),)


# What services and the JSON export read of an entry, in this order.
ENTRY_COLUMNS = (
    StandupEntry.id,
    StandupEntry.kind,
    StandupEntry.day,
    StandupEntry.member_id,
    StandupEntry.note,
    StandupEntry.tags,
    StandupEntry.resolved_on,
    StandupEntry.ritual_id,
    StandupEntry.occurrence_date,
    StandupEntry.created_at,
)
