"""Tables of support goals: weekly goals, skill-share projects, buddies, outcomes.

A weekly goal is one row per item: a member's deliverable, or their one supportive action
for a named colleague (at most one per member and week, enforced by a partial unique
index). A carried-over item points at the item it continues.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import Mapped, mapped_column

from teamkeel.core.storage.base import Base

KIND_DELIVERABLE = "deliverable"
KIND_SUPPORT = "support"


class GoalItemRow(Base):
    __tablename__ = "goal_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    week_start: Mapped[dt.date] = mapped_column(Date)  # the Monday of the ISO week
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    colleague_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(8), default="open")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal_item.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_goal_item_week", "week_start", "member_id"),
        Index("ix_goal_item_colleague", "colleague_id", "status"),
        Index(
            "uq_goal_item_one_support",
            "member_id",
            "week_start",
            unique=True,
            sqlite_where=sql_text("kind = 'support'"),
        ),
        CheckConstraint("kind IN ('deliverable', 'support')", name="kind"),
        CheckConstraint("status IN ('open', 'done', 'partly', 'not_done')", name="status"),
        CheckConstraint(
            "(kind = 'support') = (colleague_id IS NOT NULL)", name="support_has_colleague"
        ),
        CheckConstraint("colleague_id IS NULL OR colleague_id <> member_id", name="not_self"),
    )


class SkillShareRow(Base):
    """A skill-share micro-project between two partners."""

    __tablename__ = "skill_share_project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    second_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    deliverable: Mapped[str] = mapped_column(Text)
    first_goal: Mapped[str] = mapped_column(Text, default="")  # from the roster's goals
    second_goal: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    outcome: Mapped[str] = mapped_column(Text, default="")
    delivered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The rotation round the pair came from; no foreign key (rotations are optional).
    rotation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_skill_share_project_first", "first_id"),
        Index("ix_skill_share_project_second", "second_id"),
        CheckConstraint(
            "status IN ('planned', 'under_way', 'delivered', 'dropped')", name="status"
        ),
        CheckConstraint("first_id <> second_id", name="two_people"),
    )


class BuddyChoiceRow(Base):
    """The buddy the lead picked for a blocker (one per blocker)."""

    __tablename__ = "blocker_buddy"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("standup_entry.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    chosen_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_blocker_buddy_member", "member_id"),)


class OutcomeMetricRow(Base):
    """A metric of the outcome basket: the five built-in ones and the lead's own."""

    __tablename__ = "outcome_metric"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(40), default="")
    builtin: Mapped[bool] = mapped_column(default=False)


class OutcomeValueRow(Base):
    __tablename__ = "outcome_value"

    metric_id: Mapped[int] = mapped_column(
        ForeignKey("outcome_metric.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    value: Mapped[float] = mapped_column(Float)
