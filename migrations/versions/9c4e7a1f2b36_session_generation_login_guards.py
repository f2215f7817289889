"""users: session generation (sign-out and a new password end sessions); login guards
(sign-in attempts counted one at a time per 工号 and address)

Revision ID: 9c4e7a1f2b36
Revises: 5d2a8c1e7b90
Create Date: 2026-12-03 16:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = "9c4e7a1f2b36"
down_revision = "5d2a8c1e7b90"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "login_guards",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("touched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_guards")),
    )
    with op.batch_alter_table("login_guards") as batch_op:
        batch_op.create_index(batch_op.f("ix_login_guards_touched_at"), ["touched_at"], unique=False)


def downgrade():
    with op.batch_alter_table("login_guards") as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_guards_touched_at"))
    op.drop_table("login_guards")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("session_generation")
