"""attempt items: an unconfirmed answer of an instant-feedback sitting kept as a draft

Revision ID: e9c3a7d1b452
Revises: d4f7b2a6c910
Create Date: 2026-12-05 14:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = "e9c3a7d1b452"
down_revision = "d4f7b2a6c910"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attempt_items") as batch_op:
        batch_op.add_column(sa.Column("draft", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("attempt_items") as batch_op:
        batch_op.drop_column("draft")
