"""One rule for a stopped (停用) exam paper, read by the seal and by a person's standing alike
(quiz.taking.standing): it goes on while someone still sits it — sealed for the audience, keys kept — and is
over once nobody does. Over for good: a stopped paper cannot be published again, so its keys may come out
at once, as at the close of its window."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.db import db, utcnow
from quiz.taking import attempts, papers
from quiz.taking.models import Paper
from quiz.taking.seal import OpenExams, sealed_questions
from quiz.taking.standing import going_on, standing
from tests.contests.test_contests import Visitor
from tests.factories import create_user
from tests.taking.test_stopped_exam_seal import drawable, mid_exam  # noqa: F401  (a fixture)


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


def test_a_stopped_paper_cannot_be_published_again(mid_exam):  # noqa: F811
    exam, sitting, worker, colleague, q1, _q2 = mid_exam
    attempts.submit(sitting, utcnow())
    papers.archive(exam, utcnow())
    db.session.commit()
    asked = [i.question_id for i in exam.items]
    # nobody sits it: the keys are out at once, to him and to the colleague who never sat it
    assert attempts.keys_released(sitting, utcnow()) and q1.id in drawable(colleague)
    with pytest.raises(papers.PaperError, match="已停用"):
        papers.publish(exam)
    db.session.rollback()
    assert db.session.get(Paper, exam.id).status == "archived"
    assert [i.question_id for i in db.session.get(Paper, exam.id).items] == asked


def test_publishing_a_stopped_paper_on_its_page_is_refused(app, mid_exam):  # noqa: F811
    exam, sitting, worker, colleague, q1, _q2 = mid_exam
    attempts.submit(sitting, utcnow())
    papers.archive(exam, utcnow())
    db.session.commit()
    admin = Visitor(app, create_user("admin"))
    page = admin.get(f"/papers/{exam.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = admin.post(f"/papers/{exam.id}/publish", data={"csrf_token": token}, follow_redirects=True)
    assert "不能再发布" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Paper, exam.id).status == "archived"
    assert q1.id not in sealed_questions(colleague, utcnow())


def test_a_published_paper_is_not_drawn_again_under_its_workers(mid_exam):  # noqa: F811
    exam, _sitting, _worker, _colleague, _q1, _q2 = mid_exam
    published_at = exam.published_at
    with pytest.raises(papers.PaperError, match="已发布"):
        papers.publish(exam)
    db.session.rollback()
    assert db.session.get(Paper, exam.id).published_at == published_at
