"""Which questions a paper, a practice or a drill may draw: the bank's rule, asked by every draw (quiz.taking's papers
and practice, quiz.assignments' 班前会).

An exam draws approved questions only, and never one marked practice-only (仅供练习: generated from a catalogue
entry or rule not yet reviewed, HAZARDS.md §6 未审核的条目只进练习，不进考试), whatever its status. Practice draws
approved ones (practice-only ones too) and the drafts a trainer let into practice (允许用于练习): which those are
is kept by the feature that lets them in (quiz.generation.practice_drafts), and handed to `practice_questions` as a
select of question ids, so the bank builds on nothing above it. Both leave the other conditions (not awaiting
review, landed, of a type) to the caller.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from quiz.bank.models import Question


def exam_questions() -> Select:
    """Questions an exam may draw: approved, and not practice-only (仅供练习). Every exam path asks this: a random
    rule's draw, the fixed paper's question picker and "add to paper", and a contest through its exam paper."""
    return select(Question).where(Question.status == "approved", Question.practice_only.is_(False))


def practice_questions(let_in: Select) -> Select:
    """Questions practice may draw: approved ones (practice-only ones too), and the drafts among `let_in` (question
    ids let into practice)."""
    return select(Question).where(
        (Question.status == "approved") | ((Question.status == "draft") & Question.id.in_(let_in))
    )


#: The badge of a practice-only question on the review queue and the bank's pages.
PRACTICE_ONLY = "仅供练习"
#: Why, as those pages and the approval message say it.
PRACTICE_ONLY_WHY = ("依据的危险源条目或规则尚未审核（未审核的条目只进练习，不进考试）；条目审核（status: reviewed）后"
                     "重新生成，内容相同的题即可进考试")


def approved_note(practice_only: int) -> str:
    """What an approval adds about the practice-only questions among those approved ("" when none)."""
    return f"其中{practice_only}道仅供练习，不进考试（{PRACTICE_ONLY_WHY}）。" if practice_only else ""
