"""Insights: anonymous psychological safety survey rounds and their responses.

Revision ID: 0006_insights
Revises: 0005_standup
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_insights"
down_revision = "0005_standup"
branch_labels = None
depends_on = None

ITEMS = [f"item{i}" for i in range(1, 8)]


def upgrade() -> None:
    op.create_table(
        "survey_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_survey_round_held_on", "survey_round", ["held_on"])
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey(
                "survey_round.id",
                ondelete="CASCADE",
                name="fk_survey_response_round_id_survey_round",
            ),
            nullable=False,
        ),
        *[sa.Column(c, sa.SmallInteger(), nullable=False) for c in ITEMS],
        *[sa.CheckConstraint(f"{c} BETWEEN 1 AND 7", name=f"{c}_on_scale") for c in ITEMS],
    )
    op.create_index("ix_survey_response_round_id", "survey_response", ["round_id"])


def downgrade() -> None:
    op.drop_table("survey_response")
    op.drop_table("survey_round")
