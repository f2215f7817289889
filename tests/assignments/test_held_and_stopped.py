"""Two things a task's standing must tell apart from 未合格:

- a practice with a pass line whose sitting holds an answer back (the question is in an exam still open to
  the worker, quiz.taking.seal): it is handed in but not judged yet — 已交，待计分（考试结束后计分）, neither
  passed nor failed nor out of chances — until the exam is over, when it is judged as usual;
- a task whose paper was stopped (停用): nobody can start it any more, so the home page offers no 去完成
  and says 试卷已停用 (as the task's page does), while a sitting already in progress may still be finished.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import Target
from quiz.taking import attempts, held
from quiz.taking.models import Paper
from tests.assignments.test_pages import sign_in
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


@pytest.fixture
def drill(app, make_questions):
    """q1 in an exam open three more days; a practice of q1 and q2 (10 points each, pass line 15, one sitting)
    assigned to the worker's team."""
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    now = utcnow()
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), closes_at=now + timedelta(days=3))
    paper = fixed_paper([q1.id, q2.id], "practice", team, pass_score=Decimal(15))
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    task = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=1), by=trainer, now=now)
    db.session.commit()
    return exam, paper, task, worker, trainer


def all_right(paper, worker, now):
    sitting = attempts.start_paper(paper, worker, now)
    for item in sitting.items:
        attempts.save_answer(sitting, item.position, attempts.to_shown(item, item.version.answer), None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    return sitting


def test_a_held_practice_is_neither_passed_nor_failed_nor_exhausted(drill):
    exam, paper, task, worker, _trainer = drill
    now = utcnow()
    sitting = all_right(paper, worker, now)
    assert (sitting.score, sitting.max_score, sitting.passed) == (Decimal(10), Decimal(10), None)
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "held" and row.label == "已交，待计分（考试结束后计分）"
    counts = progress.counts([row], progress.graded(task))
    assert (counts.passed, counts.failed, counts.held, counts.finished) == (0, 0, 1, 1)
    [due] = progress.due_for(worker, now)
    assert due.status == "held" and not due.exhausted and not due.can_go

    exam.closes_at = now  # the exam is over: the held answer is scored, and the task judged
    db.session.commit()
    later = now + timedelta(seconds=1)
    held.release_all(later)
    db.session.commit()
    assert (sitting.score, sitting.max_score, sitting.passed) == (Decimal(20), Decimal(20), True)
    assert progress.standings(task, later, [worker])[0].status == "passed"
    assert progress.due_for(worker, later) == []


def test_a_held_practice_through_the_pages(client, drill):
    exam, paper, task, worker, trainer = drill
    all_right(paper, worker, utcnow())
    sign_in(client, worker)
    home = client.get("/").get_data(as_text=True)
    item = home.split(f'data-assignment="{task.id}"')[1].split("</li>")[0]
    assert "已交，待计分（考试结束后计分）" in item
    assert "未合格" not in item and "机会已用完" not in item and "去完成" not in item

    sign_in(client, trainer)
    page = client.get(f"/assignments/{task.id}").get_data(as_text=True)
    assert 'data-status="held"' in page and "已交，待计分（考试结束后计分）" in page
    assert 'data-figure="held">1<' in page and 'data-figure="failed">0<' in page
    figures = client.get(f"/api/v1/assignments/{task.id}").json["counts"]
    assert (figures["held"], figures["failed"], figures["passed"], figures["finished"]) == (1, 0, 0, 1)


@pytest.fixture
def stopped(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    exam = fixed_paper([q1.id, q2.id], "exam", team, pass_score=Decimal(10), max_attempts=2)
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    task = service.assign_paper(exam, Target(team_ids=(team.id,)), utcnow() + timedelta(days=1), by=trainer,
                                now=utcnow())
    db.session.commit()
    return exam, task, worker, trainer


def test_a_stopped_paper_offers_no_go_and_says_so(stopped):
    exam, task, worker, _trainer = stopped
    exam.status = "archived"
    db.session.commit()
    [due] = progress.due_for(worker, utcnow())
    assert due.exhausted and due.stopped and not due.can_go and due.note == "试卷已停用"


def test_a_stopped_paper_with_the_worker_mid_sitting_still_lets_him_finish(stopped):
    exam, task, worker, _trainer = stopped
    sitting = attempts.start_paper(exam, worker, utcnow())
    exam.status = "archived"
    db.session.commit()
    [due] = progress.due_for(worker, utcnow())
    assert due.status == "in_progress" and due.can_go and not due.stopped
    assert progress.start(task, worker, utcnow()) is sitting  # 去完成 resumes it


def test_a_stopped_paper_through_the_pages(client, stopped):
    exam, task, worker, trainer = stopped
    exam.status = "archived"
    db.session.commit()
    sign_in(client, worker)
    home = client.get("/").get_data(as_text=True)
    item = home.split(f'data-assignment="{task.id}"')[1].split("</li>")[0]
    assert "试卷已停用" in item and "去完成" not in item and "/start" not in item
    sign_in(client, trainer)
    page = client.get(f"/assignments/{task.id}").get_data(as_text=True)
    assert "试卷已停用" in page
    assert db.session.get(Paper, exam.id).status == "archived"
