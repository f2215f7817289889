"""The library's admin pages in a real browser (1366x768): the upload form states its limits and
accepts every readable extension, an oversized upload ends on a page that leads back to the form,
a revised mine document keeps the earlier version's type, links to it under 历史版本, and the
新版本 form is labelled."""

from __future__ import annotations

import pytest

from corpus.readers import SUPPORTED_SUFFIXES
from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e
OLD = (
    "# 青石矿灯房管理规定\n\n（2025年3月1日青石矿安全办公室印发）\n\n"
    "第一条 入井人员本人领取矿灯。\n\n第二条 升井后二小时内交回矿灯。\n"
)
REVISED = "# 青石矿灯房管理规定\n\n（2026年10月1日修订）\n\n第一条 入井人员刷脸领取矿灯。\n\n第二条 升井后一小时内交回矿灯。\n"


def _upload(page, url: str, path) -> None:
    page.goto(f"{url}/library/")
    page.set_input_files("input[name=files]", str(path))
    page.click("input[type=submit][value=上传并导入]")
    page.wait_for_url("**/library/jobs/*")
    page.wait_for_selector("#job-documents", timeout=120_000)


def test_library_upload_limits_versions_and_the_newer_version_form(page, live_server, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/library/")
    accept = page.get_attribute("input[name=files]", "accept") or ""
    assert set(accept.split(",")) == set(SUPPORTED_SUFFIXES)  # .text too, as the help text says
    assert "一次上传合计不超过 1 MB" in page.inner_text("#upload-limit")

    big = tmp_path / "大文件.txt"
    big.write_bytes(("第一条 重复的文字。\n" * 80_000).encode("utf-8"))
    page.set_input_files("input[name=files]", str(big))
    page.click("input[type=submit][value=上传并导入]")
    page.wait_for_selector("#error-back")
    assert "1 MB" in page.inner_text("main")
    save_screenshot(page, "library_upload_too_big.png")
    page.click("#error-back")
    page.wait_for_url("**/library/")
    live_server.app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024

    old, revised = tmp_path / "青石矿灯房管理规定.md", tmp_path / "青石矿灯房管理规定（2026年修订）.md"
    old.write_text(OLD, encoding="utf-8")
    revised.write_text(REVISED, encoding="utf-8")
    _upload(page, live_server.url, old)
    page.click("#job-documents a")
    page.wait_for_url("**/library/*")
    assert "企业制度" in page.inner_text("dl.facts")
    page.select_option("select[name=doc_type]", "新闻/通知")  # the admin's choice carries over
    page.click("#type-submit")
    _upload(page, live_server.url, revised)
    page.click("#job-documents a")
    page.wait_for_url("**/library/*")
    assert "新闻/通知" in page.inner_text("dl.facts")
    history = page.locator("section.history")
    assert "历史版本" in history.inner_text() and "已被新版本取代" in history.inner_text()

    form = page.locator("form.newer-version")
    assert form.locator("legend").inner_text() == "登记新版本"
    assert page.get_by_label("新版本名称或文号").is_visible() and page.get_by_label("施行日期").is_visible()
    assert "自动标为已被取代" in form.inner_text()
    save_screenshot(page, "library_document_versions.png")
    history.locator("a").first.click()
    page.wait_for_url("**/library/*")
    assert "现行版本" in page.inner_text("main")
