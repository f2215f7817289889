"""Which questions exams and practice may draw is the bank's rule (quiz.bank.usable), not the review queue's: an
exam draws approved questions; practice approved ones and the drafts let in (quiz.generation.practice_drafts)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from core.db import db
from quiz.bank import service, usable
from quiz.bank.models import Question
from tests.papers import draft


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def test_exams_draw_approved_questions_and_practice_the_drafts_let_in_too(app):
    approved = service.add_question(draft("single", 1))
    drafts = [service.add_question(replace(draft("single", n), status="draft")) for n in (2, 3)]
    retired = service.add_question(replace(draft("single", 4), status="retired"))
    db.session.commit()
    assert {q.id for q in db.session.scalars(usable.exam_questions())} == {approved.id}
    let_in = select(Question.id).where(Question.id.in_([drafts[0].id, retired.id]))
    assert {q.id for q in db.session.scalars(usable.practice_questions(let_in))} == {approved.id, drafts[0].id}
    assert _count(usable.practice_questions(select(Question.id).where(Question.id < 0))) == 1


def test_the_review_queue_no_longer_holds_the_draw_rules_nor_the_dedupe():
    from quiz.generation import review

    for moved in ("exam_questions", "practice_questions", "allow_practice", "asked_keys", "present_keys", "repeats"):
        assert not hasattr(review, moved), moved
