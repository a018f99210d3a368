"""Rotations: a rotation may meet at a calendar ritual (one start, one cadence).

Revision ID: 0009_rotation_ritual
Revises: 0004_rotations, 0003_calendar
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_rotation_ritual"
down_revision = ("0004_rotations", "0003_calendar")
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rotation") as batch:
        batch.add_column(
            sa.Column(
                "ritual_id",
                sa.Integer(),
                sa.ForeignKey(
                    "ritual.id", ondelete="SET NULL", name="fk_rotation_ritual_id_ritual"
                ),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("rotation") as batch:
        batch.drop_column("ritual_id")
