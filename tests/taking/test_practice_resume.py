"""Practice drawn from the worker's own state does not pile up: starting 错题练习 (只练我的错题,
「现在练习这些错题」), 错题复习 or an article's 练习这几道题 while one is still 进行中 resumes it;
once it is handed in, the next start is a new one. The article page offers 练习这几道题 for the
approved questions citing the article."""

from __future__ import annotations

from datetime import timedelta

import lxml.html
from sqlalchemy import func, select, update

from core.db import db, utcnow
from quiz.bank import service
from quiz.taking import book
from quiz.taking.attempts import submit
from quiz.taking.models import Attempt, AttemptItem, ReviewCard
from tests.papers import draft
from tests.quiz.test_bank import make_document


def open_rows(user) -> list[Attempt]:
    db.session.expire_all()
    return list(db.session.scalars(select(Attempt).where(Attempt.user_id == user.id, Attempt.status == "open")))


def start_form(client, action: str, page: str) -> str:
    """Post the form of `page` whose action ends with `action`, as the browser would; the landing URL."""
    doc = lxml.html.document_fromstring(client.get(page).get_data(as_text=True))
    form = next(f for f in doc.forms if f.action.endswith(action))
    response = client.post(form.action, data=dict(form.form_values()))
    assert response.status_code == 302
    return response.headers["Location"]


def wrong_book(worker, count: int = 3) -> list:
    questions = [service.add_question(draft("single", n)) for n in range(1, count + 1)]
    for question in questions:
        book.record_wrong(worker.id, question.id, utcnow())
    db.session.commit()
    return questions


def test_wrong_only_practice_resumes_the_one_in_progress(client, login, post_form):
    worker = login()
    wrong_book(worker)
    urls = [post_form("/practice/start", {"wrong_only": "y", "count": "10"}, page="/quizzes").headers["Location"]
            for _ in range(3)]
    assert len(set(urls)) == 1
    assert [a.title for a in open_rows(worker)] == ["错题练习"]


def test_a_handed_in_wrong_only_practice_is_not_resumed(client, login, post_form):
    worker = login()
    wrong_book(worker)
    first = post_form("/practice/start", {"wrong_only": "y", "count": "10"}, page="/quizzes").headers["Location"]
    (current,) = open_rows(worker)
    submit(current, utcnow())
    db.session.commit()
    second = post_form("/practice/start", {"wrong_only": "y", "count": "10"}, page="/quizzes").headers["Location"]
    assert second != first and len(open_rows(worker)) == 1


def test_review_of_the_book_resumes_the_one_in_progress(client, login):
    worker = login()
    wrong_book(worker)
    db.session.execute(update(ReviewCard).where(ReviewCard.user_id == worker.id).values(due=utcnow() - timedelta(days=1)))
    db.session.commit()
    urls = {start_form(client, "/review/start", "/quizzes") for _ in range(2)}
    assert len(urls) == 1 and [a.mode for a in open_rows(worker)] == ["review"]


def test_article_page_offers_practice_of_the_questions_citing_it(client, login):
    worker = login()
    article = make_document(db.session)
    citing = [service.add_question(draft("judge", n)) for n in (1, 2)]
    draft_only = service.add_question(draft("judge", 3, status="draft"))
    for question in (*citing, draft_only):
        question.article_id = article.id
    service.add_question(draft("judge", 4))  # cites nothing
    db.session.commit()
    page = client.get(f"/kb/article/{article.id}").get_data(as_text=True)
    assert "练习这几道题（2 道）" in page
    first = start_form(client, f"/practice/article/{article.id}/start", f"/kb/article/{article.id}")
    (attempt,) = open_rows(worker)
    asked = set(db.session.scalars(select(AttemptItem.question_id).where(AttemptItem.attempt_id == attempt.id)))
    assert asked == {q.id for q in citing}
    assert "第十条" in attempt.title and attempt.feedback
    again = start_form(client, f"/practice/article/{article.id}/start", f"/kb/article/{article.id}")
    assert again == first
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_article_without_approved_questions_offers_no_practice(client, login):
    login()
    article = make_document(db.session)
    question = service.add_question(draft("judge", 1, status="draft"))
    question.article_id = article.id
    db.session.commit()
    assert "练习这几道题" not in client.get(f"/kb/article/{article.id}").get_data(as_text=True)
