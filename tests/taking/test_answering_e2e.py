"""Answering in real Chromium on a phone (390x844, touch): a 多选题 in every instant-feedback mode
waits for 确认答案; a typed 填空 answer is saved without 保存答案 (下一题, Enter, a pause, leaving
the page, 交卷); practice feedback marks the options; a quiz open until the end of the day shows
that instead of a countdown.

The live server is shared by every end-to-end test of the session: these tests use demo workers
no other test signs in as (掘进一队 20102–20106 and 回收班 10107).
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from decimal import Decimal

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"


@contextmanager
def phone_page(browser, live_server, username: str):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, username)
        yield page
    finally:
        context.close()


def _in_app(live_server, work):
    from core.db import db

    with live_server.app.app_context():
        try:
            return work(db)
        finally:
            db.session.remove()


def start_feedback_attempt(live_server, username: str, mode: str) -> int:
    """An instant-feedback sitting of one 多选, one 填空 and one 单选 demo question, started as the
    worker's page would: 每日一练, 错题练习 (from the worker's book) or a 班前会-like practice paper
    open to the worker's team until the end of the day."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank.models import Question, QuestionVersion
    from quiz.taking import attempts, book, days, practice
    from quiz.taking.papers import Drawn, Section
    from tests.papers import picked_paper

    def work(db) -> int:
        user = db.session.scalar(select(User).where(User.username == username))
        now = utcnow()
        pool = practice.pool(practice.PracticeFilter(), user).subquery()
        picks = []
        for shape in ("multi", "blank", "single"):
            picks.append(db.session.execute(
                select(Question.id, Question.current_version_id).join(pool, pool.c.id == Question.id)
                .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
                .where(QuestionVersion.type == shape).order_by(Question.id).limit(1)).one())
        if mode == "daily":
            attempt = attempts.start_drawn(user, "daily", "每日一练", [Drawn(q, v, Decimal(1)) for q, v in picks], now)
        elif mode == "wrong_only":
            book.record_wrongs(user.id, [q for q, _ in picks], now)
            attempt = practice.start_practice(user, practice.PracticeFilter(wrong_only=True, count=10), now)
        else:  # the 班前会 quiz: practice, fixed questions, its 5 minutes a guide, open until the day ends
            paper = picked_paper(
                picks, user.team_id, now, title=f"班前会测验 {username}", mode="practice",
                sections=[Section(s, 1, Decimal(1)).to_dict() for s in ("multi", "blank", "single")],
                time_limit_minutes=5, opens_at=now, closes_at=days.day_end(now), shuffle_options=True)
            attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id

    return _in_app(live_server, work)


def stored_item(live_server, attempt_id: int, position: int) -> dict:
    from quiz.taking.attempts import to_shown
    from quiz.taking.models import AttemptItem
    from quiz.taking.scoring import normalise_blank

    def work(db) -> dict:
        item = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id, position=position).one()
        key = to_shown(item, list(item.version.answer))
        if item.version.type == "blank":  # what a worker would type: the first of the alternatives
            key = [k.split("/")[0] for k in key]
            assert all(normalise_blank(k) for k in key)
        return {"key": key, "response": item.response, "correct": item.correct}

    return _in_app(live_server, work)


def in_book(live_server, username: str, question_id: int) -> bool:
    from sqlalchemy import select

    from accounts.models import User
    from quiz.taking.models import ReviewCard

    def work(db) -> bool:
        user = db.session.scalar(select(User).where(User.username == username))
        return db.session.scalar(select(ReviewCard.id).where(ReviewCard.user_id == user.id,
                                                              ReviewCard.question_id == question_id)) is not None

    return _in_app(live_server, work)


def items_of(page) -> list[dict]:
    return json.loads(page.text_content("#attempt-data"))["items"]


def go_to(page, position: int) -> None:
    page.locator("#qmap .cell").nth(position - 1).click()
    page.wait_for_selector(f"#question .q-head:has-text('第 {position} /')")


