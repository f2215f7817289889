"""Which questions a paper, a practice or a drill may draw: the bank's rule, asked by every draw (quiz.taking's papers
and practice, quiz.assignments' 班前会).

An exam draws approved questions only. Practice draws approved ones and the drafts a trainer let into practice
(允许用于练习): which those are is kept by the feature that lets them in (quiz.generation.practice_drafts), and
handed to `practice_questions` as a select of question ids, so the bank builds on nothing above it. Both leave
the other conditions (not awaiting review, landed, of a type) to the caller.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from quiz.bank.models import Question


def exam_questions() -> Select:
    """Questions an exam may draw: approved only."""
    return select(Question).where(Question.status == "approved")


def practice_questions(let_in: Select) -> Select:
    """Questions practice may draw: approved ones, and the drafts among `let_in` (question ids let into practice)."""
    return select(Question).where(
        (Question.status == "approved") | ((Question.status == "draft") & Question.id.in_(let_in))
    )
