"""One rule for a stopped (停用) exam paper, read by the seal and by a person's standing alike
(quiz.taking.standing): it goes on while someone still sits it — sealed for the audience, keys kept — and is
over once nobody does."""

from __future__ import annotations

from datetime import timedelta

from core.db import db, utcnow
from quiz.taking import attempts
from quiz.taking.seal import OpenExams, sealed_questions
from quiz.taking.standing import going_on, standing
from tests.taking.test_stopped_exam_seal import mid_exam  # noqa: F401  (a fixture)


def agree(exam, people, now) -> bool:
    """Whether the seal and the standing tell the same of the exam for each person; returns whether it goes on."""
    exams = OpenExams(now)
    read_once = exam.id in {p.id for p in going_on(now).papers}
    assert read_once == (exam.id in {p.id for p in exams.papers})
    for person in people:
        where = standing(exam, person, now)
        assert where.goes_on == read_once
        assert (exam.id in exams.sealing(person)) == (not where.keys_out)
    return read_once


def test_a_stopped_paper_someone_still_sits_goes_on_in_both_and_ends_in_both(mid_exam):  # noqa: F811
    exam, sitting, worker, colleague, q1, _q2 = mid_exam
    exam.status = "archived"
    db.session.commit()
    now = utcnow()
    assert agree(exam, (worker, colleague), now)
    assert OpenExams(now).sat == {exam.id}
    assert q1.id in sealed_questions(colleague, now) and not standing(exam, colleague, now).keys_out
    assert not standing(exam, colleague, now).can_sit and standing(exam, worker, now).can_sit

    attempts.submit(sitting, now)  # the last one sitting it hands in: over, for the seal and the standing
    db.session.commit()
    assert not agree(exam, (worker, colleague), now)
    assert q1.id not in sealed_questions(colleague, now)
    assert standing(exam, colleague, now).keys_out and attempts.keys_released(sitting, now)


def test_a_sitting_past_its_deadline_keeps_it_going_in_neither(mid_exam):  # noqa: F811
    exam, sitting, worker, colleague, _q1, _q2 = mid_exam
    exam.status = "archived"
    now = utcnow()
    sitting.deadline = now + timedelta(minutes=1)
    db.session.commit()
    assert agree(exam, (worker, colleague), now)
    assert not agree(exam, (worker, colleague), now + timedelta(minutes=2))  # his browser gone, not closed yet


def test_a_stopped_paper_past_its_window_is_over_in_both(mid_exam):  # noqa: F811
    exam, _sitting, worker, colleague, _q1, _q2 = mid_exam
    exam.status = "archived"
    db.session.commit()
    assert not agree(exam, (worker, colleague), exam.closes_at + timedelta(minutes=1))
