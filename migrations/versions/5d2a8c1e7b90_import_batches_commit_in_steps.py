"""question imports: committed in steps, 'running' until done, resumable by upload key

Revision ID: 5d2a8c1e7b90
Revises: 3b7c9e2d4a61
Create Date: 2026-12-03 16:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "5d2a8c1e7b90"
down_revision = "3b7c9e2d4a61"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("question_imports") as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=10), server_default="done", nullable=False))
        batch_op.add_column(sa.Column("source_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("progress_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_question_imports_state"), ["state"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_question_imports_source_key"), ["source_key"])


def downgrade():
    with op.batch_alter_table("question_imports") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_question_imports_source_key"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_question_imports_state"))
        batch_op.drop_column("progress_at")
        batch_op.drop_column("source_key")
        batch_op.drop_column("state")
