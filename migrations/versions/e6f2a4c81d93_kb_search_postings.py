"""kb_search_postings: the PostgreSQL search backend's words by word (kb.pgsearch), filled from
the entries an existing index already holds

Revision ID: e6f2a4c81d93
Revises: b1d5f3a8c027
Create Date: 2026-12-04 07:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e6f2a4c81d93'
down_revision = 'b1d5f3a8c027'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kb_search_postings',
        sa.Column('term', sa.Text(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('tf', sa.Integer(), nullable=False),
        sa.Column('length', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_kb_search_postings_article_id_articles'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('term', 'article_id', name=op.f('pk_kb_search_postings')),
    )
    with op.batch_alter_table('kb_search_postings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_search_postings_article_id'), ['article_id'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':  # an index built before this revision keeps working
        op.execute(
            "INSERT INTO kb_search_postings (term, article_id, document_id, tf, length)"
            " SELECT c.key, e.article_id, e.document_id, CAST(c.value AS integer), e.length"
            " FROM kb_search_entries e CROSS JOIN LATERAL jsonb_each_text(e.counts) c ORDER BY c.key, e.article_id"
        )


def downgrade():
    with op.batch_alter_table('kb_search_postings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_search_postings_article_id'))
    op.drop_table('kb_search_postings')
