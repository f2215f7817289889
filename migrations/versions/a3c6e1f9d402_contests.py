"""contests: a timed contest among teams on a paper of its own, and its teams

Revision ID: a3c6e1f9d402
Revises: 5e2a91c7b3d8
Create Date: 2026-12-03 20:15:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a3c6e1f9d402"
down_revision = "5e2a91c7b3d8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("source_paper_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("top_n", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["paper_id"], ["papers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_paper_id"], ["papers.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contests") as batch_op:
        batch_op.create_index(batch_op.f("ix_contests_paper_id"), ["paper_id"], unique=False)
    op.create_table(
        "contest_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "team_id"),
    )
    with op.batch_alter_table("contest_teams") as batch_op:
        batch_op.create_index(batch_op.f("ix_contest_teams_contest_id"), ["contest_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contest_teams_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("contest_teams") as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_teams_team_id"))
        batch_op.drop_index(batch_op.f("ix_contest_teams_contest_id"))
    op.drop_table("contest_teams")
    with op.batch_alter_table("contests") as batch_op:
        batch_op.drop_index(batch_op.f("ix_contests_paper_id"))
    op.drop_table("contests")
