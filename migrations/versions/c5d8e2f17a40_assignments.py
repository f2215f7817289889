"""assignments: papers and practice sets assigned with a deadline, their audience, practice attempts

Revision ID: c5d8e2f17a40
Revises: a3c6e1f9d402
Create Date: 2026-12-03 20:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c5d8e2f17a40"
down_revision = "a3c6e1f9d402"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=True),
        sa.Column("practice", sa.JSON(), nullable=True),
        sa.Column("site", sa.String(length=50), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["paper_id"], ["papers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_paper_id"), ["paper_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_due_at"), ["due_at"], unique=False)
    op.create_table(
        "assignment_audience",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("job", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["work_units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignment_audience") as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_audience_assignment_id"), ["assignment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_audience_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_audience_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "assignment_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id"),
    )
    with op.batch_alter_table("assignment_attempts") as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_attempts_assignment_id"), ["assignment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_attempts_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("assignment_attempts") as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_attempts_user_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_attempts_assignment_id"))
    op.drop_table("assignment_attempts")
    with op.batch_alter_table("assignment_audience") as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_audience_unit_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_audience_team_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_audience_assignment_id"))
    op.drop_table("assignment_audience")
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_due_at"))
        batch_op.drop_index(batch_op.f("ix_assignments_paper_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_kind"))
    op.drop_table("assignments")
