"""contests.cancelled_at: a contest is cancelled when it is cancelled, not whenever its paper is stopped

Until now a contest read as 已取消 whenever its paper was stopped (停用), even when the paper was
stopped long after the contest had ended — a trainer tidying old papers took the published ranking
away. The contest now records when it was cancelled. Contests whose paper is already stopped keep
reading 已取消 (when it was stopped is not known), so nothing shown changes on upgrade.

Revision ID: 7c1f0e9a2b34
Revises: 0e2606dbdb33
Create Date: 2026-12-05 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "7c1f0e9a2b34"
down_revision = "0e2606dbdb33"
branch_labels = None
depends_on = None

contests = sa.table("contests", sa.column("paper_id", sa.Integer), sa.column("cancelled_at", sa.DateTime))
papers = sa.table("papers", sa.column("id", sa.Integer), sa.column("status", sa.String))


def upgrade():
    with op.batch_alter_table("contests") as batch_op:
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(), nullable=True))
    stopped = sa.select(papers.c.id).where(papers.c.status == "archived")
    op.execute(sa.update(contests).where(contests.c.paper_id.in_(stopped)).values(cancelled_at=sa.func.now()))


def downgrade():
    with op.batch_alter_table("contests") as batch_op:
        batch_op.drop_column("cancelled_at")
