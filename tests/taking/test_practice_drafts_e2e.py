"""Instant-feedback practice in Chromium on a phone (390x844, touch): leaving a half-finished 多选
or a 填空 being typed keeps it a draft (shown again, not graded) until 确认答案 or 交卷, whose dialog
says how many drafts it grades as they stand; a 多选 with some of the right options says 部分正确
and the points; a graded 填空 has no 确认答案 under it.

Uses demo worker 10203, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

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
        dialogs: list[str] = []
        page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
        page.click("#submit")
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert dialogs == ["还有 2 题未答；还有 1 题未确认，将按当前选择评分，确定交卷吗？"]
        assert stored_item(live_server, attempt_id, multi)["correct"] is False
        review = page.locator(".review-item").nth(multi - 1)
        assert "partial" in review.get_attribute("class") and "部分正确" in review.inner_text()
