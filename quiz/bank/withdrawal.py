"""Taking questions out of every paper's pool — 停用, 退回草稿, or deleting the document they cite (which sends
them to review) — and what that does to the papers still open: every path that withdraws questions asks
`consequences` first (the bank's list and question page, the edit form's 状态, 生成题审核's 退回, the library's
removal step), so the trainer confirms one and the same account wherever he acts.

The bank cannot import the features built on it (quiz.taking computes what happens to its papers): they say
how through app.extensions["question_withdrawal_checks"], callables (question ids, user, now, action) -> lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask import current_app

from accounts.models import User
from core.db import db
from quiz.bank import citations
from quiz.bank.models import Question

# Statuses that take a question out of every paper's pool: an open paper using one is asked about first.
WITHDRAWN = ("retired", "draft")
ACTIONS = {"retired": "停用", "draft": "退回草稿"}


def withdrawn_ids(questions: Iterable[Question], status: str) -> list[int]:
    """The questions setting `status` would take out of the pools: none for a status that keeps them in,
    else those not already in it."""
    if status not in WITHDRAWN:
        return []
    return [q.id for q in questions if q.status != status]


def consequences(question_ids: Iterable[int], user: User, now: datetime, action: str = "停用") -> list[str]:
    """What withdrawing the questions (by `action`: 停用, 退回草稿, 删除文档) does to the papers still open, as
    the confirmation page's lines; none when it touches nothing open (go ahead without asking)."""
    ids = list(dict.fromkeys(question_ids))
    if not ids:
        return []
    return [line for check in current_app.extensions.get("question_withdrawal_checks", ())
            for line in check(ids, user, now, action)]


def status_consequences(questions: Iterable[Question], status: str, user: User, now: datetime) -> list[str]:
    """`consequences` of setting `status` on the questions (none for approving, or when none changes)."""
    return consequences(withdrawn_ids(questions, status), user, now, ACTIONS.get(status, "停用"))


def removal_consequences(document_id: int, user: User, now: datetime) -> list[str]:
    """`consequences` of deleting a document: the questions it sends to review (quiz.bank.citations.
    flagged_by_removal, the rule the deletion flags by) that are not already awaiting it leave every pool."""
    leaving = citations.flagged_by_removal(document_id).where(Question.stale.is_(False))
    return consequences(db.session.scalars(leaving.with_only_columns(Question.id).order_by(Question.id)),
                        user, now, "删除文档")
