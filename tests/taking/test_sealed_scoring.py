"""A question under seal (in an exam still open to the worker) that a practice paper asks is not scored
until the seal lifts: the sitting's stored score and maximum leave it out, so the result, the history,
its chart and every figure built on them give away nothing of its right or wrong — for a 判断题 a
counted point is the answer. The result says how many questions wait. Nor does a wrong answer to it
enter the 错题本 while sealed. Once the exam is over for the worker, the held answers are scored, the
score and maximum take them in, and a wrong one arrives in the book as usual."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.taking import attempts, book, held
from quiz.taking.models import Attempt
from tests.factories import create_team
from tests.papers import picked_paper


@pytest.fixture
def team(app):
    return create_team("综采一队", "回收班")


@pytest.fixture
def papers_(make_questions, team):
    """(exam, practice): an exam open two more hours holding two 判断题, and a practice paper of those two
    (under seal) and three 单选题 (free), a point each."""
    judges = [(q.id, q.current_version_id) for q in make_questions(judge=2)]
    singles = [(q.id, q.current_version_id) for q in make_questions(single=3)]
    now = utcnow()
    exam = picked_paper(judges, team.id, now, title="月考", closes_at=now + timedelta(hours=2))
    practice = picked_paper(judges + singles, team.id, now, title="班前练习", mode="practice",
                            pass_score=None, max_attempts=0)
    db.session.commit()
    return exam, practice


def key_of(item) -> list[str]:
    return attempts.to_shown(item, list(item.version.answer))


def wrong_of(item) -> list[str]:
    return [next(k for k in "ABCD"[: len(item.option_order)] if k not in key_of(item))]


def sit(paper, worker, now) -> Attempt:
    """Judge 1 right, judge 2 wrong (both sealed); single 1 and 2 right, single 3 wrong: 2/3 visible, 3/5 in all."""
    sitting = attempts.start_paper(paper, worker, now)
    for item, right in zip(sitting.items, (True, False, True, True, False), strict=True):
        attempts.save_answer(sitting, item.position, key_of(item) if right else wrong_of(item), None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    return sitting


def test_a_sealed_answer_is_held_out_of_the_score_and_the_book_until_the_exam_closes(papers_, make_user, team):
    exam, paper = papers_
    worker, now = make_user(team=team), utcnow()
    sitting = sit(paper, worker, now)
    first, second = sitting.items[:2]
    assert (sitting.score, sitting.max_score) == (Decimal(2), Decimal(3))
    assert sitting.passed is None
    assert first.correct is None and first.score is None and second.correct is None
    assert {c.question_id for c in db.session.scalars(book.active(worker.id))} == {sitting.items[4].question_id}
    view = attempts.result_view(sitting, now)
    assert view["held"] == 2 and view["score"] == "2.00" and view["max_score"] == "3.00"
    assert attempts.score_series([sitting])[0]["percent"] == 66.7

    later = now + timedelta(minutes=1)
    assert attempts.collect_released(worker, later) == 0  # still sealed: nothing moves
    exam.closes_at = later - timedelta(seconds=1)
    db.session.commit()
    attempts.collect_released(worker, later)
    db.session.commit()
    assert (sitting.score, sitting.max_score) == (Decimal(3), Decimal(5))
    assert first.correct is True and second.correct is False and second.score == Decimal(0)
    assert {c.question_id for c in db.session.scalars(book.active(worker.id))} == {
        second.question_id, sitting.items[4].question_id}
    assert attempts.result_view(sitting, later)["held"] == 0
    assert attempts.collect_released(worker, later) == 0  # once only: the wrong one is not booked twice
    assert db.session.scalar(book.active(worker.id).where(book.ReviewCard.question_id == second.question_id)).lapses == 1


def test_a_pass_line_is_judged_only_on_what_is_scored(papers_, make_user, team):
    exam, paper = papers_
    paper.pass_score = Decimal(3)
    db.session.commit()
    worker, now = make_user(team=team), utcnow()
    sitting = sit(paper, worker, now)
    assert sitting.passed is None  # 2 of 3 visible: not judged while two wait
    exam.closes_at = now
    db.session.commit()
    later = now + timedelta(seconds=1)
    attempts.result_view(sitting, later)  # reading changes nothing
    assert sitting.passed is None and sitting.score == Decimal(2)
    attempts.collect_released(worker, later)
    assert sitting.passed is True and sitting.score == Decimal(3)


def test_a_seal_lifting_during_the_sitting_grades_the_answer_then(papers_, make_user, team):
    exam, paper = papers_
    worker, now = make_user(team=team), utcnow()
    sitting = attempts.start_paper(paper, worker, now)
    first = sitting.items[0]
    assert attempts.save_answer(sitting, 1, wrong_of(first), None, now).sealed
    assert first.correct is None and not db.session.scalars(book.active(worker.id)).all()
    exam.closes_at = now
    db.session.commit()
    later = now + timedelta(seconds=1)
    page = attempts.attempt_view(sitting, later)["items"][0]  # the page only reads: the answer waits
    assert "feedback" not in page and first.correct is None and not db.session.scalars(book.active(worker.id)).all()
    again = attempts.save_answer(sitting, 1, wrong_of(first), None, later)  # asked again: graded now
    assert again.feedback["correct"] is False
    assert [c.question_id for c in db.session.scalars(book.active(worker.id))] == [first.question_id]
    attempts.submit(sitting, later)
    assert sitting.max_score == Decimal(5) and first.correct is False


def _result_page(client, attempt_id: int) -> str:
    return client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)


def test_pages_show_nothing_of_a_sealed_answer(client, login, papers_, team):
    """Through the worker's pages: the result, the history, the API's list and the 错题本."""
    exam, paper = papers_
    worker = login(team=team)
    sitting = sit(paper, worker, utcnow())
    stems = [i.version.stem for i in sitting.items]

    shown = _result_page(client, sitting.id)
    assert re.search(r'data-testid="score">2</span> / 3 分', shown)
    assert "另有 2 题在考试结束后计分" in shown
    history = client.get("/history").get_data(as_text=True)
    assert "2/3" in history and "3/5" not in history
    listed = client.get("/api/v1/history").json
    mine = next(a for a in listed["attempts"] if a["id"] == sitting.id)
    assert (mine["score"], mine["max_score"]) == ("2.00", "3.00")
    on_book = client.get("/book").get_data(as_text=True)
    assert stems[4] in on_book and stems[1] not in on_book  # the sealed 判断题 answered wrong waits

    exam.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    on_book = client.get("/book").get_data(as_text=True)
    assert stems[1] in on_book and stems[0] not in on_book  # arrives once the exam is over
    shown = _result_page(client, sitting.id)
    assert re.search(r'data-testid="score">3</span> / 5 分', shown) and "另有" not in shown


def test_the_item_analysis_counts_a_held_answer_only_once_scored(papers_, make_user, team):
    """A trainer's 试题分析 with practice sittings: a held answer is neither right nor wrong yet."""
    from quiz.results.items import analyse
    from quiz.results.period import default_period

    exam, paper = papers_
    now = utcnow()
    sitting = sit(paper, make_user(team=team), now)
    period = replace(default_period(now), practice=True)
    answered = {s.question_id: s.answers for s in analyse(None, period, paper.id)}
    assert answered == {i.question_id: 1 for i in sitting.items[2:]}
    exam.closes_at = now
    db.session.commit()
    held.release_all(now + timedelta(seconds=1))
    db.session.commit()
    stats = {s.question_id: (s.answers, s.correct) for s in analyse(None, period, paper.id)}
    assert stats[sitting.items[0].question_id] == (1, 1) and stats[sitting.items[1].question_id] == (1, 0)


def test_the_close_expired_command_scores_held_answers_whose_exam_is_over(papers_, make_user, team, runner):
    exam, paper = papers_
    now = utcnow()
    sitting = sit(paper, make_user(team=team), now)
    assert "补计" not in runner.invoke(args=["close-expired"]).output
    exam.closes_at = now
    db.session.commit()
    assert "2 道练习题补计了分" in runner.invoke(args=["close-expired"]).output
    db.session.refresh(sitting)
    assert (sitting.score, sitting.max_score) == (Decimal(3), Decimal(5))
