"""The ritual calendar: rituals, their attendees, facilitator rotations and swaps.

Revision ID: 0003_calendar
Revises: 0001_roster
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_calendar"
down_revision = "0001_roster"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, **kw) -> sa.ForeignKey:
    ref = target.split(".")[0]
    return sa.ForeignKey(target, name=f"fk_{table}_{column}_{ref}", **kw)


def upgrade() -> None:
    op.create_table(
        "ritual",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("freq", sa.String(20), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("nth", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("skipped", sa.JSON(), nullable=False),
        sa.Column("all_attendees", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("location", sa.String(500), nullable=False, server_default=""),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.Column(
            "facilitator_id",
            sa.Integer(),
            _fk("ritual", "facilitator_id", "member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("uid", name="uq_ritual_uid"),
    )
    op.create_table(
        "ritual_attendee",
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_attendee", "ritual_id", "ritual.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            _fk("ritual_attendee", "member_id", "member.id"),
            primary_key=True,
        ),
    )
    op.create_table(
        "ritual_facilitator",
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_facilitator", "ritual_id", "ritual.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "member_id",
            sa.Integer(),
            _fk("ritual_facilitator", "member_id", "member.id"),
            nullable=False,
        ),
    )
    op.create_index("ix_ritual_facilitator_member_id", "ritual_facilitator", ["member_id"])
    op.create_table(
        "ritual_swap",
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_swap", "ritual_id", "ritual.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column(
            "member_id", sa.Integer(), _fk("ritual_swap", "member_id", "member.id"), nullable=False
        ),
    )
    op.create_index("ix_ritual_swap_member_id", "ritual_swap", ["member_id"])


def downgrade() -> None:
    op.drop_table("ritual_swap")
    op.drop_table("ritual_facilitator")
    op.drop_table("ritual_attendee")
    op.drop_table("ritual")
