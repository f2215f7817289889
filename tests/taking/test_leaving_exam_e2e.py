"""Leaving an unfinished exam in Chromium on a phone (390x844, touch): the page's own links and the
browser's Back ask first (answers are saved either way); /quizzes shows the sitting as in progress
and counts only handed-in sittings; leaving the page and coming back counts as leaving (离开页面).

Uses demo worker 10202, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

import pytest

from tests.taking.test_answering_e2e import phone_page
from tests.taking.test_two_pages_e2e import start_exam, wait_stored

pytestmark = pytest.mark.e2e

WORKER = "10202"
LEAVE = "考试还没有交卷，确定离开吗？"


def test_leaving_an_unfinished_exam_asks_first_and_is_counted(browser, live_server):
    attempt_id = start_exam(live_server, WORKER)
    with phone_page(browser, live_server, WORKER) as page:
        page.goto(f"{live_server.url}/quizzes")
        row = page.locator(".quiz-row", has_text=f"两个页面 {WORKER}")
        assert "进行中，可继续答题" in row.inner_text() and "已交卷0/1次" in row.inner_text()
        row.locator("a", has_text="继续答题").click()
        page.wait_for_selector("#question .q-head")
        page.locator("#question .option").first.click()
        assert wait_stored(live_server, attempt_id, 1, ["A"]) == ["A"]

        asked: list[tuple[str, str]] = []

        def stay(dialog):
            asked.append((dialog.type, dialog.message))
            dialog.dismiss()

        page.on("dialog", stay)
        page.locator("header a[href='/']").first.click()  # the page's own link: asked, and staying stays
        assert asked and asked[0] == ("confirm", asked[0][1]) and LEAVE in asked[0][1]
        assert page.url.endswith(f"/attempts/{attempt_id}")
        page.remove_listener("dialog", stay)

        prompts: list[str] = []
        page.on("dialog", lambda d: (prompts.append(d.type), d.accept()))
        page.go_back()  # the browser's Back: its own prompt, accepted
        page.wait_for_url(f"{live_server.url}/quizzes")
        assert prompts == ["beforeunload"]
        row = page.locator(".quiz-row", has_text=f"两个页面 {WORKER}")
        assert "进行中，可继续答题" in row.inner_text() and "已交卷0/1次" in row.inner_text()
        row.locator("a", has_text="继续答题").click()
        page.wait_for_selector("#question .q-head")
        page.reload()  # a reload is not leaving
        page.wait_for_selector("#question .q-head")
        page.click("#submit")
        page.locator("#submit-dialog button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert "离开页面 1 次" in page.inner_text("main")
        page.goto(f"{live_server.url}/quizzes")
        assert "已交卷1/1次" in page.locator(".quiz-row", has_text=f"两个页面 {WORKER}").inner_text()
