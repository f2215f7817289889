"""An unconfirmed 多选 or 填空 of an instant-feedback sitting is never silently lost (Chromium on a
phone, 390x844): the ticks and the typed text come back after a reload and after leaving the page
and coming back in the same browser, and — kept on the server as a draft, never graded — in another
browser (another device, or storage cleared); the header never says 已保存 for a draft; 交卷 asks in
the page's own dialog even when only unanswered questions are left.

Uses demo worker 20205, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot
from tests.taking.test_answering_e2e import go_to, items_of, option, phone_page, start_feedback_attempt, stored_item
from tests.taking.test_practice_drafts_e2e import picked_letters

pytestmark = pytest.mark.e2e

WORKER = "20205"


def opened(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_selector("#question .q-head")
    return {i["shape"]: i["position"] for i in items_of(page)}


def left_unconfirmed(page, live_server, attempt_id: int, where: dict) -> list[str]:
    """Two options of the 多选 ticked and 20 typed in the 填空, neither confirmed; the ticks returned."""
    go_to(page, where["multi"])
    ticks = sorted(stored_item(live_server, attempt_id, where["multi"])["key"][:2])
    for letter in ticks:
        option(page, letter).click()
    go_to(page, where["blank"])
    page.locator("#question input.blank").first.fill("20")
    return ticks


def still_there(page, where: dict, ticks: list[str]) -> None:
    for position in (where["multi"], where["blank"]):
        cell = page.locator("#qmap .cell").nth(position - 1)
        assert "未确认" in cell.inner_text(), cell.inner_text()
    go_to(page, where["multi"])
    assert picked_letters(page) == ticks
    assert page.locator("#question .feedback").count() == 0
    go_to(page, where["blank"])
    assert page.locator("#question input.blank").first.input_value() == "20"
    assert "已保存" not in page.inner_text("#save-state").replace("草稿已保存", "")


def test_the_same_browser_keeps_the_draft_through_a_reload_and_leaving_and_coming_back(browser, live_server):
    attempt_id = start_feedback_attempt(live_server, WORKER, "daily")
    url = f"{live_server.url}/attempts/{attempt_id}"
    with phone_page(browser, live_server, WORKER) as page:
        where = opened(page, url)
        ticks = left_unconfirmed(page, live_server, attempt_id, where)
        page.reload()
        page.wait_for_selector("#question .q-head")
        still_there(page, where, ticks)
        page.goto(f"{live_server.url}/quizzes")  # left the page ...
        page.wait_for_load_state("networkidle")
        opened(page, url)  # ... and came back
        still_there(page, where, ticks)
        page.go_back()
        page.go_forward()
        page.wait_for_selector("#question .q-head")
        still_there(page, where, ticks)
    for position in (where["multi"], where["blank"]):
        assert stored_item(live_server, attempt_id, position)["response"] is None  # a draft, not an answer


def test_another_browser_restores_the_draft_and_confirming_there_grades_it(browser, live_server):
    attempt_id = start_feedback_attempt(live_server, WORKER, "preshift")
    url = f"{live_server.url}/attempts/{attempt_id}"
    with phone_page(browser, live_server, WORKER) as phone:
        where = opened(phone, url)
        # One answer confirmed (已保存), then the drafts: the header says 未确认, never 已保存.
        go_to(phone, where["single"])
        option(phone, "A").click()
        phone.wait_for_selector("#question .feedback")
        phone.wait_for_selector("#save-state:has-text('已保存')")
        ticks = left_unconfirmed(phone, live_server, attempt_id, where)
        go_to(phone, where["single"])
        phone.wait_for_selector("#save-state:has-text('草稿已保存')")
        header = phone.inner_text("#save-state")
        assert header.startswith("未确认 2 题") and "已保存" not in header.replace("草稿已保存", ""), header
        save_screenshot(phone, "practice-draft-header-390px.png")

        with phone_page(browser, live_server, WORKER) as pc:  # the team-room PC: another browser
            opened(pc, url)
            assert "未确认 2 题" in pc.inner_text("#save-state")
            still_there(pc, where, ticks)
            assert pc.inner_text("#answered").startswith("已答 1 / 3")
            for position in (where["multi"], where["blank"]):
                assert stored_item(live_server, attempt_id, position)["response"] is None
            go_to(pc, where["multi"])
            pc.locator("#question button", has_text="确认答案").click()
            pc.wait_for_selector("#question .feedback")
            assert stored_item(live_server, attempt_id, where["multi"])["response"] is not None

        # Back on the phone: the question confirmed on the PC shows its verdict, not the old draft.
        phone.reload()
        phone.wait_for_selector("#question .q-head")
        go_to(phone, where["multi"])
        phone.wait_for_selector("#question .feedback")
        assert "未确认" not in phone.locator("#qmap .cell").nth(where["multi"] - 1).inner_text()
        assert "未确认" in phone.locator("#qmap .cell").nth(where["blank"] - 1).inner_text()


def test_submit_with_only_unanswered_questions_asks_in_the_page(browser, live_server):
    attempt_id = start_feedback_attempt(live_server, WORKER, "daily")
    with phone_page(browser, live_server, WORKER) as page:
        opened(page, f"{live_server.url}/attempts/{attempt_id}")
        asked: list[str] = []
        page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
        page.click("#submit")
        ask = page.locator("#submit-dialog")
        ask.wait_for(state="visible")
        assert "还有 3 题未答" in ask.inner_text() and asked == []
        ask.locator("button", has_text="返回作答").click()
        assert ask.is_hidden() and page.url.endswith(f"/attempts/{attempt_id}")
        page.click("#submit")
        ask.locator("button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert asked == []
