"""错题本 (/book): the worker can practise the whole book now (wrong-only practice, whatever is due
today), and each question shows its right answer and explanation — except a question of one of his
exams whose answers are not published yet, which the result page hides too."""

from __future__ import annotations

import re
from datetime import timedelta

import lxml.html
import pytest
from sqlalchemy import select

from core.db import db, utcnow
from quiz.taking import attempts, book
from quiz.taking.models import Attempt, ReviewCard
from quiz.taking.seal import sealed_questions
from tests.conftest import save_screenshot
from tests.papers import draft


def book_page(client) -> lxml.html.HtmlElement:
    response = client.get("/book")
    assert response.status_code == 200
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def item_of(page: lxml.html.HtmlElement, stem: str) -> str:
    found = [li for li in page.xpath("//li[contains(@class, 'card')]") if stem in li.text_content()]
    assert len(found) == 1, stem
    return found[0].text_content()


def test_the_book_starts_a_practice_of_every_question_in_it_now(client, login, app):
    from quiz.bank import service

    questions = [service.add_question(draft("single", n, jobs=(job,))) for n, job in
                 ((1, "爆破工"), (2, "电钳工"), (3, "掘进机司机"))]
    db.session.commit()
    worker = login(job="掘进机司机")
    for question in questions:
        book.record_wrong(worker.id, question.id, utcnow())  # due tomorrow: nothing to review today
    db.session.commit()
    page = book_page(client)
    assert "今天要复习 0 道" in page.text_content()
    form = next(f for f in page.forms if f.action.endswith("/practice/start"))
    response = client.post(form.action, data=dict(form.form_values()))
    assert response.status_code == 302 and "/attempts/" in response.location
    db.session.expire_all()
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == worker.id))
    assert attempt.title == "错题练习"
    assert sorted(i.question_id for i in attempt.items) == sorted(q.id for q in questions)


def test_each_question_shows_its_answer_and_explanation(client, login, app):
    from quiz.bank import service

    single = service.add_question(draft("single", 1, explanation="瓦斯浓度达到1.5%时必须停止工作。"))
    judge = service.add_question(draft("judge", 2, answer=("B",), explanation="不得带电检修。"))
    blank = service.add_question(draft("blank", 3))
    db.session.commit()
    worker = login()
    for question in (single, judge, blank):
        book.record_wrong(worker.id, question.id, utcnow())
    db.session.commit()
    page = book_page(client)
    first = item_of(page, "第1题")
    assert "B. 1.5%" in first and "正确答案：B" in first and "瓦斯浓度达到1.5%时必须停止工作。" in first
    assert "正确答案：错误" in item_of(page, "第2题") and "不得带电检修。" in item_of(page, "第2题")
    assert "正确答案：20m 或 二十米" in item_of(page, "第3题")  # its alternatives as scoring reads them


def test_a_question_of_an_exam_whose_answers_are_not_out_keeps_its_answer_hidden(client, login, make_paper):
    now = utcnow()
    paper = make_paper(sections=(("single", 2, "50"),), closes_at=now + timedelta(days=1))
    worker = login()
    sitting = attempts.start_paper(paper, worker, now)
    in_exam = sitting.items[0].question
    attempts.submit(sitting, now)
    assert attempts.result_view(sitting, now)["keys_released"] is False
    # The same question went wrong earlier in practice, so it is in the book already.
    book.record_wrong(worker.id, in_exam.id, now - timedelta(days=3))
    db.session.commit()
    text = item_of(book_page(client), in_exam.current_version.stem)
    assert "正确答案" not in text and in_exam.current_version.explanation not in text
    assert "考试结束后才公布答案" in text

    paper.closes_at = now - timedelta(minutes=1)  # the exam closed: its answers are out
    db.session.commit()
    assert attempts.result_view(sitting, utcnow())["keys_released"] is True
    text = item_of(book_page(client), in_exam.current_version.stem)
    assert "正确答案：B" in text and in_exam.current_version.explanation in text


def test_the_home_tile_says_what_is_due_today_and_what_the_book_holds(client, login, app):
    """Nothing due today is not an empty book: the 今日学习 tile says both, and when the first review comes."""
    from core import clock
    from quiz.bank import service

    questions = [service.add_question(draft("single", n)) for n in (1, 2, 3)]
    db.session.commit()
    worker = login()
    tile = lambda: lxml.html.document_fromstring(client.get("/").get_data(as_text=True)).xpath(  # noqa: E731
        "//a[contains(., '错题复习')]")[0].text_content()
    assert re.sub(r"\s+", "", tile()) == "错题复习今天要复习0道"  # an empty book: nothing more to say
    for question in questions:
        book.record_wrong(worker.id, question.id, utcnow())  # due tomorrow: nothing to review today
    db.session.commit()
    first = min(c.due for c in db.session.scalars(select(ReviewCard).where(ReviewCard.user_id == worker.id)))
    text = re.sub(r"\s+", "", tile())
    assert "今天要复习0道" in text and f"错题本共{len(questions)}道" in text
    assert clock.local(first).strftime("%m月%d日") + "起要复习" in text
    page = book_page(client)
    assert f"共 {len(questions)} 道错题，今天要复习 0 道" in page.text_content()


@pytest.mark.e2e
def test_on_a_phone_the_book_shows_an_answer_on_a_tap_and_starts_practice(browser, live_server):
    from accounts.models import User
    from quiz.bank.models import Question

    with live_server.app.app_context():  # a demo worker no other end-to-end test signs in as
        worker = db.session.scalar(select(User).where(User.username == "10107"))
        sealed = sealed_questions(worker, utcnow())  # his open exams' questions are not practised
        questions = list(db.session.scalars(select(Question).where(Question.status == "approved",
                                                                   Question.id.not_in(sealed))
                                            .order_by(Question.id).limit(4)))
        for question in questions:
            book.record_wrong(worker.id, question.id, utcnow())
        db.session.commit()
        first_stem = book_cards_first_stem(worker.id)
        db.session.remove()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, "10107")
        page.goto(f"{live_server.url}/book")
        item = page.locator("li.card", has_text=first_stem)
        assert not item.locator("text=正确答案").is_visible()
        item.locator("summary").tap()
        assert item.locator("text=正确答案").is_visible()
        save_screenshot(page, "book-390px.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("button", has_text="现在练习这些错题").tap()
        page.wait_for_url(re.compile(r"/attempts/\d+$"))
        page.wait_for_selector("#question .q-head")
        assert page.locator("#qmap .cell").count() == len(questions)
    finally:
        context.close()


def book_cards_first_stem(user_id: int) -> str:
    card = db.session.scalars(book.active(user_id).order_by(ReviewCard.due, ReviewCard.id)).first()
    return card.question.current_version.stem