def option(page, letter: str):
    return page.locator("#question .option").filter(has=page.locator(".key", has_text=re.compile(f"^{letter}$")))


@pytest.mark.parametrize(("username", "mode"), [("20102", "daily"), ("20103", "wrong_only"), ("20104", "preshift")])
def test_instant_feedback_takes_several_picks_and_typed_text_and_marks_the_options(
        browser, live_server, username, mode):
    attempt_id = start_feedback_attempt(live_server, username, mode)
    with phone_page(browser, live_server, username) as page:
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        items = items_of(page)
        where = {i["shape"]: i["position"] for i in items}
        assert set(where) == {"multi", "blank", "single"}
        if mode == "preshift":  # open until the end of the day: said so, no 356-minute countdown
            assert page.inner_text("#timer") == "今天 24:00 前完成"

        # 多选: every pick is kept, nothing is graded until 确认答案.
        go_to(page, where["multi"])
        key = stored_item(live_server, attempt_id, where["multi"])["key"]
        assert len(key) >= 2
        confirm = page.locator("#question button", has_text="确认答案")
        for letter in key:
            option(page, letter).click()
            assert "chosen" in option(page, letter).get_attribute("class")
            assert page.locator("#question .feedback").count() == 0
            assert page.locator("#question .option:disabled").count() == 0
        assert stored_item(live_server, attempt_id, where["multi"])["response"] is None  # not sent yet
        confirm.click()
        page.wait_for_selector("#question .feedback.right")
        assert page.inner_text("#question .verdict") == "✔ 回答正确"
        stored = stored_item(live_server, attempt_id, where["multi"])
        assert stored["correct"] is True and len(stored["response"]) == len(key)
        if mode != "wrong_only":
            question_id = items[where["multi"] - 1]["question_id"]
            assert not in_book(live_server, username, question_id)
        # The right options are marked, in words as well as colour.
        for letter in key:
            marked = option(page, letter)
            assert "key-right" in marked.get_attribute("class")
            assert "正确答案" in marked.inner_text()

        # 单选 answered wrong: the pick is marked wrong, the key right.
        go_to(page, where["single"])
        single_key = stored_item(live_server, attempt_id, where["single"])["key"]
        letters = page.locator("#question .option .key").all_inner_texts()
        wrong = next(x for x in letters if x not in single_key)
        option(page, wrong).click()
        page.wait_for_selector("#question .feedback.wrong")
        assert "key-wrong" in option(page, wrong).get_attribute("class")
        assert "✘" in option(page, wrong).inner_text()
        assert "key-right" in option(page, single_key[0]).get_attribute("class")
        assert "正确答案" in option(page, single_key[0]).inner_text()
        save_screenshot(page, f"taking-feedback-marks-{mode}-390px.png")

        # 填空 typed, then 下一题: kept as typed, not thrown away and not graded until 确认答案.
        go_to(page, where["blank"])
        typed = stored_item(live_server, attempt_id, where["blank"])["key"]
        for box, text in zip(page.locator("#question input.blank").all(), typed, strict=True):
            box.fill(text)
        if where["blank"] < len(items):
            page.click("#next")
        else:
            page.click("#prev")
        go_to(page, where["blank"])
        assert page.locator("#question .feedback").count() == 0
        page.locator("#question button", has_text="确认答案").click()
        page.wait_for_selector("#question .feedback.right")
        assert page.locator("#question input.blank").first.input_value() == typed[0]
        assert stored_item(live_server, attempt_id, where["blank"])["correct"] is True


def _wait_stored(live_server, attempt_id: int, position: int, wanted: list[str]) -> list[str] | None:
    response = None
    for _ in range(60):
        response = stored_item(live_server, attempt_id, position)["response"]
        if response == wanted:
            break
        time.sleep(0.25)
    return response


