"""A question is under seal for a worker while a fixed exam open to him (his team in its audience,
its window not closed) has not released its answers: practice drawn from the same bank does not
give it to him, and his 错题本 holds back its answer. Workers outside the exam's audience, and
everyone once it has closed, practise it as usual."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.db import db, utcnow
from quiz.taking import book, book_page, papers, practice
from quiz.taking.models import PaperItem
from quiz.taking.practice import PracticeFilter
from tests.factories import create_team
from tests.results.conftest import person

EVERY = PracticeFilter(count=practice.MAX_PRACTICE)


def _drawable(user) -> set[int]:
    return {q for q, _v in db.session.execute(practice.pool(EVERY, user))}


def test_an_open_exam_seals_its_questions_for_its_audience_until_it_closes(make_paper, make_questions):
    now = utcnow()
    inside, outside = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进班")
    exam = make_paper(sections=(("single", 2, "10"),), publish=False, closes_at=now + timedelta(hours=2))
    papers.set_audience(exam, team_ids=[inside.id])
    papers.publish(exam)
    free = make_questions(judge=1)[0]
    db.session.commit()
    sealed = set(db.session.scalars(select(PaperItem.question_id).where(PaperItem.paper_id == exam.id)))
    worker, other = person(team=inside), person(team=outside)
    assert sealed and _drawable(worker) == {free.id}
    assert sealed | {free.id} <= _drawable(other)
    drawn = practice.start_practice(worker, EVERY, now)
    assert {item.question_id for item in drawn.items} == {free.id}

    first = min(sealed)
    book.record_wrong(worker.id, first, now)
    db.session.commit()
    assert [e.withheld for e in book_page.entries(worker.id, now)] == [True]

    exam.closes_at = now - timedelta(minutes=1)
    db.session.commit()
    assert sealed <= _drawable(worker)
    assert [e.withheld for e in book_page.entries(worker.id, now)] == [False]
