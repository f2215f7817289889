"""quiz.results: an index of answers by question, version, response, right and attempt (item analysis)

Revision ID: c4d81f2a9e57
Revises: f6bedc3be860
Create Date: 2026-12-03 17:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c4d81f2a9e57"
down_revision = "f6bedc3be860"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_attempt_items_analysis", "attempt_items",
        ["question_id", "version_id", sa.text("CAST(response AS TEXT)"), "correct", "attempt_id"],
    )


def downgrade():
    op.drop_index("ix_attempt_items_analysis", table_name="attempt_items")
