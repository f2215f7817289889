"""Generated drafts a trainer lets into practice before approving them (生成题审核's 允许用于练习): the permission is
kept on the question's generation record; the practice pool is the bank's rule (quiz.bank.usable) with these drafts.
Functions flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, select

from core.db import db
from quiz.bank import usable
from quiz.bank.models import Question
from quiz.generation.models import GenerationRecord


def allow_practice(questions: Iterable[Question], allowed: bool = True) -> int:
    """Let drafts be used for practice (or stop it); approved questions are always usable."""
    ids = [q.id for q in questions]
    records = db.session.scalars(select(GenerationRecord).where(GenerationRecord.question_id.in_(ids)))
    count = 0
    for record in records:
        record.practice_allowed = allowed
        count += 1
    db.session.flush()
    return count


def let_in() -> Select:
    """The ids of the questions let into practice (drafts among them are drawn; others follow their status)."""
    return select(GenerationRecord.question_id).where(GenerationRecord.practice_allowed.is_(True))


def practice_questions() -> Select:
    """Questions practice may draw (quiz.bank.usable.practice_questions): approved ones, and the drafts let in."""
    return usable.practice_questions(let_in())
