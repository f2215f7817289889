"""The roster import's result in real Chromium: printing shows only the new people's password table
(工号, 姓名, 班组, 初始密码), 下载 Excel saves the same rows, and coming back to the page says the
passwords were shown once."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

pytestmark = pytest.mark.e2e

# What is on screen in print media: the visible headings and table headers.
VISIBLE = """() => [...document.querySelectorAll("h1, h2, th, .notice, nav, .button")]
  .filter(el => el.offsetParent !== null || getComputedStyle(el).position === "fixed")
  .map(el => el.innerText.trim())"""


def _roster(tmp_path):
    book = Workbook()
    for row in (("工号", "姓名", "区队", "班组"), ("77091", "打印测试甲", "打印测试队", "打印班")):
        book.active.append(row)
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    return path


def test_the_password_table_prints_alone_and_downloads_once(page, live_server, tmp_path):
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/admin/roster")
    page.set_input_files("input[type=file]", str(_roster(tmp_path)))
    page.check("input[name=create_teams]")
    page.click("input[type=submit][value='上传并预览']")
    page.click("#confirm-import")
    page.wait_for_selector("text=新人员的初始密码")
    result_url = page.url
    row = page.locator("tr", has_text="77091")
    assert "打印测试甲" in row.inner_text() and "打印测试队 · 打印班" in row.inner_text()
    password = row.locator("code").inner_text()

    with page.expect_download() as info:
        page.click("text=下载 Excel")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(open(download.path(), "rb").read())).active.iter_rows()]
    assert rows == [["工号", "姓名", "班组", "初始密码"], ["77091", "打印测试甲", "打印测试队 · 打印班", password]]

    page.emulate_media(media="print")
    shown = page.evaluate(VISIBLE)
    assert "新人员的初始密码" in shown and "初始密码" in shown and "姓名" in shown
    assert "花名册导入完成" not in shown and "打印" not in shown and "下载 Excel" not in shown
    assert not any("请把初始密码分发给本人" in text for text in shown)
    page.emulate_media(media="screen")

    page.goto(result_url)
    assert "初始密码只显示一次。如需重设，请在人员管理中为此人重设密码。" in page.inner_text("main")
    assert password not in page.content()
    page.click("text=去人员管理")
    page.wait_for_url(f"{live_server.url}/admin/people*")
