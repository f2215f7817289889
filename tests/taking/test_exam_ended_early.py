"""A running exam's 结束时间 moved by the trainer: the sittings in progress follow it (papers.follow_closing),
so nobody answers on after the new end while a colleague who finished reads the keys. Moved later, each
sitting gets its own time limit back, capped by the new end. The keys are out only once the saves accepted
after the closing time (GRACE_SECONDS) are over, and a sitting closed by its time says so, not 已交卷."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from core import clock
from core.db import db, utcnow
from quiz.taking import attempts, papers
from quiz.taking.attempts import AttemptClosed
from quiz.taking.models import Attempt
from quiz.taking.standing import GRACE_SECONDS
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


@pytest.fixture
def exam_hour(app, make_questions):
    """An exam of 60 minutes open three hours: one worker has handed in, a colleague is answering."""
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    now = utcnow().replace(microsecond=0)
    exam = fixed_paper([q1.id, q2.id], "exam", team, pass_score=Decimal(1), time_limit_minutes=60,
                       closes_at=now + timedelta(hours=3))
    done, sitting = create_user(team=team), create_user(team=team)
    first = attempts.start_paper(exam, done, now)
    attempts.submit(first, now)
    second = attempts.start_paper(exam, sitting, now)
    db.session.commit()
    return exam, first, second, now, team


def _save_first(sitting, at):
    item = sitting.items[0]
    return attempts.save_answer(sitting, item.position, attempts.to_shown(item, item.version.answer), None, at)


def test_ending_an_exam_early_ends_the_sittings_in_progress_with_it(exam_hour):
    exam, first, second, now, _team = exam_hour
    before, exam.closes_at = exam.closes_at, now + timedelta(minutes=1)
    assert papers.follow_closing(exam, before, now) == 1
    db.session.commit()
    assert second.deadline == now + timedelta(minutes=1)
    later = now + timedelta(minutes=20)
    assert attempts.keys_released(first, later)
    with pytest.raises(AttemptClosed):  # nobody answers on after the new end
        _save_first(second, later)
    db.session.rollback()
    assert attempts.close_if_due(second, later) and second.status == "expired"
    assert second.submitted_at == now + timedelta(minutes=1)


def test_a_sitting_ending_before_the_new_end_keeps_its_own_time(exam_hour):
    exam, _first, second, now, _team = exam_hour
    before, exam.closes_at = exam.closes_at, now + timedelta(minutes=90)  # still after his 60 minutes
    assert papers.follow_closing(exam, before, now) == 0
    assert second.deadline == now + timedelta(minutes=60)


def test_moved_later_a_sitting_gets_its_own_time_limit_back_capped_by_the_new_end(exam_hour):
    exam, _first, second, now, _team = exam_hour
    before, exam.closes_at = exam.closes_at, now + timedelta(minutes=10)
    assert papers.follow_closing(exam, before, now) == 1
    assert second.deadline == now + timedelta(minutes=10)
    before, exam.closes_at = exam.closes_at, now + timedelta(minutes=30)
    assert papers.follow_closing(exam, before, now) == 0  # longer, not shortened
    assert second.deadline == now + timedelta(minutes=30)
    before, exam.closes_at = exam.closes_at, now + timedelta(hours=5)
    papers.follow_closing(exam, before, now)
    assert second.deadline == now + timedelta(minutes=60)  # his own hour, no more
    before, exam.closes_at = exam.closes_at, None
    papers.follow_closing(exam, before, now)
    assert second.deadline == now + timedelta(minutes=60)


def test_a_sitting_whose_time_is_up_stays_over_when_the_end_moves_later(exam_hour):
    exam, _first, second, now, _team = exam_hour
    before, exam.closes_at = exam.closes_at, now + timedelta(minutes=10)
    papers.follow_closing(exam, before, now)
    later = now + timedelta(minutes=15)  # his browser gone, the sitting not closed yet
    before, exam.closes_at = exam.closes_at, now + timedelta(hours=2)
    papers.follow_closing(exam, before, later)
    assert second.deadline == now + timedelta(minutes=10) and attempts.close_if_due(second, later)


def test_the_edit_page_moves_the_sittings_and_says_how_many(app, exam_hour):
    exam, _first, second, now, team = exam_hour
    trainer = Visitor(app, create_user("admin"))
    url = f"/papers/{exam.id}/edit"
    data = form_values(trainer.get(url).get_data(as_text=True))
    end = now + timedelta(minutes=5)
    data["closes_at"] = [f"{clock.local(end):%Y-%m-%dT%H:%M}"]
    saved = trainer.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "1 份正在作答的答卷的交卷时间随之提前到新的结束时间" in saved
    db.session.expire_all()
    sitting = db.session.get(Attempt, second.id)
    assert sitting.deadline == end.replace(second=0) and sitting.deadline < now + timedelta(minutes=60)


def test_the_keys_wait_for_the_saves_still_accepted_after_the_closing_time(exam_hour):
    exam, first, second, now, _team = exam_hour
    closes = now + timedelta(minutes=30)
    exam.closes_at = second.deadline = closes  # as if it had closed then from the start
    db.session.commit()
    at = closes + timedelta(seconds=GRACE_SECONDS - 1)
    assert not attempts.keys_released(first, at)
    assert _save_first(second, at).seq == 1  # a save on its way still lands ...
    db.session.commit()
    assert attempts.keys_released(first, closes + timedelta(seconds=GRACE_SECONDS))  # ... and then the keys


def test_a_sitting_closed_by_its_time_says_the_time_is_up(exam_hour):
    _exam, first, second, now, _team = exam_hour
    later = now + timedelta(minutes=61)
    assert attempts.close_if_due(second, later) and second.status == "expired"
    with pytest.raises(AttemptClosed, match="考试时间已到") as refused:
        _save_first(second, later)
    assert "已交卷" not in str(refused.value)
    with pytest.raises(AttemptClosed, match="已交卷"):  # handed in: says so
        _save_first(first, now)


def test_a_save_on_postgresql_waits_for_a_submit_holding_the_sitting():
    """A save reads the sitting's row FOR SHARE before writing (attempts.locked_row), so it cannot commit
    after a submit read the answers to score (PostgreSQL; SQLite has one writer at a time)."""
    from sqlalchemy.dialects import postgresql

    sql = str(attempts.locked_row(7).compile(dialect=postgresql.dialect()))
    assert sql.rstrip().endswith("FOR SHARE") and "attempts.id =" in sql


def test_a_save_waits_for_the_submit_and_is_refused_not_lost(app, exam_hour):
    """PostgreSQL only (SQLite has one writer): a save arriving while a submit holds the sitting waits for it
    and is told the sitting is closed — before the lock it committed after the submit read the answers."""
    import threading

    if db.engine.dialect.name == "sqlite":
        pytest.skip("PostgreSQL only")
    _exam, _first, second, now, _team = exam_hour
    sitting_id, outcome = second.id, {}

    def save_meanwhile():
        with app.app_context():
            sitting = db.session.get(Attempt, sitting_id)
            try:
                outcome["saved"] = _save_first(sitting, now)
                db.session.commit()
            except AttemptClosed as exc:
                outcome["refused"] = str(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    db.session.execute(db.update(Attempt).where(Attempt.id == sitting_id, Attempt.status == "open")
                       .values(status="submitted", submitted_at=now))  # the submit's claim, not committed yet
    saver = threading.Thread(target=save_meanwhile)
    saver.start()
    saver.join(1.0)
    assert saver.is_alive()  # the save waits for the submit
    db.session.commit()
    saver.join(10)
    assert outcome == {"refused": "已交卷，答案不能再修改。"}
