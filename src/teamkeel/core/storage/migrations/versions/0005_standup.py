"""The stand-up log: kudos and blockers, and the people on their other side.

Revision ID: 0005_standup
Revises: 0001_roster
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_standup"
down_revision = "0001_roster"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "standup_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("member.id", name="fk_standup_entry_member_id_member"),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False, server_default=""),
        sa.Column("search_text", sa.Text(), nullable=False, server_default=""),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("ritual_id", sa.Integer(), nullable=True),
        sa.Column("occurrence_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_standup_entry"),
        sa.CheckConstraint("kind IN ('kudos', 'blocker')", name="ck_standup_entry_kind"),
        sa.CheckConstraint(
            "resolved_on IS NULL OR (kind = 'blocker' AND resolved_on >= day)",
            name="ck_standup_entry_resolved_after_raised",
        ),
    )
    op.create_index("ix_standup_entry_day", "standup_entry", ["day", "id"])
    op.create_index("ix_standup_entry_kind_day", "standup_entry", ["kind", "day", "id"])
    op.create_index("ix_standup_entry_member_day", "standup_entry", ["member_id", "day"])
    op.create_index("ix_standup_entry_open", "standup_entry", ["kind", "resolved_on", "day"])
    op.create_table(
        "standup_person",
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey(
                "standup_entry.id",
                ondelete="CASCADE",
                name="fk_standup_person_entry_id_standup_entry",
            ),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("member.id", name="fk_standup_person_member_id_member"),
            nullable=False,
        ),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("entry_id", "member_id", name="pk_standup_person"),
    )
    op.create_index("ix_standup_person_member", "standup_person", ["member_id", "entry_id"])


def downgrade() -> None:
    op.drop_table("standup_person")
    op.drop_table("standup_entry")
