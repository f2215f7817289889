"""Sittings: resume, saves (seq, idempotent), the server's deadline, submit once, attempts limit,
versions pinned, options shuffled with keys following, keys released, wrong answers into the book."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from core.db import db, utcnow
from quiz.bank import service
from quiz.taking import attempts, book, papers
from quiz.taking.attempts import AttemptClosed, AttemptError
from quiz.taking.models import Attempt, AttemptItem, ReviewCard


def right_answer(item: AttemptItem) -> list[str]:
    """The key as the worker would click it (shown letters), or the blank text."""
    return attempts.to_shown(item, list(item.version.answer)) if item.version.type != "blank" else ["20m"]


def test_start_resumes_the_open_attempt_and_counts_attempts(make_paper, make_user):
    paper = make_paper(max_attempts=1)
    worker = make_user()
    now = utcnow()
    first = attempts.start_paper(paper, worker, now)
    db.session.commit()
    assert attempts.start_paper(paper, worker, now + timedelta(minutes=1)).id == first.id
    attempts.submit(first, now)
    db.session.commit()
    with pytest.raises(AttemptError, match="用完1次机会"):
        attempts.start_paper(paper, worker, now)


def test_saves_are_idempotent_and_a_late_retry_never_wins(make_paper, make_user):
    attempt = attempts.start_paper(make_paper(), make_user(), utcnow())
    db.session.commit()
    attempts.save_answer(attempt, 1, ["A"], 1, utcnow())
    attempts.save_answer(attempt, 1, ["C"], 2, utcnow())
    attempts.save_answer(attempt, 1, ["A"], 1, utcnow())  # the first save's retry, arriving late
    attempts.save_answer(attempt, 1, ["C"], 2, utcnow())  # the same save twice
    db.session.commit()
    rows = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt.id,
                                                        AttemptItem.position == 1)).all()
    assert len(rows) == 1 and rows[0].seq == 2
    assert attempts.to_shown(rows[0], rows[0].response) == ["C"]


def test_answers_that_cannot_be_are_refused(make_paper, make_user):
    attempt = attempts.start_paper(make_paper(), make_user(), utcnow())
    for bad in (["Z"], ["A", "B"], "A", [1]):
        with pytest.raises(AttemptError):
            attempts.save_answer(attempt, 1, bad, None, utcnow())
    with pytest.raises(AttemptError, match="没有这道题"):
        attempts.save_answer(attempt, 99, ["A"], None, utcnow())


def test_the_server_keeps_the_time(make_paper, make_user):
    paper = make_paper(time_limit_minutes=10)
    worker = make_user()
    start = utcnow()
    attempt = attempts.start_paper(paper, worker, start)
    attempts.save_answer(attempt, 1, right_answer(attempt.items[0]), 1, start + timedelta(minutes=5))
    db.session.commit()
    assert attempts.remaining_seconds(attempt, start + timedelta(minutes=4)) == 360
    late = start + timedelta(minutes=10, seconds=attempts.GRACE_SECONDS + 1)
    with pytest.raises(AttemptClosed, match="时间已到"):
        attempts.save_answer(attempt, 2, ["A"], 1, late)
    # Nobody came back: the sweep closes and scores it with what was saved before the deadline.
    assert attempts.close_expired(late) == 1
    db.session.commit()
    assert attempt.status == "expired"
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == Decimal("10.00")
    assert attempt.items[1].response is None


def test_the_window_cuts_the_time_limit_short(make_paper, make_user):
    now = utcnow()
    paper = make_paper(time_limit_minutes=60, closes_at=now + timedelta(minutes=20))
    attempt = attempts.start_paper(paper, make_user(), now)
    assert attempt.deadline == paper.closes_at


def test_submitting_twice_counts_once(make_paper, make_user):
    attempt = attempts.start_paper(make_paper(), make_user(), utcnow())
    for item in attempt.items:
        attempts.save_answer(attempt, item.position, right_answer(item), None, utcnow())
    first = attempts.submit(attempt, utcnow())
    score, finished = first.score, first.submitted_at
    again = attempts.submit(attempt, utcnow() + timedelta(minutes=3))
    db.session.commit()
    assert (again.score, again.submitted_at) == (score, finished) == (Decimal("20.00"), finished)
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1
    with pytest.raises(AttemptClosed):
        attempts.save_answer(attempt, 1, ["A"], 9, utcnow())


def test_an_edit_after_the_attempt_changes_nothing_already_asked(make_paper, make_user):
    paper = make_paper(sections=(("single", 1, "5"),))
    attempt = attempts.start_paper(paper, make_user(), utcnow())
    item = attempt.items[0]
    attempts.save_answer(attempt, 1, right_answer(item), None, utcnow())
    db.session.commit()
    question = item.question
    edited = replace(question.to_draft(), stem="改过的题干（ ）。", answer=("A",))
    service.edit_question(question, edited)
    db.session.commit()
    attempts.submit(attempt, utcnow())
    assert item.version.stem != "改过的题干（ ）。"
    assert attempt.score == Decimal("5.00")  # scored against the version shown, not the edit


def test_options_are_shuffled_per_attempt_and_the_key_follows(make_paper, make_user):
    paper = make_paper(sections=(("single", 1, "1"),), max_attempts=0, shuffle_options=True)
    orders = set()
    for _ in range(12):
        attempt = attempts.start_paper(paper, make_user(), utcnow())
        item = attempt.items[0]
        orders.add(tuple(item.option_order))
        shown = attempts.item_view(attempt, item)
        right_text = {o["key"]: o["text"] for o in item.version.options}[item.version.answer[0]]
        letter = next(o["key"] for o in shown["options"] if o["text"] == right_text)
        attempts.save_answer(attempt, 1, [letter], None, utcnow())
        attempts.submit(attempt, utcnow())
        assert item.correct is True and "answer" not in item.version.answer  # scored right under any order
    assert len(orders) > 1


def test_the_page_never_sees_the_key_while_open(make_paper, make_user):
    attempt = attempts.start_paper(make_paper(), make_user(), utcnow())
    view = attempts.attempt_view(attempt, utcnow())
    assert all("feedback" not in item for item in view["items"])
    assert "解析" not in str(view)


def test_a_save_racing_a_submit_is_refused_and_changes_nothing_scored(make_paper, make_user):
    attempt = attempts.start_paper(make_paper(), make_user(), utcnow())
    attempts.save_answer(attempt, 1, ["A"], 1, utcnow())
    db.session.commit()
    # Another request submits between this save's check and its write: the object still says open.
    db.session.execute(update(Attempt).where(Attempt.id == attempt.id).values(status="submitted")
                       .execution_options(synchronize_session=False))
    assert attempt.status == "open"
    with pytest.raises(AttemptClosed, match="已交卷"):
        attempts.save_answer(attempt, 1, ["C"], 2, utcnow())
    stored = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == attempt.id,
                                                         AttemptItem.position == 1))
    assert stored.seq == 1 and attempts.to_shown(stored, stored.response) == ["A"]


def test_a_submitted_exam_fills_the_book_once_per_question(make_paper, make_user):
    worker = make_user()
    paper = make_paper(sections=(("single", 3, "1"),), max_attempts=2)
    now = utcnow()
    first = attempts.start_paper(paper, worker, now)
    attempts.submit(first, now)  # all three unanswered: wrong
    db.session.commit()
    second = attempts.start_paper(paper, worker, now)
    for item in second.items:
        attempts.save_answer(second, item.position, right_answer(item), None, now)
    wrong = next(k for k in "ABCD" if k not in right_answer(second.items[0]))
    attempts.save_answer(second, 1, [wrong], None, now)
    attempts.submit(second, now)  # the last attempt allowed: keys out, both sittings' wrongs collected
    assert attempts.collect_released(worker, now) == 3
    db.session.commit()
    cards = db.session.scalars(select(ReviewCard).where(ReviewCard.user_id == worker.id)).all()
    assert sorted(c.question_id for c in cards) == sorted(i.question_id for i in first.items)
    lapses = {c.question_id: c.lapses for c in cards}
    assert lapses[second.items[0].question_id] == 2  # wrong in both sittings: one card, two lapses
    assert sorted(lapses.values()) == [1, 1, 2]
    assert book.due_count(worker.id, now) == 0  # due tomorrow, not today
    assert book.due_count(worker.id, now + timedelta(days=1, hours=1)) == 3


def test_exam_keys_and_wrong_answers_wait_for_the_window_to_close(make_paper, make_user):
    now = utcnow()
    paper = make_paper(sections=(("single", 2, "50"),), closes_at=now + timedelta(days=1))
    worker = make_user()
    attempt = attempts.start_paper(paper, worker, now)
    attempts.save_answer(attempt, 1, ["D"], None, now)  # wrong
    attempts.submit(attempt, now)
    db.session.commit()
    assert attempts.result_view(attempt, now)["keys_released"] is False
    early = attempts.result_view(attempt, now)["items"]
    assert all("feedback" not in i and i["correct"] is None and i["score"] is None for i in early)
    assert book.book_size(worker.id) == 0
    after = now + timedelta(days=2)
    assert attempts.result_view(attempt, after)["keys_released"] is True
    assert attempts.collect_released(worker, after) == 2  # the wrong one and the unanswered one
    assert attempts.collect_released(worker, after) == 0
    assert book.book_size(worker.id) == 2


def test_another_workers_attempt_is_not_in_the_audience(make_paper, make_user):
    from tests.factories import create_team

    other_team = create_team(team_name="安装班")
    paper = make_paper()
    papers.set_audience(paper, team_ids=[other_team.id])
    db.session.commit()
    with pytest.raises(AttemptError, match="没有分派给您"):
        attempts.start_paper(paper, make_user(), utcnow())
    assert attempts.start_paper(paper, make_user(team=other_team), utcnow()) is not None


def test_practice_gives_feedback_at_once_and_fills_the_book(make_paper, make_user):
    from quiz.taking import practice

    make_paper(sections=(("single", 3, "1"),), publish=False)
    worker = make_user()
    now = utcnow()
    attempt = practice.start_practice(worker, practice.PracticeFilter(count=3), now)
    item = attempt.items[0]
    wrong = next(k for k in "ABCD" if k not in right_answer(item))
    saved = attempts.save_answer(attempt, 1, [wrong], None, now)
    assert saved.feedback["correct"] is False and saved.feedback["key"] == right_answer(item)
    assert saved.feedback["explanation"].startswith("解析")
    # The first answer counts: changing it afterwards shows the same verdict.
    assert attempts.save_answer(attempt, 1, right_answer(item), None, now).feedback["correct"] is False
    card = db.session.scalar(select(ReviewCard).where(ReviewCard.user_id == worker.id))
    assert card.question_id == item.question_id
    assert book.due_count(worker.id, now) == 0  # back tomorrow, not today
    assert book.due_count(worker.id, now + timedelta(days=1, hours=1)) == 1


def test_a_card_leaves_the_book_after_three_right_reviews(make_questions, make_user):
    worker = make_user()
    question = make_questions(single=1)[0]
    now = utcnow()
    card = book.record_wrong(worker.id, question.id, now)
    day = now
    for _ in range(book.GRADUATE_STREAK):
        day = card.due + timedelta(hours=1)
        assert book.due_count(worker.id, day) == 1
        book.record_review(worker.id, question.id, True, day)
    assert card.graduated_at is not None
    assert book.book_size(worker.id) == 0
    book.record_review(worker.id, question.id, False, day)  # wrong again: back in
    assert book.book_size(worker.id) == 1 and card.streak == 0 and card.lapses == 2


def test_publishing_refuses_a_pool_that_is_too_small(make_questions, make_paper):
    make_questions(single=2)
    with pytest.raises(papers.PaperError, match="要3道单选题，符合条件的已审核题只有2道"):
        make_paper(sections=(("single", 3, "10"),), create=False)


def test_only_approved_questions_enter_an_exam(make_questions, make_paper):
    drafts = make_questions(single=3)
    for question in drafts:
        question.status = "draft"
    make_questions(single=2)
    paper = make_paper(sections=(("single", 2, "10"),), create=False)
    chosen = {i.question_id for i in paper.items}
    assert chosen.isdisjoint({q.id for q in drafts})
    with pytest.raises(papers.PaperError):
        make_paper(sections=(("single", 3, "10"),), create=False)


def test_questions_of_an_unfinished_import_enter_no_quiz(make_questions, make_paper, make_user):
    from quiz.bank.models import ImportBatch
    from quiz.taking import practice

    pending = make_questions(single=3)
    batch = ImportBatch(file_names=["半截.xlsx"], state="running")
    db.session.add(batch)
    db.session.flush()
    for question in pending:
        question.import_batch_id = batch.id
    db.session.commit()
    make_questions(single=2)
    paper = make_paper(sections=(("single", 2, "10"),), create=False)
    assert {i.question_id for i in paper.items}.isdisjoint({q.id for q in pending})
    paper.closes_at = utcnow() - timedelta(minutes=1)  # over: its questions are no longer under seal
    db.session.commit()
    drill = practice.start_practice(make_user(), practice.PracticeFilter(count=50), utcnow())
    assert len(drill.items) == 2
