"""inspection findings (隐患排查): batches and findings with their 依据 and major-hazard call

Revision ID: e2b9f4c7a310
Revises: c5d8e2f17a40
Create Date: 2026-12-03 20:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = "e2b9f4c7a310"
down_revision = "c5d8e2f17a40"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "inspection_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_inspection_batches_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_batches")),
    )
    with op.batch_alter_table("inspection_batches") as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_batches_created_by_id"), ["created_by_id"], unique=False)
    op.create_table(
        "inspection_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=120), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("citation", sa.String(length=300), nullable=False),
        sa.Column("basis_status", sa.String(length=20), nullable=False),
        sa.Column("basis_excerpt", sa.Text(), nullable=False),
        sa.Column("basis_chosen", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("major_item", sa.String(length=40), nullable=True),
        sa.Column("major_version", sa.Integer(), nullable=True),
        sa.Column("major_label", sa.String(length=100), nullable=False),
        sa.Column("major_note", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["inspection_batches.id"],
                                name=op.f("fk_inspection_findings_batch_id_inspection_batches")),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_inspection_findings_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_findings")),
    )
    with op.batch_alter_table("inspection_findings") as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_findings_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_inspection_findings_team_found", ["team_id", "found_on"], unique=False)


def downgrade():
    with op.batch_alter_table("inspection_findings") as batch_op:
        batch_op.drop_index("ix_inspection_findings_team_found")
        batch_op.drop_index(batch_op.f("ix_inspection_findings_batch_id"))
    op.drop_table("inspection_findings")
    with op.batch_alter_table("inspection_batches") as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_batches_created_by_id"))
    op.drop_table("inspection_batches")
