"""kb_confirmed_answers: articles trainers confirmed as the answers to workers' questions (kb.confirmed)

Revision ID: d2f7a9c4e183
Revises: a3c7e5b90d12
Create Date: 2026-12-05 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd2f7a9c4e183'
down_revision = 'a3c7e5b90d12'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kb_confirmed_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=500), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("citation", sa.String(length=300), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=50), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_kb_confirmed_answers_article_id_articles"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_kb_confirmed_answers_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_confirmed_answers")),
        sa.UniqueConstraint("key", name=op.f("uq_kb_confirmed_answers_key")),
    )
    with op.batch_alter_table("kb_confirmed_answers") as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_confirmed_answers_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_confirmed_answers_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("kb_confirmed_answers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_confirmed_answers_user_id"))
        batch_op.drop_index(batch_op.f("ix_kb_confirmed_answers_article_id"))
    op.drop_table("kb_confirmed_answers")
