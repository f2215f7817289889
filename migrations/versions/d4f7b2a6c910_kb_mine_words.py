"""kb_mine_words: the mine's own synonym lines (本矿用语), kept by trainers in the app, and
kb_word_rebuilds: the last index rebuild asked for from their page, and kb_search_state.mine_words:
the lines the PostgreSQL search tables were built with (kb.mine_words, kb.word_rebuild)

Revision ID: d4f7b2a6c910
Revises: d2f7a9c4e183
Create Date: 2026-12-05 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4f7b2a6c910'
down_revision = 'd2f7a9c4e183'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kb_mine_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_kb_mine_words_created_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_mine_words")),
        sa.UniqueConstraint("line", name=op.f("uq_kb_mine_words_line")),
    )
    with op.batch_alter_table("kb_mine_words") as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_mine_words_created_by"), ["created_by"], unique=False)
    op.create_table(
        "kb_word_rebuilds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.String(length=300), nullable=False),
        sa.Column("host", sa.String(length=100), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("started_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["started_by"], ["users.id"], name=op.f("fk_kb_word_rebuilds_started_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_word_rebuilds")),
    )

    with op.batch_alter_table("kb_search_state") as batch_op:
        batch_op.add_column(sa.Column("mine_words", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("kb_search_state") as batch_op:
        batch_op.drop_column("mine_words")
    op.drop_table("kb_word_rebuilds")
    with op.batch_alter_table("kb_mine_words") as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_mine_words_created_by"))
    op.drop_table("kb_mine_words")
