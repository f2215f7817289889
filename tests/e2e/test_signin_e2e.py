"""Sign-in in a real browser: roster-imported worker, demo worker, wrong password, phone layout."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from tests.conftest import save_screenshot, submit_login

pytestmark = pytest.mark.e2e




def test_roster_imported_worker_must_change_password(page, live_server, tmp_path):
    book = Workbook()
    book.active.append(["工号", "姓名", "区队", "班组", "工种"])
    book.active.append(["77001", "牛春生", "综采一队", "回收班", "支架工"])
    book.save(tmp_path / "roster.xlsx")
    result = live_server.app.test_cli_runner().invoke(args=["import-roster", str(tmp_path / "roster.xlsx"), "--json"])
    password = json.loads(result.output)["passwords"][0]["password"]

    submit_login(page, live_server.url, "77001", password)
    page.wait_for_url("**/password")
    assert "首次登录" in page.content()
    page.fill("input[name=current]", password)
    page.fill("input[name=password]", "Niu-chun-2026")
    page.fill("input[name=confirm]", "Niu-chun-2026")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "您好，牛春生" in page.inner_text("main")
    assert "综采一队 · 回收班" in page.inner_text("main")


def test_demo_worker_signs_in_with_printed_password_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    worker = live_server.login_for("worker")
    submit_login(page, live_server.url, worker["username"], worker["password"])
    page.wait_for_url(f"{live_server.url}/")
    assert f"您好，{worker['name']}" in page.inner_text("main")
    # Nothing overflows sideways on a 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot = save_screenshot(page, "home-360px.png")
    assert shot.stat().st_size > 5000
    context.close()


def test_wrong_password_shows_the_error(page, live_server):
    worker = live_server.login_for("worker")
    submit_login(page, live_server.url, worker["username"], "not-the-password")
    assert page.inner_text("#login-error") == "工号或密码错误。"
    assert page.url.endswith("/login")


def test_a_phone_user_can_sign_out_of_the_forced_password_change(browser, live_server, tmp_path):
    book = Workbook()
    book.active.append(["工号", "姓名", "区队", "班组", "工种"])
    book.active.append(["77002", "牛秋生", "综采一队", "回收班", "支架工"])
    book.save(tmp_path / "roster.xlsx")
    result = live_server.app.test_cli_runner().invoke(args=["import-roster", str(tmp_path / "roster.xlsx"), "--json"])
    password = json.loads(result.output)["passwords"][0]["password"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    submit_login(page, live_server.url, "77002", password)
    page.wait_for_url("**/password")
    sign_out = page.get_by_role("button", name="退出")
    assert sign_out.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "password-sign-out-390px.png")
    sign_out.tap()
    page.wait_for_url("**/login")
    assert "您已退出登录" in page.inner_text("main")
    page.goto(f"{live_server.url}/password")
    assert page.url.startswith(f"{live_server.url}/login")
    context.close()
