"""Rotations: pairing and role rotations, their rules and their rounds.

Revision ID: 0004_rotations
Revises: 0001_roster
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_rotations"
down_revision = "0001_roster"
branch_labels = None
depends_on = None


def _member(column: str, table: str, primary_key: bool = False) -> sa.Column:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("member.id", name=f"fk_{table}_{column}_member"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "rotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("odd_policy", sa.String(8), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("cadence_weeks", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("all_members", sa.Boolean(), nullable=False),
        sa.Column("mix_roles", sa.Boolean(), nullable=False),
        sa.Column("min_overlap_hours", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rotation"),
        sa.UniqueConstraint("name", name="uq_rotation_name"),
        sa.CheckConstraint(
            "kind IN ('pairs', 'cross_check', 'skill_share', 'role', 'groups')",
            name="ck_rotation_kind",
        ),
        sa.CheckConstraint("odd_policy IN ('sit_out', 'trio')", name="ck_rotation_odd_policy"),
        sa.CheckConstraint("cadence_weeks >= 1", name="ck_rotation_cadence"),
    )
    op.create_table(
        "rotation_member",
        sa.Column(
            "rotation_id",
            sa.Integer(),
            sa.ForeignKey(
                "rotation.id", ondelete="CASCADE", name="fk_rotation_member_rotation_id_rotation"
            ),
            nullable=False,
        ),
        _member("member_id", "rotation_member"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("rotation_id", "member_id", name="pk_rotation_member"),
    )
    op.create_table(
        "rotation_never",
        sa.Column(
            "rotation_id",
            sa.Integer(),
            sa.ForeignKey(
                "rotation.id", ondelete="CASCADE", name="fk_rotation_never_rotation_id_rotation"
            ),
            nullable=False,
        ),
        _member("member_a", "rotation_never"),
        _member("member_b", "rotation_never"),
        sa.PrimaryKeyConstraint("rotation_id", "member_a", "member_b", name="pk_rotation_never"),
    )
    op.create_table(
        "rotation_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "rotation_id",
            sa.Integer(),
            sa.ForeignKey(
                "rotation.id", ondelete="CASCADE", name="fk_rotation_round_rotation_id_rotation"
            ),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rotation_round"),
        sa.UniqueConstraint("rotation_id", "number", name="uq_rotation_round_number"),
    )
    op.create_table(
        "rotation_seat",
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey(
                "rotation_round.id",
                ondelete="CASCADE",
                name="fk_rotation_seat_round_id_rotation_round",
            ),
            nullable=False,
        ),
        sa.Column("group_no", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        _member("member_id", "rotation_seat"),
        sa.Column("duty", sa.Boolean(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "group_no", "seat", name="pk_rotation_seat"),
    )
    op.create_index("ix_rotation_seat_member", "rotation_seat", ["member_id"])


def downgrade() -> None:
    op.drop_table("rotation_seat")
    op.drop_table("rotation_round")
    op.drop_table("rotation_never")
    op.drop_table("rotation_member")
    op.drop_table("rotation")
