"""The Team Support Compact: versions, their commitments and signatures.

Revision ID: 0002_compact
Revises: 0001_roster
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_compact"
down_revision = "0001_roster"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compact_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("team_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("purpose", sa.Text(), nullable=False, server_default=""),
        sa.Column("review_cadence", sa.String(20), nullable=False, server_default="quarterly"),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("ratified_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("number", name="uq_compact_version_number"),
    )
    op.create_table(
        "compact_commitment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "version_id",
            sa.Integer(),
            sa.ForeignKey(
                "compact_version.id",
                ondelete="CASCADE",
                name="fk_compact_commitment_version_id_compact_version",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(100), nullable=False),
        sa.Column("norm_value", sa.Float(), nullable=True),
        sa.Column("norm_unit", sa.String(100), nullable=False, server_default=""),
    )
    op.create_index("ix_compact_commitment_version_id", "compact_commitment", ["version_id"])
    op.create_table(
        "compact_signature",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "version_id",
            sa.Integer(),
            sa.ForeignKey(
                "compact_version.id",
                ondelete="CASCADE",
                name="fk_compact_signature_version_id_compact_version",
            ),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("member.id", name="fk_compact_signature_member_id_member"),
            nullable=False,
        ),
        sa.Column("member_name", sa.String(200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.UniqueConstraint("version_id", "member_id", name="uq_compact_signature_version_id"),
    )
    op.create_index("ix_compact_signature_version_id", "compact_signature", ["version_id"])
    op.create_index("ix_compact_signature_member_id", "compact_signature", ["member_id"])


def downgrade() -> None:
    op.drop_table("compact_signature")
    op.drop_table("compact_commitment")
    op.drop_table("compact_version")
