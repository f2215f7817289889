"""Taking quizzes in real Chromium on a 360 px phone screen (issue 11, "Must show").

Each test signs in as a different demo worker of 综采一队·回收班, since the live server (and its
database) is shared by every end-to-end test of the session.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
PRACTICE_TITLE = "班前安全练习（演示）"
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"
# A function (not an expression string: the app's CSP forbids eval, which Playwright would use).
SAVED = "() => document.getElementById('save-state').textContent === '已保存'" \
        " && !document.querySelector('#qmap .cell.unsaved')"


@contextmanager
def phone(browser, live_server):
    """A phone-sized context that must not fetch anything from outside the app."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    outside: list[str] = []
    context.on("request", lambda r: r.url.startswith(live_server.url) or r.url.startswith("data:")
               or outside.append(r.url))
    try:
        yield context
    finally:
        context.close()
    assert not outside, f"pages requested outside resources: {outside}"


def sign_in(context, live_server, username: str):
    login = next(x for x in live_server.logins if x["username"] == username)
    assert login["team"].endswith("回收班") and login["role"] == "worker", login
    page = context.new_page()
    live_server.sign_in(page, login)
    return page


def open_quiz(page, live_server, title: str, button: str) -> int:
    """From 考试练习, press `button` on the row of `title`; returns the attempt id."""
    page.goto(f"{live_server.url}/quizzes")
    row = page.locator(".quiz-row", has_text=title)
    row.locator("a.button, button", has_text=button).click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    page.wait_for_selector("#question .q-head")
    return int(page.url.rsplit("/", 1)[1])


def shown_key(live_server, attempt_id: int, position: int) -> list[str]:
    """The key of one question as the worker's (shuffled) options show it, read from the database."""
    from core.db import db
    from quiz.taking.attempts import to_shown
    from quiz.taking.models import AttemptItem

    with live_server.app.app_context():
        item = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id, position=position).one()
        key = to_shown(item, list(item.version.answer))
        db.session.remove()
    return key


def remaining(page) -> int:
    m, s = re.fullmatch(r"剩余 (\d+):(\d\d)", page.inner_text("#timer")).groups()
    return int(m) * 60 + int(s)


def answer_current(page) -> None:
    """Answer the question on screen (first option; first two for 多选; a number for 填空) and wait for the save."""
    if page.locator("#question input.blank").count():
        for box in page.locator("#question input.blank").all():
            box.fill("2")
        page.click("#question button:has-text('保存答案')")
    else:
        options = page.locator("#question .option")
        options.nth(0).click()
        if "多选" in page.inner_text("#question .q-head"):
            options.nth(1).click()
    page.wait_for_function(SAVED)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_practice_gives_feedback_and_leads_to_the_cited_article(browser, live_server):
    with phone(browser, live_server) as context:
        page = sign_in(context, live_server, "10103")
        attempt_id = open_quiz(page, live_server, PRACTICE_TITLE, "开始练习")
        assert page.inner_text("#timer") == ""  # practice has no clock

        # A wrong answer on purpose: the verdict names the right key, with the explanation.
        key = shown_key(live_server, attempt_id, 1)
        options = page.locator("#question .option")
        letters = [options.nth(i).locator(".key").inner_text() for i in range(options.count())]
        wrong = next(x for x in letters if x not in key)
        options.filter(has_text=re.compile(f"^{wrong}")).first.click()
        page.wait_for_selector("#question .feedback.wrong")
        assert page.inner_text("#question .verdict") == "✘ 回答错误，正确答案：" + "；".join(key)
        assert len(page.inner_text("#question .feedback .hint")) > 10  # the explanation
        assert page.locator("#question .option:disabled").count() == options.count()  # first answer counts
        assert "wrong" in page.get_attribute("#qmap li:nth-child(1) .cell", "class")
        no_sideways_scroll(page)

        # The next one answered right.
        page.click("#next")
        key = shown_key(live_server, attempt_id, 2)
        page.locator("#question .option").filter(has_text=re.compile(f"^{key[0]}")).first.click()
        page.wait_for_selector("#question .feedback.right")
        assert page.inner_text("#question .verdict") == "✔ 回答正确"
        assert page.inner_text("#question .feedback .hint")
        source = page.locator("#question .feedback a.source")
        citation = source.inner_text().removeprefix("查看出处").strip()
        assert re.fullmatch(r"《[^》]+》\S*", citation), citation
        no_sideways_scroll(page)
        save_screenshot(page, "taking-practice-feedback-360px.png")

        # 查看出处 opens the very article the question cites.
        source.click()
        page.wait_for_url("**/kb/article/**")
        heading = page.inner_text("article h1")
        section = page.locator("article h2")
        shown = heading + (section.first.inner_text() if section.count() else "")
        # A case article's section is cited by its document alone (《…事故》); the page adds the section.
        assert shown == citation or (citation.endswith("》") and shown.startswith(citation)), (shown, citation)
        assert page.inner_text("article .article-text").strip()
        assert f"出处：{citation}" in page.inner_text("article")
        no_sideways_scroll(page)

        # Back on the taking page, both verdicts are still there.
        page.go_back()
        page.wait_for_selector("#question .q-head")
        cells = page.locator("#qmap .cell")
        assert "wrong" in cells.nth(0).get_attribute("class")
        assert "right" in cells.nth(1).get_attribute("class")


