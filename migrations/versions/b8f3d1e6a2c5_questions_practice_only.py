"""questions.practice_only: a generated question from unreviewed material never reaches an exam

The hazard generators record inputs["exam_ready"] = False for a question built on a catalogue entry or
rule that is not yet reviewed (HAZARDS.md §6: 未审核的条目只进练习，不进考试), but the exam draw only
checked status == "approved", so approving such a question put it into exam papers. The flag is now a
column the bank's rule (quiz.bank.usable.exam_questions) reads in SQL; this backfills it from every
generation record whose inputs say exam_ready is false.

Revision ID: b8f3d1e6a2c5
Revises: b8e4c2d7f319
Create Date: 2026-12-06 00:40:00

"""
import json

import sqlalchemy as sa
from alembic import op

revision = "b8f3d1e6a2c5"
down_revision = "b8e4c2d7f319"
branch_labels = None
depends_on = None

questions = sa.table("questions", sa.column("id", sa.Integer), sa.column("practice_only", sa.Boolean))
records = sa.table("question_generation", sa.column("question_id", sa.Integer), sa.column("inputs", sa.JSON))


def upgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.add_column(sa.Column("practice_only", sa.Boolean(), nullable=False, server_default=sa.false()))
    bind = op.get_bind()
    flagged = []
    for question_id, inputs in bind.execute(sa.select(records.c.question_id, records.c.inputs)):
        if isinstance(inputs, str):  # a driver that hands JSON back as text
            inputs = json.loads(inputs or "{}")
        if isinstance(inputs, dict) and inputs.get("exam_ready") is False:
            flagged.append(question_id)
    for start in range(0, len(flagged), 500):
        bind.execute(sa.update(questions).where(questions.c.id.in_(flagged[start:start + 500]))
                     .values(practice_only=True))


def downgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_column("practice_only")
