"""操作日志 in a real browser at 1366 px: an admin adds a 班组, and the log shows it with Chinese
labels; a date range entered backwards is read the right way round and says so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_an_added_team_is_in_the_log_and_a_reversed_range_is_said(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/admin/teams")
    page.fill("input[name=team-name]", "审计浏览器班")
    page.click("input[name=team-submit]")
    page.wait_for_url(f"{live_server.url}/admin/teams")
    assert "班组已添加" in page.inner_text("main")

    today = date.today()
    late, early = today + timedelta(days=1), today - timedelta(days=5)
    page.goto(f"{live_server.url}/admin/audit/?from={late}&to={early}")
    assert page.is_visible("#audit-range-note")
    assert f"已按 {early} 到 {late} 查询" in page.inner_text("#audit-range-note")
    assert page.input_value("input[name=from]") == early.isoformat()
    row = page.locator("#audit-entries tbody tr", has_text="审计浏览器班").first
    cells = row.locator("td").all_inner_texts()
    assert cells[2] == "添加班组" and cells[3].startswith("班组 #") and "审计浏览器班" in cells[4]
    table = page.inner_text("#audit-entries")
    assert "team #" not in table and "user #" not in table
    save_screenshot(page, "audit-log-1366.png")
    context.close()
