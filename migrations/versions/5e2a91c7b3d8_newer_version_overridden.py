"""documents: a newer version set or cleared by an admin wins over the register of newer versions

Revision ID: 5e2a91c7b3d8
Revises: 95a95d4600f9
Create Date: 2026-12-03 20:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "5e2a91c7b3d8"
down_revision = "95a95d4600f9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(
            sa.Column("newer_version_overridden", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("newer_version_overridden")
