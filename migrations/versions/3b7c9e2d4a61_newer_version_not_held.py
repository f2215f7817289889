"""documents: a newer version in force that the library does not hold

Revision ID: 3b7c9e2d4a61
Revises: f8e1099c0276
Create Date: 2026-11-26 00:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "3b7c9e2d4a61"
down_revision = "f8e1099c0276"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("newer_version", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("newer_version_effective", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("newer_version_effective")
        batch_op.drop_column("newer_version")
