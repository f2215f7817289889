"""手动选题 in real Chromium on a phone (390 × 844, touch): a trainer ticks three approved questions on
the bank list, 加入试卷 → 新建试卷, and finds exactly them on the new paper's edit page, with 移除.
The paper stays a draft (the live server's database is shared by every end-to-end test)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import save_screenshot
from tests.quiz.test_bank_e2e import trainer_login

pytestmark = pytest.mark.e2e


def test_a_trainer_picks_ticked_questions_into_a_new_paper_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, trainer_login(live_server))
        page.goto(f"{live_server.url}/bank/?status=approved")
        boxes = page.locator("input[name=ids]")
        assert boxes.count() >= 3
        ticked = [boxes.nth(n).get_attribute("value") for n in range(3)]
        for n in range(3):
            boxes.nth(n).tap()
        page.locator("#pick-submit").tap()
        page.wait_for_url("**/papers/pick")
        assert "把勾选的 3 道题" in page.inner_text("main")
        page.locator("input[name=paper][value=new]").check()
        page.fill("input[name=title]", "手动选题（端到端）")
        page.get_by_role("button", name="加入", exact=True).tap()
        page.wait_for_url(re.compile(r"/papers/\d+/edit#picked$"))
        picked = page.locator("#picked")
        assert "已加入3道题" in page.inner_text("main")
        rows = picked.locator("table.picked-questions tbody tr")
        assert sorted(rows.nth(n).locator("td").first.inner_text() for n in range(rows.count())) == sorted(ticked)
        save_screenshot(page, "paper-picked-phone.png")

        with page.expect_navigation():
            picked.get_by_role("button", name=f"移除第{ticked[0]}题").tap()
        assert f"已移除第{ticked[0]}题" in page.inner_text("main")
        rows = page.locator("#picked table.picked-questions tbody tr")
        assert sorted(rows.nth(n).locator("td").first.inner_text() for n in range(rows.count())) == sorted(ticked[1:])
    finally:
        context.close()
