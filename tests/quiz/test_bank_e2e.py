"""A trainer imports a bank in real Chromium: upload, preview with an error row, confirm, find a question."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot
from tests.quiz.banks import STANDARD_HEADER, xlsx

pytestmark = pytest.mark.e2e


def trainer_login(live_server) -> dict:
    for role in ("unit_trainer", "team_leader", "admin"):
        try:
            return live_server.login_for(role)
        except StopIteration:
            continue
    pytest.skip("the demo has no trainer")


def test_trainer_uploads_previews_confirms_and_finds_a_question(page, live_server, tmp_path):
    bank_file = tmp_path / "综采队题库.xlsx"
    bank_file.write_bytes(
        xlsx(
            [
                STANDARD_HEADER,
                ["顶板", "单选题", "1、液压支架初撑力不足时应（ ）", "**A.补液升柱**B.继续割煤**C.不予理会", "A"],
                ["顶板", "判断题", "2、敲帮问顶应由有经验的老工人进行", "**A.正确**B.错误", "A"],
                ["顶板", "单选题", "3、答案写错的一行", "**A.甲**B.乙", "F"],
            ]
        )
    )
    live_server.sign_in(page, trainer_login(live_server))

    page.goto(f"{live_server.url}/bank/import")
    page.set_input_files("input[name=file]", str(bank_file))
    page.click("#upload-submit")
    page.wait_for_url("**/bank/import/*")
    assert page.inner_text("#count-imported") == "2"
    assert page.inner_text("#count-errors") == "1"
    errors = page.inner_text("#error-rows")
    assert "第4行" in errors and "答案F不在选项中" in errors
    save_screenshot(page, "bank-import-preview.png")

    page.click("#confirm-import")
    page.wait_for_url("**/bank/import/*/job")  # the import runs in a process of its own
    page.wait_for_url("**/bank/?batch=*", timeout=120_000)  # its start takes seconds on a busy machine
    assert "已导入2道题" in page.inner_text("main")

    page.fill("#bank-search", "初撑力")
    page.press("#bank-search", "Enter")
    page.wait_for_url("**/bank/?q=*")
    main = page.inner_text("main")
    assert "液压支架初撑力不足时应" in main and "敲帮问顶" not in main
    page.click("text=液压支架初撑力不足时应")
    assert "补液升柱" in page.inner_text("main")
