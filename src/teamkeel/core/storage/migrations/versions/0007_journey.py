"""The Journey: listening rounds, starting points, pilot rituals and their feedback, stories.

Revision ID: 0007_journey
Revises: 0003_calendar, 0005_standup
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_journey"
# Pilots and feedback refer to rituals, stories to stand-up entries.
down_revision = ("0003_calendar", "0005_standup")
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, ondelete: str | None = None) -> sa.ForeignKey:
    referred = target.split(".")[0]
    return sa.ForeignKey(target, ondelete=ondelete, name=f"fk_{table}_{column}_{referred}")


def upgrade() -> None:
    op.create_table(
        "listening_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_listening_round"),
    )
    op.create_index("ix_listening_round_held_on", "listening_round", ["held_on"])
    op.create_table(
        "listening_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "round_id",
            sa.Integer(),
            _fk("round_id", "listening_round.id", "listening_answer", "CASCADE"),
            nullable=False,
        ),
        sa.Column("question", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_listening_answer"),
    )
    op.create_index("ix_listening_answer_round_id", "listening_answer", ["round_id"])
    op.create_table(
        "journey_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("model", sa.String(16), nullable=False),
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_id", "ritual.id", "journey_assessment", "SET NULL"),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_journey_assessment"),
        sa.CheckConstraint(
            "model IN ('gym', 'hotline', 'ecosystem')", name="ck_journey_assessment_model"
        ),
    )
    op.create_index("ix_journey_assessment_taken_on", "journey_assessment", ["taken_on"])
    op.create_table(
        "journey_pilot",
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_id", "ritual.id", "journey_pilot", "CASCADE"),
            nullable=False,
        ),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("all_members", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("ritual_id", name="pk_journey_pilot"),
    )
    op.create_table(
        "journey_pilot_member",
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_id", "journey_pilot.ritual_id", "journey_pilot_member", "CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            _fk("member_id", "member.id", "journey_pilot_member"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("ritual_id", "member_id", name="pk_journey_pilot_member"),
    )
    op.create_table(
        "journey_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "ritual_id",
            sa.Integer(),
            _fk("ritual_id", "ritual.id", "journey_feedback", "CASCADE"),
            nullable=False,
        ),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("useful", sa.Text(), nullable=False),
        sa.Column("awkward", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("until_before", sa.Date(), nullable=True),
        sa.Column("count_before", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_journey_feedback"),
        sa.CheckConstraint(
            "decision IN ('keep', 'adjust', 'drop')", name="ck_journey_feedback_decision"
        ),
    )
    op.create_index("ix_journey_feedback_ritual_id", "journey_feedback", ["ritual_id"])
    op.create_table(
        "journey_story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column(
            "entry_id",
            sa.Integer(),
            _fk("entry_id", "standup_entry.id", "journey_story", "SET NULL"),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_journey_story"),
        sa.CheckConstraint(
            "kind IN ('project_win', 'career_step', 'learning')", name="ck_journey_story_kind"
        ),
    )
    op.create_index("ix_journey_story_told_on", "journey_story", ["told_on"])


def downgrade() -> None:
    for table in (
        "journey_story",
        "journey_feedback",
        "journey_pilot_member",
        "journey_pilot",
        "journey_assessment",
        "listening_answer",
        "listening_round",
    ):
        op.drop_table(table)