def _type(page, text: str) -> None:
    box = page.locator("#question input.blank").first
    box.click()
    box.press_sequentially(text)


def test_a_typed_blank_is_saved_without_the_save_button_in_an_exam(browser, live_server):
    with phone_page(browser, live_server, "10107") as page:
        page.goto(f"{live_server.url}/quizzes")
        page.locator(".quiz-row", has_text=EXAM_TITLE).locator("button", has_text="开始考试").click()
        page.wait_for_url(re.compile(r"/attempts/\d+$"))
        page.wait_for_selector("#question .q-head")
        attempt_id = int(page.url.rsplit("/", 1)[1])
        blanks = [i["position"] for i in items_of(page) if i["shape"] == "blank"]
        assert len(blanks) == 5

        # 下一题 right after typing.
        go_to(page, blanks[0])
        _type(page, "甲一")
        page.click("#next")
        assert _wait_stored(live_server, attempt_id, blanks[0], ["甲一"]) == ["甲一"]

        # Enter.
        go_to(page, blanks[1])
        _type(page, "乙二")
        page.keyboard.press("Enter")
        assert _wait_stored(live_server, attempt_id, blanks[1], ["乙二"]) == ["乙二"]

        # Typing and stopping (saved while the worker pauses).
        go_to(page, blanks[2])
        _type(page, "丙三")
        assert _wait_stored(live_server, attempt_id, blanks[2], ["丙三"]) == ["丙三"]

        # Leaving the page right after typing: the text is back (and saved) on return.
        go_to(page, blanks[3])
        _type(page, "丁四")
        page.goto(f"{live_server.url}/quizzes")
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        assert _wait_stored(live_server, attempt_id, blanks[3], ["丁四"]) == ["丁四"]
        go_to(page, blanks[3])
        assert page.locator("#question input.blank").first.input_value() == "丁四"

        # 交卷 with the text still in the box: counted as answered and kept.
        go_to(page, blanks[4])
        _type(page, "戊五")
        page.click("#submit")
        ask = page.locator("#submit-dialog")
        ask.wait_for(state="visible")
        assert "还有 25 题未答" in ask.inner_text()
        ask.locator("button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        reviews = page.locator(".review-item")
        for position, text in zip(blanks, ["甲一", "乙二", "丙三", "丁四", "戊五"], strict=True):
            assert f"您的答案：{text}" in reviews.nth(position - 1).inner_text()
        assert stored_item(live_server, attempt_id, blanks[4])["response"] == ["戊五"]


def test_enter_in_a_blank_before_the_last_moves_on_and_practice_grades_only_the_whole_answer(browser, live_server):
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank import service
    from quiz.taking import attempts
    from quiz.taking.papers import Drawn
    from tests.papers import draft

    def work(db) -> int:
        user = db.session.scalar(select(User).where(User.username == "20105"))
        question = service.add_question(draft("blank", 9001, stem="入井前检查（ ）和（ ）。", answer=("自救器", "矿灯")))
        db.session.flush()
        attempt = attempts.start_drawn(user, "practice", "自选练习",
                                       [Drawn(question.id, question.current_version_id, Decimal(1))], utcnow())
        db.session.commit()
        return attempt.id

    attempt_id = _in_app(live_server, work)
    with phone_page(browser, live_server, "20105") as page:
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        boxes = page.locator("#question input.blank")
        assert boxes.count() == 2
        boxes.nth(0).fill("自救器")
        boxes.nth(0).press("Enter")
        assert page.evaluate("() => document.activeElement === document.querySelectorAll('input.blank')[1]")
        assert page.locator("#question .feedback").count() == 0
        assert stored_item(live_server, attempt_id, 1)["response"] is None  # half an answer is not graded
        boxes.nth(1).fill("矿灯")
        boxes.nth(1).press("Enter")
        page.wait_for_selector("#question .feedback.right")
        assert stored_item(live_server, attempt_id, 1)["response"] == ["自救器", "矿灯"]
