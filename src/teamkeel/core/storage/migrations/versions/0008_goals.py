"""Support goals: weekly goals and supportive actions, skill-share projects, blocker
buddies and the outcome basket.

Revision ID: 0008_goals
Revises: 0005_standup
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_goals"
down_revision = "0005_standup"
branch_labels = None
depends_on = None


def _member(column: str, table: str, nullable: bool = False) -> sa.Column:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("member.id", name=f"fk_{table}_{column}_member"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "goal_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        _member("member_id", "goal_item"),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _member("colleague_id", "goal_item", nullable=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column(
            "carried_from_id",
            sa.Integer(),
            sa.ForeignKey(
                "goal_item.id", ondelete="SET NULL", name="fk_goal_item_carried_from_id_goal_item"
            ),
            nullable=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_goal_item"),
        sa.CheckConstraint("kind IN ('deliverable', 'support')", name="ck_goal_item_kind"),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'partly', 'not_done')", name="ck_goal_item_status"
        ),
        sa.CheckConstraint(
            "(kind = 'support') = (colleague_id IS NOT NULL)",
            name="ck_goal_item_support_has_colleague",
        ),
        sa.CheckConstraint(
            "colleague_id IS NULL OR colleague_id <> member_id", name="ck_goal_item_not_self"
        ),
    )
    op.create_index("ix_goal_item_week", "goal_item", ["week_start", "member_id"])
    op.create_index("ix_goal_item_colleague", "goal_item", ["colleague_id", "status"])
    op.create_index(
        "uq_goal_item_one_support",
        "goal_item",
        ["member_id", "week_start"],
        unique=True,
        sqlite_where=sa.text("kind = 'support'"),
    )
    op.create_table(
        "skill_share_project",
        sa.Column("id", sa.Integer(), primary_key=True),
        _member("first_id", "skill_share_project"),
        _member("second_id", "skill_share_project"),
        sa.Column("deliverable", sa.Text(), nullable=False),
        sa.Column("first_goal", sa.Text(), nullable=False),
        sa.Column("second_goal", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("rotation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_skill_share_project"),
        sa.CheckConstraint(
            "status IN ('planned', 'under_way', 'delivered', 'dropped')",
            name="ck_skill_share_project_status",
        ),
        sa.CheckConstraint("first_id <> second_id", name="ck_skill_share_project_two_people"),
    )
    op.create_index("ix_skill_share_project_first", "skill_share_project", ["first_id"])
    op.create_index("ix_skill_share_project_second", "skill_share_project", ["second_id"])
    op.create_table(
        "blocker_buddy",
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey(
                "standup_entry.id",
                ondelete="CASCADE",
                name="fk_blocker_buddy_entry_id_standup_entry",
            ),
            nullable=False,
        ),
        _member("member_id", "blocker_buddy"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name="pk_blocker_buddy"),
    )
    op.create_index("ix_blocker_buddy_member", "blocker_buddy", ["member_id"])
    op.create_table(
        "outcome_metric",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outcome_metric"),
        sa.UniqueConstraint("key", name="uq_outcome_metric_key"),
    )
    op.create_table(
        "outcome_value",
        sa.Column(
            "metric_id",
            sa.Integer(),
            sa.ForeignKey(
                "outcome_metric.id",
                ondelete="CASCADE",
                name="fk_outcome_value_metric_id_outcome_metric",
            ),
            nullable=False,
        ),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("metric_id", "month", name="pk_outcome_value"),
    )


def downgrade() -> None:
    op.drop_table("outcome_value")
    op.drop_table("outcome_metric")
    op.drop_index("ix_blocker_buddy_member", table_name="blocker_buddy")
    op.drop_table("blocker_buddy")
    op.drop_table("skill_share_project")
    op.drop_table("goal_item")
