"""An admin disables a person in real Chromium with JavaScript off: 停用 asks on a page of its own,
the row then strikes the person's facts but not 启用, the admin's own row offers no 停用, and the
disabled person's right password hears that the account is disabled."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot, submit_login

pytestmark = pytest.mark.e2e

USERNAME, PASSWORD = "e2e-stop-1", "Stop-pass-2026"


def _worker(app) -> None:
    from accounts.models import Team, User
    from core.db import db
    from tests.factories import create_user

    with app.app_context():
        if db.session.scalar(select(User).where(User.username == USERNAME)) is None:
            team = db.session.scalars(select(Team).where(Team.active).order_by(Team.id)).first()
            create_user("worker", team=team, password=PASSWORD, username=USERNAME, name="停用测试")


def _style(page, selector: str) -> dict:
    return page.eval_on_selector(selector, """el => { const s = getComputedStyle(el);
        return {line: s.textDecorationLine, color: s.color}; }""")


def test_disabling_asks_first_without_javascript_and_the_way_back_looks_usable(browser, live_server) -> None:
    _worker(live_server.app)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", java_script_enabled=False)
    context.set_default_timeout(15000)
    page = context.new_page()
    admin = live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/admin/people")
    own = page.locator("tr", has=page.locator(f"td:text-is('{admin['username']}')"))
    assert own.count() == 1 and own.locator("button", has_text="停用").count() == 0

    row = page.locator("tr", has=page.locator(f"td:text-is('{USERNAME}')"))
    row.locator("button", has_text="停用").click()
    page.wait_for_selector("#confirm-step")
    assert "无法登录" in page.inner_text("#confirm-step")
    save_screenshot(page, "admin-confirm-disable.png")
    page.click("#confirm-submit")
    page.wait_for_url(f"{live_server.url}/admin/people")
    assert "已停用 停用测试" in page.inner_text("main")

    row = page.locator("tr.disabled", has=page.locator(f"td:text-is('{USERNAME}')"))
    assert row.count() == 1
    row_id = f"tr.disabled:has(td:text-is('{USERNAME}'))"
    assert "line-through" in _style(page, f"{row_id} td:first-child")["line"]
    assert "line-through" not in _style(page, f"{row_id} td.actions")["line"]
    back = _style(page, f"{row_id} td.actions button")
    assert "line-through" not in back["line"]
    assert back["color"] != _style(page, f"{row_id} td:first-child")["color"]  # not muted like the facts
    save_screenshot(page, "admin-people-disabled-row.png")
    context.close()

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    submit_login(page, live_server.url, USERNAME, PASSWORD)
    page.wait_for_selector("#login-error")
    assert "账号已停用，请联系培训员或管理员。" in page.inner_text("main")
    context.close()
