"""assignments.widened: the paper-audience rows an assignment added, taken back on withdrawal

Revision ID: a4c9e1f07b52
Revises: b7e4d2a9c815
Create Date: 2026-12-03 23:58:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a4c9e1f07b52'
down_revision = 'b7e4d2a9c815'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('widened', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_column('widened')
