"""login failures: a claim still being checked counts against the 工号, not yet against the address

Revision ID: d7a3c5e9b214
Revises: c4d81f2a9e57
Create Date: 2026-12-03 17:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = "d7a3c5e9b214"
down_revision = "c4d81f2a9e57"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("login_failures") as batch_op:
        batch_op.add_column(sa.Column("settled", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table("login_failures") as batch_op:
        batch_op.drop_column("settled")
