"""Instant-feedback practice in Chromium on a phone (390x844, touch): leaving a half-finished 多选
or a 填空 being typed keeps it a draft (shown again, not graded) until 确认答案 or 交卷, whose dialog
names the drafts it grades as they stand; a 多选 with some of the right options says 部分正确 and
the points; a graded 填空 has no 确认答案 under it. An unconfirmed 多选 is not counted as answered:
its cell says 未确认, a notice above the question says so with a one-tap 确认, its ticks survive a
reload, and 交卷 names it with 确认 beside it. An exam has no drafts: every tick is saved.

Uses demo worker 10203, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.conftest import save_screenshot
from tests.taking.test_answering_e2e import (
    _in_app,
    go_to,
    items_of,
    option,
    phone_page,
    start_feedback_attempt,
    stored_item,
)

pytestmark = pytest.mark.e2e

WORKER = "10203"


def item_score(live_server, attempt_id: int, position: int) -> Decimal | None:
    from quiz.taking.models import AttemptItem

    return _in_app(live_server, lambda db: db.session.query(AttemptItem).filter_by(
        attempt_id=attempt_id, position=position).one().score)


def open_attempt(page, live_server) -> tuple[int, dict]:
    attempt_id = start_feedback_attempt(live_server, WORKER, "daily")
    page.goto(f"{live_server.url}/attempts/{attempt_id}")
    page.wait_for_selector("#question .q-head")
    return attempt_id, {i["shape"]: i["position"] for i in items_of(page)}


def elsewhere(where: dict, position: int) -> int:
    return next(p for p in where.values() if p != position)


def test_leaving_a_question_keeps_its_draft_and_a_partly_right_multi_says_so(browser, live_server):
    with phone_page(browser, live_server, WORKER) as page:
        attempt_id, where = open_attempt(page, live_server)

        # 填空 typed, then 下一题/上一题 and 答题卡: still in the box, not graded.
        blank = where["blank"]
        go_to(page, blank)
        typed = stored_item(live_server, attempt_id, blank)["key"]
        for box, text in zip(page.locator("#question input.blank").all(), typed, strict=True):
            box.fill(text)
        page.click("#next" if blank < len(where) else "#prev")
        go_to(page, blank)
        assert page.locator("#question input.blank").first.input_value() == typed[0]
        assert page.locator("#question .feedback").count() == 0
        assert stored_item(live_server, attempt_id, blank)["response"] is None
        page.locator("#question button", has_text="确认答案").click()
        page.wait_for_selector("#question .feedback.right")
        assert page.locator("#question button", has_text="确认答案").count() == 0  # graded: nothing to confirm

        # 多选 with one of its right options: kept through 答题卡 and 下一题/上一题, then confirmed.
        multi = where["multi"]
        go_to(page, multi)
        key = stored_item(live_server, attempt_id, multi)["key"]
        assert len(key) >= 2
        option(page, key[0]).click()
        go_to(page, elsewhere(where, multi))
        go_to(page, multi)
        page.click("#next" if multi < len(where) else "#prev")
        go_to(page, multi)
        assert "chosen" in option(page, key[0]).get_attribute("class")
        assert page.locator("#question .feedback").count() == 0
        assert stored_item(live_server, attempt_id, multi)["response"] is None
        page.locator("#question button", has_text="确认答案").click()
        page.wait_for_selector("#question .feedback")
        score = item_score(live_server, attempt_id, multi)
        assert score is not None and 0 < score < 1
        verdict = page.inner_text("#question .verdict")
        assert f"部分正确，得 {score.normalize()} 分" in verdict and "回答错误" not in verdict
        for letter in key:
            assert "key-right" in option(page, letter).get_attribute("class")
        save_screenshot(page, "practice-partly-right-multi-390px.png")


def test_submit_grades_unconfirmed_drafts_as_they_stand_and_says_so_first(browser, live_server):
    with phone_page(browser, live_server, WORKER) as page:
        attempt_id, where = open_attempt(page, live_server)
        multi = where["multi"]
        go_to(page, multi)
        key = stored_item(live_server, attempt_id, multi)["key"]
        option(page, key[0]).click()
        go_to(page, elsewhere(where, multi))
        assert stored_item(live_server, attempt_id, multi)["response"] is None
        page.click("#submit")
        ask = page.locator("#submit-dialog")
        ask.wait_for(state="visible")
        assert f"第{multi}题多选未确认" in ask.inner_text()
        assert "还有 2 题未答" in ask.inner_text() and "按当前选择评分" in ask.inner_text()
        ask.locator("button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert stored_item(live_server, attempt_id, multi)["correct"] is False
        review = page.locator(".review-item").nth(multi - 1)
        assert "partial" in review.get_attribute("class") and "部分正确" in review.inner_text()


def picked_letters(page) -> list[str]:
    return page.locator("#question .option.chosen .key").all_inner_texts()


def test_an_unconfirmed_multi_is_not_counted_survives_a_reload_and_is_confirmed_from_the_notice(
        browser, live_server):
    """The auditor's steps: two options of a 多选 ticked, 确认答案 not pressed, another question."""
    with phone_page(browser, live_server, WORKER) as page:
        attempt_id, where = open_attempt(page, live_server)
        multi, total = where["multi"], len(where)
        go_to(page, multi)
        key = stored_item(live_server, attempt_id, multi)["key"]
        for letter in key[:2]:
            option(page, letter).click()
        go_to(page, elsewhere(where, multi))

        # Not answered yet, in the count and on its cell; said plainly, with 确认 at hand.
        assert page.inner_text("#answered").startswith(f"已答 0 / {total}")
        assert "未确认 1" in page.inner_text("#answered")
        cell = page.locator("#qmap .cell").nth(multi - 1)
        assert "answered" not in cell.get_attribute("class").split()
        assert "未确认" in cell.inner_text() and cell.get_attribute("aria-label") == f"第{multi}题，未确认"
        notice = page.locator("#drafts")
        assert notice.is_visible() and f"第{multi}题的选择还没有确认" in notice.inner_text()
        save_screenshot(page, "practice-unconfirmed-multi-390px.png")

        # The ticks are still there after a reload of the page, still not sent.
        page.reload()
        page.wait_for_selector("#question .q-head")
        # the drafts come back from the server after the page has drawn: wait for them, as a person would
        expect(page.locator("#qmap .cell").nth(multi - 1)).to_contain_text("未确认")
        go_to(page, multi)
        assert picked_letters(page) == sorted(key[:2])
        assert page.locator("#drafts").is_hidden()  # the question on screen has its own 确认答案
        assert stored_item(live_server, attempt_id, multi)["response"] is None

        # One tap on 确认 in the notice grades it and shows its feedback.
        go_to(page, elsewhere(where, multi))
        assert f"第{multi}题的选择还没有确认" in page.inner_text("#drafts")
        page.locator("#drafts button", has_text="确认").click()
        page.wait_for_selector(f"#question .q-head:has-text('第 {multi} /')")
        page.wait_for_selector("#question .feedback")
        assert stored_item(live_server, attempt_id, multi)["response"] is not None
        assert page.inner_text("#answered") == f"已答 1 / {total}"
        assert page.locator("#drafts").is_hidden()


