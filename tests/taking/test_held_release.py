"""Practice answers held for an open exam (quiz.taking.held) are scored where the exam ends — the last
submit that ends it, 停用 when nobody sits it, close-expired, or the worker opening his own results — and
never by a page that only reads: not the taking page, not the history, not a trainer reading the sheet."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from core.db import db, utcnow
from quiz.taking import attempts, book, held
from quiz.taking.models import Attempt
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


def wrong(item) -> list[str]:
    key = attempts.to_shown(item, list(item.version.answer))
    return [next(k for k in "ABCD"[: len(item.option_order)] if k not in key)]


def booked(user) -> set[int]:
    return {c.question_id for c in db.session.scalars(book.active(user.id))}


@pytest.fixture
def setup(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    drill = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=0)
    return team, q1, q2, drill


def practise_wrong(drill, user, now) -> Attempt:
    """Both answered wrong: q1 is held (under seal), q2 scored."""
    sitting = attempts.start_paper(drill, user, now)
    for item in sitting.items:
        attempts.save_answer(sitting, item.position, wrong(item), None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    return sitting


def test_reading_pages_do_not_release_and_the_workers_own_results_do(app, setup):
    team, q1, q2, drill = setup
    now = utcnow()
    exam = fixed_paper([q1.id], "exam", team, closes_at=now + timedelta(days=1), pass_score=Decimal(1))
    worker = create_user(team=team)
    sitting = practise_wrong(drill, worker, now)
    assert sitting.max_score == Decimal(10) and booked(worker) == {q2.id}
    exam.closes_at = now  # over
    db.session.commit()

    later = utcnow()
    trainer = Visitor(app, create_user("admin"))
    assert trainer.get(f"/papers/{drill.id}/attempts/{sitting.id}").status_code == 200
    attempts.result_view(sitting, later, viewer=create_user("unit_trainer", team))
    attempts.attempt_view(sitting, later)
    attempts.history(worker, later)
    db.session.commit()
    db.session.expire_all()
    sitting = db.session.get(Attempt, sitting.id)
    assert sitting.max_score == Decimal(10) and not sitting.wrongs_collected and booked(worker) == {q2.id}

    page = Visitor(app, worker).get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert re.search(r'data-testid="score">0</span> / 20 分', page) and "另有" not in page
    db.session.expire_all()
    assert booked(worker) == {q1.id, q2.id}


def test_the_last_sitting_of_an_exam_without_a_closing_time_releases_the_workers_held_answers(setup):
    team, q1, q2, drill = setup
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), max_attempts=1)
    worker = create_user(team=team)
    now = utcnow()
    sitting = practise_wrong(drill, worker, now)
    assert held.held_items(sitting)
    taken = attempts.start_paper(exam, worker, now)
    attempts.submit(taken, now)  # his only sitting: the exam is over for him, its keys are his
    db.session.commit()
    assert not held.held_items(sitting) and sitting.max_score == Decimal(20) and q1.id in booked(worker)


def test_the_last_sitting_in_progress_of_a_stopped_exam_releases_everyones_held_answers(setup):
    team, q1, q2, drill = setup
    now = utcnow()
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), closes_at=now + timedelta(days=1))
    sitter, colleague = create_user(team=team), create_user(team=team)
    practice_sheet = practise_wrong(drill, colleague, now)
    taken = attempts.start_paper(exam, sitter, now)
    exam.status = "archived"
    db.session.commit()
    assert held.release_all(utcnow()) == 0  # the exam goes on while he sits it
    attempts.submit(taken, utcnow())
    db.session.commit()
    assert not held.held_items(practice_sheet) and q1.id in booked(colleague)


def test_stopping_an_exam_nobody_sits_releases_at_once(app, setup):
    team, q1, q2, drill = setup
    now = utcnow()
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), closes_at=now + timedelta(days=1))
    worker = create_user(team=team)
    sitting = practise_wrong(drill, worker, now)
    admin = Visitor(app, create_user("admin"))
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      admin.get(f"/papers/{exam.id}").get_data(as_text=True)).group(1)
    assert admin.post(f"/papers/{exam.id}/archive", data={"csrf_token": token, "confirmed": "1"}).status_code == 302
    db.session.expire_all()
    sitting = db.session.get(Attempt, sitting.id)
    assert sitting.wrongs_collected and sitting.max_score == Decimal(20) and q1.id in booked(worker)


def test_close_expired_reads_the_open_exams_once(app, setup, runner):
    team, q1, q2, drill = setup
    now = utcnow()
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), closes_at=now + timedelta(days=1))
    fixed_paper([q2.id], "exam", team, pass_score=Decimal(1), closes_at=now + timedelta(days=2), title="另一场")
    workers = [create_user(team=team) for _ in range(3)]
    for worker in workers:
        practise_wrong(drill, worker, now)
    exam.closes_at = now
    db.session.commit()

    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        out = runner.invoke(args=["close-expired"]).output
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert "3 道练习题补计了分" in out
    exams_read = [s for s in statements if "FROM papers" in s and "papers.draw" in s]
    assert len(exams_read) == 1
    db.session.expire_all()
    for worker in workers:
        assert q1.id in booked(worker) and q2.id not in booked(worker)  # q2: the other exam still holds it
        [sheet] = db.session.query(Attempt).filter_by(user_id=worker.id).all()
        assert [i.question_id for i in held.held_items(sheet)] == [q2.id] and not sheet.wrongs_collected
