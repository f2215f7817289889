"""Approving every draft a bank filter finds at once: a mine's own bank of a thousand imported
questions is approved in one step instead of page after page of ticked boxes.

The drafts are approved in short transactions of APPROVE_ROWS questions (as an import commits
in short batches, `quiz.bank.imports`), each audited as the bulk action's approval is, so the
server's other writers (sign-ins, answers) interleave on SQLite.
"""

from __future__ import annotations

import time

from sqlalchemy import func, select

from core.db import db
from quiz.bank import service
from quiz.bank.browse import BankFilter, filtered
from quiz.bank.imports import COMMIT_PAUSE_SECONDS
from quiz.bank.models import Question

APPROVE_ROWS = 200


def _draft_ids(f: BankFilter, upto: int | None = None):
    query = filtered(f).where(Question.status == "draft")
    if upto is not None:  # drafts added after the trainer saw the count are left for another look
        query = query.where(Question.id <= upto)
    return query.with_only_columns(Question.id).order_by(Question.id)


def count_drafts(f: BankFilter) -> tuple[int, int | None]:
    """How many drafts the filter finds, and the highest id among them (what a confirmation covers)."""
    ids = _draft_ids(f).order_by(None).subquery()
    count, highest = db.session.execute(select(func.count(), func.max(ids.c.id))).one()
    return count or 0, highest


def approve_filtered(f: BankFilter, *, upto: int | None, user_id: int | None,
                     rows: int | None = None) -> tuple[int, int]:
    """Approve the drafts the filter finds (up to id `upto`), committing every `rows` questions;
    returns how many were approved, and how many of those are practice-only (仅供练习: no exam draws them)."""
    ids = list(db.session.scalars(_draft_ids(f, upto)))
    db.session.commit()  # nothing read is held across the batches
    approved, practice_only, rows = 0, 0, rows or APPROVE_ROWS
    for start in range(0, len(ids), rows):
        chunk = ids[start:start + rows]
        questions = list(db.session.scalars(select(Question).where(Question.id.in_(chunk), Question.status == "draft")))
        practice_only += sum(1 for q in questions if q.practice_only)
        approved += service.set_status(questions, "approved", user_id=user_id)
        db.session.commit()
        if db.session.get_bind().dialect.name == "sqlite":
            time.sleep(COMMIT_PAUSE_SECONDS)
    return approved, practice_only