def test_submit_names_the_unconfirmed_question_and_confirms_it_in_one_tap(browser, live_server):
    with phone_page(browser, live_server, WORKER) as page:
        attempt_id, where = open_attempt(page, live_server)
        multi = where["multi"]
        go_to(page, multi)
        key = stored_item(live_server, attempt_id, multi)["key"]
        for letter in key:
            option(page, letter).click()
        page.click("#submit")  # still on the 多选 itself
        ask = page.locator("#submit-dialog")
        ask.wait_for(state="visible")
        assert f"第{multi}题多选未确认" in ask.inner_text()
        save_screenshot(page, "practice-submit-unconfirmed-390px.png")
        ask.locator("button", has_text="确认").first.click()
        ask.locator(f"text=第{multi}题已确认").wait_for()
        assert stored_item(live_server, attempt_id, multi)["correct"] is True
        assert "未确认" not in ask.inner_text()
        ask.locator("button", has_text="返回作答").click()
        assert ask.is_hidden()
        page.wait_for_selector("#question .feedback.right")  # graded on screen as well
        assert stored_item(live_server, attempt_id, where["single"])["response"] is None


def start_exam_with_a_multi(live_server, username: str) -> tuple[int, int]:
    """An exam paper of one 多选 and one 单选 for the worker's team, started; the paper is closed by
    the caller when done (an open exam keeps its questions from the team's practice)."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank.models import Question, QuestionVersion
    from quiz.taking import attempts
    from tests.papers import picked_paper

    def work(db) -> tuple[int, int]:
        user = db.session.scalar(select(User).where(User.username == username))
        now = utcnow()
        picks = [db.session.execute(
            select(Question.id, Question.current_version_id)
            .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
            .where(QuestionVersion.type == shape).order_by(Question.id.desc()).limit(1)).one()
            for shape in ("multi", "single")]
        paper = picked_paper(picks, user.team_id, now, title=f"多选考试 {username}", time_limit_minutes=30)
        attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id, paper.id

    return _in_app(live_server, work)


def wait_response(live_server, attempt_id: int, position: int) -> list[str] | None:
    response = None
    for _ in range(40):
        response = stored_item(live_server, attempt_id, position)["response"]
        if response is not None:
            break
        time.sleep(0.25)
    return response


def close_paper(live_server, paper_id: int) -> None:
    from core.db import utcnow
    from quiz.taking.models import Paper

    def work(db) -> None:
        db.session.get(Paper, paper_id).closes_at = utcnow()
        db.session.commit()

    _in_app(live_server, work)


def test_an_exam_saves_every_tick_of_a_multi_with_no_confirm_step(browser, live_server):
    attempt_id, paper_id = start_exam_with_a_multi(live_server, WORKER)
    try:
        with phone_page(browser, live_server, WORKER) as page:
            page.goto(f"{live_server.url}/attempts/{attempt_id}")
            page.wait_for_selector("#question .q-head")
            assert page.locator("#question button", has_text="确认答案").count() == 0
            option(page, "A").click()
            go_to(page, 2)
            assert page.inner_text("#answered") == "已答 1 / 2"
            assert "未确认" not in page.inner_text("#qmap") and page.locator("#drafts").is_hidden()
            assert wait_response(live_server, attempt_id, 1) is not None
    finally:
        close_paper(live_server, paper_id)
