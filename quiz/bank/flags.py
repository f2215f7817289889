"""Workers' error reports on questions (纠错): raise, list for trainers, resolve. Functions flush."""

from __future__ import annotations

from sqlalchemy import func, select

from core.db import db, utcnow
from quiz.bank.models import FLAG_REASONS, Question, QuestionFlag

MAX_COMMENT = 500


class FlagError(ValueError):
    """A report the bank refuses; the message is in Chinese."""


def flag_question(question: Question, user_id: int, reason: str, comment: str,
                  version_id: int | None = None) -> QuestionFlag:
    """Record a report. One open report per person and question: a second one updates the first."""
    if reason not in FLAG_REASONS:
        raise FlagError("请选择纠错原因。")
    comment = comment.strip()[:MAX_COMMENT]
    if reason == "other" and not comment:
        raise FlagError("请写明哪里有问题。")
    flag = db.session.scalar(
        select(QuestionFlag).where(QuestionFlag.question_id == question.id, QuestionFlag.user_id == user_id,
                                   QuestionFlag.resolved_at.is_(None))
    )
    if flag is None:
        flag = QuestionFlag(question_id=question.id, user_id=user_id)
        db.session.add(flag)
    flag.reason, flag.comment = reason, comment
    flag.version_id = version_id or question.current_version_id
    flag.created_at = utcnow()
    db.session.flush()
    return flag


def open_flags(question_id: int | None = None) -> list[QuestionFlag]:
    """Unresolved reports, newest first (of one question when given)."""
    query = select(QuestionFlag).where(QuestionFlag.resolved_at.is_(None)).order_by(QuestionFlag.created_at.desc())
    if question_id is not None:
        query = query.where(QuestionFlag.question_id == question_id)
    return list(db.session.scalars(query))


def open_flag_count() -> int:
    return db.session.scalar(select(func.count()).where(QuestionFlag.resolved_at.is_(None))) or 0


def resolve_flags(question: Question, user_id: int) -> int:
    """Mark every open report on a question resolved; returns how many."""
    count = 0
    for flag in open_flags(question.id):
        flag.resolved_at, flag.resolved_by_id = utcnow(), user_id
        count += 1
    db.session.flush()
    return count
