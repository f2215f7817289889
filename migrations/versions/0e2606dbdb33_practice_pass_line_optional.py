"""papers.pass_score nullable: a practice paper may have a pass line (及格线) or none

Until now every paper stored a pass mark, but only an exam's was ever used: a practice's was 80 by
default (or an exam's old mark, kept when a trainer switched the paper to practice) and none of its
sittings was 合格 or 不合格. A practice paper may now set a pass line or leave it empty; the practice
papers stored before had none in effect, so their mark becomes NULL. Their sittings already stored
none (attempts.pass_score was NULL for every practice sitting), so no result changes meaning.

Downgrade gives every paper without a pass mark the old default, 80.

Revision ID: 0e2606dbdb33
Revises: e9c3a7d1b452
Create Date: 2026-12-06 10:00:00

"""
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0e2606dbdb33"
down_revision = "e9c3a7d1b452"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(precision=8, scale=2)
papers = sa.table("papers", sa.column("mode", sa.String), sa.column("pass_score", MONEY))


def upgrade():
    with op.batch_alter_table("papers") as batch_op:
        batch_op.alter_column("pass_score", existing_type=MONEY, nullable=True)
    op.execute(sa.update(papers).where(papers.c.mode == "practice").values(pass_score=None))


def downgrade():
    op.execute(sa.update(papers).where(papers.c.pass_score.is_(None)).values(pass_score=Decimal(80)))
    with op.batch_alter_table("papers") as batch_op:
        batch_op.alter_column("pass_score", existing_type=MONEY, nullable=False)
