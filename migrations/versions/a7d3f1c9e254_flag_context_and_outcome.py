"""question_flags: what the worker saw (option order, his answer) and how the report was settled

Options are shuffled per person, so a worker's 纠错 "答案B有误" means his own B: the report now keeps
the order he saw (the version's option keys as shown A, B, C …) and his answer at the time, and, once a
trainer settles it, the outcome (fixed / rejected) the worker reads. Older reports keep NULL: no context
was recorded; a resolved one reads as fixed.

Revision ID: a7d3f1c9e254
Revises: 4e8b2d6f1a37
Create Date: 2026-12-05 21:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a7d3f1c9e254"
down_revision = "4e8b2d6f1a37"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("question_flags") as batch_op:
        batch_op.add_column(sa.Column("option_order", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("response", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("question_flags") as batch_op:
        batch_op.drop_column("outcome")
        batch_op.drop_column("response")
        batch_op.drop_column("option_order")