def test_exam_survives_a_closed_browser_and_is_scored_and_charted(browser, live_server):
    username = "10104"
    chosen: dict[int, str] = {}
    with phone(browser, live_server) as context:
        page = sign_in(context, live_server, username)
        attempt_id = open_quiz(page, live_server, EXAM_TITLE, "开始考试")
        assert page.locator("#qmap .cell").count() == 30
        assert 29 * 60 <= remaining(page) <= 30 * 60
        for position in (1, 2, 3):
            option = page.locator("#question .option").nth(position % 2)
            chosen[position] = option.locator(".key").inner_text()
            option.click()
            page.wait_for_function(SAVED)
            assert page.inner_text("#save-state") == "已保存"
            page.click("#next")
        assert page.inner_text("#answered") == "已答 3 / 30"
    # The browser is gone (context closed) in the middle of the exam.

    with phone(browser, live_server) as context:
        page = sign_in(context, live_server, username)
        assert open_quiz(page, live_server, EXAM_TITLE, "继续答题") == attempt_id
        assert page.inner_text("#save-state") == "已恢复 3 题的答案"
        assert page.inner_text("#answered") == "已答 3 / 30"
        cells = page.locator("#qmap .cell")
        assert [("answered" in cells.nth(i).get_attribute("class")) for i in range(5)] == [True] * 3 + [False] * 2
        assert "current" in cells.nth(3).get_attribute("class")  # resumes at the first unanswered question
        for position, letter in chosen.items():
            cells.nth(position - 1).click()
            assert page.locator("#question .option.chosen .key").all_inner_texts() == [letter]
        # The clock kept running on the server and still runs here.
        left = remaining(page)
        assert 0 < left < 30 * 60
        time.sleep(2.2)
        assert remaining(page) < left

        cells.nth(3).click()
        for _ in range(4, 31):
            answer_current(page)
            if page.is_enabled("#next"):
                page.click("#next")
        assert page.inner_text("#answered") == "已答 30 / 30"
        page.click("#submit")  # asked in the page's own dialog, with nothing left unanswered to name
        ask = page.locator("#submit-dialog")
        ask.wait_for(state="visible")
        assert "确定交卷吗？" in ask.inner_text() and "未答" not in ask.inner_text()
        ask.locator("button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        score = float(page.inner_text("[data-testid=score]"))
        assert 0 <= score <= 100
        assert page.locator(".review-item").count() == 30
        assert re.search(r"(合格|不合格)", page.inner_text(".result-head"))
        no_sideways_scroll(page)
        save_screenshot(page, "taking-result-360px.png")

        page.click("text=我的成绩")
        page.wait_for_url("**/history")
        page.wait_for_selector("#score-chart[data-drawn]")
        assert int(page.get_attribute("#score-chart", "data-drawn")) >= 1
        assert page.locator("#score-chart canvas").count() >= 1
        row = page.locator("tbody tr", has_text=EXAM_TITLE)
        assert "不合格" in row.inner_text() or "合格" in row.inner_text()
        # The chart's date is the mine's local date, the same as the table's.
        day = json.loads(page.inner_text("#series-data"))[-1]["day"]
        assert re.search(r"\d\d-\d\d", row.inner_text()).group().replace("-", "/") == day
        no_sideways_scroll(page)
        save_screenshot(page, "taking-history-360px.png")

        # The attempt is closed: its taking page now shows the result, and it is counted.
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        page.goto(f"{live_server.url}/quizzes")
        assert "已交卷1/2次" in page.locator(".quiz-row", has_text=EXAM_TITLE).inner_text()


def test_an_answer_chosen_offline_is_saved_when_the_network_returns(browser, live_server):
    with phone(browser, live_server) as context:
        page = sign_in(context, live_server, "10105")
        attempt_id = open_quiz(page, live_server, EXAM_TITLE, "开始考试")
        api = f"{live_server.url}/api/v1/attempts/{attempt_id}/items/1"
        assert page.request.get(api).json()["answer"] == []

        context.set_offline(True)
        option = page.locator("#question .option").nth(2)
        letter = option.locator(".key").inner_text()
        option.click()
        page.wait_for_selector("#save-state.unsaved")
        assert page.inner_text("#save-state").startswith("未保存")
        assert page.is_visible("#retry")
        assert "chosen" in option.get_attribute("class")
        assert "unsaved" in page.get_attribute("#qmap li:nth-child(1) .cell", "class")
        save_screenshot(page, "taking-offline-360px.png")

        context.set_offline(False)
        page.wait_for_function(SAVED)
        assert page.is_hidden("#retry")
        saved = page.request.get(api).json()
        assert saved["answer"] == [letter] and saved["saved_at"]


def test_taking_page_fits_a_phone_with_large_touch_targets(browser, live_server):
    with phone(browser, live_server) as context:
        page = sign_in(context, live_server, "10106")
        page.goto(f"{live_server.url}/quizzes")
        no_sideways_scroll(page)
        open_quiz(page, live_server, EXAM_TITLE, "开始考试")
        shapes = set()
        for position in range(1, 31):
            head = page.inner_text("#question .q-head")
            assert f"第 {position} / 30 题" in head
            shapes.add(head.split()[0])
            no_sideways_scroll(page)
            for target in page.locator("#question .option, #question input.blank, #question button").all():
                box = target.bounding_box()
                assert box["height"] >= 44, f"question {position}: a touch target is {box['height']}px tall"
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            if position < 30:
                page.click("#next")
        assert {"单选题", "多选题", "判断题", "填空题"} <= shapes, shapes
        for selector in ("#prev", "#next", "#submit", "#qmap .cell"):
            assert page.locator(selector).first.bounding_box()["height"] >= 44, selector
        save_screenshot(page, "taking-question-360px.png")
